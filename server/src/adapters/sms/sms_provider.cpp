// What the providers share: settings checks, template parameters, scrubbing, the local provider.
#include "adapters/sms/sms_provider.h"

#include <stdexcept>

namespace baoan::sms {

namespace {

bool isHttpUrl(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("[sms] " + what);
}

class LocalProvider : public Provider {
 public:
  const char* name() const override { return "local"; }
  Delivery deliver(const Outgoing&, const std::atomic<bool>&) override { return {Outcome::sent, "", ""}; }
};

}  // namespace

void validate(const Settings& s) {
  require(s.provider == "local" || s.provider == "aliyun" || s.provider == "http",
          "provider must be \"local\", \"aliyun\" or \"http\", not \"" + s.provider + "\"");
  require(s.maxAttempts >= 1 && s.maxAttempts <= 100, "max_attempts must be 1…100");
  require(!s.backoffSeconds.empty(), "backoff_seconds must list at least one wait");
  for (int b : s.backoffSeconds) require(b >= 1 && b <= 7 * 24 * 3600, "backoff_seconds must be 1…604800 each");
  require(s.pollMs >= 10 && s.pollMs <= 600000, "poll_ms must be 10…600000");
  require(s.connectTimeoutMs >= 100 && s.connectTimeoutMs <= 600000, "connect_timeout_ms must be 100…600000");
  require(s.timeoutMs >= 100 && s.timeoutMs <= 600000, "timeout_ms must be 100…600000");
  if (s.provider == "aliyun") {
    const auto& a = s.aliyun;
    require(isHttpUrl(a.endpoint), "aliyun.endpoint must be an http(s) URL");
    require(!a.accessKeyId.empty(), "aliyun.access_key_id (or BAOAN_SMS_ALIYUN_ACCESS_KEY_ID) is required");
    require(!a.accessKeySecret.empty(),
            "aliyun.access_key_secret (or BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET) is required");
    require(!a.signName.empty(), "aliyun.sign_name is required");
    require(!a.regionId.empty(), "aliyun.region_id must not be empty");
    bool any = false;
    for (const auto& [purpose, t] : s.templates) any = any || !t.aliyun.empty();
    require(any, "the aliyun provider needs templates: [sms.templates.<purpose>] aliyun = \"SMS_…\"");
  }
  if (s.provider == "http") {
    const auto& h = s.http;
    require(isHttpUrl(h.url), "http.url must be an http(s) URL");
    require(!h.secret.empty(), "http.secret (or BAOAN_SMS_HTTP_SECRET) is required");
    require(h.signatureEncoding == "hex" || h.signatureEncoding == "base64",
            "http.signature_encoding must be \"hex\" or \"base64\"");
    require(!h.signatureHeader.empty() && !h.timestampHeader.empty(),
            "http.signature_header and http.timestamp_header must not be empty");
    require(!h.successField.empty(), "http.success_field must not be empty");
    require(!h.mobileField.empty(), "http.mobile_field must not be empty");
  }
}

std::vector<std::string> secretsOf(const Settings& s) {
  std::vector<std::string> out;
  for (const std::string* v : {&s.aliyun.accessKeySecret, &s.http.secret})
    if (!v->empty()) out.push_back(*v);
  return out;
}

std::map<std::string, std::string> renderParams(const Template& t, const Outgoing& m) {
  std::map<std::string, std::string> out;
  for (const auto& [var, pattern] : t.params) {
    std::string value;
    std::size_t i = 0;
    while (i < pattern.size()) {
      const auto open = pattern.find('{', i);
      const auto close = open == std::string::npos ? std::string::npos : pattern.find('}', open);
      if (close == std::string::npos) {
        value += pattern.substr(i);
        break;
      }
      value += pattern.substr(i, open - i);
      const std::string name = pattern.substr(open + 1, close - open - 1);
      if (auto p = m.params.find(name); p != m.params.end()) value += p->second;
      else if (name == "content") value += m.content;
      else if (name == "mobile") value += m.mobile;
      else if (name == "purpose") value += m.purpose;
      else throw std::invalid_argument("短信模板参数 " + var + " 需要的 {" + name + "} 没有取值");
      i = close + 1;
    }
    out[var] = value;
  }
  return out;
}

std::string scrub(std::string text, const std::vector<std::string>& secrets, std::size_t maxBytes) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (const std::string& form : {secret, aliyun::percentEncode(secret)})
      for (auto p = text.find(form); p != std::string::npos; p = text.find(form, p + 3)) text.replace(p, form.size(), "***");
  }
  for (char& ch : text)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  if (text.size() > maxBytes) {
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    text = text.substr(0, cut) + "…";
  }
  return text;
}

std::unique_ptr<Provider> makeLocalProvider() { return std::make_unique<LocalProvider>(); }

std::unique_ptr<Provider> makeProvider(const Settings& s) {
  if (s.provider == "aliyun") return makeAliyunProvider(s);
  if (s.provider == "http") return makeHttpProvider(s);
  return makeLocalProvider();
}

}  // namespace baoan::sms
