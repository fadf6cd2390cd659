// 保安跨区域服务备案 (条例 art. 23; 办法 art. 18): before the service starts, filed with the city
// where the service is performed (not the company's): that city's officers receive and decide it.
#include "modules/approval/types/type_util.h"

namespace baoan::approval {

BusinessTypeSpec crossRegionFilingType() {
  BusinessTypeSpec t;
  t.code = "cross_region_filing";
  t.group = "filing";
  t.batchable = true;
  t.form = {t.code,
            {field("licenceId", "保安服务许可证", InputType::licence, true),
             field("serviceRegionCode", "服务所在地", InputType::region, true),
             textField("clientName", "客户单位", true, 60),
             textField("serviceAddress", "服务地址", true, 200),
             field("periodFrom", "服务开始日期", InputType::date, true),
             field("periodTo", "服务结束日期", InputType::date, true),
             peopleField("leader", "项目负责人", true, 1),
             field("guardIds", "派出保安员", InputType::guards, true),
             field("contractFiles", "服务合同", InputType::file, true)}};
  t.form.fields[7].maxLength = 500;
  t.grantedName = "准予备案";
  t.steps = cityFilingSteps(false);
  t.keyField = {{"clientName", "客户单位"}};
  t.routingField = "serviceRegionCode";
  t.late = LateRule{"periodFrom", 0, false, "应在跨区域服务开始前备案"};
  t.whyNot = [](const ApplicantState& s) { return types::licensedOnly(s, {"company"}, "已取得许可证的保安服务公司"); };
  return t;
}

}  // namespace baoan::approval
