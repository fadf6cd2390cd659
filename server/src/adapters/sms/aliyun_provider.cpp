// 阿里云短信服务 SendSms (dysmsapi 2017-05-25), RPC style: a form POST signed with the POP signature
// (SignatureVersion 1.0, HMAC-SHA1). The request carries the secret only as the signature; nothing
// of it is logged or kept.
#include <nlohmann/json.hpp>

#include <ctime>
#include <set>

#include "adapters/sms/crypto_util.h"
#include "adapters/sms/http_client.h"
#include "adapters/sms/sms_provider.h"
#include "crypto/crypto.h"

namespace baoan::sms {

namespace aliyun {

std::string percentEncode(const std::string& s) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char ch : s) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
        ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += digits[ch >> 4];
      out += digits[ch & 15];
    }
  }
  return out;
}

std::string canonicalizedQuery(const std::map<std::string, std::string>& params) {
  // std::map orders by byte value, which is the order the specification asks for.
  std::string out;
  for (const auto& [k, v] : params) {
    if (k == "Signature") continue;
    if (!out.empty()) out += '&';
    out += percentEncode(k) + "=" + percentEncode(v);
  }
  return out;
}

std::string stringToSign(const std::string& method, const std::map<std::string, std::string>& params) {
  return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQuery(params));
}

std::string signature(const std::string& method, const std::map<std::string, std::string>& params,
                      const std::string& accessKeySecret) {
  return crypto::base64(hmacSha1(accessKeySecret + "&", stringToSign(method, params)));
}

bool retryable(const std::string& code) {
  static const std::set<std::string> exact = {
      "isv.BUSINESS_LIMIT_CONTROL",  // per-number flow control (1/min, 5/h, 10/day): later it passes
      "isv.AMOUNT_NOT_ENOUGH",       // the account ran out of credit: an operator tops it up
      "isv.OUT_OF_SERVICE",          // the account is suspended (arrears)
      "SignatureNonceUsed",          // a new attempt gets a new nonce
      "ServiceUnavailable",
      "InternalError",
  };
  return exact.count(code) > 0 || code.rfind("Throttling", 0) == 0 || code.rfind("isp.", 0) == 0;
}

}  // namespace aliyun

namespace {

std::string utcTimestamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

class AliyunProvider : public Provider {
 public:
  explicit AliyunProvider(const Settings& s) : s_(s), secrets_(secretsOf(s)) {
    // Not a secret, but a credential's name: kept out of the log too.
    secrets_.push_back(s.aliyun.accessKeyId);
  }
  const char* name() const override { return "aliyun"; }

  Delivery deliver(const Outgoing& m, const std::atomic<bool>& cancel) override {
    auto t = s_.templates.find(m.purpose);
    if (t == s_.templates.end() || t->second.aliyun.empty())
      return {Outcome::failed, "", "没有为用途 " + m.purpose + " 配置阿里云短信模板([sms.templates." + m.purpose + "] aliyun)"};
    std::map<std::string, std::string> templateParams;
    try {
      templateParams = renderParams(t->second, m);
    } catch (const std::invalid_argument& e) {
      return {Outcome::failed, "", e.what()};
    }
    std::map<std::string, std::string> p{
        {"AccessKeyId", s_.aliyun.accessKeyId},
        {"Action", "SendSms"},
        {"Format", "JSON"},
        {"OutId", m.requestId},
        {"PhoneNumbers", m.mobile},
        {"RegionId", s_.aliyun.regionId},
        {"SignName", s_.aliyun.signName},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureNonce", crypto::randomToken(16)},
        {"SignatureVersion", "1.0"},
        {"TemplateCode", t->second.aliyun},
        {"Timestamp", utcTimestamp()},
        {"Version", "2017-05-25"},
    };
    if (!templateParams.empty())
      p["TemplateParam"] = nlohmann::json(templateParams).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string body =
        "Signature=" + aliyun::percentEncode(aliyun::signature("POST", p, s_.aliyun.accessKeySecret)) + "&" +
        aliyun::canonicalizedQuery(p);

    HttpRequest req{s_.aliyun.endpoint,
                    {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}},
                    body,
                    s_.connectTimeoutMs,
                    s_.timeoutMs,
                    s_.caFile};
    const HttpResult r = httpPost(req, cancel);
    if (!r.transportOk) return {Outcome::retry, "", r.error};

    nlohmann::json answer = nlohmann::json::parse(r.body, nullptr, false);
    const bool parsed = answer.is_object() && answer.contains("Code");
    if (!parsed) {
      const std::string what = "阿里云应答无法识别(HTTP " + std::to_string(r.status) + ")";
      return {r.status >= 400 && r.status < 500 ? Outcome::failed : Outcome::retry, "", what};
    }
    const std::string code = str(answer, "Code");
    if (code == "OK" && r.status >= 200 && r.status < 300) return {Outcome::sent, str(answer, "BizId"), ""};
    std::string error = "阿里云 " + code + ": " + str(answer, "Message");
    if (const std::string rid = str(answer, "RequestId"); !rid.empty()) error += " (RequestId " + rid + ")";
    error = scrub(error, secrets_);
    const bool again = r.status >= 500 || aliyun::retryable(code);
    return {again ? Outcome::retry : Outcome::failed, "", error};
  }

 private:
  Settings s_;
  std::vector<std::string> secrets_;
};

}  // namespace

std::unique_ptr<Provider> makeAliyunProvider(const Settings& s) { return std::make_unique<AliyunProvider>(s); }

}  // namespace baoan::sms
