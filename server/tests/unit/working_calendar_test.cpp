// Unit tests for core/working_calendar: the 行政许可法 working-day clock, on the calendar the project
// ships (server/data/calendar/cn-holidays.csv, the State Council's 2025 and 2026 arrangements).
// Expected dates were counted by hand on those notices and cross-checked with a brute-force
// day-by-day count in Python.
#include "core/working_calendar.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/clock.h"
#include "core/embedded.h"

using namespace baoan::core;

namespace {
const WorkingCalendar& shipped() {
  static const WorkingCalendar cal = WorkingCalendar::fromEntries(parseCalendarCsv(baoan::embedded::calendarCsv()));
  return cal;
}
// "2026-12-07T10:00" China time → epoch ms.
std::int64_t at(const std::string& local) { return *parseTime(local + ":00+08:00"); }
constexpr std::int64_t kHourMs = 3600LL * 1000;
}  // namespace

// ---------------------------------------------------------------- days

TEST(CalendarDays, ParseAndFormatRoundTrip) {
  EXPECT_EQ(parseDate("1970-01-01"), 0);
  EXPECT_EQ(formatDate(*parseDate("2026-12-07")), "2026-12-07");
  EXPECT_EQ(isoWeekday(*parseDate("2026-12-07")), 1);  // Monday
  EXPECT_EQ(isoWeekday(*parseDate("2026-10-10")), 6);  // Saturday
  EXPECT_EQ(yearOf(*parseDate("2025-12-31")), 2025);
  EXPECT_FALSE(parseDate("2026-02-30"));
  EXPECT_FALSE(parseDate("2026-2-3"));
  EXPECT_FALSE(parseDate("2026-12-07T10:00"));
  EXPECT_FALSE(parseDate(""));
}

TEST(CalendarDays, ChinaDayBoundaryIsMidnightInChina) {
  const std::int64_t midnight = at("2026-12-08T00:00");
  EXPECT_EQ(formatDate(chinaDay(midnight - 1)), "2026-12-07");  // 23:59:59.999 China = 15:59 UTC
  EXPECT_EQ(formatDate(chinaDay(midnight)), "2026-12-08");
  EXPECT_EQ(dayStartMs(chinaDay(midnight)), midnight);
  EXPECT_EQ(dayEndMs(chinaDay(midnight - 1)), midnight - 1);
}

TEST(CalendarCsv, ShippedFileHasBothYears) {
  const auto entries = parseCalendarCsv(baoan::embedded::calendarCsv());
  EXPECT_EQ(entries.size(), 72u);
  EXPECT_TRUE(shipped().coversYear(2025));
  EXPECT_TRUE(shipped().coversYear(2026));
  EXPECT_FALSE(shipped().coversYear(2027));
}

TEST(CalendarCsv, MalformedRowsAreRefused) {
  EXPECT_THROW(parseCalendarCsv("day,kind,name\n"), std::runtime_error);
  EXPECT_THROW(parseCalendarCsv("date,kind,name\n2026-13-01,holiday,x\n"), std::runtime_error);
  EXPECT_THROW(parseCalendarCsv("date,kind,name\n2026-10-01,vacation,x\n"), std::runtime_error);
  EXPECT_THROW(parseCalendarCsv("date,kind,name\n2026-10-01,holiday\n"), std::runtime_error);
  EXPECT_EQ(parseCalendarCsv("date,kind,name\r\n2026-10-01,holiday,国庆节\r\n").at(0).name, "国庆节");
}

TEST(WorkingCalendar, DuplicateOrBadDatesAreRefused) {
  EXPECT_THROW(WorkingCalendar({"2026-10-01"}, {"2026-10-01"}), std::invalid_argument);
  EXPECT_THROW(WorkingCalendar({"2026-10-32"}, {}), std::invalid_argument);
  EXPECT_THROW(shipped().isWorkingDay("10/01/2026"), std::invalid_argument);
}

