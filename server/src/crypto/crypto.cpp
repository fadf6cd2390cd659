#include "crypto/crypto.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>

namespace baoan::crypto {

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

namespace {
HashCost g_hashCost = HashCost::Interactive;
}

void setPasswordHashCost(HashCost cost) { g_hashCost = cost; }

bool parseHashCost(std::string_view text, HashCost& out) {
  if (text == "interactive") out = HashCost::Interactive;
  else if (text == "minimum") out = HashCost::Minimum;
  else return false;
  return true;
}

std::string hashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  const bool minimum = g_hashCost == HashCost::Minimum;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        minimum ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        minimum ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummyHash() {
  static const std::string h = hashPassword(randomToken(16));
  return h;
}

std::string randomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string randomDigits(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + randombytes_uniform(10));
  return s;
}

std::string sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += digits[md[i] >> 4];
    out += digits[md[i] & 15];
  }
  return out;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the length counts the terminating NUL
  return out;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace baoan::crypto
