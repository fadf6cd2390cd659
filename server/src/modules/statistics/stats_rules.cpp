#include "modules/statistics/stats_rules.h"

#include <cmath>
#include <cstdio>

#include "core/working_calendar.h"

namespace baoan::statistics {

namespace {
// Civil date of a day number (days since 1970-01-01), H. Hinnant's algorithm.
void civil(core::DayNumber z, int& y, unsigned& m) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}
std::string ym(int y, unsigned m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
  return buf;
}
}  // namespace

std::string monthOf(std::int64_t epochMs) {
  int y = 0;
  unsigned m = 0;
  civil(core::chinaDay(epochMs), y, m);
  return ym(y, m);
}

std::string monthOfDate(std::string_view date) {
  if (date.size() < 10 || !core::parseDate(date.substr(0, 10))) return "";
  return std::string(date.substr(0, 7));
}

std::vector<std::string> monthsBetween(std::int64_t fromMs, std::int64_t toMs) {
  std::vector<std::string> out;
  if (toMs < fromMs) return out;
  int y = 0, y2 = 0;
  unsigned m = 0, m2 = 0;
  civil(core::chinaDay(fromMs), y, m);
  civil(core::chinaDay(toMs), y2, m2);
  while ((y < y2 || (y == y2 && m <= m2)) && out.size() < 1200) {
    out.push_back(ym(y, m));
    if (++m > 12) m = 1, ++y;
  }
  return out;
}

std::optional<double> rate(long long part, long long whole) {
  if (whole <= 0) return std::nullopt;
  return std::round(static_cast<double>(part) * 10000.0 / static_cast<double>(whole)) / 10000.0;
}

std::optional<double> mean(long long sum, long long n) {
  if (n <= 0) return std::nullopt;
  return std::round(static_cast<double>(sum) * 10.0 / static_cast<double>(n)) / 10.0;
}

WorkingDayCounter::WorkingDayCounter(const core::WorkingCalendar& calendar, core::DayNumber firstDay, core::DayNumber lastDay)
    : calendar_(calendar), first_(firstDay) {
  if (lastDay < firstDay) return;
  before_.reserve(static_cast<std::size_t>(lastDay - firstDay) + 2);
  before_.push_back(0);
  std::int32_t n = 0;
  for (core::DayNumber d = firstDay; d <= lastDay; ++d) before_.push_back(n += calendar.isWorkingDay(d) ? 1 : 0);
}

long long WorkingDayCounter::handlingDays(std::int64_t fromMs, std::int64_t toMs, const std::vector<core::Pause>& pauses) const {
  if (toMs <= fromMs) return 0;
  const core::DayNumber a = core::chinaDay(fromMs) + 1, b = core::chinaDay(toMs) + 1;  // the days (from, to]: [a, b)
  const auto size = static_cast<core::DayNumber>(before_.size());
  if (!pauses.empty() || a < first_ || b - first_ >= size) return calendar_.duration(fromMs, toMs, pauses).workingDays;
  return b <= a ? 0 : before_[static_cast<std::size_t>(b - first_)] - before_[static_cast<std::size_t>(a - first_)];
}

bool onTime(long long workingDays, int limitDays, int extensionDays) { return workingDays <= static_cast<long long>(limitDays) + extensionDays; }

std::string regionPrefix(std::string code) {
  if (code.size() != 6) return code;
  while (code.size() > 2 && code.compare(code.size() - 2, 2, "00") == 0) code.erase(code.size() - 2);
  return code;
}

std::string childRegion(std::string_view parentPrefix, std::string_view regionCode) {
  if (regionCode.substr(0, parentPrefix.size()) != parentPrefix || regionCode.size() <= parentPrefix.size()) return "";
  if (parentPrefix.size() == 2 && regionCode.size() >= 4) return std::string(regionCode.substr(0, 4)) + "00";
  if (parentPrefix.size() == 4 && regionCode.size() >= 6) return std::string(regionCode.substr(0, 6));
  if (parentPrefix.size() == 6 && regionCode.size() >= 9) return std::string(regionCode.substr(0, 9));
  return "";
}

}  // namespace baoan::statistics
