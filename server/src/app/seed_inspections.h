#pragma once
// `baoan seed --demo`: 监督检查 records of 咸阳 (§9.1, seed_inspections.cpp) in every state.
#include "db/db.h"

namespace baoan::app {

// Needs the demo companies and the city officers xy_jb (王建国) and xy_bac (李振华). Inspections of the
// first companies of 秦都 and 渭城: passed, referred, and a rectification in each state (待提交整改报告,
// 待复查, 已退回, 整改通过), one pending past its deadline (逾期). Returns how many were made.
long long seedDemoInspections(db::Database& db);

}  // namespace baoan::app
