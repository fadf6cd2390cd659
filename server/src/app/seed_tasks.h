#pragma once
// `baoan seed --demo`: the companies' service tasks and two emergency tasks of 咸阳 (issue 14).
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct TasksSummary {
  long long tasks = 0, emergency = 0;
};

// Needs the demo companies with guards and the 咸阳 officers (the lead's seed, before this). Most
// companies get tasks in every state (未开始, 进行中, 已结束, 已取消) in their own district, with
// their guards; 咸阳市局 (王建国, xy_jb) has one running emergency task in 秦都 with responses and
// check-ins, and one ended with a summary.
TasksSummary seedDemoTasks(db::Database& db, const Config& cfg);

}  // namespace baoan::app
