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
