#include "modules/exam/payment_store.h"

#include "db/scope_sql.h"
#include "modules/exam/exam_store.h"  // kRegistrations

namespace baoan::exam {

using db::Query;

namespace {

constexpr const char* kFee = "SELECT city_code, theory_fen, skills_fen, updated_at FROM exam_fees WHERE city_code = ?";
constexpr const char* kFees = "SELECT city_code, theory_fen, skills_fen, updated_at FROM exam_fees ORDER BY city_code";
constexpr const char* kUpsertFee =
    "INSERT INTO exam_fees (city_code, theory_fen, skills_fen, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (city_code) DO UPDATE SET theory_fen = excluded.theory_fen, skills_fen = excluded.skills_fen, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr const char* kCityBureaus = "SELECT region_code, path FROM orgs WHERE type = 'city_bureau' ORDER BY region_code";
constexpr const char* kRegistration =
    "SELECT id, status, attempt, id_no, name, city_code, org_path, person_user_id, registered_by_user_id "
    "FROM exam_registrations WHERE id = ?";
// The latest earlier registration of the person that reached an exam result.
// The person's last registration that reached an exam result, and whether they were absent
// (exam_candidates.absent: 缺考 is not 不合格 and gives no free resit).
constexpr const char* kPrevious =
    "SELECT r.status, COALESCE(k.absent, 0) AS absent FROM exam_registrations r "
    "LEFT JOIN exam_candidates k ON k.registration_id = r.id WHERE r.id_no = ? AND r.id < ? "
    "AND r.status IN ('failed', 'passed', 'pending_certificate', 'certifying', 'certified') ORDER BY r.id DESC LIMIT 1";
constexpr const char* kFreeUsed =
    "SELECT COUNT(*) FROM payment_orders WHERE id_no = ? AND free_resit = 1 AND status = 'paid' AND registration_id <> ?";
constexpr const char* kWithoutOrder =
    "SELECT r.id FROM exam_registrations r WHERE r.status = 'pending_payment' AND NOT EXISTS "
    "(SELECT 1 FROM payment_orders o WHERE o.registration_id = r.id AND o.status IN ('unpaid', 'paid')) ORDER BY r.id LIMIT ?";
constexpr const char* kOrderColumns =
    "SELECT id, order_no, registration_id, id_no, city_code, theory_fen, skills_fen, amount_fen, free_resit, status, provider, "
    "method, receipt_no, trade_no, pay_url, paid_at, paid_by_name, refund_state, refund_no, refund_reason, refund_attempts, "
    "refund_error, refunded_at, org_path, created_at, updated_at FROM payment_orders ";
constexpr const char* kInsert =
    "INSERT INTO payment_orders (order_no, registration_id, id_no, city_code, theory_fen, skills_fen, amount_fen, free_resit, "
    "status, provider, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unpaid', ?, ?, ?, ?)";
constexpr const char* kMarkPaid =
    "UPDATE payment_orders SET status = 'paid', method = ?, receipt_no = ?, trade_no = COALESCE(?, trade_no), paid_at = ?, "
    "paid_by = ?, paid_by_name = ?, updated_at = ? WHERE id = ? AND status = 'unpaid'";
constexpr const char* kReceiptTaken = "SELECT COUNT(*) FROM payment_orders WHERE receipt_no = ?";
constexpr const char* kSetCreated = "UPDATE payment_orders SET pay_url = ?, trade_no = ?, updated_at = ? WHERE id = ? AND status = 'unpaid'";
constexpr const char* kCancel = "UPDATE payment_orders SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'unpaid'";
constexpr const char* kMarkChecked = "UPDATE payment_orders SET checked_at = ? WHERE id = ?";
constexpr const char* kStartRefund =
    "UPDATE payment_orders SET status = 'refunded', refund_no = ?, refund_reason = ?, refund_state = ?, "
    "refund_next_at = CASE WHEN ? = 'pending' THEN CAST(? AS BIGINT) END, refunded_at = CASE WHEN ? = 'done' THEN CAST(? AS BIGINT) END, updated_at = ? "
    "WHERE id = ? AND status = 'paid'";
constexpr const char* kRefundOutcome =
    "UPDATE payment_orders SET refund_state = ?, refund_attempts = ?, refund_next_at = ?, refund_error = ?, "
    "refunded_at = CASE WHEN ? = 'done' THEN CAST(? AS BIGINT) ELSE refunded_at END, updated_at = ? WHERE id = ?";
constexpr const char* kRememberNonce =
    "INSERT INTO payment_callbacks (nonce, order_no, received_at, outcome, detail) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (nonce) DO NOTHING";
constexpr const char* kCallbackOutcome = "UPDATE payment_callbacks SET outcome = ?, detail = ? WHERE nonce = ?";
constexpr const char* kPurgeNonces = "DELETE FROM payment_callbacks WHERE received_at < ?";

FeeRow feeOf(const db::Row& r) {
  return {r.str("city_code"), r.i64("theory_fen"), r.i64("skills_fen"), r.i64("updated_at")};
}

OrderRow orderOf(const db::Row& r) {
  OrderRow o;
  o.id = r.i64("id");
  o.orderNo = r.str("order_no");
  o.registrationId = r.i64("registration_id");
  o.idNo = r.str("id_no");
  o.cityCode = r.str("city_code");
  o.theoryFen = r.i64("theory_fen");
  o.skillsFen = r.i64("skills_fen");
  o.amountFen = r.i64("amount_fen");
  o.freeResit = r.boolean("free_resit");
  o.status = r.str("status");
  o.provider = r.str("provider");
  o.method = r.str("method");
  o.receiptNo = r.str("receipt_no");
  o.tradeNo = r.str("trade_no");
  o.payUrl = r.str("pay_url");
  o.paidAt = r.optI64("paid_at");
  o.paidByName = r.str("paid_by_name");
  o.refundState = r.str("refund_state");
  o.refundNo = r.str("refund_no");
  o.refundReason = r.str("refund_reason");
  o.refundAttempts = static_cast<int>(r.i64("refund_attempts"));
  o.refundError = r.str("refund_error");
  o.refundedAt = r.optI64("refunded_at");
  o.orgPath = r.str("org_path");
  o.createdAt = r.i64("created_at");
  o.updatedAt = r.i64("updated_at");
  return o;
}

std::vector<OrderRow> ordersOf(const std::vector<db::Row>& rows) {
  std::vector<OrderRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(orderOf(r));
  return out;
}

}  // namespace

std::optional<FeeRow> PaymentStore::fee(db::Conn& c, const std::string& cityCode) {
  auto r = c.queryOne(Query(kFee, cityCode));
  if (!r) return std::nullopt;
  return feeOf(*r);
}

std::vector<FeeRow> PaymentStore::fees(db::Conn& c) {
  std::vector<FeeRow> out;
  for (const auto& r : c.query(Query(kFees))) out.push_back(feeOf(r));
  return out;
}

void PaymentStore::upsertFee(db::Conn& c, const std::string& cityCode, long long theoryFen, long long skillsFen, long long by,
                             long long now) {
  c.exec(Query(kUpsertFee, cityCode, theoryFen, skillsFen, by, now));
}

std::vector<std::pair<std::string, std::string>> PaymentStore::cityBureaus(db::Conn& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query(Query(kCityBureaus))) out.emplace_back(r.str("region_code"), r.str("path"));
  return out;
}

