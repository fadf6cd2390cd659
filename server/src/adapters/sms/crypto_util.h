#pragma once
// HMAC and encodings the SMS providers sign their requests with (OpenSSL).
#include <string>
#include <string_view>

namespace baoan::sms {

std::string hmacSha1(std::string_view key, std::string_view data);    // raw bytes
std::string hmacSha256(std::string_view key, std::string_view data);  // raw bytes
std::string base64(std::string_view bytes);
std::string hex(std::string_view bytes);  // lowercase

}  // namespace baoan::sms
