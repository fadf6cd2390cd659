// Unit tests for core/clock: instants are UTC epoch milliseconds, shown and parsed in China time
// (+08:00, no DST). Expected epoch values were computed independently with Python's datetime.
#include "core/clock.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

using namespace baoan::core;

namespace {
constexpr std::int64_t kMsPerHour = 3600LL * 1000;
constexpr std::int64_t kMsPerDay = 24 * kMsPerHour;
// datetime.fromisoformat("2026-11-29T15:04:05+08:00").timestamp() * 1000
constexpr std::int64_t k20261129T150405 = 1795935845000LL;
// datetime.fromisoformat("2026-11-29T00:00:00+08:00").timestamp() * 1000
constexpr std::int64_t k20261129Midnight = 1795881600000LL;
}  // namespace

// ---------------------------------------------------------------- toIso

TEST(ToIso, EpochZeroIsEightInTheMorningInChina) { EXPECT_EQ(toIso(0), "1970-01-01T08:00:00+08:00"); }

TEST(ToIso, KnownInstant) { EXPECT_EQ(toIso(k20261129T150405), "2026-11-29T15:04:05+08:00"); }

TEST(ToIso, MillisecondsAreTruncatedNotRounded) {
  EXPECT_EQ(toIso(k20261129T150405 + 999), "2026-11-29T15:04:05+08:00");
}

TEST(ToIso, NegativeInstantsFloorToThePreviousSecond) {
  EXPECT_EQ(toIso(-1), "1970-01-01T07:59:59+08:00");
  EXPECT_EQ(toIso(-1000), "1970-01-01T07:59:59+08:00");
  EXPECT_EQ(toIso(-8 * kMsPerHour), "1970-01-01T00:00:00+08:00");
  EXPECT_EQ(toIso(-8 * kMsPerHour - 1), "1969-12-31T23:59:59+08:00");
}

TEST(ToIso, LeapDay) {
  // datetime.fromisoformat("2024-02-29T00:00:00+08:00").timestamp() * 1000
  EXPECT_EQ(toIso(1709136000000LL), "2024-02-29T00:00:00+08:00");
  EXPECT_EQ(toIso(1709136000000LL + kMsPerDay), "2024-03-01T00:00:00+08:00");
}

// ---------------------------------------------------------------- parseTime

TEST(ParseTime, ChinaOffsetRoundTrips) {
  auto t = parseTime("2026-11-29T15:04:05+08:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, k20261129T150405);
  EXPECT_EQ(toIso(*t), "2026-11-29T15:04:05+08:00");
}

TEST(ParseTime, ToIsoOutputAlwaysParsesBack) {
  for (std::int64_t ms : std::initializer_list<std::int64_t>{0, kMsPerDay, k20261129T150405, 951782400000 /*2000-02-29*/,
                                                             4102444799000, -8 * kMsPerHour - 1000}) {
    const std::int64_t secondMs = ms - ((ms % 1000) + 1000) % 1000;
    auto back = parseTime(toIso(ms));
    ASSERT_TRUE(back.has_value()) << toIso(ms);
    EXPECT_EQ(*back, secondMs) << toIso(ms);
  }
}

TEST(ParseTime, DateOnlyIsMidnightChinaTime) {
  auto t = parseTime("2026-11-29");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, k20261129Midnight);
  EXPECT_EQ(toIso(*t), "2026-11-29T00:00:00+08:00");
  EXPECT_EQ(parseTime("1970-01-01"), -8 * kMsPerHour);
}

TEST(ParseTime, ZuluAndZeroOffsetAreUtc) {
  EXPECT_EQ(parseTime("2026-11-29T07:04:05Z"), k20261129T150405);
  EXPECT_EQ(parseTime("2026-11-29T07:04:05+00:00"), k20261129T150405);
  EXPECT_EQ(parseTime("1970-01-01T00:00:00Z"), 0);
}

TEST(ParseTime, OtherOffsets) {
  // datetime.fromisoformat("2026-11-29T10:04:05-05:00") is 15:04:05Z, i.e. 23:04:05 in China.
  auto t = parseTime("2026-11-29T10:04:05-05:00");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1795964645000LL);
  EXPECT_EQ(toIso(*t), "2026-11-29T23:04:05+08:00");
  EXPECT_EQ(parseTime("2026-11-29T12:34:05+05:30"), k20261129T150405);
}

TEST(ParseTime, WithoutOffsetIsChinaTime) {
  EXPECT_EQ(parseTime("2026-11-29T15:04:05"), k20261129T150405);
  EXPECT_EQ(parseTime("2026-11-29 15:04:05"), k20261129T150405);  // space instead of T
  EXPECT_EQ(parseTime("2026-11-29T15:04"), k20261129T150405 - 5000);  // seconds optional
}

