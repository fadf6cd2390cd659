#pragma once
// 考试缴费 (issue 13 "Payment (adapter)", DOMAIN.md "Exam fee and payment"): the city's exam fee, the payment order of a
// registration in pending_payment, paid at the window (现场缴费), online (the local provider's pay call
// or the 统一公共支付平台 gateway's signed callback and reconciliation), a free resit paid at once, and the
// refund of a paid registration that is cancelled. A paid registration moves pending_payment →
// pending_exam in the transaction that records the payment.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/payment/payment_provider.h"
#include "app/context.h"
#include "core/principal.h"
#include "modules/exam/payment_store.h"

namespace baoan::exam {

// What the callback route answers: status and body.
struct CallbackAnswer {
  int status = 200;
  nlohmann::json body;
};

struct ReconcileSummary {
  int opened = 0;    // orders opened for registrations waiting without one (free resits paid at once)
  int checked = 0;   // unpaid gateway orders asked about
  int settled = 0;   // of them paid
  int refunds = 0;   // refund requests sent
};

class PaymentService {
 public:
  // The provider named by ctx.config.payment.
  explicit PaymentService(app::Context& ctx);
  PaymentService(app::Context& ctx, std::shared_ptr<payment::Provider> provider);

  // GET /exam-fees: the fee of every city the caller works in (its bureau or an org below it in scope).
  nlohmann::json fees(const core::Principal& p);
  // PUT /exam-fees {"cityCode", "theory", "skills"} (fen): a city whose bureau the caller's scope covers.
  nlohmann::json setFee(const core::Actor& a, const nlohmann::json& body);

  // GET /exam-registrations/{id}/payments: the orders of a registration in scope.
  nlohmann::json officerOrders(const core::Principal& p, long long registrationId);
  // POST /exam-registrations/{id}/payments {"method": "window", "amount", "receiptNo"}: 现场缴费.
  nlohmann::json payAtWindow(const core::Actor& a, long long registrationId, const nlohmann::json& body);

  // The candidate (the person's account or the unit that registered them). GET: the live order (or
  // null); open: opens it (with the gateway: creates it there and returns its payUrl).
  nlohmann::json portalOrder(const core::Actor& a, long long registrationId, bool open);
  // The local provider's pay call: the candidate pays the pending order (409 with the gateway).
  nlohmann::json portalPay(const core::Actor& a, long long registrationId);

  // POST /payments/callback: the gateway's signed notice. headers: names in lowercase.
  CallbackAnswer callback(const std::map<std::string, std::string>& headers, const std::string& body, const std::string& ip);

  // One pass of the reconciliation timer (PaymentTimer): opens missing orders, asks the gateway about
  // unpaid orders older than reconcile_after_seconds, sends due refunds, forgets old nonces.
  ReconcileSummary reconcileOnce(long long nowMs);

  // Opens (or returns) the live order of a registration in pending_payment, in the caller's transaction:
  // the fee decided now (decideFee); a free resit is paid at once and the registration moved to
  // pending_exam. nullopt when the registration is not pending_payment or its city has no fee set.
  static std::optional<OrderRow> openOrder(db::Conn& c, long long registrationId, const std::string& provider, long long now);

  payment::Provider& provider() { return *provider_; }
  const payment::Settings& settings() const;
  static nlohmann::json orderJson(const OrderRow& o);

 private:
  PayRegistration ownRegistration(db::Conn& c, const core::Principal& p, long long registrationId);
  // An online payment the gateway confirmed (callback or query): pays the order and moves the
  // registration; "duplicate" when it was paid before; a refund is started when the registration no
  // longer waits for payment.
  std::string settleOnline(db::Conn& c, const OrderRow& o, const std::string& tradeNo, long long now, const std::string& via);

  app::Context& ctx_;
  std::shared_ptr<payment::Provider> provider_;
  PaymentStore store_;
};

// Called by the registration's cancel (the lead's POST /exam-registrations/{id}/cancel), in its
// transaction: an unpaid order is cancelled; a paid one is refunded — recorded at once for the window,
// free and local orders, sent to the gateway by the reconciliation timer (retried) for its online ones.
// True when a paid order was refunded.
bool refundIfPaid(db::Conn& c, const core::Actor& a, long long registrationId, const std::string& reason);

}  // namespace baoan::exam
