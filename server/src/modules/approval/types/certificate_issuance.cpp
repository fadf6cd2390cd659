// 保安员证制证审批 (manual §6.3.1): every candidate who passed the exam becomes a case in the 待办 of
// the city's approval posts, opened by the server (certificates::openCertificateCases, when the scores
// are notified); 批量审批 is allowed (one opinion, many candidates). The final 同意 issues the
// certificate (number, issuing organ = the city's 市局, date, QR token) and the registration moves
// pending_certificate → certifying; a case that ends otherwise ends the registration (rejected).
// Not applied for online: the form only carries what the server fills in.
#include "modules/approval/types/type_util.h"
#include "modules/certificates/certificate_service.h"

namespace baoan::approval {

BusinessTypeSpec certificateIssuanceType() {
  BusinessTypeSpec t;
  t.code = "certificate_issuance";
  t.group = "exam";
  t.batchable = true;
  t.grantedName = "准予制证";
  t.steps = {makeStep("市经办民警审查", "city_handler", 5), makeStep("市保安处领导审批", "city_security_leader", 5)};
  t.keyField = {{"idNo", "公民身份号码"}};
  t.whyNot = [](const ApplicantState&) -> std::optional<std::string> { return "制证审批由考试合格后系统自动发起,无需申请"; };
  t.grant = [](GrantContext& g) {
    const long long registrationId = types::integer(g.form, "registrationId");
    auto issuer = g.fx.store.orgAtLevel(g.c, g.row.regionCode, g.chain.steps.back().level);
    if (!issuer) throw conflict("未找到发证机关(" + g.row.regionCode + ")");
    certificates::issueCertificate(g.c, g.a, registrationId, issuer->first);
  };
  return t;
}

}  // namespace baoan::approval