std::optional<PayRegistration> PaymentStore::registration(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(kRegistration, id));
  if (!r) return std::nullopt;
  PayRegistration p;
  p.id = r->i64("id");
  p.status = r->str("status");
  p.attempt = static_cast<int>(r->i64("attempt"));
  p.idNo = r->str("id_no");
  p.name = r->str("name");
  p.cityCode = r->str("city_code");
  p.orgPath = r->str("org_path");
  p.personUserId = r->i64("person_user_id");
  p.registeredBy = r->i64("registered_by_user_id");
  return p;
}

bool PaymentStore::visible(db::Conn& c, const core::DataScope& scope, long long registrationId) {
  return db::visible(c, kRegistrations, scope, registrationId);
}

std::optional<PreviousAttempt> PaymentStore::previousAttempt(db::Conn& c, const std::string& idNo, long long beforeId) {
  auto r = c.queryOne(Query(kPrevious, idNo, beforeId));
  if (!r) return std::nullopt;
  return PreviousAttempt{r->str("status"), r->boolean("absent")};
}

bool PaymentStore::freeResitUsed(db::Conn& c, const std::string& idNo, long long exceptRegistrationId) {
  return c.scalar(Query(kFreeUsed, idNo, exceptRegistrationId)) > 0;
}

std::vector<long long> PaymentStore::withoutOrder(db::Conn& c, int limit) {
  std::vector<long long> out;
  for (const auto& r : c.query(Query(kWithoutOrder, limit))) out.push_back(r.i64("id"));
  return out;
}

std::optional<OrderRow> PaymentStore::liveOrder(db::Conn& c, long long registrationId) {
  auto r = c.queryOne(Query(std::string(kOrderColumns) + "WHERE registration_id = ? AND status IN ('unpaid', 'paid')", registrationId));
  if (!r) return std::nullopt;
  return orderOf(*r);
}

