#include "http/message.h"

#include "core/error.h"
#include "http/json_write.h"

namespace baoan::http {

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string urlDecode(std::string_view s, bool plusIsSpace) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plusIsSpace) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string Request::formField(const std::string& name) const {
  std::string_view rest(body);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (urlDecode(pair.substr(0, eq), true) == name)
      return eq == std::string_view::npos ? std::string() : urlDecode(pair.substr(eq + 1), true);
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

std::string Request::header(const std::string& lowerName) const {
  auto it = headers.find(lowerName);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::cookie(const std::string& name) const {
  const std::string all = header("cookie");
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

std::string Request::q(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return {};
  std::string v = it->second;
  v.erase(0, v.find_first_not_of(" \t"));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
  return v;
}

namespace {
// A record id in a URL: digits only, positive. Anything else names no record (404).
std::int64_t parseId(const std::string& text) {
  if (text.empty() || text.size() > 18) throw notFound();
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw notFound();
    v = v * 10 + (c - '0');
  }
  if (v <= 0) throw notFound();
  return v;
}
}  // namespace

std::int64_t Request::idParam(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) throw notFound();
  return parseId(it->second);
}

std::optional<std::int64_t> Request::queryId(const std::string& name) const {
  const std::string v = q(name);
  if (v.empty()) return std::nullopt;
  return parseId(v);
}

namespace {
// Bounds on a request body's JSON, so that a signed-in user cannot make the server build a huge tree
// (1 MiB of "[[[[…" grew it by ~50 MB): forms nest a few levels and hold a few hundred values.
constexpr std::size_t kMaxJsonDepth = 64;
constexpr std::size_t kMaxJsonValues = 100000;
struct JsonTooComplex {
  const char* message;
};
}  // namespace

Json Request::json() const {
  if (body.empty()) throw badRequest("请求内容不能为空,应为JSON对象");
  // nlohmann stops reading at a NUL byte and accepts what came before it: a body with trailing NULs
  // (or anything smuggled after one) must not pass as the JSON in front of it.
  if (body.find('\0') != std::string::npos) throw badRequest("请求内容包含非法字符(NUL),不是有效的JSON");
  std::size_t values = 0;
  const Json::parser_callback_t limits = [&](int depth, Json::parse_event_t event, Json& /*parsed*/) {
    if (static_cast<std::size_t>(depth) > kMaxJsonDepth) throw JsonTooComplex{"请求内容嵌套层数过多(上限 64 层)"};
    if (event == Json::parse_event_t::value && ++values > kMaxJsonValues)
      throw JsonTooComplex{"请求内容包含的数据项过多"};
    return true;
  };
  Json j;
  try {
    j = Json::parse(body, limits, false);
  } catch (const JsonTooComplex& e) {
    throw badRequest(e.message);
  }
  if (j.is_discarded()) throw badRequest("请求内容不是有效的JSON");
  if (!j.is_object()) throw badRequest("请求内容应为JSON对象");
  return j;
}

Response Response::jsonText(std::string body, int status) {
  Response r;
  r.status = status;
  r.headers["Content-Type"] = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::json(const Json& j, int status) {
  Response r;
  r.status = status;
  r.headers["Content-Type"] = "application/json; charset=utf-8";
  r.body = dumpJson(j);  // the bytes nlohmann's dump(-1, ' ', false, replace) writes, faster
  return r;
}

Response Response::noContent() {
  Response r;
  r.status = 204;
  return r;
}

Response Response::created(const Json& j, const std::string& location) {
  Response r = json(j, 201);
  r.headers["Location"] = location;
  return r;
}

}  // namespace baoan::http
