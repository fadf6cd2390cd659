#pragma once
// The pure rules of 统计管理 (manual §8, issue 14): month buckets in China time, rates, region
// prefixes and the region a figure is grouped under. No database; unit-tested
// (server/tests/unit/statistics_test.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/working_calendar.h"

namespace baoan::statistics {

// The working days of a calendar over a span of days, counted once (a prefix sum per day), so that
// each case of /stats/approvals costs O(1): handlingDays() is exactly
// calendar.duration(from, to, pauses).workingDays, the pauses included (those cases, and moments
// outside the span, go to the calendar itself).
class WorkingDayCounter {
 public:
  // The span: the days [firstDay, lastDay] (China time); empty when lastDay < firstDay.
  WorkingDayCounter(const core::WorkingCalendar& calendar, core::DayNumber firstDay, core::DayNumber lastDay);
  long long handlingDays(std::int64_t fromMs, std::int64_t toMs, const std::vector<core::Pause>& pauses) const;

 private:
  const core::WorkingCalendar& calendar_;
  core::DayNumber first_ = 0;
  std::vector<std::int32_t> before_;  // before_[i]: working days in [first_, first_ + i)
};

// "YYYY-MM" of an instant in China time (UTC+8): the month a case or a registration counts in.
std::string monthOf(std::int64_t epochMs);
// "YYYY-MM" of a "YYYY-MM-DD" date (hired_on, issued_on); "" when the text is no date.
std::string monthOfDate(std::string_view date);
// Every month from the one of `from` to the one of `to` (inclusive, "YYYY-MM"), so that a chart
// shows the months without figures as 0; empty when to < from.
std::vector<std::string> monthsBetween(std::int64_t fromMs, std::int64_t toMs);

// part / whole rounded to 4 decimals (0.8333); null (nullopt) when whole is 0: no rate, not 0 %.
std::optional<double> rate(long long part, long long whole);
// Mean rounded to 1 decimal; nullopt when n is 0.
std::optional<double> mean(long long sum, long long n);

// On time: the working days taken are within the limit (plus the days granted by 延期).
bool onTime(long long workingDays, int limitDays, int extensionDays);

// "610400" → "6104": the region and every region below it share that prefix (GB/T 2260: trailing
// "00" pairs of a 6-digit code mean "all of"); towns (9/12 digits) stay as they are.
std::string regionPrefix(std::string code);
// The region one level below `parentPrefix` that `regionCode` lies in, as a 6-digit code (or the
// 9-digit town): parent "61" → its city "610400", "6104" → its county "610404", "610404" → its
// town (the first 9 digits). "" when regionCode is not below the parent.
std::string childRegion(std::string_view parentPrefix, std::string_view regionCode);

}  // namespace baoan::statistics
