// A generic JSON-over-HTTP SMS gateway (a 政务短信平台): POST of a JSON object whose field names come
// from the config, signed with HMAC-SHA256 over "<timestamp>\n<body>" in a header. 2xx with the
// configured success value = sent; 408, 429, 5xx, timeouts and listed values = retry; the rest = refused.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "adapters/sms/crypto_util.h"
#include "adapters/sms/http_client.h"
#include "adapters/sms/sms_provider.h"

namespace baoan::sms {

namespace http_gateway {
std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body,
                      const std::string& encoding) {
  const std::string mac = hmacSha256(secret, timestamp + "\n" + body);
  return encoding == "base64" ? base64(mac) : hex(mac);
}
}  // namespace http_gateway

namespace {

using nlohmann::json;

// "a.b" → /a/b
json::json_pointer pointer(const std::string& dotted) {
  std::string p;
  std::size_t start = 0;
  while (true) {
    const auto dot = dotted.find('.', start);
    std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    std::string escaped;
    for (char ch : part) escaped += ch == '~' ? "~0" : ch == '/' ? "~1" : std::string(1, ch);
    p += "/" + escaped;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return json::json_pointer(p);
}

void put(json& body, const std::string& field, json value) {
  if (!field.empty()) body[pointer(field)] = std::move(value);
}

// The answer's field as text (a number 0 reads "0", true reads "true"); empty when absent.
std::string textAt(const json& answer, const std::string& field) {
  if (field.empty() || !answer.is_object()) return {};
  const auto ptr = pointer(field);
  if (!answer.contains(ptr)) return {};
  const json& v = answer.at(ptr);
  if (v.is_null()) return {};
  return v.is_string() ? v.get<std::string>() : v.dump();
}

class HttpProvider : public Provider {
 public:
  explicit HttpProvider(const Settings& s) : s_(s), secrets_(secretsOf(s)) {}
  const char* name() const override { return "http"; }

  Delivery deliver(const Outgoing& m, const std::atomic<bool>& cancel) override {
    const HttpSettings& h = s_.http;
    json body = json::object();
    for (const auto& [k, v] : h.extra) put(body, k, v);
    put(body, h.mobileField, m.mobile);
    put(body, h.contentField, m.content);
    if (auto t = s_.templates.find(m.purpose); t != s_.templates.end()) {
      if (!t->second.http.empty()) put(body, h.templateField, t->second.http);
      try {
        if (!t->second.params.empty()) put(body, h.paramsField, renderParams(t->second, m));
      } catch (const std::invalid_argument& e) {
        return {Outcome::failed, "", e.what()};
      }
    }
    put(body, h.requestIdField, m.requestId);
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string timestamp = std::to_string(static_cast<long long>(std::time(nullptr)));

    HttpRequest req{h.url, {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "application/json"}},
                    text, s_.connectTimeoutMs, s_.timeoutMs, s_.caFile};
    req.headers.emplace_back(h.timestampHeader, timestamp);
    req.headers.emplace_back(h.signatureHeader, http_gateway::signature(h.secret, timestamp, text, h.signatureEncoding));
    if (!h.appId.empty() && !h.appIdHeader.empty()) req.headers.emplace_back(h.appIdHeader, h.appId);

    const HttpResult r = httpPost(req, cancel);
    if (!r.transportOk) return {Outcome::retry, "", r.error};

    const json answer = json::parse(r.body, nullptr, false);
    const std::string value = textAt(answer, h.successField);
    std::string error = "短信网关 HTTP " + std::to_string(r.status);
    if (!value.empty()) error += " " + h.successField + "=" + value;
    if (const std::string msg = textAt(answer, h.errorField); !msg.empty()) error += ": " + msg;
    error = scrub(error, secrets_);

    if (r.status == 408 || r.status == 429 || r.status >= 500) return {Outcome::retry, "", error};
    if (r.status < 200 || r.status >= 300) return {Outcome::failed, "", error};
    if (answer.is_discarded()) return {Outcome::retry, "", "短信网关的应答不是 JSON(HTTP " + std::to_string(r.status) + ")"};
    if (value == h.successValue) return {Outcome::sent, scrub(textAt(answer, h.messageIdField), secrets_, 100), ""};
    if (std::find(h.retryValues.begin(), h.retryValues.end(), value) != h.retryValues.end())
      return {Outcome::retry, "", error};
    return {Outcome::failed, "", error};
  }

 private:
  Settings s_;
  std::vector<std::string> secrets_;
};

}  // namespace

std::unique_ptr<Provider> makeHttpProvider(const Settings& s) { return std::make_unique<HttpProvider>(s); }

}  // namespace baoan::sms
