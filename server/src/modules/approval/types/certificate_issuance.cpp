// 保安员证制证审批 (manual §6.3.1): every candidate who passed the exam becomes a case in the 待办 of
// the city's approval posts, opened by the server (certificates::openCertificateCases, when the scores
// are notified); 批量审批 is allowed (one opinion, many candidates). The final 同意 issues the
// certificate (number, issuing organ = the city's 市局, date, QR token) and the registration moves
// pending_certificate → certifying; a case that ends otherwise ends the registration (rejected).
// Not applied for online (whyNot refuses every account): the form only carries what the server fills in.
#include "core/clock.h"
#include "modules/approval/types/type_util.h"
#include "modules/certificates/certificate_service.h"

namespace baoan::approval {

BusinessTypeSpec certificateIssuanceType() {
  BusinessTypeSpec t;
  t.code = "certificate_issuance";
  t.group = "exam";
  t.batchable = true;
  t.form = {t.code,
            {numberField("registrationId", "报名记录", true, 1, 9000000000000000000LL), textField("name", "姓名", true, 50),
             field("idNo", "公民身份号码", InputType::idNo, true), numberField("examId", "考试", false, 1, 9000000000000000000LL)}};
  t.grantedName = "准予制证";
  t.steps = {makeStep("市经办民警审查", "city_handler", 5), makeStep("市保安处领导审批", "city_security_leader", 5)};
  t.keyField = {{"idNo", "公民身份号码"}};
  t.whyNot = [](const ApplicantState&) -> std::optional<std::string> { return "制证审批由考试合格后系统自动发起,无需申请"; };
  t.acceptedOnOpen = true;
  // 不同意 ends the case (不予制证) and the registration with it (rejected: closed, the person may
  // register again); so do 不予受理 and a withdrawal.
  t.rejectEnds = true;
  t.rejectedName = "不予制证";
  t.ended = [](db::Conn& c, const CaseRow& row, const std::string&) {
    const long long registrationId = types::integer(nlohmann::json::parse(row.form), "registrationId");
    if (registrationId) certificates::certificationEnded(c, registrationId, core::nowMs());
  };
  t.grant = [](GrantContext& g) {
    const long long registrationId = types::integer(g.form, "registrationId");
    auto issuer = g.fx.store.orgAtLevel(g.c, g.row.regionCode, g.chain.steps.back().level);
    if (!issuer) throw conflict("未找到发证机关(" + g.row.regionCode + ")");
    const auto cert = certificates::issueCertificate(g.c, g.a, registrationId, issuer->first);
    g.issued = IssuedDocument{"保安员证", cert.number};
  };
  return t;
}

}  // namespace baoan::approval
