#pragma once
// Request and response as the rest of the server sees them: plain structs, no Boost.Beast, so that
// modules compile fast and stay independent of the HTTP library.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace baoan::http {

using Json = nlohmann::json;

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // raw target with query string
  std::string path;    // decoded path without query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> params;   // path parameters from the route pattern
  std::string body;
  std::string remoteIp;
  std::string requestId;

  std::string header(const std::string& lowerName) const;
  std::string cookie(const std::string& name) const;
  // Query parameter, trimmed; "" when absent.
  std::string q(const std::string& name) const;
  // Path parameter as a positive id; throws 404 when it is not one.
  std::int64_t idParam(const std::string& name = "id") const;
  // Query parameter as a positive id (e.g. ?orgId=); nullopt when absent, 404 when not an id.
  std::optional<std::int64_t> queryId(const std::string& name) const;
  // Body as a JSON object; throws 400 with a Chinese message when malformed.
  Json json() const;
  // A field of an application/x-www-form-urlencoded body (the public pages' plain forms); "" when absent.
  std::string formField(const std::string& name) const;
};

// %XX decoded; '+' as a space where the part is a query or form value (not in a path).
std::string urlDecode(std::string_view s, bool plusIsSpace);

struct Response {
  int status = 200;
  std::map<std::string, std::string> headers;
  std::string body;
  // When set, the file is sent as the body (exports, static files) and removed afterwards if
  // deleteFileAfter is true.
  std::optional<std::string> filePath;
  bool deleteFileAfter = false;

  static Response json(const Json& j, int status = 200);
  // A body already written as JSON text (e.g. a list written straight from its rows).
  static Response jsonText(std::string body, int status = 200);
  static Response noContent();
  static Response created(const Json& j, const std::string& location);
};

}  // namespace baoan::http
