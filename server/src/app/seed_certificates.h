#pragma once
// `baoan seed --demo`: the 保安员证 of 咸阳 (seed_certificates.cpp), made the way officers make them:
// 制证审批 cases opened for the demo registrations that passed, approved in batch in 待办 by the demo
// officers, printed, handed over, one revoked.
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct CertificatesSummary {
  long long pending = 0, certifying = 0, certified = 0, handedOver = 0, revoked = 0;
};

// Needs the demo officers (xy_jb, xy_bac) and the demo registrations in status passed (the lead's seed,
// before this). Of the passed registrations of 咸阳, in id order: four stay 待制证审批 at 王建国 (xy_jb)
// and one at 李振华 (xy_bac); of the rest, two are approved but not printed (certifying), the others are
// printed (certified) and handed over, the last of them revoked.
CertificatesSummary seedDemoCertificates(db::Database& db, const Config& cfg);

}  // namespace baoan::app
