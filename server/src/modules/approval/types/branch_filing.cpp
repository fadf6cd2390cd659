// 保安服务公司设立分公司备案 (条例 art. 11: within 15 days of setting up the branch; 办法 art. 10):
// filed with the city where the branch is, which records the branch under the parent company.
#include "core/dictionaries.h"
#include "modules/approval/types/type_util.h"

namespace baoan::approval {

BusinessTypeSpec branchFilingType() {
  BusinessTypeSpec t;
  t.code = "branch_filing";
  t.group = "filing";
  t.batchable = true;
  t.form = {t.code,
            {field("licenceId", "保安服务许可证", InputType::licence, true),
             textField("branchName", "分公司名称", true, 60),
             field("regionCode", "分公司所在区域", InputType::region, true),
             textField("address", "分公司住所", true, 200),
             field("setUpOn", "分公司设立日期", InputType::date, true),
             peopleField("head", "分公司负责人", true, 1),
             choiceField("serviceScope", "服务范围", InputType::multiselect, true, core::dictCodeNames("serviceScopes")),
             field("branchLicenceFiles", "分公司营业执照", InputType::file, true),
             field("headFiles", "负责人身份证明及履历", InputType::file, true)}};
  t.grantedName = "准予备案";
  t.steps = cityFilingSteps(true);
  t.keyField = {{"branchName", "分公司名称"}};
  t.late = LateRule{"setUpOn", 15, true, "应在分公司设立后15个工作日内备案"};
  t.whyNot = [](const ApplicantState& s) { return types::licensedOnly(s, {"company"}, "已取得许可证的保安服务公司"); };
  return t;
}

}  // namespace baoan::approval
