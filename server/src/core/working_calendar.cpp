#include "core/working_calendar.h"

#include <algorithm>
#include <stdexcept>

#include "core/clock.h"

namespace baoan::core {

namespace {
// Monday to Friday in [a, b).
long long countWeekdays(DayNumber a, DayNumber b) {
  if (b <= a) return 0;
  const long long span = b - a;
  long long n = span / 7 * 5;
  for (DayNumber d = a + span / 7 * 7; d < b; ++d)
    if (isoWeekday(d) <= 5) ++n;
  return n;
}

long long countIn(const std::vector<DayNumber>& sorted, DayNumber a, DayNumber b) {
  if (b <= a) return 0;
  return std::lower_bound(sorted.begin(), sorted.end(), b) - std::lower_bound(sorted.begin(), sorted.end(), a);
}

DayNumber requireDate(std::string_view date) {
  auto d = parseDate(date);
  if (!d) throw std::invalid_argument("not a date (YYYY-MM-DD): " + std::string(date));
  return *d;
}
}  // namespace

std::optional<DayNumber> parseDate(std::string_view date) {
  if (date.size() != 10) return std::nullopt;
  auto ms = parseTime(date);
  if (!ms) return std::nullopt;
  return chinaDay(*ms);
}

std::string formatDate(DayNumber day) { return toChinaDate(dayStartMs(day)); }

DayNumber chinaDay(std::int64_t epochMs) { return floorDiv(epochMs + kChinaOffsetMs, kDayMs); }

std::int64_t dayStartMs(DayNumber day) { return day * kDayMs - kChinaOffsetMs; }

std::int64_t dayEndMs(DayNumber day) { return dayStartMs(day + 1) - 1; }

int isoWeekday(DayNumber day) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((day % 7) + 7 + 3) % 7) + 1;
}

int yearOf(DayNumber day) { return std::stoi(formatDate(day).substr(0, 4)); }

std::string_view warningCode(Warning w) {
  switch (w) {
    case Warning::yellow:
      return "yellow";
    case Warning::red:
      return "red";
    case Warning::none:
      break;
  }
  return "none";
}

std::vector<CalendarEntry> parseCalendarCsv(std::string_view text) {
  std::vector<CalendarEntry> out;
  std::size_t pos = 0;
  int lineNo = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (lineNo == 1) {
      if (line != "date,kind,name") throw std::runtime_error("calendar CSV: the header must be date,kind,name");
      continue;
    }
    const auto c1 = line.find(',');
    const auto c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string_view::npos || line.find(',', c2 + 1) != std::string_view::npos)
      throw std::runtime_error("calendar CSV line " + std::to_string(lineNo) + ": expected date,kind,name");
    CalendarEntry e{std::string(line.substr(0, c1)), std::string(line.substr(c1 + 1, c2 - c1 - 1)),
                    std::string(line.substr(c2 + 1))};
    if (!parseDate(e.date) || (e.kind != "holiday" && e.kind != "workday"))
      throw std::runtime_error("calendar CSV line " + std::to_string(lineNo) + ": bad date or kind");
    out.push_back(std::move(e));
  }
  return out;
}

WorkingCalendar::WorkingCalendar(const std::vector<std::string>& holidays, const std::vector<std::string>& workdays) {
  std::vector<DayNumber> all;
  for (const auto& h : holidays) {
    const DayNumber d = requireDate(h);
    all.push_back(d);
    if (isoWeekday(d) <= 5) offWeekdays_.push_back(d);
  }
  for (const auto& w : workdays) {
    const DayNumber d = requireDate(w);
    all.push_back(d);
    if (isoWeekday(d) >= 6) onWeekends_.push_back(d);
  }
  std::sort(all.begin(), all.end());
  if (std::adjacent_find(all.begin(), all.end()) != all.end())
    throw std::invalid_argument("a date is listed twice in the working calendar");
  std::sort(offWeekdays_.begin(), offWeekdays_.end());
  std::sort(onWeekends_.begin(), onWeekends_.end());
  for (DayNumber d : all) {
    const int y = yearOf(d);
    if (years_.empty() || years_.back() != y) years_.push_back(y);
  }
}

WorkingCalendar WorkingCalendar::fromEntries(const std::vector<CalendarEntry>& entries) {
  std::vector<std::string> holidays, workdays;
  for (const auto& e : entries) (e.kind == "workday" ? workdays : holidays).push_back(e.date);
  return WorkingCalendar(holidays, workdays);
}

bool WorkingCalendar::isWorkingDay(DayNumber day) const {
  if (isoWeekday(day) <= 5) return !std::binary_search(offWeekdays_.begin(), offWeekdays_.end(), day);
  return std::binary_search(onWeekends_.begin(), onWeekends_.end(), day);
}

bool WorkingCalendar::isWorkingDay(std::string_view date) const { return isWorkingDay(requireDate(date)); }

bool WorkingCalendar::coversYear(int year) const { return std::binary_search(years_.begin(), years_.end(), year); }

long long WorkingCalendar::countWorking(DayNumber a, DayNumber b) const {
  if (b <= a) return 0;
  return countWeekdays(a, b) - countIn(offWeekdays_, a, b) + countIn(onWeekends_, a, b);
}

long long WorkingCalendar::workingDaysBetween(DayNumber from, DayNumber to) const {
  if (to >= from) return countWorking(from + 1, to + 1);
  return -countWorking(to + 1, from + 1);
}

long long WorkingCalendar::workingDaysBetween(std::string_view from, std::string_view to) const {
  return workingDaysBetween(requireDate(from), requireDate(to));
}

