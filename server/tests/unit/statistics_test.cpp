// 统计管理's pure rules (modules/statistics/stats_rules.h): months in China time, rates, regions.
#include <gtest/gtest.h>

#include "core/working_calendar.h"
#include "modules/statistics/stats_rules.h"

using namespace baoan;
using namespace baoan::statistics;

namespace {
long long at(const char* date, int hourChina) { return core::dayStartMs(*core::parseDate(date)) + hourChina * 3600LL * 1000; }
}  // namespace

TEST(Statistics, MonthIsTheChinaMonth) {
  // 2026-01-31 23:30 China time is 15:30 UTC the same day; 2026-02-01 00:30 China time is still
  // 2026-01-31 in UTC but counts in February.
  EXPECT_EQ(monthOf(at("2026-01-31", 23) + 30 * 60 * 1000), "2026-01");
  EXPECT_EQ(monthOf(at("2026-02-01", 0) + 30 * 60 * 1000), "2026-02");
  EXPECT_EQ(monthOf(at("2024-02-29", 12)), "2024-02");
  EXPECT_EQ(monthOfDate("2026-03-15"), "2026-03");
  EXPECT_EQ(monthOfDate("2026-13-01"), "");
  EXPECT_EQ(monthOfDate(""), "");
}

TEST(Statistics, MonthsBetweenListsEveryMonthAcrossYears) {
  const auto m = monthsBetween(at("2025-11-20", 9), at("2026-02-01", 9));
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m.front(), "2025-11");
  EXPECT_EQ(m[1], "2025-12");
  EXPECT_EQ(m[2], "2026-01");
  EXPECT_EQ(m.back(), "2026-02");
  EXPECT_EQ(monthsBetween(at("2026-01-01", 0), at("2026-01-31", 23)).size(), 1u);
  EXPECT_TRUE(monthsBetween(at("2026-02-01", 0), at("2026-01-01", 0)).empty());
}

TEST(Statistics, RatesAreRoundedAndAbsentWithoutADenominator) {
  EXPECT_DOUBLE_EQ(*rate(5, 6), 0.8333);
  EXPECT_DOUBLE_EQ(*rate(2, 3), 0.6667);
  EXPECT_DOUBLE_EQ(*rate(0, 4), 0.0);
  EXPECT_DOUBLE_EQ(*rate(4, 4), 1.0);
  EXPECT_FALSE(rate(0, 0).has_value());  // no case decided: no pass rate, not 0 %
  EXPECT_DOUBLE_EQ(*mean(7, 3), 2.3);
  EXPECT_FALSE(mean(0, 0).has_value());
}

TEST(Statistics, OnTimeIsWithinTheLimitPlusTheExtension) {
  EXPECT_TRUE(onTime(20, 20, 0));
  EXPECT_FALSE(onTime(21, 20, 0));
  EXPECT_TRUE(onTime(25, 20, 10));
  EXPECT_TRUE(onTime(0, 1, 0));
}

TEST(Statistics, RegionPrefixAndChildRegion) {
  EXPECT_EQ(regionPrefix("610000"), "61");
  EXPECT_EQ(regionPrefix("610400"), "6104");
  EXPECT_EQ(regionPrefix("610404"), "610404");
  EXPECT_EQ(regionPrefix("610404003000"), "610404003000");
  EXPECT_EQ(childRegion("61", "610404"), "610400");
  EXPECT_EQ(childRegion("6104", "610404003000"), "610404");
  EXPECT_EQ(childRegion("610404", "610404003000"), "610404003");
  EXPECT_EQ(childRegion("6104", "610204"), "");
  EXPECT_EQ(childRegion("610404", "610404"), "");
}

TEST(Statistics, WorkingDayCounterIsTheCalendarsDuration) {
  // 2026: 国庆 1–8 October off (Thursday–Thursday), Sunday 27 September and Sunday 11 October worked.
  const core::WorkingCalendar cal({"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"},
                                  {"2026-09-27", "2026-10-11"});
  const auto first = *core::parseDate("2026-09-01"), last = *core::parseDate("2026-11-30");
  const WorkingDayCounter counter(cal, first, last);
  const long long hour = 3600LL * 1000;
  for (auto a = first - 3; a <= last + 3; a += 2)
    for (auto b = a - 1; b <= a + 45 && b <= last + 5; b += 3)
      for (int h : {0, 9, 23}) {
        const long long from = core::dayStartMs(a) + 10 * hour, to = core::dayStartMs(b) + h * hour;
        EXPECT_EQ(counter.handlingDays(from, to, {}), cal.duration(from, to, {}).workingDays) << core::formatDate(a) << " → " << core::formatDate(b);
      }
  // Over the holiday: submitted Tuesday 29 September, decided Monday 12 October — 30 Sep, 9 Oct (Fri), 11 Oct (Sun, worked), 12 Oct.
  EXPECT_EQ(counter.handlingDays(at("2026-09-29", 10), at("2026-10-12", 15), {}), 4);
  // A pause (特别程序) goes to the calendar: 12–19 October taken out of 1–23 October.
  const std::vector<core::Pause> paused = {{at("2026-10-12", 9), at("2026-10-19", 9)}};
  EXPECT_EQ(counter.handlingDays(at("2026-10-01", 9), at("2026-10-23", 9), paused), cal.duration(at("2026-10-01", 9), at("2026-10-23", 9), paused).workingDays);
  EXPECT_LT(counter.handlingDays(at("2026-10-01", 9), at("2026-10-23", 9), paused), counter.handlingDays(at("2026-10-01", 9), at("2026-10-23", 9), {}));
  // Moments outside the span are counted by the calendar too; a decision before the submission is 0.
  EXPECT_EQ(counter.handlingDays(at("2026-08-03", 9), at("2026-12-15", 9), {}), cal.duration(at("2026-08-03", 9), at("2026-12-15", 9), {}).workingDays);
  EXPECT_EQ(counter.handlingDays(at("2026-10-12", 9), at("2026-10-09", 9), {}), 0);
  const WorkingDayCounter empty(cal, last, first);
  EXPECT_EQ(empty.handlingDays(at("2026-09-29", 10), at("2026-10-12", 15), {}), 4);
}
