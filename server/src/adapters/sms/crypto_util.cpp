#include "adapters/sms/crypto_util.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace baoan::sms {

namespace {
std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), out, &len))
    throw std::runtime_error("HMAC failed");
  return std::string(reinterpret_cast<const char*>(out), len);
}
}  // namespace

std::string hmacSha1(std::string_view key, std::string_view data) { return hmac(EVP_sha1(), key, data); }
std::string hmacSha256(std::string_view key, std::string_view data) { return hmac(EVP_sha256(), key, data); }

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

}  // namespace baoan::sms
