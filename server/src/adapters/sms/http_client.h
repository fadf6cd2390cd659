#pragma once
// A small blocking HTTP client on libcurl for the SMS providers: one POST, connect and total
// timeouts, HTTPS verified (with an optional extra CA bundle), no redirects, http/https only, the
// answer cut at 64 KiB, abandoned when `cancel` turns true.
#include <atomic>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace baoan::sms {

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int connectTimeoutMs = 3000;
  int timeoutMs = 10000;
  std::string caFile;
};

struct HttpResult {
  bool transportOk = false;  // an HTTP answer arrived
  bool timedOut = false;
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // the answer's, names in lowercase (the payment gateway signs its answers there)
  std::string error;  // what went wrong before an answer (no URL, no body)
};

HttpResult httpPost(const HttpRequest& req, const std::atomic<bool>& cancel);

}  // namespace baoan::sms
