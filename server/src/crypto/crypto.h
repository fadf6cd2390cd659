#pragma once
// Passwords (argon2id via libsodium), random tokens and digests. Hashing a password costs ~100 ms on
// purpose: call it on the worker pool, never on an I/O thread.
#include <string>
#include <string_view>

namespace baoan::crypto {

void init();  // once at start-up
std::string hashPassword(std::string_view password);
bool verifyPassword(std::string_view password, const std::string& hash);
// A hash that matches no password, verified against when the account does not exist so that the
// response time does not reveal which accounts exist.
const std::string& dummyHash();
std::string randomToken(std::size_t bytes = 32);  // hex
std::string randomDigits(int n);
std::string sha256Hex(std::string_view data);
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace baoan::crypto
