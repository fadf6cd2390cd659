#include "app/seed_payments.h"

#include <cstdio>
#include <string>
#include <tuple>

#include "core/principal.h"
#include "modules/exam/payment_service.h"
#include "modules/exam/payment_store.h"

namespace baoan::app {

using db::Query;

PaymentsSummary seedDemoPayments(db::Database& db, const Config&) {
  PaymentsSummary sum;
  db.write([&](db::Conn& c) {
    exam::PaymentStore store;
    const long long now = c.scalar(Query("SELECT COALESCE(MAX(updated_at), 0) FROM exam_registrations"));
    for (const auto& [city, theory, skills] : {std::tuple<const char*, long long, long long>{"610400", 8000, 4000},
                                               {"610100", 9000, 5000}, {"610300", 8000, 0}}) {
      store.upsertFee(c, city, theory, skills, 0, now);
      ++sum.fees;
    }
    const auto officer = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'wc_jb'"));
    const long long officerId = officer ? officer->i64("id") : 0;
    const std::string officerName = officer ? officer->str("name") : std::string("窗口民警");
    const auto rows = c.query(Query("SELECT id, status, created_at FROM exam_registrations ORDER BY id"));
    int n = 0;
    bool refundedOne = false;
    for (const auto& r : rows) {
      const long long id = r.i64("id");
      const std::string status = r.str("status");
      const long long at = r.i64("created_at") + 3LL * 86400000;
      if (status == "background_check" || status == "rejected") continue;
      if (status == "pending_payment") {
        if (exam::PaymentService::openOrder(c, id, "local", now)) {
          const auto o = store.liveOrder(c, id);
          if (o && o->status == "paid") ++sum.free;
          else ++sum.unpaid;
        }
        continue;
      }
      if (status == "cancelled" && refundedOne) continue;
      // A registration past 待缴费: paid as the fee rule said when it was (the registrations are seeded
      // in id order, so a resit sees the earlier attempts' orders).
      const auto reg = store.registration(c, id);
      const auto fee = store.fee(c, reg->cityCode);
      const exam::FeeDecision d = exam::decideFee(fee ? exam::CityFee{fee->theoryFen, fee->skillsFen} : exam::CityFee{8000, 4000},
                                                  reg->attempt, store.previousAttempt(c, reg->idNo, id),
                                                  store.freeResitUsed(c, reg->idNo, id));
      const exam::NewOrder no{"KS" + std::to_string(id) + "-1", &*reg, d, "local"};
      const long long orderId = store.insert(c, no, at - 86400000);
      ++n;
      if (d.freeResit) {
        store.markPaid(c, orderId, "free", std::nullopt, std::nullopt, std::nullopt, "", at);
        ++sum.free;
      } else if (n % 2 == 0) {
        char receipt[32];
        std::snprintf(receipt, sizeof receipt, "XYKS2026-%06d", n);
        store.markPaid(c, orderId, "window", std::string(receipt), std::nullopt, officerId, officerName, at);
        ++sum.paid;
      } else {
        store.markPaid(c, orderId, "online", std::nullopt, "LOCAL-" + no.orderNo, reg->personUserId ? std::optional<long long>(reg->personUserId) : std::nullopt,
                       reg->name, at);
        ++sum.paid;
      }
      if (status == "cancelled") {
        core::Principal officer;
        officer.userId = officerId;
        officer.account = "wc_jb";
        officer.name = officerName;
        exam::refundIfPaid(c, core::Actor{officer, "127.0.0.1", "seed"}, id, "考生本人申请取消报名");
        refundedOne = true;
        ++sum.refunded;
      }
    }
  });
  return sum;
}

}  // namespace baoan::app
