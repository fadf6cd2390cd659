#pragma once
// 制证审批 (manual §6.3.1) on the server's initiative: when an exam's scores are notified, every
// candidate who passed becomes a case of business type certificate_issuance (its declaration:
// approval/types/certificate_issuance.cpp) in the 待办 of the city's 市经办民警, and the registration
// moves passed → pending_certificate.
#include <vector>

#include "core/principal.h"
#include "db/db.h"
#include "modules/approval/approval_service.h"

namespace baoan::certificates {

// One case per registration in status passed, inside the caller's transaction (the case's form:
// registrationId, name, idNo, examId; routed by the registration's 户籍地, seen where the registration
// is seen). Registrations not in passed (already pending, or moved on) are skipped: calling again
// opens nothing twice. Returns the ids of the cases opened, in the order of `registrationIds`.
std::vector<long long> openCertificateCases(approval::ApprovalService& approvals, db::Conn& c, const core::Actor& a,
                                            const std::vector<long long>& registrationIds);

}  // namespace baoan::certificates
