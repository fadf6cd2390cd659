#include "modules/approval/workflow.h"

#include "core/catalog.h"
#include "core/form.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
Step step(std::string name, std::string post, int days, StepKind kind = StepKind::review, bool check = false) {
  const auto* p = core::findApprovalPost(post);
  return {std::move(name), std::move(post), p ? std::string(p->level) : "", kind, days, days, check};
}

// 设区市 checks in 15 working days, the province decides in 15 (办法 arts. 3–4, DOMAIN.md).
std::vector<Step> licenceChain() {
  return {step("市经办民警审查", "city_handler", 5, StepKind::review, true),
          step("市保安处领导审核", "city_security_leader", 4),
          step("市治安局领导审核", "city_public_order_leader", 3),
          step("市局领导审核", "city_bureau_leader", 3),
          step("省厅科长指派", "province_section_chief", 2, StepKind::assign),
          step("省厅民警审查", "province_officer", 7),
          step("省厅科长审核", "province_section_chief", 3),
          step("省厅保安处副处长审批", "province_deputy_director", 3)};
}

std::vector<Step> filingChain() {
  return {step("市经办民警审查", "city_handler", 10, StepKind::review, true), step("市保安处领导审核", "city_security_leader", 5)};
}
}  // namespace

int Chain::legalDays() const {
  int n = 0;
  for (const auto& s : steps) n += s.legalDays;
  return n;
}

int Chain::extensionDays() const { return 10; }

const char* stepKindCode(StepKind k) { return k == StepKind::assign ? "assign" : "review"; }

json stepsJson(const std::vector<Step>& steps) {
  json out = json::array();
  for (const auto& s : steps) {
    const auto* post = core::findApprovalPost(s.post);
    out.push_back({{"name", s.name},
                   {"post", s.post},
                   {"postName", post ? std::string(post->name) : s.post},
                   {"level", s.level},
                   {"kind", stepKindCode(s.kind)},
                   {"legalDays", s.legalDays},
                   {"promisedDays", s.promisedDays},
                   {"backgroundCheck", s.backgroundCheck}});
  }
  return out;
}

std::vector<Step> readSteps(const json& steps) {
  FieldErrors errors;
  if (!steps.is_array() || steps.empty()) errors.add("steps", "审批步骤至少要有一步");
  else if (steps.size() > 20) errors.add("steps", "审批步骤不能超过20步");
  errors.throwIfAny();
  std::vector<Step> out;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string at = "steps[" + std::to_string(i) + "].";
    const std::string no = "第" + std::to_string(i + 1) + "步";
    if (!steps[i].is_object()) {
      errors.add("steps[" + std::to_string(i) + "]", no + "格式不正确");
      continue;
    }
    FieldErrors own;
    core::Form form(steps[i], own);
    Step s;
    s.name = form.text("name", "步骤名称", {true, 30});
    s.post = form.text("post", "审批岗位", {true, 40});
    const std::string kind = form.text("kind", "步骤类型", {false, 10});
    const auto* post = s.post.empty() ? nullptr : core::findApprovalPost(s.post);
    if (!s.post.empty() && !own.has("post") && !post) own.add("post", "审批岗位不存在");
    if (post) s.level = std::string(post->level);
    if (kind == "assign") s.kind = StepKind::assign;
    else if (!kind.empty() && kind != "review") own.add("kind", "步骤类型只能是 review(审查审批)或 assign(指派)");
    auto days = [&](const char* key, const char* label) {
      const json* v = steps[i].contains(key) ? &steps[i].at(key) : nullptr;
      if (!v || !v->is_number_integer() || v->get<long long>() < 1 || v->get<long long>() > 60) {
        own.add(key, std::string(label) + "应为1到60之间的整数(工作日)");
        return 0;
      }
      return v->get<int>();
    };
    s.legalDays = days("legalDays", "法定时限");
    s.promisedDays = days("promisedDays", "承诺时限");
    if (s.legalDays && s.promisedDays > s.legalDays) own.add("promisedDays", "承诺时限不能超过法定时限");
    if (auto bc = form.boolean("backgroundCheck", "背景审查", false)) s.backgroundCheck = *bc;
    for (const auto& [field, message] : own.all()) {
      if (own.malformed()) errors.addTypeError(at + field, no + ":" + message);
      else errors.add(at + field, no + ":" + message);
    }
    out.push_back(std::move(s));
  }
  errors.throwIfAny();
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i].kind != StepKind::assign) continue;
    const std::string at = "steps[" + std::to_string(i) + "].kind";
    if (i + 1 == out.size()) errors.add(at, "最后一步不能是指派");
    else if (core::findApprovalPost(out[i + 1].post)->level != core::findApprovalPost(out[i].post)->level)
      errors.add(at, "指派的下一步须与指派步骤同级");
  }
  errors.throwIfAny();
  return out;
}

std::vector<Step> defaultSteps(const std::string& businessType) {
  if (businessType == "company_licence" || businessType == "training_licence") return licenceChain();
  if (businessType == "licence_change")
    return {step("市经办民警审查", "city_handler", 8, StepKind::review, true), step("市保安处领导审核", "city_security_leader", 7),
            step("省厅科长指派", "province_section_chief", 2, StepKind::assign), step("省厅民警审查", "province_officer", 7),
            step("省厅保安处副处长审批", "province_deputy_director", 6)};
  if (businessType == "exam_registration")
    return {step("派出所民警核查", "station_officer", 3), step("派出所所长核查", "station_chief", 2),
            step("县经办民警背景审查", "county_handler", 5, StepKind::review, true), step("市经办民警审查", "city_handler", 5),
            step("市保安处领导审批", "city_security_leader", 5)};
  return filingChain();
}

}  // namespace baoan::approval
