// The police databases over JSON/HTTP: one signed POST per person and database; 2xx with a listed
// pass or hit value answers; timeouts, refused connections, 408, 429, 5xx and bodies that are not JSON
// are tried again up to max_attempts; everything else is an error at once. Every failed request counts
// towards the circuit breaker, which then answers error without asking for the cool-down.
#include <nlohmann/json.hpp>
#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>

#include "adapters/background_check/background_check_provider.h"
#include "adapters/json_fields.h"
#include "adapters/sms/crypto_util.h"
#include "adapters/sms/http_client.h"
#include "adapters/sms/sms_provider.h"
#include "crypto/crypto.h"

namespace baoan::background_check {

namespace http_protocol {
std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body,
                      const std::string& encoding) {
  const std::string mac = sms::hmacSha256(secret, timestamp + "\n" + body);
  return encoding == "base64" ? crypto::base64(mac) : sms::hex(mac);
}
}  // namespace http_protocol

namespace {

using nlohmann::json;

const std::atomic<bool> kNoCancel{false};
constexpr std::size_t kMaxDetailBytes = 500;

bool listed(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::string requestId() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  return "baoan-bg-" + sms::hex(std::string(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

struct Attempt {
  Answer answer;
  bool failed = false;     // counts towards the breaker
  bool retryable = false;  // worth another attempt
};

class HttpProvider : public Provider {
 public:
  HttpProvider(const Settings& s, Clock clock)
      : s_(s), secrets_(s.http.secret.empty() ? std::vector<std::string>{} : std::vector<std::string>{s.http.secret}),
        breaker_(s.breakerFailures, static_cast<long long>(s.breakerCooldownSeconds) * 1000, std::move(clock)) {}
  const char* name() const override { return "http"; }
  int concurrency() const override { return s_.concurrency; }

  Answer check(const Person& p, const Database& db) override {
    const std::string id = requestId();
    Answer last{Result::error, "背景审查接口未调用"};
    for (int attempt = 1; attempt <= s_.maxAttempts; ++attempt) {
      if (!breaker_.allow()) return paused();
      Attempt a = once(p, db, id);
      if (a.failed) breaker_.failure();
      else breaker_.success();
      if (!a.failed || !a.retryable) return a.answer;
      last = a.answer;
      if (attempt < s_.maxAttempts && s_.retryDelayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(s_.retryDelayMs));
    }
    if (s_.maxAttempts > 1) last.detail += "(已尝试 " + std::to_string(s_.maxAttempts) + " 次)";
    return last;
  }

 private:
  Answer paused() {
    const long long seconds = (breaker_.msUntilRetry() + 999) / 1000;
    return {Result::error, "背景审查接口连续失败,已暂停调用" +
                               (seconds > 0 ? ",约 " + std::to_string(seconds) + " 秒后恢复" : std::string(",稍后恢复")) + ",请稍后重新审查"};
  }

  Attempt once(const Person& p, const Database& db, const std::string& id) {
    const HttpSettings& h = s_.http;
    json body = json::object();
    for (const auto& [k, v] : h.extra) adapters::putField(body, k, v);
    adapters::putField(body, h.idNoField, p.idNo);
    adapters::putField(body, h.nameField, p.name);
    adapters::putField(body, h.databaseField, db.remote.empty() ? db.code : db.remote);
    adapters::putField(body, h.requestIdField, id);
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string timestamp = std::to_string(static_cast<long long>(std::time(nullptr)));
    sms::HttpRequest req{h.url, {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "application/json"}},
                         text, s_.connectTimeoutMs, s_.timeoutMs, s_.caFile};
    req.headers.emplace_back(h.timestampHeader, timestamp);
    req.headers.emplace_back(h.signatureHeader, http_protocol::signature(h.secret, timestamp, text, h.signatureEncoding));
    if (!h.appId.empty() && !h.appIdHeader.empty()) req.headers.emplace_back(h.appIdHeader, h.appId);

    const sms::HttpResult r = sms::httpPost(req, kNoCancel);
    if (!r.transportOk) {
      // The client's own message names the SMS gateway: ours names the police interface, never its address.
      return {{Result::error, r.timedOut ? "背景审查接口超时未应答" : "无法连接背景审查接口"}, true, true};
    }
    const json answer = json::parse(r.body, nullptr, false);
    const std::string status = "背景审查接口 HTTP " + std::to_string(r.status);
    if (r.status < 200 || r.status >= 300) {
      std::string msg = status;
      if (const std::string m = adapters::fieldText(answer, h.errorField); !m.empty()) msg += ": " + m;
      const bool retry = r.status == 408 || r.status == 429 || r.status >= 500;
      return {{Result::error, scrub(msg)}, true, retry};
    }
    if (answer.is_discarded() || !answer.is_object())
      return {{Result::error, "背景审查接口的应答无法识别(不是 JSON 对象,HTTP " + std::to_string(r.status) + ")"}, true, true};
    const std::string value = adapters::fieldText(answer, h.resultField);
    const std::string detail = adapters::fieldText(answer, h.detailField);
    if (listed(h.passValues, value)) return {{Result::pass, scrub(detail.empty() ? "未命中" : detail)}, false, false};
    if (listed(h.hitValues, value))
      return {{Result::hit, scrub("命中" + db.name + (detail.empty() ? std::string() : ":" + detail))}, false, false};
    std::string msg = "背景审查接口的应答无法识别(" + h.resultField + "=" + (value.empty() ? std::string("空") : value) + ")";
    if (const std::string m = adapters::fieldText(answer, h.errorField); !m.empty()) msg += ": " + m;
    return {{Result::error, scrub(msg)}, true, false};
  }

  std::string scrub(const std::string& text) const { return sms::scrub(text, secrets_, kMaxDetailBytes); }

  Settings s_;
  std::vector<std::string> secrets_;
  CircuitBreaker breaker_;
};

}  // namespace

std::unique_ptr<Provider> makeHttpProvider(const Settings& s, Clock clock) {
  return std::make_unique<HttpProvider>(s, std::move(clock));
}

}  // namespace baoan::background_check
