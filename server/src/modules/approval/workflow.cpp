#include "modules/approval/workflow.h"

#include "core/catalog.h"
#include "core/form.h"
#include "modules/approval/business_type.h"

namespace baoan::approval {

using nlohmann::json;

Step makeStep(std::string name, std::string post, int days, StepKind kind, bool backgroundCheck) {
  const auto* p = core::findApprovalPost(post);
  return {std::move(name), std::move(post), p ? std::string(p->level) : "", kind, days, days, backgroundCheck};
}

// 设区市 checks in 15 working days, the province decides in 15 (办法 arts. 3–4, DOMAIN.md).
std::vector<Step> licenceSteps() {
  return {makeStep("市经办民警审查", "city_handler", 5, StepKind::review, true),
          makeStep("市保安处领导审核", "city_security_leader", 4),
          makeStep("市治安局领导审核", "city_public_order_leader", 3),
          makeStep("市局领导审核", "city_bureau_leader", 3),
          makeStep("省厅科长指派", "province_section_chief", 2, StepKind::assign),
          makeStep("省厅民警审查", "province_officer", 7),
          makeStep("省厅科长审核", "province_section_chief", 3),
          makeStep("省厅保安处副处长审批", "province_deputy_director", 3)};
}

std::vector<Step> cityFilingSteps(bool backgroundCheck) {
  return {makeStep("市经办民警审查", "city_handler", 10, StepKind::review, backgroundCheck),
          makeStep("市保安处领导审核", "city_security_leader", 5)};
}

int Chain::legalDays() const {
  int n = 0;
  for (const auto& s : steps) n += s.legalDays;
  return n;
}

int Chain::extensionDays() const { return 10; }

bool stepApplies(const Step& s, const json& form) {
  if (s.onlyIf.empty()) return true;
  const auto colon = s.onlyIf.find(':');
  const std::string key = s.onlyIf.substr(0, colon), item = s.onlyIf.substr(colon + 1);
  const json rows = form.is_object() ? form.value(key, json()) : json();
  if (!rows.is_array()) return false;
  for (const auto& row : rows)
    if (row.is_object() && row.value("item", json()) == item) return true;
  return false;
}

std::optional<int> Chain::nextStep(int from, const json& form) const {
  for (int i = from + 1; i < static_cast<int>(steps.size()); ++i)
    if (stepApplies(steps[static_cast<std::size_t>(i)], form)) return i;
  return std::nullopt;
}

int Chain::lastStep(const json& form) const {
  for (int i = static_cast<int>(steps.size()) - 1; i > 0; --i)
    if (stepApplies(steps[static_cast<std::size_t>(i)], form)) return i;
  return 0;
}

bool Chain::conditional() const {
  for (const auto& s : steps)
    if (!s.onlyIf.empty()) return true;
  return false;
}

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
                   {"backgroundCheck", s.backgroundCheck},
                   {"onlyIf", s.onlyIf.empty() ? json(nullptr) : json(s.onlyIf)}});
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
    s.onlyIf = form.text("onlyIf", "适用条件", {false, 60});
    if (!s.onlyIf.empty() && !own.has("onlyIf")) {
      const auto colon = s.onlyIf.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == s.onlyIf.size())
        own.add("onlyIf", "适用条件应为「字段:事项」,如 changes:legalName");
    }
    for (const auto& [field, message] : own.all()) {
      if (own.malformed()) errors.addTypeError(at + field, no + ":" + message);
      else errors.add(at + field, no + ":" + message);
    }
    out.push_back(std::move(s));
  }
  errors.throwIfAny();
  if (!out.front().onlyIf.empty()) errors.add("steps[0].onlyIf", "第1步(受理)不能设适用条件");
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
  const auto* spec = findSpec(businessType);
  return spec ? spec->steps : cityFilingSteps(false);
}

}  // namespace baoan::approval
