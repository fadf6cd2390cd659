// The rectification rules of 监督检查 (§9.1): overdue, who may move it when, and the code ↔ name tables
// the imports read.
#include <gtest/gtest.h>

#include "modules/supervision/inspection_rules.h"

using namespace baoan::supervision;

TEST(InspectionRules, OverdueIsPastTheDeadlineAndNotAccepted) {
  EXPECT_TRUE(overdue("pending", "2026-12-01", "2026-12-02"));
  EXPECT_TRUE(overdue("reported", "2026-12-01", "2026-12-02"));  // a report waiting for 复查 is still late
  EXPECT_TRUE(overdue("returned", "2026-11-30", "2026-12-02"));
  EXPECT_FALSE(overdue("pending", "2026-12-02", "2026-12-02")) << "due by the end of the deadline's day";
  EXPECT_FALSE(overdue("pending", "2026-12-03", "2026-12-02"));
  EXPECT_FALSE(overdue("accepted", "2026-12-01", "2026-12-02"));
  EXPECT_FALSE(overdue("", "2026-12-01", "2026-12-02")) << "no rectification";
  EXPECT_FALSE(overdue("pending", "", "2026-12-02"));
}

TEST(InspectionRules, UnderWayUntilAccepted) {
  for (const char* s : {"pending", "reported", "returned"}) EXPECT_TRUE(underWay(s)) << s;
  EXPECT_FALSE(underWay("accepted"));
  EXPECT_FALSE(underWay(""));
}

TEST(InspectionRules, TheUnitReportsWhenAReportIsDue) {
  EXPECT_TRUE(canReport("pending"));
  EXPECT_TRUE(canReport("returned"));
  EXPECT_FALSE(canReport("reported"));
  EXPECT_FALSE(canReport("accepted"));
  EXPECT_FALSE(canReport(""));
}

TEST(InspectionRules, TheOfficerReviewsAReportOrAnOpenRectificationOfAUnitWithoutPortal) {
  EXPECT_TRUE(canReview("reported", "company"));
  EXPECT_FALSE(canReview("pending", "company"));
  EXPECT_FALSE(canReview("returned", "branch"));
  EXPECT_FALSE(canReview("accepted", "company"));
  EXPECT_TRUE(canReview("pending", "other"));
  EXPECT_TRUE(canReview("returned", "other"));
  EXPECT_FALSE(canReview("accepted", "other"));
  EXPECT_FALSE(canReview("", "other"));
  EXPECT_EQ(afterReview(true), kAccepted);
  EXPECT_EQ(afterReview(false), kReturned);
}

TEST(InspectionRules, CodesAndChineseNames) {
  EXPECT_EQ(conclusionCode("责令整改"), "rectify");
  EXPECT_EQ(conclusionCode("rectify"), "rectify");
  EXPECT_EQ(conclusionCode("移交"), "refer");
  EXPECT_EQ(conclusionCode("不合格"), "");
  EXPECT_EQ(kindCode("日常"), "daily");
  EXPECT_EQ(kindCode("投诉核查"), "complaint_check");
  EXPECT_EQ(kindCode("周检"), "");
  EXPECT_EQ(resultCode("不涉及"), "na");
  EXPECT_EQ(unitKindCode("分公司"), "branch");
  EXPECT_EQ(unitKindCode("bank"), "");
  EXPECT_EQ(rectStateName("reported"), "待复查");
  EXPECT_EQ(rectStateName("odd"), "odd");
}
