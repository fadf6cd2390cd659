#pragma once
// The payment adapter (DOMAIN.md "Exam fee and payment"): where the online payment of an exam fee goes.
//
// Providers: `local` keeps everything in this server — an order is paid by the candidate's local pay
// call (POST /api/v1/portal/exam-payments/pay) or at the window, refunds are recorded; `gateway` speaks
// the 统一公共支付平台's protocol: creates an order over HTTP (the answer's payUrl is where the candidate
// pays), is told of payments by a signed callback, is asked about unpaid orders by the reconciliation
// timer, and is sent refunds. Both are called outside any database transaction.
#include <map>
#include <memory>
#include <string>

#include "adapters/payment/payment_settings.h"

namespace baoan::payment {

struct OrderRequest {
  std::string orderNo;  // ours, unique; the platform is idempotent on it
  long long amountFen = 0;
  std::string subject;  // 保安员资格考试费 - 姓名
};

struct Created {
  bool ok = false;
  std::string payUrl;   // empty for the local provider
  std::string tradeNo;  // the platform's number of the order
  std::string error;    // Chinese, no secret, no URL
};

struct Status {
  enum class State { paid, unpaid, closed, error };
  State state = State::error;
  long long amountFen = 0;
  std::string tradeNo;
  long long paidAtMs = 0;
  std::string error;
};

struct RefundRequest {
  std::string orderNo;
  std::string refundNo;
  long long amountFen = 0;
  std::string reason;
};

struct RefundResult {
  enum class State { done, retry, refused };
  State state = State::retry;
  std::string error;
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const char* name() const = 0;  // "local" | "gateway"
  // Whether payments happen elsewhere (callbacks, reconciliation) rather than by the local pay call.
  virtual bool remote() const = 0;
  virtual Created create(const OrderRequest& r) = 0;
  virtual Status query(const std::string& orderNo) = 0;
  virtual RefundResult refund(const RefundRequest& r) = 0;
};

std::unique_ptr<Provider> makeLocalProvider();
std::unique_ptr<Provider> makeGatewayProvider(const Settings& s);
// The provider named by s.provider (validate(s) first).
std::unique_ptr<Provider> makeProvider(const Settings& s);

// The signature of the gateway's protocol: lowercase hex HMAC-SHA256(secret, ts + "\n" + nonce + "\n" + body).
std::string sign(const std::string& secret, const std::string& timestamp, const std::string& nonce, const std::string& body);
// A random nonce (32 hex digits).
std::string newNonce();

// Checks a signed message (a callback or an answer of the platform). headers: names in lowercase.
enum class Verdict { ok, unsigned_, badSignature, stale };
Verdict verify(const GatewaySettings& g, const std::map<std::string, std::string>& headers, const std::string& body,
               long long nowSeconds, int windowSeconds);
// The header value of a name given in the settings (case-insensitive), "" when absent.
std::string headerOf(const std::map<std::string, std::string>& headers, const std::string& name);

}  // namespace baoan::payment
