// 保安服务公司年度报告备案 (办法 art. 17): each year a licensed company reports its operations to the
// city that supervises it.
#include "modules/approval/types/type_util.h"
#include "modules/industry/unit_filings.h"

namespace baoan::approval {

BusinessTypeSpec annualReportType() {
  BusinessTypeSpec t;
  t.code = "annual_report";
  t.group = "filing";
  t.batchable = true;
  t.yearlyRounds = true;
  t.form = {t.code,
            {numberField("year", "年度", true, 2000, 2100),
             textField("operations", "经营情况", true, 2000, InputType::textarea),
             numberField("guardCount", "保安员人数", true, 0, 1000000),
             numberField("certifiedCount", "持证保安员人数", true, 0, 1000000),
             textField("training", "培训情况", true, 2000, InputType::textarea),
             numberField("clientCount", "服务单位数", true, 0, 1000000),
             textField("violations", "违法违规与事故情况", true, 2000, InputType::textarea),
             textField("finance", "财务摘要", true, 2000, InputType::textarea),
             field("reportFiles", "年度报告", InputType::file, true)}};
  t.grantedName = "准予备案";
  t.steps = cityFilingSteps(false);
  t.keyField = {{"year", "年度"}};
  t.whyNot = [](const ApplicantState& s) { return types::licensedOnly(s, {"company"}, "已取得许可证的保安服务公司"); };
  // The year's report on the company's record (a second one for the same year replaces it).
  t.grant = [](GrantContext& g) {
    industry::AnnualReportRecord r;
    r.companyId = g.row.applicantCompanyId.value_or(0);
    r.year = static_cast<int>(types::integer(g.form, "year"));
    r.operatingSummary = types::text(g.form, "operations");
    r.guardCount = types::integer(g.form, "guardCount");
    r.certifiedCount = types::integer(g.form, "certifiedCount");
    r.trainingSummary = types::text(g.form, "training");
    r.clientCount = types::integer(g.form, "clientCount");
    r.violations = types::text(g.form, "violations");
    r.financeSummary = types::text(g.form, "finance");
    const auto files = g.form.value("reportFiles", nlohmann::json());
    if (files.is_array() && !files.empty() && files[0].is_string()) r.reportFileId = files[0].get<std::string>();
    r.applicationId = g.row.id;
    g.fx.filings.recordAnnualReport(g.c, g.a, r);
  };
  return t;
}

}  // namespace baoan::approval
