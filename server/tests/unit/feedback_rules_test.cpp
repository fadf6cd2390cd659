// Unit tests of the 市民投诉建议 rules (modules/supervision/feedback_rules): which bureau receives a
// feedback, which actions each state allows, and the handling clock's marks on the working-day clock.
#include "modules/supervision/feedback_rules.h"

#include <gtest/gtest.h>

#include "core/working_calendar.h"

using namespace baoan;
using supervision::handlingClock;
using supervision::receivingBureaus;

TEST(FeedbackRouting, ACountyGoesToItsBureauThenTheCity) {
  auto r = receivingBureaus("610404");  // 渭城区
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].regionCode, "610404");
  EXPECT_EQ(r[0].orgTypes, (std::vector<std::string>{"district_bureau", "county_bureau"}));
  EXPECT_EQ(r[1].regionCode, "610400");
  EXPECT_EQ(r[1].orgTypes, (std::vector<std::string>{"city_bureau"}));
}

TEST(FeedbackRouting, ACityGoesToItsBureauAndAProvinceOrJunkNowhere) {
  auto r = receivingBureaus("610400");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].regionCode, "610400");
  EXPECT_TRUE(receivingBureaus("610000").empty());
  EXPECT_TRUE(receivingBureaus("61040").empty());
  EXPECT_TRUE(receivingBureaus("610404003").empty());
  EXPECT_TRUE(receivingBureaus("61x404").empty());
  EXPECT_TRUE(receivingBureaus("").empty());
}

TEST(FeedbackStates, ActionsFollowTheStates) {
  using namespace supervision;
  EXPECT_TRUE(canAssign("received"));
  EXPECT_TRUE(canAssign("assigned"));
  EXPECT_FALSE(canAssign("replied"));
  EXPECT_FALSE(canAssign("closed"));
  EXPECT_TRUE(canReply("assigned"));
  EXPECT_TRUE(canReply("replied"));
  EXPECT_FALSE(canReply("closed"));
  EXPECT_TRUE(canClose("replied"));
  EXPECT_FALSE(canClose("received"));
  EXPECT_FALSE(canClose("closed"));
  EXPECT_EQ(stateName("assigned"), "已分派");
  EXPECT_EQ(typeName("inquiry"), "咨询");
  EXPECT_EQ(typeName("other"), "");
}

namespace {
std::int64_t at(const char* date, int hour = 10) {
  return core::dayStartMs(*core::parseDate(date)) + static_cast<std::int64_t>(hour) * 3600 * 1000;
}
}  // namespace

// Received Monday 2026-03-02 on a weekends-only calendar with a limit of 15 working days: due on the
// 15th working day after that Monday, Monday 2026-03-23 (the day received does not count).
TEST(FeedbackClock, MarksYellowUnderTwentyPercentAndRedOnceOverdue) {
  const core::WorkingCalendar cal;
  const auto received = at("2026-03-02");
  auto h = handlingClock(cal, received, 15, "received", at("2026-03-18"));
  EXPECT_EQ(h.dueDate, "2026-03-23");
  EXPECT_EQ(h.remainingWorkingDays, 3);
  EXPECT_EQ(h.mark, "none");  // 3 of 15 = 20 %: not less
  h = handlingClock(cal, received, 15, "assigned", at("2026-03-19"));
  EXPECT_EQ(h.remainingWorkingDays, 2);
  EXPECT_EQ(h.mark, "yellow");
  h = handlingClock(cal, received, 15, "received", at("2026-03-23", 23));
  EXPECT_EQ(h.remainingWorkingDays, 0);
  EXPECT_EQ(h.mark, "yellow");  // the due day itself is not overdue yet
  h = handlingClock(cal, received, 15, "received", at("2026-03-24"));
  EXPECT_LT(h.remainingWorkingDays, 0);
  EXPECT_EQ(h.mark, "red");
}

TEST(FeedbackClock, AnAnsweredFeedbackHasNoMark) {
  const core::WorkingCalendar cal;
  const auto received = at("2026-03-02");
  EXPECT_EQ(handlingClock(cal, received, 15, "replied", at("2026-04-30")).mark, "none");
  EXPECT_EQ(handlingClock(cal, received, 15, "closed", at("2026-04-30")).mark, "none");
}

TEST(FeedbackClock, TheLimitFollowsTheSetting) {
  const core::WorkingCalendar cal;
  const auto received = at("2026-03-02");
  // 5 working days: due Monday 2026-03-09; on Friday 03-06 one day left (1 of 5 = 20 %: none), on
  // Monday 03-09 none left (yellow), on Tuesday red.
  EXPECT_EQ(handlingClock(cal, received, 5, "received", at("2026-03-06")).mark, "none");
  EXPECT_EQ(handlingClock(cal, received, 5, "received", at("2026-03-09")).mark, "yellow");
  EXPECT_EQ(handlingClock(cal, received, 5, "received", at("2026-03-10")).mark, "red");
}
