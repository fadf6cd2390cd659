// Unit tests of the pure rules of the §9.3 screening: the retry schedule of a failed background check
// and the key that makes an import of opinions idempotent.
#include <gtest/gtest.h>

#include <stdexcept>

#include "modules/background/watch_drill.h"
#include "modules/supervision/screening_rules.h"

using namespace baoan;
using namespace baoan::supervision;

TEST(ScreeningRetry, DoublesFromTheBaseUpToTheCap) {
  const long long now = 1'000'000;
  EXPECT_EQ(nextAttemptAt(now, 1, 30000, 3600000), now + 30000);
  EXPECT_EQ(nextAttemptAt(now, 2, 30000, 3600000), now + 60000);
  EXPECT_EQ(nextAttemptAt(now, 3, 30000, 3600000), now + 120000);
  EXPECT_EQ(nextAttemptAt(now, 7, 30000, 3600000), now + 1920000);
  EXPECT_EQ(nextAttemptAt(now, 8, 30000, 3600000), now + 3600000);  // 3 840 000 capped
  EXPECT_EQ(nextAttemptAt(now, 1000, 30000, 3600000), now + 3600000);  // no overflow after many attempts
  EXPECT_EQ(nextAttemptAt(now, 0, 200, 5000), now + 200);
}

TEST(ScreeningRetry, SettingsAreChecked) {
  ScreeningSettings s;
  EXPECT_NO_THROW(validate(s));
  s.batchSize = 0;
  EXPECT_THROW(validate(s), std::invalid_argument);
  s = {};
  s.retryMaxMs = s.retryBaseMs - 1;
  EXPECT_THROW(validate(s), std::invalid_argument);
}

TEST(OpinionImportKey, SameRowSameKeyOtherwiseDifferent) {
  const auto k = opinionImportKey(12, "dismiss", "责令辞退");
  EXPECT_EQ(k, opinionImportKey(12, "dismiss", "责令辞退"));
  EXPECT_EQ(k, opinionImportKey(12, " dismiss ", " 责令辞退\t"));  // trimmed as the import reads cells
  EXPECT_NE(k, opinionImportKey(13, "dismiss", "责令辞退"));
  EXPECT_NE(k, opinionImportKey(12, "observe", "责令辞退"));
  EXPECT_NE(k, opinionImportKey(12, "dismiss", "责令辞退。"));
  // The separator keeps fields apart: (1, "2x") is not (12, "x").
  EXPECT_NE(opinionImportKey(1, "2dismiss", ""), opinionImportKey(12, "dismiss", ""));
  EXPECT_EQ(k.rfind("12-", 0), 0u);
}

TEST(OpinionActions, NamesAndCodes) {
  EXPECT_EQ(opinionActionOf("责令辞退"), "dismiss");
  EXPECT_EQ(opinionActionOf("observe"), "observe");
  EXPECT_EQ(opinionActionOf(" 误报 "), "false_positive");
  EXPECT_EQ(opinionActionOf("pending"), "");
  EXPECT_EQ(flaggedStateName("pending"), "待处理");
  EXPECT_FALSE(isOpinionAction("pending"));
}

// The drill mode of the local provider (watch-list source 故障演练): how many failures an entry asks for.
TEST(WatchListDrill, FailuresFromTheSituation) {
  EXPECT_EQ(background::drillFailures("失败2次"), 2);
  EXPECT_EQ(background::drillFailures("连续失败 12 次后恢复"), 12);
  EXPECT_EQ(background::drillFailures("失败"), 1);
  EXPECT_EQ(background::drillFailures("失败99999次"), 100);
}
