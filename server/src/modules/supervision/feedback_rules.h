#pragma once
// 市民投诉建议 (manual §9.2): the pure rules of citizen feedback — where it is received, its states and
// the handling clock's marks. No database, no clock of its own (unit-tested in tests/unit/feedback_rules_test.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/working_calendar.h"

namespace baoan::supervision {

// The receiving bureau of a region, in the order to try: {region code, org types}. A county
// (610402): its 分局/县局, else the city's 市局 (610400); a city code: its 市局. Empty for a code that
// is not a county or city of the region table's shape (6 digits, not a province).
struct RouteStep {
  std::string regionCode;
  std::vector<std::string> orgTypes;
};
std::vector<RouteStep> receivingBureaus(std::string_view regionCode);

// type: complaint | suggestion | inquiry → 投诉 / 建议 / 咨询 ("" for another value).
std::string_view typeName(std::string_view type);
// state: received | assigned | replied | closed → 受理 / 已分派 / 已回复 / 已办结 ("" otherwise).
std::string_view stateName(std::string_view state);
// Whether an action is allowed in a state: assign (received, assigned), reply (received, assigned,
// replied: a second reply replaces the first), close (replied).
bool canAssign(std::string_view state);
bool canReply(std::string_view state);
bool canClose(std::string_view state);

// The handling clock: from the day received (that day does not count), `limitDays` working days on
// the approvals' calendar. The mark is "red" once the due day has ended, "yellow" when less than 20 %
// of the limit is left, else "none"; a feedback that has its answer (replied, closed) has no mark.
struct HandlingClock {
  std::string dueDate;             // YYYY-MM-DD
  long long remainingWorkingDays;  // negative when overdue
  std::string mark;                // none | yellow | red
};
HandlingClock handlingClock(const core::WorkingCalendar& cal, std::int64_t receivedAt, int limitDays, std::string_view state,
                            std::int64_t now);

}  // namespace baoan::supervision
