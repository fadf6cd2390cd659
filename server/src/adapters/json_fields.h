#pragma once
// Reading and writing the configurable fields of an external system's JSON (the 政务短信平台 gateway,
// the police databases' HTTP provider): a field is named by a dotted path, "data.result", as the
// operator writes it in the TOML configuration.
#include <string>

#include <nlohmann/json.hpp>

namespace baoan::adapters {

// "a.b" → /a/b (each part escaped as a JSON pointer token).
inline nlohmann::json::json_pointer jsonPointer(const std::string& dotted) {
  std::string p;
  std::size_t start = 0;
  while (true) {
    const auto dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    p += "/";
    for (char ch : part) p += ch == '~' ? "~0" : ch == '/' ? "~1" : std::string(1, ch);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return nlohmann::json::json_pointer(p);
}

// Sets the field when one is configured (an empty name: the system has no such field).
inline void putField(nlohmann::json& body, const std::string& field, nlohmann::json value) {
  if (!field.empty()) body[jsonPointer(field)] = std::move(value);
}

// The answer's field as text (a number 0 reads "0", true reads "true"); empty when absent.
inline std::string fieldText(const nlohmann::json& answer, const std::string& field) {
  if (field.empty() || !answer.is_object()) return {};
  const auto ptr = jsonPointer(field);
  if (!answer.contains(ptr)) return {};
  const nlohmann::json& v = answer.at(ptr);
  if (v.is_null()) return {};
  return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace baoan::adapters
