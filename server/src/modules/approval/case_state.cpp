#include "modules/approval/case_state.h"

#include <map>

#include "modules/approval/business_type.h"

namespace baoan::approval {

using nlohmann::json;

std::string statusName(const std::string& s, const std::string& businessType) {
  static const std::map<std::string, std::string> names = {
      {"draft", "草稿"},       {"submitted", "待受理"},   {"correction", "待补正"},   {"in_review", "审查中"},
      {"paused", "特别程序中"}, {"returned", "已退回"},    {"refused", "不予受理"},    {"withdrawn", "已撤回"},
      {"granted", "准予许可"}};
  if ((s == "granted" || s == "rejected") && !businessType.empty())
    if (const auto* spec = findSpec(businessType)) return s == "granted" ? spec->grantedName : spec->rejectedName;
  if (s == "rejected") return "未获同意";
  auto it = names.find(s);
  return it == names.end() ? s : it->second;
}

bool isOpen(const std::string& status) { return status == "submitted" || status == "in_review" || status == "paused"; }

int lastStepOf(const CaseRow& r, const Chain& chain) {
  return chain.conditional() ? chain.lastStep(json::parse(r.form)) : static_cast<int>(chain.steps.size()) - 1;
}

std::optional<core::StepClock> stepClock(const CaseRow& r, const Chain& chain) {
  if (!r.state.stepIndex || !r.state.stepArrivedAt || !isOpen(r.state.status)) return std::nullopt;
  if (*r.state.stepIndex < 0 || *r.state.stepIndex >= static_cast<int>(chain.steps.size())) return std::nullopt;
  const Step& s = chain.steps[static_cast<std::size_t>(*r.state.stepIndex)];
  core::StepClock clock{*r.state.stepArrivedAt, std::max(1, s.promisedDays), {}, 0};
  // 特别程序 stops the clock (closed pauses from the case, the open one while paused); the extension
  // lengthens the deciding step.
  for (const auto& p : json::parse(r.pauses))
    if (p.is_array() && p.size() == 2 && p[0].get<long long>() >= *r.state.stepArrivedAt)
      clock.pauses.push_back({p[0].get<long long>(), p[1].is_null() ? std::nullopt : std::optional<std::int64_t>(p[1].get<long long>())});
  if (r.pausedAt) clock.pauses.push_back({*r.pausedAt, std::nullopt});
  if (*r.state.stepIndex == lastStepOf(r, chain)) clock.extensionDays = r.extensionDays;
  return clock;
}

std::string warningName(std::string_view code) {
  if (code == "red") return "已超期";
  if (code == "yellow") return "即将到期";
  return "正常";
}

}  // namespace baoan::approval