TEST(ParseTime, FractionalSecondsAccepted) {
  auto t = parseTime("2026-11-29T07:04:05.123Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(toIso(*t), "2026-11-29T15:04:05+08:00");
}

TEST(ParseTime, LeapDays) {
  EXPECT_TRUE(parseTime("2024-02-29").has_value());
  EXPECT_TRUE(parseTime("2000-02-29").has_value());
  EXPECT_FALSE(parseTime("2026-02-29").has_value());
  EXPECT_FALSE(parseTime("1900-02-29").has_value());
  EXPECT_FALSE(parseTime("2100-02-29").has_value());
}

TEST(ParseTime, RejectsImpossibleDates) {
  for (const char* s : {"2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31",
                        "2026-06-31", "2026-09-31", "2026-11-31"})
    EXPECT_FALSE(parseTime(s).has_value()) << s;
  EXPECT_TRUE(parseTime("2026-12-31").has_value());
  EXPECT_TRUE(parseTime("2026-01-31").has_value());
}

TEST(ParseTime, RejectsImpossibleTimes) {
  for (const char* s : {"2026-11-29T24:00:00+08:00", "2026-11-29T23:60:00+08:00", "2026-11-29T23:59:60+08:00",
                        "2026-02-30T10:00:00Z"})
    EXPECT_FALSE(parseTime(s).has_value()) << s;
  EXPECT_TRUE(parseTime("2026-11-29T23:59:59+08:00").has_value());
}

TEST(ParseTime, RejectsGarbage) {
  for (const char* s : {"", "garbage", "2026", "2026-11", "2026/11/29", "29-11-2026", "2026-1-29", "2026-11-9",
                        "20261129", "２０２６-11-29", " 2026-11-29", "2026-11-29 ", "2026-11-29x", "2026-11-29T",
                        "2026-11-29T15", "2026-11-29T15:4", "2026-11-29T15:04:05+0800", "2026-11-29T15:04:05+08",
                        "2026-11-29T15:04:05Zjunk", "2026-11-29T15:04:05 +08:00", "2026-11-29T15:04:05UTC",
                        "-026-11-29", "2026-11-29T15:04:05+ab:00"})
    EXPECT_FALSE(parseTime(s).has_value()) << "'" << s << "'";
}

// ---------------------------------------------------------------- toChinaDate

TEST(ToChinaDate, TurnsOverAtSixteenHundredUtc) {
  // 2026-11-29T15:59:59Z is 23:59:59 in China; one second later it is the 30th.
  auto before = parseTime("2026-11-29T15:59:59Z");
  auto after = parseTime("2026-11-29T16:00:00Z");
  ASSERT_TRUE(before && after);
  EXPECT_EQ(*after, 1795968000000LL);
  EXPECT_EQ(toChinaDate(*before), "2026-11-29");
  EXPECT_EQ(toChinaDate(*after), "2026-11-30");
  EXPECT_EQ(toChinaDate(*after - 1), "2026-11-29");
}

TEST(ToChinaDate, UtcMidnightIsAlreadyMorningInChina) {
  EXPECT_EQ(toChinaDate(*parseTime("2026-12-31T23:30:00Z")), "2027-01-01");
  EXPECT_EQ(toChinaDate(*parseTime("2027-01-01T00:00:00Z")), "2027-01-01");
  EXPECT_EQ(toChinaDate(0), "1970-01-01");
}

TEST(ToChinaDate, DateOnlyRoundTrips) {
  for (const char* d : {"2026-03-01", "2024-02-29", "2000-01-01", "2026-12-31"}) {
    auto t = parseTime(d);
    ASSERT_TRUE(t.has_value()) << d;
    EXPECT_EQ(toChinaDate(*t), d);
    EXPECT_EQ(toChinaDate(*t + kMsPerDay - 1), d);
    EXPECT_NE(toChinaDate(*t - 1), d);
  }
}

// ---------------------------------------------------------------- nowMs

TEST(NowMs, OffsetHookShiftsTheClock) {
  const std::int64_t before = nowMs();
  setClockOffsetMs(30 * kMsPerDay);
  const std::int64_t shifted = nowMs();
  setClockOffsetMs(0);
  const std::int64_t after = nowMs();
  EXPECT_GE(shifted - before, 30 * kMsPerDay);
  EXPECT_LT(shifted - before, 30 * kMsPerDay + 60 * 1000);
  EXPECT_LT(after - before, 60 * 1000);
  EXPECT_GE(after, before);
}
