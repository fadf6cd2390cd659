#pragma once
// Passwords (argon2id via libsodium), random tokens and digests. Hashing a password costs ~100 ms on
// purpose: call it on the worker pool, never on an I/O thread.
#include <string>
#include <string_view>

namespace baoan::crypto {

void init();  // once at start-up
// The work factor of new password hashes. Interactive (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB,
// ~0.1 s) is the only one for a deployment. Minimum exists for the test servers, which create and sign in
// thousands of accounts per run: the same argon2id, the same code paths and hash format, only the cost
// differs (a hash records its own parameters, so every hash verifies under either setting).
enum class HashCost { Interactive, Minimum };
void setPasswordHashCost(HashCost cost);  // before the first hash; process-wide
bool parseHashCost(std::string_view text, HashCost& out);  // "interactive" | "minimum"
std::string hashPassword(std::string_view password);
bool verifyPassword(std::string_view password, const std::string& hash);
// A hash that matches no password, verified against when the account does not exist so that the
// response time does not reveal which accounts exist.
const std::string& dummyHash();
std::string randomToken(std::size_t bytes = 32);  // hex
std::string randomDigits(int n);
std::string sha256Hex(std::string_view data);
std::string base64(std::string_view bytes);  // standard alphabet, padded (RFC 4648 §4)
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace baoan::crypto
