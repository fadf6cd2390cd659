#include "http/json_write.h"

#include <charconv>

namespace baoan::http {

namespace {

// The length of the well-formed UTF-8 sequence starting at p (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one.
std::size_t utf8Sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  auto cont = [&](std::size_t i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

bool validUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const std::size_t n = utf8Sequence(p, end);
    if (n == 0) return false;
    p += n;
  }
  return true;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
  if (!validUtf8(s)) {
    // Rare (our data is checked on the way in): nlohmann's own replacement, byte for byte.
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  const char* run = s.data();
  const char* end = s.data() + s.size();
  for (const char* p = run; p < end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(run, static_cast<std::size_t>(p - run));
    run = p + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
  }
  out.append(run, static_cast<std::size_t>(end - run));
  out += '"';
}

void appendJsonInt(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void appendJson(std::string& out, const nlohmann::json& j) {
  using V = nlohmann::json::value_t;
  switch (j.type()) {
    case V::null: out += "null"; return;
    case V::boolean: out += j.get_ref<const bool&>() ? "true" : "false"; return;
    case V::number_integer: appendJsonInt(out, j.get_ref<const std::int64_t&>()); return;
    case V::number_unsigned: {
      char buf[24];
      const auto r = std::to_chars(buf, buf + sizeof buf, j.get_ref<const std::uint64_t&>());
      out.append(buf, r.ptr);
      return;
    }
    case V::string: appendJsonString(out, j.get_ref<const std::string&>()); return;
    case V::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ',';
        first = false;
        appendJsonString(out, it.key());
        out += ':';
        appendJson(out, it.value());
      }
      out += '}';
      return;
    }
    case V::array: {
      out += '[';
      bool first = true;
      for (const auto& v : j) {
        if (!first) out += ',';
        first = false;
        appendJson(out, v);
      }
      out += ']';
      return;
    }
    default:  // floating point (nlohmann's own shortest form), binary, discarded
      out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

std::string dumpJson(const nlohmann::json& j) {
  std::string out;
  out.reserve(256);
  appendJson(out, j);
  return out;
}

}  // namespace baoan::http
