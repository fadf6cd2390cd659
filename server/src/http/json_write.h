#pragma once
// JSON text written straight into a string: the same bytes as nlohmann's
// dump(-1, ' ', false, error_handler_t::replace), several times faster (nlohmann decodes every byte of
// every string through its UTF-8 automaton: a fifth of a guard-list request's CPU). Also the pieces
// (a string, a number) for code that writes JSON without building a tree first.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace baoan::http {

// Appends j as compact JSON.
void appendJson(std::string& out, const nlohmann::json& j);
std::string dumpJson(const nlohmann::json& j);

// Appends s as a JSON string with its quotes (invalid UTF-8 becomes U+FFFD, as nlohmann does).
void appendJsonString(std::string& out, std::string_view s);
void appendJsonInt(std::string& out, std::int64_t v);

}  // namespace baoan::http
