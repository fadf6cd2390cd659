// 自行招用保安员单位撤销备案 (条例 art. 14: within 30 days of no longer employing guards): the filing
// ends, the unit's guards are released, the unit stays readable.
#include "modules/approval/types/type_util.h"

namespace baoan::approval {

BusinessTypeSpec inhouseRevocationType() {
  BusinessTypeSpec t;
  t.code = "inhouse_revocation";
  t.group = "change";
  t.batchable = true;
  t.form = {t.code,
            {field("stoppedOn", "停止招用保安员日期", InputType::date, true),
             textField("reason", "撤销原因", true, 1000, InputType::textarea),
             textField("guardsDisposition", "保安员安置情况", true, 1000, InputType::textarea),
             field("evidenceFiles", "相关证明材料", InputType::file, false)}};
  t.grantedName = "准予撤销备案";
  t.steps = cityFilingSteps(false);
  t.late = LateRule{"stoppedOn", 30, false, "应在停止招用保安员之日起30日内撤销备案"};
  t.whyNot = [](const ApplicantState& s) -> std::optional<std::string> {
    if (s.unitKind != "inhouse_unit") return "仅自行招用保安员单位可申请";
    if (!s.filed) return "本单位尚未备案或备案已撤销";
    return std::nullopt;
  };
  return t;
}

}  // namespace baoan::approval