DayNumber WorkingCalendar::addWorkingDays(DayNumber day, long long n) const {
  if (n == 0) return day;
  if (n > 0) {
    // The smallest D > day with n working days in [day + 1, D + 1): count grows with D.
    DayNumber hi = day + n * 2 + 7;
    while (countWorking(day + 1, hi + 1) < n) hi = day + (hi - day) * 2;
    DayNumber lo = day + 1;
    while (lo < hi) {
      const DayNumber mid = lo + (hi - lo) / 2;
      if (countWorking(day + 1, mid + 1) >= n) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  // The largest D < day with -n working days in [D, day).
  const long long m = -n;
  DayNumber lo = day - m * 2 - 7;
  while (countWorking(lo, day) < m) lo = day - (day - lo) * 2;
  DayNumber hi = day - 1;
  while (lo < hi) {
    const DayNumber mid = hi - (hi - lo) / 2;
    if (countWorking(mid, day) >= m) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

std::string WorkingCalendar::addWorkingDays(std::string_view date, long long n) const {
  return formatDate(addWorkingDays(requireDate(date), n));
}

std::vector<WorkingCalendar::Range> WorkingCalendar::pauseRanges(DayNumber after, const std::vector<Pause>& pauses,
                                                                 std::int64_t now) const {
  std::vector<Range> ranges;
  for (const auto& p : pauses) {
    if (p.from > now) continue;
    const std::int64_t to = std::min(p.to.value_or(now), now);
    Range r{std::max(chinaDay(p.from), after + 1), chinaDay(to)};
    if (r.end > r.first) ranges.push_back(r);
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.first < b.first; });
  std::vector<Range> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().end) merged.back().end = std::max(merged.back().end, r.end);
    else merged.push_back(r);
  }
  return merged;
}

long long WorkingCalendar::countCounted(DayNumber a, DayNumber b, const std::vector<Range>& ranges) const {
  long long n = countWorking(a, b);
  for (const auto& r : ranges) n -= countWorking(std::max(a, r.first), std::min(b, r.end));
  return n;
}

ClockStatus WorkingCalendar::status(const StepClock& clock, std::int64_t now) const {
  if (clock.limitDays <= 0) throw std::invalid_argument("a step's limit must be at least one working day");
  if (clock.extensionDays < 0) throw std::invalid_argument("an extension cannot be negative");
  const DayNumber start = chinaDay(clock.startedAt);
  const auto ranges = pauseRanges(start, clock.pauses, now);
  const long long total = static_cast<long long>(clock.limitDays) + clock.extensionDays;

  // Walk the pauses: the due day is the total-th working day after the start that no pause takes.
  long long left = total;
  DayNumber cursor = start;  // counting resumes after this day
  std::optional<DayNumber> due;
  for (const auto& r : ranges) {
    const DayNumber candidate = addWorkingDays(cursor, left);
    if (candidate < r.first) {
      due = candidate;
      break;
    }
    left -= countWorking(cursor + 1, r.first);
    cursor = r.end - 1;
  }
  if (!due) due = addWorkingDays(cursor, left);

  ClockStatus s;
  s.dueDay = *due;
  s.dueDate = formatDate(s.dueDay);
  s.dueAt = dayEndMs(s.dueDay);
  for (const auto& r : ranges) s.pausedWorkingDays += countWorking(r.first, r.end);
  for (const auto& p : clock.pauses)
    if (p.from <= now && (!p.to || *p.to > now)) s.paused = true;

  const DayNumber today = chinaDay(now);
  if (now > s.dueAt) {
    s.remainingWorkingDays = -std::max(1LL, countCounted(s.dueDay + 1, today + 1, ranges));
    s.warning = Warning::red;
  } else {
    s.remainingWorkingDays = countCounted(today + 1, s.dueDay + 1, ranges);
    s.warning = s.remainingWorkingDays * 5 < total ? Warning::yellow : Warning::none;
  }
  return s;
}

StepDuration WorkingCalendar::duration(std::int64_t from, std::int64_t to, const std::vector<Pause>& pauses) const {
  StepDuration d;
  if (to <= from) return d;
  const DayNumber first = chinaDay(from), last = chinaDay(to);
  const auto ranges = pauseRanges(first, pauses, to);
  d.workingDays = countCounted(first + 1, last + 1, ranges);
  d.naturalDays = last - first;
  for (const auto& r : ranges) d.naturalDays -= r.end - r.first;
  // Time inside the pauses, merged so that overlapping pauses count once.
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  for (const auto& p : pauses) {
    const std::int64_t a = std::max(p.from, from), b = std::min(p.to.value_or(to), to);
    if (b > a) spans.emplace_back(a, b);
  }
  std::sort(spans.begin(), spans.end());
  std::int64_t paused = 0, curA = 0, curB = 0;
  bool open = false;
  for (const auto& [a, b] : spans) {
    if (open && a <= curB) {
      curB = std::max(curB, b);
      continue;
    }
    if (open) paused += curB - curA;
    curA = a;
    curB = b;
    open = true;
  }
  if (open) paused += curB - curA;
  d.activeMs = (to - from) - paused;
  return d;
}

std::int64_t WorkingCalendar::correctionDeadline(std::int64_t arrivedAt) const {
  return dayEndMs(addWorkingDays(chinaDay(arrivedAt), kCorrectionWindowDays));
}

bool WorkingCalendar::correctionWindowPassed(std::int64_t arrivedAt, std::int64_t now) const {
  return now > correctionDeadline(arrivedAt);
}

}  // namespace baoan::core
