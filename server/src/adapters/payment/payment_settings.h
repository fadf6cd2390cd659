#pragma once
// Settings of exam-fee payment (DOMAIN.md "Exam fee and payment"): which provider takes online payments, the gateway's
// protocol and secret, the callback's replay window, reconciliation and refund retries. Read from the
// [payment] table of the TOML config (app/config.cpp); the gateway secret may come from
// BAOAN_PAYMENT_GATEWAY_SECRET instead. Secrets are never logged, stored or shown by the API.
#include <string>
#include <vector>

namespace baoan::payment {

// The 统一公共支付平台: JSON over HTTP, every request, answer and callback signed with
// HMAC-SHA256(secret, "<timestamp>\n<nonce>\n<body>"), lowercase hex, in three headers.
struct GatewaySettings {
  std::string url;         // base URL, e.g. https://pay.example.gov.cn/api
  std::string secret;      // secret
  std::string merchantId;  // our merchant (收款单位) id at the platform, sent in every body
  std::string notifyUrl;   // where the platform posts its callback: <our public URL>/api/v1/payments/callback
  std::string returnUrl;   // where the payer's browser returns after paying (optional)
  std::string createPath = "/orders";
  std::string queryPath = "/orders/query";
  std::string refundPath = "/refunds";
  std::string timestampHeader = "X-Timestamp";  // Unix seconds
  std::string nonceHeader = "X-Nonce";
  std::string signatureHeader = "X-Signature";
};

struct Settings {
  std::string provider = "local";  // local | gateway
  // A callback whose timestamp is further than this from our clock is refused (with its nonce kept for
  // twice as long, a replayed callback is refused either way).
  int callbackWindowSeconds = 300;
  // The reconciliation timer: every reconcileEverySeconds it asks the gateway about each order still
  // unpaid reconcileAfterSeconds after it was opened (or last asked), and sends due refunds.
  int reconcileEverySeconds = 60;
  int reconcileAfterSeconds = 600;
  // A refund the gateway did not confirm is sent again after these waits (the last repeats), up to
  // refundMaxAttempts; then it is failed (shown to officers, to be settled by hand).
  int refundMaxAttempts = 8;
  std::vector<int> refundBackoffSeconds{60, 300, 1800, 7200};
  int connectTimeoutMs = 3000;
  int timeoutMs = 10000;  // one request
  std::string caFile;     // extra CA bundle for a private CA (HTTPS is always verified)
  GatewaySettings gateway;
};

// Throws std::invalid_argument naming the missing or wrong setting (never a secret's value).
void validate(const Settings& s);

}  // namespace baoan::payment
