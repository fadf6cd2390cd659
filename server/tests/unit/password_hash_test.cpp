// The password hash's work factor: a deployment hashes at libsodium's interactive cost; the minimum cost
// of the test servers changes the cost only, and every hash verifies whatever the setting.
#include <gtest/gtest.h>

#include "crypto/crypto.h"

namespace baoan::crypto {
namespace {

struct RestoreCost {
  ~RestoreCost() { setPasswordHashCost(HashCost::Interactive); }
};

TEST(PasswordHash, ADeploymentHashesAtTheInteractiveCost) {
  init();
  const std::string h = hashPassword("Baoan@2026");
  EXPECT_EQ(h.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << h;
  EXPECT_TRUE(verifyPassword("Baoan@2026", h));
  EXPECT_FALSE(verifyPassword("Baoan@2027", h));
}

TEST(PasswordHash, TheMinimumCostIsTheSameAlgorithmAndBothVerifyUnderEitherSetting) {
  init();
  RestoreCost restore;
  const std::string interactive = hashPassword("Apply@2026");
  setPasswordHashCost(HashCost::Minimum);
  const std::string minimum = hashPassword("Apply@2026");
  EXPECT_EQ(minimum.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << minimum;
  EXPECT_TRUE(verifyPassword("Apply@2026", minimum));
  EXPECT_TRUE(verifyPassword("Apply@2026", interactive));
  EXPECT_FALSE(verifyPassword("apply@2026", minimum));
  setPasswordHashCost(HashCost::Interactive);
  EXPECT_TRUE(verifyPassword("Apply@2026", minimum));
}

TEST(PasswordHash, OnlyTheTwoNamedCostsParse) {
  HashCost c;
  EXPECT_TRUE(parseHashCost("interactive", c));
  EXPECT_EQ(c, HashCost::Interactive);
  EXPECT_TRUE(parseHashCost("minimum", c));
  EXPECT_EQ(c, HashCost::Minimum);
  EXPECT_FALSE(parseHashCost("fast", c));
  EXPECT_FALSE(parseHashCost("", c));
}

}  // namespace
}  // namespace baoan::crypto
