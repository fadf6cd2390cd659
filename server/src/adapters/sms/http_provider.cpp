// A generic JSON-over-HTTP SMS gateway (a 政务短信平台): POST of a JSON object whose field names come
// from the config, signed with HMAC-SHA256 over "<timestamp>\n<body>" in a header. 2xx with the
// configured success value = sent; 408, 429, 5xx, timeouts and listed values = retry; the rest = refused.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "adapters/json_fields.h"
#include "adapters/sms/crypto_util.h"
#include "adapters/sms/http_client.h"
#include "adapters/sms/sms_provider.h"
#include "crypto/crypto.h"

namespace baoan::sms {

namespace http_gateway {
std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body,
                      const std::string& encoding) {
  const std::string mac = hmacSha256(secret, timestamp + "\n" + body);
  return encoding == "base64" ? crypto::base64(mac) : hex(mac);
}
}  // namespace http_gateway

namespace {

using nlohmann::json;

class HttpProvider : public Provider {
 public:
  explicit HttpProvider(const Settings& s) : s_(s), secrets_(secretsOf(s)) {}
  const char* name() const override { return "http"; }

  Delivery deliver(const Outgoing& m, const std::atomic<bool>& cancel) override {
    const HttpSettings& h = s_.http;
    json body = json::object();
    for (const auto& [k, v] : h.extra) adapters::putField(body, k, v);
    adapters::putField(body, h.mobileField, m.mobile);
    adapters::putField(body, h.contentField, m.content);
    if (auto t = s_.templates.find(m.purpose); t != s_.templates.end()) {
      if (!t->second.http.empty()) adapters::putField(body, h.templateField, t->second.http);
      try {
        if (!t->second.params.empty()) adapters::putField(body, h.paramsField, renderParams(t->second, m));
      } catch (const std::invalid_argument& e) {
        return {Outcome::failed, "", e.what()};
      }
    }
    adapters::putField(body, h.requestIdField, m.requestId);
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
    const std::string value = adapters::fieldText(answer, h.successField);
    std::string error = "短信网关 HTTP " + std::to_string(r.status);
    if (!value.empty()) error += " " + h.successField + "=" + value;
    if (const std::string msg = adapters::fieldText(answer, h.errorField); !msg.empty()) error += ": " + msg;
    error = scrub(error, secrets_);

    if (r.status == 408 || r.status == 429 || r.status >= 500) return {Outcome::retry, "", error};
    if (r.status < 200 || r.status >= 300) return {Outcome::failed, "", error};
    if (answer.is_discarded()) return {Outcome::retry, "", "短信网关的应答不是 JSON(HTTP " + std::to_string(r.status) + ")"};
    if (value == h.successValue) return {Outcome::sent, scrub(adapters::fieldText(answer, h.messageIdField), secrets_, 100), ""};
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
