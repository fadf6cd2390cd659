// 保安服务公司年度报告备案 (办法 art. 17): each year a licensed company reports its operations to the
// city that supervises it.
#include "modules/approval/types/type_util.h"

namespace baoan::approval {

BusinessTypeSpec annualReportType() {
  BusinessTypeSpec t;
  t.code = "annual_report";
  t.group = "filing";
  t.batchable = true;
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
  return t;
}

}  // namespace baoan::approval
