#pragma once
// `baoan seed --demo`: the person accounts behind the guards' 实名认证 and App 初始化 (seed_real_name.cpp).
#include "db/db.h"

namespace baoan::app {

struct RealNameSummary {
  long long accounts = 0;  // person accounts opened by demo guards (实名认证)
  long long signedIn = 0;  // … of which signed in once (App 初始化)
};

// Person accounts (password Apply@2026) for every third demo guard, half of them signed in once; the
// guards' columns follow through the same projection the sign-up and the sign-in run
// (modules/industry/real_name.h), never set here.
RealNameSummary seedDemoRealName(db::Database& db);

}  // namespace baoan::app