// ---------------------------------------------------------------- working days

TEST(WorkingCalendar, WeekendsAreOffWithoutACalendar) {
  WorkingCalendar plain;
  EXPECT_TRUE(plain.isWorkingDay("2026-10-01"));   // a Thursday: nothing entered
  EXPECT_FALSE(plain.isWorkingDay("2026-10-10"));  // Saturday
  EXPECT_FALSE(plain.isWorkingDay("2026-10-11"));  // Sunday
  EXPECT_EQ(plain.addWorkingDays("2026-12-04", 1), "2026-12-07");  // Friday → Monday
}

TEST(WorkingCalendar, HolidaysAndTiaoxiuDays) {
  const auto& cal = shipped();
  EXPECT_FALSE(cal.isWorkingDay("2026-10-01"));  // 国庆节, Thursday
  EXPECT_FALSE(cal.isWorkingDay("2025-10-08"));  // 国庆节、中秋节, Wednesday
  EXPECT_FALSE(cal.isWorkingDay("2026-02-16"));  // 春节, Monday
  EXPECT_TRUE(cal.isWorkingDay("2026-10-10"));   // 国庆节调休, Saturday
  EXPECT_TRUE(cal.isWorkingDay("2026-02-14"));   // 春节调休, Saturday
  EXPECT_TRUE(cal.isWorkingDay("2026-01-04"));   // 元旦调休, Sunday
  EXPECT_FALSE(cal.isWorkingDay("2026-10-11"));  // an ordinary Sunday
  EXPECT_TRUE(cal.isWorkingDay("2026-12-07"));   // an ordinary Monday
  EXPECT_FALSE(cal.isWorkingDay("2026-06-20"));  // 端午节 on a Saturday
}

TEST(WorkingCalendar, TiaoxiuSaturdayCountsAsAWorkingDay) {
  const auto& cal = shipped();
  EXPECT_EQ(cal.addWorkingDays("2026-02-13", 1), "2026-02-14");  // Friday → the 调休 Saturday
  EXPECT_EQ(cal.addWorkingDays("2026-02-14", 1), "2026-02-24");  // over 春节 (15th–23rd)
  EXPECT_EQ(cal.addWorkingDays("2026-02-27", 1), "2026-02-28");  // 调休 Saturday after 春节
  EXPECT_EQ(cal.workingDaysBetween("2026-02-13", "2026-02-28"), 6);  // 14, 24, 25, 26, 27, 28
}

TEST(WorkingCalendar, GoldenWeekCrossing) {
  const auto& cal = shipped();
  EXPECT_EQ(cal.addWorkingDays("2026-09-24", 1), "2026-09-28");  // 中秋节 Friday 25th to Sunday 27th
  EXPECT_EQ(cal.addWorkingDays("2026-09-30", 1), "2026-10-08");  // 国庆节 1st–7th
  EXPECT_EQ(cal.addWorkingDays("2026-09-30", 3), "2026-10-10");  // 8, 9, the 调休 Saturday
  EXPECT_EQ(cal.addWorkingDays("2026-09-30", 4), "2026-10-12");
  EXPECT_EQ(cal.workingDaysBetween("2026-09-30", "2026-10-12"), 4);
  EXPECT_EQ(cal.workingDaysBetween("2026-10-12", "2026-09-30"), -4);
  EXPECT_EQ(cal.addWorkingDays("2026-10-12", -4), "2026-09-30");
  EXPECT_EQ(cal.addWorkingDays("2026-10-08", -1), "2026-09-30");
}

