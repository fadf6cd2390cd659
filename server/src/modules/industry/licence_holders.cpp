#include "modules/industry/licence_holders.h"

#include "core/clock.h"
#include "modules/audit/audit_log.h"

namespace baoan::industry {

using db::Query;

namespace {
constexpr const char* kCompanyEnded =
    "UPDATE companies SET status = ?, updated_at = ? WHERE id = ? AND status <> 'deregistered'";
constexpr const char* kTrainingRevoked =
    "UPDATE training_units SET revoked_by = ?, revoked_on = ?, licence_no = COALESCE(licence_no, ?), updated_at = ? WHERE id = ?";
}  // namespace

void LicenceHolders::licenceEnded(db::Conn& c, const core::Actor& a, const std::string& holderKind, long long holderId,
                                  const std::string& status, const std::string& date, const std::string& organ,
                                  const std::string& licenceNo) const {
  const long long now = core::nowMs();
  const char* what = status == "revoked" ? "吊销" : "注销";
  if (holderKind == "company") {
    if (c.exec(Query(kCompanyEnded, status == "revoked" ? "licence_revoked" : "licence_cancelled", now, holderId)) > 0)
      audit::record(c, a, "update", "company", std::to_string(holderId), std::string("保安服务许可证 ") + licenceNo + " 已" + what + "(" + date + ")");
  } else if (holderKind == "training_unit" && status == "revoked") {
    if (c.exec(Query(kTrainingRevoked, organ, date, licenceNo, now, holderId)) > 0)
      audit::record(c, a, "update", "training_unit", std::to_string(holderId), std::string("保安培训许可证 ") + licenceNo + " 已吊销(" + date + ")");
  }
}

}  // namespace baoan::industry
