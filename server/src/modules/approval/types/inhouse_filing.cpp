// 自行招用保安员单位备案 (条例 art. 14: within 30 days of starting to employ guards): the city records
// the unit under 自行招用保安员单位管理 with its filing number; the listed guards become its employees.
#include "modules/approval/types/type_util.h"
#include "modules/industry/unit_filings.h"

namespace baoan::approval {

BusinessTypeSpec inhouseFilingType() {
  BusinessTypeSpec t;
  t.code = "inhouse_filing";
  t.group = "filing";
  t.batchable = true;
  t.form = {t.code,
            {textField("name", "单位名称", true, 60),
             field("creditCode", "统一社会信用代码", InputType::creditCode, true),
             choiceField("unitType", "单位类型", InputType::select, true,
                         {{"government", "机关"}, {"enterprise", "企业"}, {"institution", "事业单位"}, {"society", "社会团体"},
                          {"other", "其他"}}),
             field("regionCode", "所属区域", InputType::region, true),
             textField("address", "住所", true, 200),
             field("startedOn", "开始招用保安员日期", InputType::date, true),
             peopleField("legalPerson", "法定代表人", true, 1),
             peopleField("principal", "保安工作负责人", true, 1),
             peopleField("guards", "保安员名单", true, 500),
             field("businessLicenceFiles", "营业执照或登记证书", InputType::file, true),
             field("rulesFiles", "保安服务管理制度", InputType::file, true),
             field("dutyFiles", "岗位责任制度", InputType::file, true)}};
  t.grantedName = "准予备案";
  t.steps = cityFilingSteps(true);
  t.late = LateRule{"startedOn", 30, false, "应在开始招用保安员之日起30日内备案"};
  t.whyNot = [](const ApplicantState& s) -> std::optional<std::string> {
    if (s.unitKind != "inhouse_unit") return "仅自行招用保安员单位可申请";
    if (s.filed) return "本单位已备案,无需重复备案";
    return std::nullopt;
  };
  // The unit under 自行招用保安员单位管理 with its filing number; its guards become its employees and
  // the applicant's account the unit's.
  t.grant = [](GrantContext& g) {
    const auto legal = types::firstPerson(g.form, "legalPerson");
    const auto head = types::firstPerson(g.form, "principal");
    industry::InhouseFilingRecord r;
    r.name = types::text(g.form, "name");
    r.code = types::text(g.form, "creditCode");
    r.unitType = types::text(g.form, "unitType");
    r.regionCode = types::text(g.form, "regionCode");
    r.address = types::text(g.form, "address");
    r.legalName = types::text(legal, "name");
    r.legalIdNo = types::text(legal, "idNo");
    r.legalMobile = types::text(legal, "mobile");
    r.securityHeadName = types::text(head, "name");
    r.securityHeadMobile = types::text(head, "mobile");
    for (const auto& p : g.form.value("guards", nlohmann::json::array()))
      r.guards.push_back({types::text(p, "name"), types::text(p, "idNo"), types::text(p, "mobile")});
    r.startedOn = types::text(g.form, "startedOn");
    r.applicationId = g.row.id;
    const auto filed = g.fx.filings.recordInhouseFiling(g.c, g.a, r, g.row.applicantUserId);
    if (!filed.filingNo.empty()) g.issued = IssuedDocument{"自行招用保安员单位备案", filed.filingNo};
  };
  return t;
}

}  // namespace baoan::approval