std::vector<OrderRow> PaymentStore::orders(db::Conn& c, long long registrationId) {
  return ordersOf(c.query(Query(std::string(kOrderColumns) + "WHERE registration_id = ? ORDER BY id", registrationId)));
}

std::optional<OrderRow> PaymentStore::byNo(db::Conn& c, const std::string& orderNo) {
  auto r = c.queryOne(Query(std::string(kOrderColumns) + "WHERE order_no = ?", orderNo));
  if (!r) return std::nullopt;
  return orderOf(*r);
}

std::optional<OrderRow> PaymentStore::byId(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(std::string(kOrderColumns) + "WHERE id = ?", id));
  if (!r) return std::nullopt;
  return orderOf(*r);
}

long long PaymentStore::insert(db::Conn& c, const NewOrder& o, long long now) {
  return c.insert(Query(kInsert, o.orderNo, o.reg->id, o.reg->idNo, o.reg->cityCode, o.fee.theoryFen, o.fee.skillsFen,
                        o.fee.amountFen, o.fee.freeResit, o.provider, o.reg->orgPath, now, now));
}

bool PaymentStore::markPaid(db::Conn& c, long long orderId, const std::string& method, const std::optional<std::string>& receiptNo,
                            const std::optional<std::string>& tradeNo, std::optional<long long> by, const std::string& byName,
                            long long now) {
  return c.exec(Query(kMarkPaid, method, receiptNo, tradeNo, now, by, byName, now, orderId)) == 1;
}

bool PaymentStore::receiptTaken(db::Conn& c, const std::string& receiptNo) { return c.scalar(Query(kReceiptTaken, receiptNo)) > 0; }

void PaymentStore::setCreated(db::Conn& c, long long orderId, const std::string& payUrl, const std::string& tradeNo, long long now) {
  c.exec(Query(kSetCreated, payUrl, tradeNo, now, orderId));
}

void PaymentStore::setProvider(db::Conn& c, long long orderId, const std::string& provider, long long now) {
  c.exec(Query("UPDATE payment_orders SET provider = ?, pay_url = NULL, updated_at = ? WHERE id = ? AND status = 'unpaid'", provider, now, orderId));
}

void PaymentStore::cancel(db::Conn& c, long long orderId, long long now) { c.exec(Query(kCancel, now, orderId)); }

std::vector<OrderRow> PaymentStore::unpaidDue(db::Conn& c, const std::string& provider, long long before, int limit) {
  return ordersOf(c.query(Query(std::string(kOrderColumns) +
                                    "WHERE status = 'unpaid' AND provider = ? AND pay_url IS NOT NULL AND updated_at < ? AND (checked_at IS NULL OR checked_at < ?) "
                                    "ORDER BY id LIMIT ?",
                                provider, before, before, limit)));
}

void PaymentStore::markChecked(db::Conn& c, long long orderId, long long now) { c.exec(Query(kMarkChecked, now, orderId)); }

bool PaymentStore::startRefund(db::Conn& c, long long orderId, const std::string& refundNo, const std::string& reason,
                               const std::string& state, long long now) {
  return c.exec(Query(kStartRefund, refundNo, reason, state, state, now, state, now, now, orderId)) == 1;
}

std::vector<OrderRow> PaymentStore::refundsDue(db::Conn& c, const std::string& provider, long long now, int limit) {
  return ordersOf(c.query(Query(std::string(kOrderColumns) +
                                    "WHERE refund_state = 'pending' AND refund_next_at <= ? AND provider = ? ORDER BY refund_next_at LIMIT ?",
                                now, provider, limit)));
}

void PaymentStore::refundOutcome(db::Conn& c, long long orderId, const std::string& state, int attempts,
                                 std::optional<long long> nextAt, const std::string& error, long long now) {
  c.exec(Query(kRefundOutcome, state, attempts, nextAt, error, state, now, now, orderId));
}

bool PaymentStore::rememberNonce(db::Conn& c, const std::string& nonce, const std::string& orderNo, const std::string& outcome,
                                 const std::string& detail, long long now) {
  return c.exec(Query(kRememberNonce, nonce, orderNo, now, outcome, detail)) == 1;
}

void PaymentStore::setCallbackOutcome(db::Conn& c, const std::string& nonce, const std::string& outcome, const std::string& detail) {
  c.exec(Query(kCallbackOutcome, outcome, detail, nonce));
}

void PaymentStore::purgeNonces(db::Conn& c, long long before) { c.exec(Query(kPurgeNonces, before)); }

}  // namespace baoan::exam
