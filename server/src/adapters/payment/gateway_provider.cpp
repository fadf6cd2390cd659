// The 统一公共支付平台 over JSON/HTTP (DOMAIN.md "Exam fee and payment"). Every request is a POST of
// a JSON object signed in three headers (timestamp, nonce, HMAC-SHA256); every answer must be signed the
// same way by the platform — an answer with a missing or wrong signature is not believed (a forged
// "paid" never pays an order). Answers: {"code": "0", …} on success; anything else is a refusal with
// "message". Timeouts, refused connections and 5xx are errors the caller tries again later (the order
// stays unpaid, the refund pending).
#include <nlohmann/json.hpp>

#include <atomic>
#include <ctime>

#include "adapters/payment/payment_provider.h"
#include "adapters/sms/http_client.h"
#include "adapters/sms/sms_provider.h"

namespace baoan::payment {

namespace {

using nlohmann::json;

const std::atomic<bool> kNoCancel{false};

std::string text(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const json& v = j.at(key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

long long integer(const json& j, const char* key, long long fallback) {
  if (!j.is_object() || !j.contains(key)) return fallback;
  const json& v = j.at(key);
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(v.get<std::string>(), &used);
      if (used == v.get<std::string>().size()) return n;
    } catch (...) {
    }
  }
  return fallback;
}

struct Call {
  bool ok = false;     // a signed answer with code 0
  bool retry = false;  // worth asking again later (transport, 5xx, 429)
  json answer;
  std::string error;
};

class GatewayProvider : public Provider {
 public:
  explicit GatewayProvider(const Settings& s) : s_(s), secrets_{s.gateway.secret} {}
  const char* name() const override { return "gateway"; }
  bool remote() const override { return true; }

  Created create(const OrderRequest& r) override {
    json body = {{"merchantId", s_.gateway.merchantId}, {"orderNo", r.orderNo}, {"amount", r.amountFen},
                 {"subject", r.subject},                {"notifyUrl", s_.gateway.notifyUrl}};
    if (!s_.gateway.returnUrl.empty()) body["returnUrl"] = s_.gateway.returnUrl;
    Call c = call(s_.gateway.createPath, body);
    if (!c.ok) return {false, "", "", c.error};
    const std::string payUrl = text(c.answer, "payUrl");
    if (payUrl.rfind("https://", 0) != 0 && payUrl.rfind("http://", 0) != 0)
      return {false, "", "", "支付平台的应答缺少支付地址(payUrl)"};
    return {true, payUrl, text(c.answer, "tradeNo"), ""};
  }

  Status query(const std::string& orderNo) override {
    Status st;
    Call c = call(s_.gateway.queryPath, {{"merchantId", s_.gateway.merchantId}, {"orderNo", orderNo}});
    if (!c.ok) {
      st.error = c.error;
      return st;
    }
    const std::string state = text(c.answer, "status");
    st.amountFen = integer(c.answer, "amount", -1);
    st.tradeNo = text(c.answer, "tradeNo");
    st.paidAtMs = integer(c.answer, "paidAt", 0) * 1000;
    if (state == "paid") st.state = Status::State::paid;
    else if (state == "unpaid") st.state = Status::State::unpaid;
    else if (state == "closed") st.state = Status::State::closed;
    else st.error = "支付平台的应答无法识别(status=" + (state.empty() ? std::string("空") : scrub(state)) + ")";
    return st;
  }

  RefundResult refund(const RefundRequest& r) override {
    Call c = call(s_.gateway.refundPath, {{"merchantId", s_.gateway.merchantId}, {"orderNo", r.orderNo},
                                          {"refundNo", r.refundNo}, {"amount", r.amountFen}, {"reason", r.reason}});
    if (c.ok) return {RefundResult::State::done, ""};
    return {c.retry ? RefundResult::State::retry : RefundResult::State::refused, c.error};
  }

 private:
  std::string scrub(const std::string& t) const { return sms::scrub(t, secrets_, 300); }

  Call call(const std::string& path, const json& body) {
    Call out;
    const std::string payload = body.dump(-1, ' ', false, json::error_handler_t::replace);
    const std::string ts = std::to_string(static_cast<long long>(std::time(nullptr)));
    const std::string nonce = newNonce();
    const auto& g = s_.gateway;
    sms::HttpRequest req{g.url + path,
                         {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "application/json"}},
                         payload, s_.connectTimeoutMs, s_.timeoutMs, s_.caFile};
    req.headers.emplace_back(g.timestampHeader, ts);
    req.headers.emplace_back(g.nonceHeader, nonce);
    req.headers.emplace_back(g.signatureHeader, sign(g.secret, ts, nonce, payload));
    const sms::HttpResult r = sms::httpPost(req, kNoCancel);
    if (!r.transportOk) {
      out.retry = true;
      out.error = r.timedOut ? "支付平台超时未应答" : "无法连接支付平台";
      return out;
    }
    if (r.status >= 500 || r.status == 429 || r.status == 408) {
      out.retry = true;
      out.error = "支付平台暂时不可用(HTTP " + std::to_string(r.status) + ")";
      return out;
    }
    // The answer must be the platform's: signed with the shared secret, and fresh.
    const Verdict v = verify(g, r.headers, r.body, static_cast<long long>(std::time(nullptr)), s_.callbackWindowSeconds);
    if (v != Verdict::ok) {
      out.retry = true;  // perhaps a proxy's page; never believed, asked again later
      out.error = v == Verdict::stale ? "支付平台应答的时间戳超出允许范围" : "支付平台应答的签名无效,已忽略";
      return out;
    }
    out.answer = json::parse(r.body, nullptr, false);
    if (out.answer.is_discarded() || !out.answer.is_object()) {
      out.retry = true;
      out.error = "支付平台的应答无法识别(不是 JSON 对象)";
      return out;
    }
    if (r.status < 200 || r.status >= 300 || text(out.answer, "code") != "0") {
      const std::string m = text(out.answer, "message");
      out.error = scrub("支付平台拒绝了请求(HTTP " + std::to_string(r.status) + ", code=" + text(out.answer, "code") + ")" +
                        (m.empty() ? std::string() : ": " + m));
      return out;
    }
    out.ok = true;
    return out;
  }

  Settings s_;
  std::vector<std::string> secrets_;
};

}  // namespace

std::unique_ptr<Provider> makeGatewayProvider(const Settings& s) { return std::make_unique<GatewayProvider>(s); }

}  // namespace baoan::payment