TEST(WorkingCalendar, YearBoundary) {
  const auto& cal = shipped();
  // 元旦 2026: 1st–3rd off, Sunday the 4th a working day.
  EXPECT_EQ(cal.addWorkingDays("2025-12-31", 1), "2026-01-04");
  EXPECT_EQ(cal.workingDaysBetween("2025-12-26", "2026-01-05"), 5);  // 29, 30, 31, 4, 5
  EXPECT_EQ(cal.workingDaysBetween("2025-01-01", "2025-12-31"), 248);  // 2025 has 248 working days
  EXPECT_EQ(cal.workingDaysBetween("2025-12-31", "2026-12-31"), 248);  // and so has 2026
  EXPECT_EQ(cal.addWorkingDays("2026-01-05", -2), "2025-12-31");
}

TEST(WorkingCalendar, BetweenAndAddAgree) {
  const auto& cal = shipped();
  // Over two years, day by day: adding n working days and counting them back give n.
  for (DayNumber d = *parseDate("2025-01-01"); d <= *parseDate("2026-12-31"); ++d)
    for (long long n : {1, 5, 15, 20, 30}) {
      const DayNumber due = cal.addWorkingDays(d, n);
      ASSERT_TRUE(cal.isWorkingDay(due)) << formatDate(d) << " + " << n;
      ASSERT_EQ(cal.workingDaysBetween(d, due), n) << formatDate(d) << " + " << n;
      ASSERT_EQ(cal.workingDaysBetween(d, due - 1), n - 1) << formatDate(d) << " + " << n;
    }
  EXPECT_EQ(cal.addWorkingDays("2026-12-07", 0), "2026-12-07");
  EXPECT_EQ(cal.workingDaysBetween("2026-12-07", "2026-12-07"), 0);
}

// ---------------------------------------------------------------- the step clock

TEST(StepClock, DueDateSkipsTheArrivalDay) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-07T10:00"), 15, {}, 0};  // Monday
  auto s = cal.status(c, at("2026-12-07T11:00"));
  EXPECT_EQ(s.dueDate, "2026-12-28");
  EXPECT_EQ(s.dueAt, at("2026-12-29T00:00") - 1);
  EXPECT_EQ(s.remainingWorkingDays, 15);
  EXPECT_EQ(s.warning, Warning::none);
  EXPECT_FALSE(s.paused);
  // Late in the evening the arrival day still does not count.
  EXPECT_EQ(cal.status({at("2026-12-07T23:59"), 15, {}, 0}, at("2026-12-08T09:00")).dueDate, "2026-12-28");
}

TEST(StepClock, WeekendArrivalStartsCountingOnMonday) {
  const auto& cal = shipped();
  for (const char* arrival : {"2026-12-04T20:00", "2026-12-05T09:00", "2026-12-06T18:00"})  // Fri evening, Sat, Sun
    EXPECT_EQ(cal.status({at(arrival), 1, {}, 0}, at(arrival)).dueDate, "2026-12-07") << arrival;
}

TEST(StepClock, YellowBelowTwentyPercentAndRedWhenOverdue) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-07T10:00"), 15, {}, 0};  // due 2026-12-28
  auto s = cal.status(c, at("2026-12-23T09:00"));  // 24, 25, 28 left: 3/15 = 20 %, not less
  EXPECT_EQ(s.remainingWorkingDays, 3);
  EXPECT_EQ(s.warning, Warning::none);
  s = cal.status(c, at("2026-12-24T09:00"));  // 2/15 < 20 %
  EXPECT_EQ(s.remainingWorkingDays, 2);
  EXPECT_EQ(s.warning, Warning::yellow);
  s = cal.status(c, at("2026-12-28T23:59"));  // the due day itself
  EXPECT_EQ(s.remainingWorkingDays, 0);
  EXPECT_EQ(s.warning, Warning::yellow);
  s = cal.status(c, s.dueAt);
  EXPECT_EQ(s.warning, Warning::yellow);
  s = cal.status(c, s.dueAt + 1);  // midnight after the due day
  EXPECT_EQ(s.remainingWorkingDays, -1);
  EXPECT_EQ(s.warning, Warning::red);
  EXPECT_EQ(warningCode(s.warning), "red");
  s = cal.status(c, at("2026-12-31T10:00"));  // 29, 30, 31 past due
  EXPECT_EQ(s.remainingWorkingDays, -3);
  EXPECT_EQ(s.warning, Warning::red);
}

