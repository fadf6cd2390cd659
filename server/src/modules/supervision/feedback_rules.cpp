#include "modules/supervision/feedback_rules.h"

namespace baoan::supervision {

std::vector<RouteStep> receivingBureaus(std::string_view code) {
  if (code.size() != 6) return {};
  for (char ch : code)
    if (ch < '0' || ch > '9') return {};
  if (code.substr(2) == "0000") return {};  // a province: no bureau receives for all of it
  const std::string city = std::string(code.substr(0, 4)) + "00";
  if (code.substr(4) == "00") return {{city, {"city_bureau"}}};
  return {{std::string(code), {"district_bureau", "county_bureau"}}, {city, {"city_bureau"}}};
}

std::string_view typeName(std::string_view t) {
  if (t == "complaint") return "投诉";
  if (t == "suggestion") return "建议";
  if (t == "inquiry") return "咨询";
  return "";
}

std::string_view stateName(std::string_view s) {
  if (s == "received") return "受理";
  if (s == "assigned") return "已分派";
  if (s == "replied") return "已回复";
  if (s == "closed") return "已办结";
  return "";
}

bool canAssign(std::string_view s) { return s == "received" || s == "assigned"; }
bool canReply(std::string_view s) { return s == "received" || s == "assigned" || s == "replied"; }
bool canClose(std::string_view s) { return s == "replied"; }

HandlingClock handlingClock(const core::WorkingCalendar& cal, std::int64_t receivedAt, int limitDays, std::string_view state,
                            std::int64_t now) {
  core::StepClock clock;
  clock.startedAt = receivedAt;
  clock.limitDays = limitDays > 0 ? limitDays : 1;
  const auto st = cal.status(clock, now);
  HandlingClock h{st.dueDate, st.remainingWorkingDays, std::string(core::warningCode(st.warning))};
  if (state == "replied" || state == "closed") h.mark = "none";
  return h;
}

}  // namespace baoan::supervision
