// 保安培训单位设立许可 (条例 art. 33, 保安培训机构管理办法): reviewed by the city and decided by the
// province like the company licence (the manual's default; an administrator may shorten the chain to
// a filing in 系统管理 → 审批流程). The grant issues the 保安培训许可证.
#include "core/dictionaries.h"
#include "modules/approval/types/type_util.h"
#include "modules/licences/licence_service.h"
#include "modules/industry/unit_filings.h"
#include "modules/licences/licence_store.h"

namespace baoan::approval {

BusinessTypeSpec trainingLicenceType() {
  BusinessTypeSpec t;
  t.code = "training_licence";
  t.group = "licensing";
  t.issuesLicence = true;
  t.form = {t.code,
            {textField("name", "培训单位名称", true, 60),
             field("creditCode", "统一社会信用代码", InputType::creditCode, true),
             field("regionCode", "所属区域", InputType::region, true),
             textField("address", "住所", true, 200),
             numberField("regCapital", "注册资本(万元)", true, 1, 10000000),
             choiceField("trainingKinds", "培训类别", InputType::multiselect, true,
                         {{"basic", "保安员初任培训"}, {"armed", "武装守护押运培训"}, {"manager", "保安管理人员培训"},
                          {"refresher", "保安员在职培训"}}),
             numberField("scale", "培训规模(人/年)", true, 1, 100000),
             peopleField("legalPerson", "法定代表人", true, 1),
             peopleField("principals", "主要负责人", true, 10),
             textField("venue", "教学场所", true, 500, InputType::textarea),
             textField("facilities", "教学设施", true, 1000, InputType::textarea),
             peopleField("teachers", "专职教员(职务栏填写资格)", true, 50),
             peopleField("partTimeTeachers", "兼职教员(职务栏填写资格)", false, 50),
             textField("teachingPlan", "教学计划与管理制度", true, 2000, InputType::textarea),
             field("businessLicenceFiles", "营业执照或登记证书", InputType::file, true),
             field("resumeFiles", "法定代表人和主要负责人的身份证明及履历", InputType::file, true),
             field("capitalFiles", "注册资本证明", InputType::file, true),
             field("venueFiles", "教学场所和设施证明", InputType::file, true),
             field("teacherFiles", "教员资格证明", InputType::file, true),
             field("planFiles", "教学计划与管理制度", InputType::file, true)}};
  t.steps = licenceSteps();
  t.whyNot = [](const ApplicantState& s) { return types::unlicensedOnly(s, "training_unit", "保安培训单位"); };
  t.grant = [](GrantContext& g) {
    auto req = types::licenceRequest(g);
    req.serviceScope = types::joinedCodes(g.form, "trainingKinds");
    req.holderKind = "training_unit";
    const auto licence = g.fx.licences.issue(g.c, g.a, req);
    // The unit under 保安培训单位管理, recorded with the licence's number; the account becomes the unit's.
    const auto legal = types::firstPerson(g.form, "legalPerson");
    const auto principal = types::firstPerson(g.form, "principals");
    industry::TrainingUnitRecord u;
    u.name = g.row.applicantName;
    u.code = types::text(g.form, "creditCode");
    u.regionCode = g.row.regionCode;
    u.address = req.address;
    u.legalName = types::text(legal, "name");
    u.legalIdNo = types::text(legal, "idNo");
    u.legalMobile = types::text(legal, "mobile");
    u.principalName = types::text(principal, "name");
    u.principalIdNo = types::text(principal, "idNo");
    u.principalMobile = types::text(principal, "mobile");
    u.regCapital = req.regCapital;
    u.licenceNo = licence.number;
    u.issuedOn = licence.issuedOn;
    u.issuerName = licence.issuerName;
    u.applicationId = g.row.id;
    const long long unitId = g.fx.filings.recordTrainingUnit(g.c, g.a, u, g.row.applicantUserId);
    licences::LicenceStore().setHolder(g.c, licence.id, "training_unit", unitId);
    g.issued = IssuedDocument{licences::licenceTypeName(g.row.businessType), licence.number};
  };
  return t;
}

}  // namespace baoan::approval
