#include "adapters/payment/payment_provider.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "adapters/sms/crypto_util.h"

namespace baoan::payment {

void validate(const Settings& s) {
  auto fail = [](const std::string& m) { throw std::invalid_argument("payment: " + m); };
  if (s.provider != "local" && s.provider != "gateway") fail("provider must be local or gateway");
  if (s.callbackWindowSeconds < 10 || s.callbackWindowSeconds > 3600) fail("callback_window_seconds must be 10..3600");
  if (s.reconcileEverySeconds < 1) fail("reconcile_every_seconds must be at least 1");
  if (s.reconcileAfterSeconds < 1) fail("reconcile_after_seconds must be at least 1");
  if (s.refundMaxAttempts < 1) fail("refund_max_attempts must be at least 1");
  if (s.refundBackoffSeconds.empty()) fail("refund_backoff_seconds must not be empty");
  for (int b : s.refundBackoffSeconds)
    if (b < 0) fail("refund_backoff_seconds must not be negative");
  if (s.connectTimeoutMs < 1 || s.timeoutMs < 1) fail("connect_timeout_ms and timeout_ms must be positive");
  if (s.provider == "gateway") {
    const auto& g = s.gateway;
    if (g.url.rfind("http://", 0) != 0 && g.url.rfind("https://", 0) != 0) fail("gateway.url must be an http(s) URL");
    if (g.secret.size() < 16) fail("gateway.secret must be set (at least 16 characters; or BAOAN_PAYMENT_GATEWAY_SECRET)");
    if (g.merchantId.empty()) fail("gateway.merchant_id must be set");
    if (g.notifyUrl.empty()) fail("gateway.notify_url must be set");
    if (g.timestampHeader.empty() || g.nonceHeader.empty() || g.signatureHeader.empty()) fail("gateway header names must not be empty");
  }
}

std::string sign(const std::string& secret, const std::string& timestamp, const std::string& nonce, const std::string& body) {
  return sms::hex(sms::hmacSha256(secret, timestamp + "\n" + nonce + "\n" + body));
}

std::string newNonce() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  return sms::hex(std::string(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string headerOf(const std::map<std::string, std::string>& headers, const std::string& name) {
  std::string lower = name;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

Verdict verify(const GatewaySettings& g, const std::map<std::string, std::string>& headers, const std::string& body,
               long long nowSeconds, int windowSeconds) {
  const std::string ts = headerOf(headers, g.timestampHeader);
  const std::string nonce = headerOf(headers, g.nonceHeader);
  std::string sig = headerOf(headers, g.signatureHeader);
  if (ts.empty() || nonce.empty() || sig.empty() || nonce.size() > 64 || ts.size() > 12) return Verdict::unsigned_;
  for (char ch : ts)
    if (!std::isdigit(static_cast<unsigned char>(ch))) return Verdict::unsigned_;
  for (char& ch : sig) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string expected = sign(g.secret, ts, nonce, body);
  // Constant time: the comparison tells an attacker nothing about how much of a forged signature is right.
  if (sig.size() != expected.size() || CRYPTO_memcmp(sig.data(), expected.data(), expected.size()) != 0) return Verdict::badSignature;
  const long long at = std::atoll(ts.c_str());
  if (at < nowSeconds - windowSeconds || at > nowSeconds + windowSeconds) return Verdict::stale;
  return Verdict::ok;
}

namespace {

// Everything in this server: an order is paid by the local pay call or at the window; a refund is
// recorded (the money is handed back at the window, as it was taken).
class LocalProvider : public Provider {
 public:
  const char* name() const override { return "local"; }
  bool remote() const override { return false; }
  Created create(const OrderRequest&) override { return {true, "", "", ""}; }
  Status query(const std::string&) override {
    Status s;
    s.state = Status::State::unpaid;  // nothing happens to a local order elsewhere
    return s;
  }
  RefundResult refund(const RefundRequest&) override { return {RefundResult::State::done, ""}; }
};

}  // namespace

std::unique_ptr<Provider> makeLocalProvider() { return std::make_unique<LocalProvider>(); }

std::unique_ptr<Provider> makeProvider(const Settings& s) {
  if (s.provider == "gateway") return makeGatewayProvider(s);
  return makeLocalProvider();
}

}  // namespace baoan::payment
