#pragma once
// Settings of SMS delivery: which provider, how often to retry, and each provider's account. Read
// from the [sms] table of the TOML config (app/config.cpp); secrets may come from the environment
// instead (BAOAN_SMS_ALIYUN_ACCESS_KEY_ID / _SECRET, BAOAN_SMS_HTTP_SECRET). Secrets are never
// logged, stored with a message or shown by the API.
#include <map>
#include <string>
#include <vector>

namespace baoan::sms {

// What a message of one purpose (account_created, password_reset, verification_code, …) becomes at a
// provider that sends templates instead of free text.
struct Template {
  std::string aliyun;  // 阿里云 TemplateCode, e.g. "SMS_123456789"
  std::string http;    // the template id sent to the generic gateway (optional: it also gets the text)
  // Template variable → value; "{name}" in a value is replaced by the message's parameter `name`,
  // or by its `content`, `mobile` or `purpose`. E.g. code = "{code}".
  std::map<std::string, std::string> params;
};

struct AliyunSettings {
  std::string endpoint = "https://dysmsapi.aliyuncs.com/";
  std::string accessKeyId;
  std::string accessKeySecret;  // secret
  std::string signName;         // 短信签名, e.g. "咸阳市公安局"
  std::string regionId = "cn-hangzhou";
};

// A generic JSON-over-HTTP gateway (a 政务短信平台): POST of a JSON object, signed with
// HMAC-SHA256 over "<timestamp>\n<body>" under a shared secret.
struct HttpSettings {
  std::string url;
  std::string secret;  // secret
  std::string appId;   // sent in appIdHeader when set
  std::string appIdHeader = "X-App-Id";
  std::string timestampHeader = "X-Timestamp";  // Unix seconds
  std::string signatureHeader = "X-Signature";  // lowercase hex (or base64, see signatureEncoding)
  std::string signatureEncoding = "hex";        // hex | base64
  // Names of the body's fields ("a.b" for a nested one); an empty name leaves the field out.
  std::string mobileField = "mobile";
  std::string contentField = "content";
  std::string templateField = "templateId";
  std::string paramsField = "params";
  std::string requestIdField = "requestId";  // the same id on every attempt of a message (idempotency)
  std::map<std::string, std::string> extra;  // constant fields added to every body
  // The answer: success when successField equals successValue (compared as text); values listed in
  // retryValues mean "try again later"; anything else is a refusal.
  std::string successField = "code";
  std::string successValue = "0";
  std::vector<std::string> retryValues;
  std::string messageIdField = "msgId";
  std::string errorField = "message";
};

struct Settings {
  std::string provider = "local";  // local | aliyun | http
  int maxAttempts = 5;             // then the message is failed
  // Wait before attempt 2, 3, …; the last value repeats.
  std::vector<int> backoffSeconds{30, 120, 600, 1800};
  int pollMs = 2000;  // how often the relay looks for due messages (a message queued here wakes it at once)
  int connectTimeoutMs = 3000;
  int timeoutMs = 10000;  // a whole request
  std::string caFile;     // extra CA bundle for a gateway with a private CA (HTTPS is always verified)
  AliyunSettings aliyun;
  HttpSettings http;
  std::map<std::string, Template> templates;  // by purpose
};

// Throws std::invalid_argument naming the missing or wrong setting (never a secret's value).
void validate(const Settings& s);

// The secrets of the settings, to be scrubbed from any text that leaves the process.
std::vector<std::string> secretsOf(const Settings& s);

}  // namespace baoan::sms
