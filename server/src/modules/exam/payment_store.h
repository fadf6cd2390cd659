#pragma once
// All SQL of exam fees, payment orders and gateway callbacks (migration 0022), and the few reads of
// exam_registrations payment needs (the registration being paid for, the person's previous attempt).
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "db/db.h"
#include "modules/exam/payment_rules.h"

namespace baoan::exam {

struct FeeRow {
  std::string cityCode;
  long long theoryFen = 0;
  long long skillsFen = 0;
  long long updatedAt = 0;
};

struct PayRegistration {
  long long id = 0;
  std::string status;
  int attempt = 1;
  std::string idNo;
  std::string name;
  std::string cityCode;
  std::string orgPath;
  long long personUserId = 0;
  long long registeredBy = 0;
};

struct OrderRow {
  long long id = 0;
  std::string orderNo;
  long long registrationId = 0;
  std::string idNo;
  std::string cityCode;
  long long theoryFen = 0, skillsFen = 0, amountFen = 0;
  bool freeResit = false;
  std::string status;
  std::string provider;
  std::string method;
  std::string receiptNo;
  std::string tradeNo;
  std::string payUrl;
  std::optional<long long> paidAt;
  std::string paidByName;
  std::string refundState;
  std::string refundNo;
  std::string refundReason;
  int refundAttempts = 0;
  std::string refundError;
  std::optional<long long> refundedAt;
  std::string orgPath;
  long long createdAt = 0;
  long long updatedAt = 0;
};

struct NewOrder {
  std::string orderNo;
  const PayRegistration* reg = nullptr;
  FeeDecision fee;
  std::string provider;
};

class PaymentStore {
 public:
  // Fees.
  std::optional<FeeRow> fee(db::Conn& c, const std::string& cityCode);
  std::vector<FeeRow> fees(db::Conn& c);
  void upsertFee(db::Conn& c, const std::string& cityCode, long long theoryFen, long long skillsFen, long long by, long long now);
  // (city code, org path) of every city bureau.
  std::vector<std::pair<std::string, std::string>> cityBureaus(db::Conn& c);

  // Registrations.
  std::optional<PayRegistration> registration(db::Conn& c, long long id);
  bool visible(db::Conn& c, const core::DataScope& scope, long long registrationId);
  std::optional<PreviousAttempt> previousAttempt(db::Conn& c, const std::string& idNo, long long beforeId);
  bool freeResitUsed(db::Conn& c, const std::string& idNo, long long exceptRegistrationId);
  // pending_payment registrations without a live order (the timer opens theirs).
  std::vector<long long> withoutOrder(db::Conn& c, int limit);

  // Orders.
  std::optional<OrderRow> liveOrder(db::Conn& c, long long registrationId);
  std::vector<OrderRow> orders(db::Conn& c, long long registrationId);
  std::optional<OrderRow> byNo(db::Conn& c, const std::string& orderNo);
  std::optional<OrderRow> byId(db::Conn& c, long long id);
  long long insert(db::Conn& c, const NewOrder& o, long long now);
  // unpaid → paid; false when the order was not unpaid (already paid: the caller does nothing again).
  bool markPaid(db::Conn& c, long long orderId, const std::string& method, const std::optional<std::string>& receiptNo,
                const std::optional<std::string>& tradeNo, std::optional<long long> by, const std::string& byName, long long now);
  bool receiptTaken(db::Conn& c, const std::string& receiptNo);
  void setCreated(db::Conn& c, long long orderId, const std::string& payUrl, const std::string& tradeNo, long long now);
  void cancel(db::Conn& c, long long orderId, long long now);
  // An unpaid order goes where the candidate pays it (an order opened while another provider was
  // configured, or by another server of the database).
  void setProvider(db::Conn& c, long long orderId, const std::string& provider, long long now);
  // Unpaid orders created at the provider (pay_url set) before `before` and not asked about since, oldest first.
  std::vector<OrderRow> unpaidDue(db::Conn& c, const std::string& provider, long long before, int limit);
  void markChecked(db::Conn& c, long long orderId, long long now);
  // paid → refunded with the refund's state (pending: to be sent; done: recorded).
  bool startRefund(db::Conn& c, long long orderId, const std::string& refundNo, const std::string& reason,
                   const std::string& state, long long now);
  // Refunds of the provider's orders waiting to be sent (a server configured with another provider leaves them).
  std::vector<OrderRow> refundsDue(db::Conn& c, const std::string& provider, long long now, int limit);
  void refundOutcome(db::Conn& c, long long orderId, const std::string& state, int attempts, std::optional<long long> nextAt,
                     const std::string& error, long long now);

  // Callbacks: false when the nonce was seen before (a replay).
  bool rememberNonce(db::Conn& c, const std::string& nonce, const std::string& orderNo, const std::string& outcome,
                     const std::string& detail, long long now);
  void setCallbackOutcome(db::Conn& c, const std::string& nonce, const std::string& outcome, const std::string& detail);
  void purgeNonces(db::Conn& c, long long before);
};

}  // namespace baoan::exam
