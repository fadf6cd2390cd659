#pragma once
// The working-day clock of the 行政许可法 (DOMAIN.md "Case procedure (行政许可法) and the clock"). Pure:
// no database, no clock of its own; the calendar service (modules/calendar) builds a WorkingCalendar
// from the table calendar_days that the operator keeps (系统管理 → 工作日历) and hands out snapshots.
//
// Conventions (行政许可法 art. 82: limits are working days, statutory holidays excluded; the day of the
// event that starts a 期限 is not counted, the 期限 starts the day after):
//
// - A day is a calendar day in China time (UTC+8, core/clock.h); instants are UTC epoch ms.
// - Working day: Monday to Friday unless listed as a holiday; Saturday and Sunday only when listed as
//   a working day (调休). A year the operator has not entered yet is weekends-only.
// - addWorkingDays(d, n) is the n-th working day after d; d itself never counts, whether it is a
//   working day or not. So a case that arrives on a Saturday, a Sunday or a Friday evening gets the
//   same due date: counting starts on the following Monday (if that is a working day).
// - workingDaysBetween(from, to) counts the working days after `from` up to and including `to`;
//   to < from gives the negative count of the other direction; from == to gives 0.
// - A step's clock: it starts at `startedAt` (the arrival at the step, or the deemed 受理); the
//   arrival day does not count; the step is due at the end (23:59:59.999 China time) of the
//   (limit + extension)-th counted working day after the arrival day.
// - Pauses (补正 waiting for the applicant, 特别程序 听证/检验/检测/鉴定/专家评审) are [from, to) instants,
//   `to` absent while the pause lasts. A pause takes the days from the day it starts up to the day
//   before it ends: the day it starts does not count (the officer gets that day back), the day it
//   ends counts again (the clock runs from that day). A pause that starts and ends on the same day
//   costs nothing. While a pause lasts the remaining days stay as they were when it started (the
//   clock is evaluated as if the pause ended at `now`). Pause days after the due day do not move it.
// - Remaining working days at `now`: the counted working days after today up to the due day (today
//   counts as used): 0 on the due day itself; once the due day has ended, negative: -(working days
//   since the due day, excluding pauses), at least -1.
// - Warning: "red" once the due day has ended; "yellow" when less than 20 % of the step's working
//   days (limit + extension) are left (remaining * 5 < limit + extension); else "none".
// - 补正 rule (art. 32): without a 补正告知 within 5 working days of the arrival, the case counts as
//   accepted on the day it arrived. The window ends at the end of the 5th working day after the
//   arrival day (a weekend arrival: the Friday of the following week when no holiday intervenes).
//   Once it has passed, the engine records 受理 dated the arrival day (its decision clock keeps
//   `startedAt` = the arrival: the days of the window count against the decision limit).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baoan::core {

// A calendar day as the number of days since 1970-01-01.
using DayNumber = std::int64_t;

// "YYYY-MM-DD" (exactly that shape, a real date) → day; nullopt otherwise.
std::optional<DayNumber> parseDate(std::string_view date);
std::string formatDate(DayNumber day);
// The China-time calendar day of an instant.
DayNumber chinaDay(std::int64_t epochMs);
// First and last millisecond of a day in China time.
std::int64_t dayStartMs(DayNumber day);
std::int64_t dayEndMs(DayNumber day);
// 1 = Monday … 7 = Sunday.
int isoWeekday(DayNumber day);
int yearOf(DayNumber day);

// One row of the operator's calendar: a statutory holiday or a weekend day that is a working day.
struct CalendarEntry {
  std::string date;  // YYYY-MM-DD
  std::string kind;  // "holiday" | "workday"
  std::string name;  // e.g. 春节, 春节调休
};

// Reads "date,kind,name" lines (header first, UTF-8, no quoting). Throws std::runtime_error naming
// the line on a malformed row.
std::vector<CalendarEntry> parseCalendarCsv(std::string_view text);

