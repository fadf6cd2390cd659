#pragma once
// The registry side of a licence that ends (吊销 / 注销, issue 12): the holder's record follows, in the
// caller's transaction, so that the registry pages show it.
// - A company (保安服务公司管理): status 'licence_revoked' (许可证已吊销) or 'licence_cancelled'
//   (许可证已注销), dictionary companyStatuses; its licence number stays on the record (history), its
//   portal account stays (the company exists and may read its records), it can no longer take on guards.
//   A deregistered company stays deregistered. A new licence (CompanyLicensing::recordLicence) makes
//   it 'active' again.
// - A training unit (保安培训单位): 吊销 fills 保安培训许可证吊销机关 / 吊销日期 (revoked_by, revoked_on,
//   manual §3.4.1); the record has no field for 注销, which shows in the licence's history.
#include <string>

#include "core/principal.h"
#include "db/db.h"

namespace baoan::industry {

class LicenceHolders {
 public:
  // status: revoked | cancelled; date "YYYY-MM-DD"; organ: who decided (the 吊销机关's name).
  // Unknown holders are left alone (a licence issued before its holder was in the registry).
  void licenceEnded(db::Conn& c, const core::Actor& a, const std::string& holderKind, long long holderId, const std::string& status,
                    const std::string& date, const std::string& organ, const std::string& licenceNo) const;
};

}  // namespace baoan::industry
