#include "modules/certificates/certificate_cases.h"

#include "core/clock.h"
#include "modules/certificates/certificate_store.h"
#include "modules/exam/registration_status.h"

namespace baoan::certificates {

std::vector<long long> openCertificateCases(approval::ApprovalService& approvals, db::Conn& c, const core::Actor& a,
                                            const std::vector<long long>& registrationIds) {
  CertificateStore store;
  std::vector<long long> opened;
  for (long long id : registrationIds) {
    const auto reg = store.registration(c, id);
    if (!reg || reg->status != "passed") continue;
    // The move first: a second call for the same registration (or a race) finds it no longer passed.
    if (!exam::moveRegistration(c, id, {"passed"}, "pending_certificate", core::nowMs())) continue;
    approval::NewCase n;
    n.businessType = "certificate_issuance";
    n.applicantUserId = reg->personUserId.value_or(reg->registeredByUserId);
    n.applicantName = reg->name;
    n.applicantCode = reg->idNo;
    n.regionCode = reg->householdRegion;
    n.orgPath = reg->orgPath;
    n.form = {{"registrationId", reg->id}, {"name", reg->name}, {"idNo", reg->idNo}};
    if (reg->examId) n.form["examId"] = *reg->examId;
    opened.push_back(approvals.openCase(c, a, n).first);
  }
  return opened;
}

}  // namespace baoan::certificates
