#pragma once
// `baoan seed --demo`, last part: 12 months of approval and exam history in 咸阳 so that every §8
// chart (统计管理) shows a trend. Closed cases only (准予, 不予许可, 不予受理, 退回, 撤回) with their log and
// the working days each step took, and closed exam registrations (已制证 with a 保安员证, 不合格,
// 审查不通过, 已取消): nothing lands in anyone's 待办 and no open registration blocks a person. Written
// directly in bulk (one transaction, < 0.5 s).
#include "db/db.h"

namespace baoan::app {

struct HistorySummary {
  long long cases = 0, registrations = 0, certificates = 0;
};

HistorySummary seedDemoHistory(db::Database& db);

// Before any demo case: the 承诺时限 the demo's bureau commits to, two thirds of the 法定时限 for 变更,
// the filings with a background check and 制证 (a new chain version of each, as an administrator
// saves it), so that 8.1's two on-time rates differ.
void seedDemoPromisedLimits(db::Database& db);

// 制证审批 (seedDemoCertificates) runs its cases within seconds: their log is spread back over the
// working days such a case takes (submitted 3–6 working days before the decision, each step logged
// with the working days it took), so that 8.1 shows a handling time for it.
void spreadDemoCertificateCases(db::Database& db);

}  // namespace baoan::app
