// 保安员资格证考试报名 (条例 art. 16; manual §6.1; DOMAIN.md "Exam registration pipeline"): the
// 户籍地派出所 checks the person (民警 → 所长), the county bureau runs the 背景审查; the final 同意 sends the
// registration on to 待缴费. A 不同意 ends it as 审查不通过. The registration itself (who may register,
// the ID-derived facts, the photo) lives in modules/exam; this declares its form and its chain.
#include "core/dictionaries.h"
#include "core/clock.h"
#include "modules/approval/types/type_util.h"
#include "modules/exam/registration_status.h"

namespace baoan::approval {

namespace {

std::vector<core::CodeName> dictionaryOptions(std::string_view key) {
  std::vector<core::CodeName> out;
  if (const auto* d = core::findDictionary(key))
    for (const auto& item : d->items) out.push_back({item.code, item.name});
  return out;
}

// The registration beside the case follows it; its id when it moved.
std::optional<long long> moveWithCase(db::Conn& c, long long applicationId, std::initializer_list<std::string_view> from,
                                      std::string_view to) {
  if (auto r = c.queryOne(db::Query("SELECT id FROM exam_registrations WHERE application_id = ?", applicationId)))
    if (exam::moveRegistration(c, r->i64("id"), from, to, core::nowMs())) return r->i64("id");
  return std::nullopt;
}

}  // namespace

ApplicationForm examRegistrationForm() {
  FormField household = field("householdRegion", "户籍地", InputType::region, true);
  household.regionLevel = "town";
  return {"exam_registration",
          {textField("name", "姓名", true, 20),
           field("idNo", "公民身份号码", InputType::idNo, true),
           choiceField("ethnicity", "民族", InputType::select, true, dictionaryOptions("ethnicities")),
           choiceField("education", "文化程度", InputType::select, true, dictionaryOptions("educations")),
           household,
           textField("householdAddress", "户籍地址", true, 100),
           textField("currentAddress", "现住址", true, 100),
           field("mobile", "手机号", InputType::mobile, true),
           field("photo", "照片", InputType::file, true),
           field("medicalFiles", "体检证明(县级以上医院)", InputType::file, true),
           field("educationFiles", "学历证明", InputType::file, true),
           // 武装守护押运 (条例 art. 19 and the 公安部 rules on armed escort): the extra items asked of
           // its candidates; required only when armedEscort is "yes" (modules/exam checks it).
           choiceField("armedEscort", "报考武装守护押运", InputType::select, false, {{"no", "否"}, {"yes", "是"}}),
           textField("serviceHistory", "服役或从警经历", false, 200, InputType::textarea),
           field("noCrimeFiles", "无犯罪记录证明", InputType::file, false)}};
}

BusinessTypeSpec examRegistrationType() {
  BusinessTypeSpec t;
  t.code = "exam_registration";
  t.group = "exam";
  t.grantedName = "审核通过";
  t.rejectEnds = true;
  t.rejectedName = "审查不通过";
  t.form = examRegistrationForm();
  t.routingField = "householdRegion";
  t.keyField = std::make_pair(std::string("idNo"), std::string("公民身份号码"));
  t.steps = {makeStep("派出所民警核查", "station_officer", 3), makeStep("派出所所长核查", "station_chief", 2),
             makeStep("县经办民警背景审查", "county_handler", 5, StepKind::review, true)};
  // Registrations are made under 保安员资格证考试报名 (POST /exam-registrations), never as a plain
  // application: that is where the person's eligibility is checked.
  t.whyNot = [](const ApplicantState&) -> std::optional<std::string> { return "考试报名请在保安员资格证考试报名中办理"; };
  t.grant = [](GrantContext& g) {
    if (auto id = moveWithCase(g.c, g.row.id, {"background_check"}, "pending_payment")) exam::reachedPendingPayment(g.c, *id);
  };
  t.ended = [](db::Conn& c, const CaseRow& row, const std::string& outcome) {
    moveWithCase(c, row.id, {"background_check"}, outcome == "rejected" || outcome == "refused" ? "rejected" : "cancelled");
  };
  return t;
}

}  // namespace baoan::approval
