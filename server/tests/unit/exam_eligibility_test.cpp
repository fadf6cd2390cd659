// Who may register for the guard exam (modules/exam/eligibility, 条例 arts. 16–17).
#include "modules/exam/eligibility.h"

#include <gtest/gtest.h>

using namespace baoan::exam;

TEST(ExamEligibility, EighteenOnTheDayIsOldEnough) {
  EXPECT_EQ(ageProblem("2008-12-07", "2026-12-07"), std::nullopt);
  EXPECT_EQ(ageProblem("1970-01-01", "2026-12-07"), std::nullopt);
  const auto young = ageProblem("2008-12-08", "2026-12-07");
  ASSERT_TRUE(young);
  EXPECT_NE(young->find("2008-12-08"), std::string::npos);
  EXPECT_NE(young->find("第十六条"), std::string::npos);
}

TEST(ExamEligibility, ALeapDayBirthdayTurnsEighteenOnTheFirstOfMarch) {
  EXPECT_TRUE(ageProblem("2008-02-29", "2026-02-28"));
  EXPECT_EQ(ageProblem("2008-02-29", "2026-03-01"), std::nullopt);
}

TEST(ExamEligibility, JuniorMiddleSchoolOrMore) {
  EXPECT_TRUE(educationProblem("primary"));
  for (const char* e : {"junior", "senior", "secondary_vocational", "college", "bachelor", "master", "doctor"})
    EXPECT_EQ(educationProblem(e), std::nullopt) << e;
}

TEST(ExamEligibility, ARevocationBarsForThreeYears) {
  EXPECT_EQ(revocationProblem(0, std::nullopt, "2026-12-07"), std::nullopt);
  const auto barred = revocationProblem(1, "2024-06-01", "2026-12-07");
  ASSERT_TRUE(barred);
  EXPECT_NE(barred->find("2027-06-01"), std::string::npos) << *barred;
  EXPECT_TRUE(revocationProblem(1, "2023-12-08", "2026-12-07"));
  EXPECT_EQ(revocationProblem(1, "2023-12-07", "2026-12-07"), std::nullopt) << "the third anniversary frees the person";
}

TEST(ExamEligibility, TwoRevocationsBarForGood) {
  const auto barred = revocationProblem(2, "2001-01-01", "2026-12-07");
  ASSERT_TRUE(barred);
  EXPECT_NE(barred->find("两次"), std::string::npos);
}

TEST(ExamEligibility, ThreeYearsAfterALeapDay) {
  EXPECT_EQ(threeYearsAfter("2024-02-29"), "2027-03-01");
  EXPECT_EQ(threeYearsAfter("2025-02-28"), "2028-02-28");
}