TEST(StepClock, OverdueOnAWeekendIsAtLeastOneDayLate) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-10T10:00"), 1, {}, 0};  // Thursday → due Friday 11th
  auto s = cal.status(c, at("2026-12-12T10:00"));  // Saturday
  EXPECT_EQ(s.warning, Warning::red);
  EXPECT_EQ(s.remainingWorkingDays, -1);
  EXPECT_EQ(cal.status(c, at("2026-12-14T10:00")).remainingWorkingDays, -1);  // Monday
  EXPECT_EQ(cal.status(c, at("2026-12-15T10:00")).remainingWorkingDays, -2);
}

TEST(StepClock, ThresholdsWithSmallLimits) {
  const auto& cal = shipped();
  StepClock five{at("2026-12-07T10:00"), 5, {}, 0};  // due Monday 14th
  EXPECT_EQ(cal.status(five, at("2026-12-11T10:00")).warning, Warning::none);    // 1/5 = 20 %
  EXPECT_EQ(cal.status(five, at("2026-12-14T10:00")).warning, Warning::yellow);  // 0/5
  StepClock one{at("2026-12-07T10:00"), 1, {}, 0};
  EXPECT_EQ(cal.status(one, at("2026-12-07T10:00")).warning, Warning::none);  // 1/1
  EXPECT_EQ(cal.status(one, at("2026-12-08T10:00")).warning, Warning::yellow);
  EXPECT_THROW(cal.status({at("2026-12-07T10:00"), 0, {}, 0}, at("2026-12-07T10:00")), std::invalid_argument);
  EXPECT_THROW(cal.status({at("2026-12-07T10:00"), 5, {}, -1}, at("2026-12-07T10:00")), std::invalid_argument);
}

TEST(StepClock, YearBoundary) {
  const auto& cal = shipped();
  StepClock c{at("2025-12-30T15:00"), 3, {}, 0};  // 31, 2026-01-04 (Sunday, 调休), 5
  auto s = cal.status(c, at("2026-01-02T10:00"));
  EXPECT_EQ(s.dueDate, "2026-01-05");
  EXPECT_EQ(s.remainingWorkingDays, 2);
}

TEST(StepClock, ExtensionAddsWorkingDays) {
  const auto& cal = shipped();
  // 审查 → 决定: 20 working days, the head extends by 10; over 中秋节 and 国庆节 2026.
  StepClock c{at("2026-09-01T10:00"), 20, {}, 0};
  EXPECT_EQ(cal.status(c, at("2026-09-02T10:00")).dueDate, "2026-09-29");
  c.extensionDays = 10;
  auto s = cal.status(c, at("2026-09-29T10:00"));
  EXPECT_EQ(s.dueDate, "2026-10-19");
  EXPECT_EQ(s.remainingWorkingDays, 10);  // 30, 8, 9, 10, 12, 13, 14, 15, 16, 19
  EXPECT_EQ(s.warning, Warning::none);
  // The 20 % threshold is of the extended total: 5/30 is yellow, 6/30 is not.
  EXPECT_EQ(cal.status(c, at("2026-10-13T10:00")).remainingWorkingDays, 4);
  EXPECT_EQ(cal.status(c, at("2026-10-13T10:00")).warning, Warning::yellow);
  EXPECT_EQ(cal.status(c, at("2026-10-10T10:00")).remainingWorkingDays, 6);
  EXPECT_EQ(cal.status(c, at("2026-10-10T10:00")).warning, Warning::none);
  EXPECT_EQ(cal.status(c, at("2026-10-12T10:00")).remainingWorkingDays, 5);
  EXPECT_EQ(cal.status(c, at("2026-10-12T10:00")).warning, Warning::yellow);
}

