#pragma once
// Settings of the tasks module, read from the configuration file by app/config.cpp (top-level keys):
//   check_in_max_metres = 1000   # 紧急任务签到: refused farther than this from the task's place
namespace baoan::tasks {

struct TaskSettings {
  int checkInMaxMetres = 1000;
};

// The settings in force (set once while the configuration is read, before the server starts).
inline TaskSettings& taskSettings() {
  static TaskSettings s;
  return s;
}

}  // namespace baoan::tasks
