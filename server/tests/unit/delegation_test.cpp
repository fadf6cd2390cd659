// Out-of-office delegation (issue 11): which cases go to the deputy — those arriving at the officer's
// step during the absence, never those already waiting, and they stay with the deputy afterwards.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "modules/approval/delegation_service.h"

namespace baoan::approval {
namespace {

long long at(const char* iso) { return *core::parseTime(iso); }

TEST(Delegation, CoversArrivalsFromTheFirstDayToTheEndOfTheLastInChinaTime) {
  const auto w = delegationWindow("2026-03-02", "2026-03-04", 0);
  EXPECT_FALSE(arrivedDuring(w, at("2026-03-01T23:59:59+08:00")));  // waiting before the absence: the officer's
  EXPECT_TRUE(arrivedDuring(w, at("2026-03-02T00:00:00+08:00")));
  EXPECT_TRUE(arrivedDuring(w, at("2026-03-04T23:59:59+08:00")));
  EXPECT_FALSE(arrivedDuring(w, at("2026-03-05T00:00:00+08:00")));  // arriving after it ended: the officer's again
  EXPECT_FALSE(arrivedDuring(w, std::nullopt));
  // the rule reads only when the case arrived: one that arrived during the absence is still the
  // deputy's whatever day it is now
}

TEST(Delegation, MadeTheSameDayCoversOnlyWhatArrivesAfterward) {
  const long long made = at("2026-03-02T10:00:00+08:00");
  const auto w = delegationWindow("2026-03-02", "2026-03-02", made);
  EXPECT_FALSE(arrivedDuring(w, at("2026-03-02T09:00:00+08:00")));  // already waiting when the officer named the deputy
  EXPECT_TRUE(arrivedDuring(w, made));
  EXPECT_TRUE(arrivedDuring(w, at("2026-03-02T18:00:00+08:00")));
  // made days ahead: the first day counts from its start
  EXPECT_TRUE(arrivedDuring(delegationWindow("2026-03-05", "2026-03-06", made), at("2026-03-05T00:00:01+08:00")));
}

}  // namespace
}  // namespace baoan::approval
