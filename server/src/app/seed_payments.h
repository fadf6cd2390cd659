#pragma once
// `baoan seed --demo`: the exam fees of the demo cities and the payment orders of the demo exam
// registrations (seed_payments.cpp). Called after the registrations and exams are seeded.
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct PaymentsSummary {
  long long fees = 0, paid = 0, free = 0, unpaid = 0, refunded = 0;
};

// Fees of 咸阳 (theory ¥80 + skills ¥40), 西安 and 宝鸡; every registration past 待缴费 gets a paid order
// (alternately 现场缴费 with a receipt number and 网上支付; a resit after a failed sitting its free order
// where the rule gives one); every registration in 待缴费 an unpaid order; the first cancelled
// registration a paid order refunded at its cancellation.
PaymentsSummary seedDemoPayments(db::Database& db, const Config& cfg);

}  // namespace baoan::app
