// 保安员资格证考试报名 (条例 art. 16; manual §6): its chain runs from the 户籍地派出所 to the city.
// Registration itself is built with the exam pipeline; until then it has no online form.
#include "modules/approval/types/type_util.h"

namespace baoan::approval {

BusinessTypeSpec examRegistrationType() {
  BusinessTypeSpec t;
  t.code = "exam_registration";
  t.group = "exam";
  t.grantedName = "审核通过";
  t.steps = {makeStep("派出所民警核查", "station_officer", 3), makeStep("派出所所长核查", "station_chief", 2),
             makeStep("县经办民警背景审查", "county_handler", 5, StepKind::review, true), makeStep("市经办民警审查", "city_handler", 5),
             makeStep("市保安处领导审批", "city_security_leader", 5)};
  t.whyNot = [](const ApplicantState&) -> std::optional<std::string> { return "考试报名请在保安员资格证考试报名中办理"; };
  return t;
}

}  // namespace baoan::approval