// A pause of a step's clock: [from, to) in epoch ms; `to` absent while it lasts.
struct Pause {
  std::int64_t from = 0;
  std::optional<std::int64_t> to;
};

// What the engine knows of a step's clock.
struct StepClock {
  std::int64_t startedAt = 0;  // epoch ms: the arrival at the step (its day does not count)
  int limitDays = 0;           // working days, > 0 (the promised limit, never over the legal one)
  std::vector<Pause> pauses;
  int extensionDays = 0;  // working days granted by 延期 (>= 0)
};

enum class Warning { none, yellow, red };
// "none" | "yellow" | "red" (the API's values).
std::string_view warningCode(Warning w);

struct ClockStatus {
  DayNumber dueDay = 0;
  std::string dueDate;                   // YYYY-MM-DD of dueDay
  std::int64_t dueAt = 0;                // end of the due day (epoch ms, 23:59:59.999 China time)
  long long remainingWorkingDays = 0;    // negative when overdue
  long long pausedWorkingDays = 0;       // working days the pauses took so far (up to `now`)
  bool paused = false;                   // a pause lasts at `now`
  Warning warning = Warning::none;
};

// How long a step took between two moments, pauses excluded.
struct StepDuration {
  long long workingDays = 0;  // working days after the day of `from` up to the day of `to`
  long long naturalDays = 0;  // calendar days, counted the same way
  std::int64_t activeMs = 0;  // to - from minus the time inside pauses
};

class WorkingCalendar {
 public:
  // Weekends only.
  WorkingCalendar() = default;
  // Dates "YYYY-MM-DD"; throws std::invalid_argument on a malformed date or a date in both lists.
  WorkingCalendar(const std::vector<std::string>& holidays, const std::vector<std::string>& workdays);
  static WorkingCalendar fromEntries(const std::vector<CalendarEntry>& entries);

  bool isWorkingDay(DayNumber day) const;
  bool isWorkingDay(std::string_view date) const;  // std::invalid_argument on a malformed date
  // The n-th working day after `day` (n < 0: before; n == 0: `day` itself).
  DayNumber addWorkingDays(DayNumber day, long long n) const;
  std::string addWorkingDays(std::string_view date, long long n) const;
  // Working days after `from` up to and including `to`; negative when to < from.
  long long workingDaysBetween(DayNumber from, DayNumber to) const;
  long long workingDaysBetween(std::string_view from, std::string_view to) const;
  // Whether the operator entered anything for that year (else it counts weekends only).
  bool coversYear(int year) const;

  // The step's clock at `now`. std::invalid_argument when limitDays <= 0 or extensionDays < 0.
  ClockStatus status(const StepClock& clock, std::int64_t now) const;
  // The working and natural days (and active time) between two moments, without the pauses.
  StepDuration duration(std::int64_t from, std::int64_t to, const std::vector<Pause>& pauses) const;

  // The 补正 window: the end of the 5th working day after the arrival day.
  static constexpr int kCorrectionWindowDays = 5;
  std::int64_t correctionDeadline(std::int64_t arrivedAt) const;
  // True once that window has ended without a 补正告知: the case counts as accepted on its arrival day.
  bool correctionWindowPassed(std::int64_t arrivedAt, std::int64_t now) const;

 private:
  struct Range {  // paused days [first, end)
    DayNumber first, end;
  };
  // Working days in [a, b) (0 when b <= a).
  long long countWorking(DayNumber a, DayNumber b) const;
  // Working days in [a, b) outside the ranges.
  long long countCounted(DayNumber a, DayNumber b, const std::vector<Range>& ranges) const;
  std::vector<Range> pauseRanges(DayNumber after, const std::vector<Pause>& pauses, std::int64_t now) const;

  std::vector<DayNumber> offWeekdays_;  // holidays on Monday–Friday, sorted
  std::vector<DayNumber> onWeekends_;   // 调休 working days on Saturday/Sunday, sorted
  std::vector<int> years_;              // years with entries, sorted
};

}  // namespace baoan::core