TEST(StepClock, ClosedPauseMovesTheDueDateByItsWorkingDays) {
  const auto& cal = shipped();
  // Due 2026-12-28 without the pause; paused Thursday 10th 15:00 to Tuesday 15th 09:00: the days
  // 10, 11, (12, 13), 14 do not count — 3 working days.
  StepClock c{at("2026-12-07T10:00"), 15, {{at("2026-12-10T15:00"), at("2026-12-15T09:00")}}, 0};
  auto s = cal.status(c, at("2026-12-15T10:00"));
  EXPECT_EQ(s.dueDate, "2026-12-31");
  EXPECT_EQ(s.pausedWorkingDays, 3);
  EXPECT_FALSE(s.paused);
  EXPECT_EQ(s.remainingWorkingDays, 12);
  // The same remaining days as on the morning the pause started.
  EXPECT_EQ(cal.status({c.startedAt, 15, {}, 0}, at("2026-12-10T09:00")).remainingWorkingDays, 12);
}

TEST(StepClock, OpenPauseFreezesTheRemainingDays) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-07T10:00"), 15, {{at("2026-12-10T15:00"), std::nullopt}}, 0};
  for (const char* now : {"2026-12-10T16:00", "2026-12-11T10:00", "2026-12-14T12:00", "2026-12-21T12:00"}) {
    auto s = cal.status(c, at(now));
    EXPECT_TRUE(s.paused) << now;
    EXPECT_EQ(s.remainingWorkingDays, 12) << now;
    EXPECT_EQ(s.warning, Warning::none) << now;
  }
  auto s = cal.status(c, at("2026-12-14T12:00"));  // 10 and 11 paused so far
  EXPECT_EQ(s.pausedWorkingDays, 2);
  EXPECT_EQ(s.dueDate, "2026-12-30");  // as if resumed now
}

TEST(StepClock, SameDayPauseCostsNothingAndOverlapsCountOnce) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-07T10:00"), 15, {{at("2026-12-08T10:00"), at("2026-12-08T16:00")}}, 0};
  EXPECT_EQ(cal.status(c, at("2026-12-09T10:00")).dueDate, "2026-12-28");
  EXPECT_EQ(cal.status(c, at("2026-12-09T10:00")).pausedWorkingDays, 0);
  // Two overlapping pauses (补正 and 检验 at once): days 10, 11, 14 once.
  StepClock both{at("2026-12-07T10:00"), 15,
                 {{at("2026-12-10T15:00"), at("2026-12-14T09:00")}, {at("2026-12-11T09:00"), at("2026-12-15T09:00")}}, 0};
  EXPECT_EQ(cal.status(both, at("2026-12-16T10:00")).dueDate, "2026-12-31");
  EXPECT_EQ(cal.status(both, at("2026-12-16T10:00")).pausedWorkingDays, 3);
}

TEST(StepClock, PauseAfterTheDueDayDoesNotUndoIt) {
  const auto& cal = shipped();
  StepClock c{at("2026-12-07T10:00"), 1, {{at("2026-12-10T10:00"), at("2026-12-14T10:00")}}, 0};  // due the 8th
  auto s = cal.status(c, at("2026-12-15T10:00"));
  EXPECT_EQ(s.dueDate, "2026-12-08");
  EXPECT_EQ(s.warning, Warning::red);
  EXPECT_EQ(s.remainingWorkingDays, -3);  // 9, 14, 15 — not 10, 11 (paused)
}

