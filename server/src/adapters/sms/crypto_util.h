#pragma once
// HMAC and the hex encoding the SMS providers sign their requests with (OpenSSL); base64 is crypto::base64.
#include <string>
#include <string_view>

namespace baoan::sms {

std::string hmacSha1(std::string_view key, std::string_view data);    // raw bytes
std::string hmacSha256(std::string_view key, std::string_view data);  // raw bytes
std::string hex(std::string_view bytes);  // lowercase

}  // namespace baoan::sms
