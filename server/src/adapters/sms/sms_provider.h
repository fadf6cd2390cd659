#pragma once
// Providers deliver one message of the outbox: the local log, 阿里云短信服务 (SendSms) and a generic
// JSON-over-HTTP gateway. They run on the relay's thread, outside any transaction.
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/sms/sms_settings.h"

namespace baoan::sms {

// A claimed message of the outbox.
struct Outgoing {
  long long id = 0;
  std::string mobile;
  std::string purpose;
  std::string content;
  std::map<std::string, std::string> params;
  int attempt = 1;        // 1 for the first try
  std::string requestId;  // stable over the attempts of one message: "baoan-sms-<id>"
};

enum class Outcome { sent, retry, failed };

struct Delivery {
  Outcome outcome = Outcome::failed;
  std::string providerMessageId;  // when sent
  std::string error;              // the provider's answer (code and message) or ours, when not sent
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const char* name() const = 0;
  // Delivers one message. Never throws for a provider's or the network's failure: that is a Delivery.
  // `cancel` turns true when the server stops; a request in flight is then abandoned (retry).
  virtual Delivery deliver(const Outgoing& m, const std::atomic<bool>& cancel) = 0;
};

// Records the message as delivered (the log is the delivery): installations without an SMS contract,
// and tests.
std::unique_ptr<Provider> makeLocalProvider();
std::unique_ptr<Provider> makeAliyunProvider(const Settings& s);
std::unique_ptr<Provider> makeHttpProvider(const Settings& s);
// The provider named by s.provider (validate(s) first).
std::unique_ptr<Provider> makeProvider(const Settings& s);

// Template parameters of a message for a provider: each variable's value with "{name}" replaced by
// the message's parameter (or content, mobile, purpose). Throws std::invalid_argument naming a
// parameter the message does not have.
std::map<std::string, std::string> renderParams(const Template& t, const Outgoing& m);

// Removes every secret from a text (a provider's answer may echo what it was sent) and cuts it to
// maxBytes on a UTF-8 boundary.
std::string scrub(std::string text, const std::vector<std::string>& secrets, std::size_t maxBytes = 300);

namespace aliyun {
// The POP RPC signature (SignatureVersion 1.0, HMAC-SHA1) of 阿里云's "HTTP协议及签名":
//   StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalized query)
//   Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
// where the canonicalized query is the parameters (Signature excluded) sorted by name, each
// "percentEncode(name)=percentEncode(value)", joined with "&".
std::string percentEncode(const std::string& s);  // RFC 3986: only A-Z a-z 0-9 - _ . ~ stay
std::string canonicalizedQuery(const std::map<std::string, std::string>& params);
std::string stringToSign(const std::string& method, const std::map<std::string, std::string>& params);
std::string signature(const std::string& method, const std::map<std::string, std::string>& params,
                      const std::string& accessKeySecret);
// Whether an error Code of SendSms is worth another attempt later (throttling, provider outage)
// rather than a refusal (wrong template, signature, number, key).
bool retryable(const std::string& code);
}  // namespace aliyun

namespace http_gateway {
// The generic gateway's signature: HMAC-SHA256(secret, timestamp + "\n" + body), hex or base64.
std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body,
                      const std::string& encoding);
}  // namespace http_gateway

}  // namespace baoan::sms