TEST(StepClock, PauseAcrossGoldenWeek) {
  const auto& cal = shipped();
  // 特别程序 (检验) from 2026-09-24 to 2026-10-09: only the working days 24, 28, 29, 30, 8 are given back.
  StepClock c{at("2026-09-21T10:00"), 15, {{at("2026-09-24T09:00"), at("2026-10-09T09:00")}}, 0};
  auto s = cal.status(c, at("2026-10-09T10:00"));
  EXPECT_EQ(s.pausedWorkingDays, 5);
  // Used before: 22, 23 (2); from the 9th: 9, 10 (Sat, 调休), 12, … 13 more.
  EXPECT_EQ(s.dueDate, cal.addWorkingDays("2026-10-08", 13));
  EXPECT_EQ(s.dueDate, "2026-10-26");
  EXPECT_EQ(s.remainingWorkingDays, 12);
}

// ---------------------------------------------------------------- duration of a step

TEST(StepDuration, WorkingAndNaturalDaysWithoutPauses) {
  const auto& cal = shipped();
  auto d = cal.duration(at("2026-09-30T10:00"), at("2026-10-09T10:00"), {});
  EXPECT_EQ(d.workingDays, 2);  // 8, 9
  EXPECT_EQ(d.naturalDays, 9);
  EXPECT_EQ(d.activeMs, 9 * kDayMs);
  d = cal.duration(at("2026-09-30T10:00"), at("2026-10-09T10:00"),
                   {{at("2026-10-08T09:00"), at("2026-10-09T08:00")}});
  EXPECT_EQ(d.workingDays, 1);
  EXPECT_EQ(d.naturalDays, 8);
  EXPECT_EQ(d.activeMs, 9 * kDayMs - 23 * kHourMs);
  d = cal.duration(at("2026-12-07T09:00"), at("2026-12-07T11:30"), {});
  EXPECT_EQ(d.workingDays, 0);
  EXPECT_EQ(d.naturalDays, 0);
  EXPECT_EQ(d.activeMs, 150 * 60 * 1000);
  // An open pause runs to the end of the measured span.
  d = cal.duration(at("2026-12-07T09:00"), at("2026-12-09T09:00"), {{at("2026-12-08T09:00"), std::nullopt}});
  EXPECT_EQ(d.workingDays, 1);  // 8 given back, 9 counts
  EXPECT_EQ(d.activeMs, kDayMs);
  EXPECT_EQ(cal.duration(at("2026-12-09T09:00"), at("2026-12-07T09:00"), {}).workingDays, 0);
}

// ---------------------------------------------------------------- the 5-day 补正 rule

TEST(CorrectionRule, FiveWorkingDaysAfterArrival) {
  const auto& cal = shipped();
  const std::int64_t monday = at("2026-12-07T10:00");
  EXPECT_EQ(cal.correctionDeadline(monday), at("2026-12-15T00:00") - 1);  // 8, 9, 10, 11, 14
  EXPECT_FALSE(cal.correctionWindowPassed(monday, at("2026-12-14T23:59")));
  EXPECT_FALSE(cal.correctionWindowPassed(monday, at("2026-12-15T00:00") - 1));
  EXPECT_TRUE(cal.correctionWindowPassed(monday, at("2026-12-15T00:00")));
}

TEST(CorrectionRule, WeekendArrivalAndHolidays) {
  const auto& cal = shipped();
  // Saturday and Friday arrivals share the window: Monday 7th to Friday 11th.
  EXPECT_EQ(cal.correctionDeadline(at("2026-12-05T11:00")), at("2026-12-12T00:00") - 1);
  EXPECT_EQ(cal.correctionDeadline(at("2026-12-04T11:00")), at("2026-12-12T00:00") - 1);
  // Over 国庆节: 30, 8, 9, 10 (调休 Saturday), 12.
  EXPECT_EQ(cal.correctionDeadline(at("2026-09-29T16:00")), at("2026-10-13T00:00") - 1);
  EXPECT_FALSE(cal.correctionWindowPassed(at("2026-09-29T16:00"), at("2026-10-07T12:00")));
  EXPECT_TRUE(cal.correctionWindowPassed(at("2026-09-29T16:00"), at("2026-10-13T08:00")));
}
