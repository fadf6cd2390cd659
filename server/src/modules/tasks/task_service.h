#pragma once
// Tasks (issue 14, manual §7.1/§7.4/§7.5): a company's service tasks on the portal (任务管理), the
// police's read-only 任务中心 and /stats/tasks, and the police's emergency tasks (紧急任务) with the
// companies' responses and the guards' check-ins on the portal.
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/tasks/task_store.h"

namespace baoan::tasks {

// The filters of GET /tasks and /stats/tasks (query parameters).
struct TaskQuery {
  std::string regionCode, type, status, month, companyId, name;
};

class TaskService {
 public:
  explicit TaskService(app::Context& ctx);

  // ---- portal: the company's own tasks
  nlohmann::json portalList(const core::Principal& p, const TaskQuery& q, const core::PageRequest& page);
  nlohmann::json portalGet(const core::Principal& p, long long id);
  nlohmann::json portalCreate(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json portalUpdate(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json portalCancel(const core::Actor& a, long long id);

  // ---- police: 任务中心 and 任务统计 in the caller's scope
  nlohmann::json list(const core::Principal& p, const TaskQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  // GET /tasks/export: the list's tasks under the same filters and scope, as xlsx; `conditions` is the
  // request as the audit entry names it.
  modules::ExportFile exportFile(const core::Actor& a, const TaskQuery& q, const std::string& conditions);
  // {"total", "groups": [{"key", "label", "count"}]}: for every group, GET /tasks with the group's
  // filter added reports total == count (the group and the filter are one column or one condition).
  nlohmann::json stats(const core::Principal& p, const std::string& groupBy, const TaskQuery& q);

  // ---- police: 紧急任务
  // How many companies and guards are within km of the place (what the create dialog shows).
  nlohmann::json reach(const core::Principal& p, const std::string& lng, const std::string& lat, const std::string& km);
  nlohmann::json createEmergency(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json emergencyList(const core::Principal& p, const std::string& title, const std::string& state, const core::PageRequest& page);
  nlohmann::json emergencyGet(const core::Principal& p, long long id);
  nlohmann::json nearbyGuards(const core::Principal& p, long long id, const std::string& km);
  nlohmann::json endEmergency(const core::Actor& a, long long id, const nlohmann::json& body);

  // ---- portal: the emergency tasks the company was asked to
  nlohmann::json portalEmergencyList(const core::Principal& p, const core::PageRequest& page);
  nlohmann::json portalEmergencyGet(const core::Principal& p, long long id);
  nlohmann::json respond(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json checkIn(const core::Actor& a, long long id, const nlohmann::json& body);

  // For the guard's detail (GET /guards/{id}, modules/industry), inside its transaction: the task the
  // guard is on now in the caller's scope (TaskStore::currentTask), as {"id", "name", "kind", "address",
  // "lng", "lat", "startAt", "endAt"}, or null.
  static nlohmann::json currentTask(db::Conn& c, const core::Principal& p, long long guardId);

  // The location rule for other modules (search's detail panel): where each guard is now.
  std::map<long long, Place> locate(const std::vector<long long>& guardIds);

 private:
  TaskFilter filterOf(db::Conn& c, const core::Principal& p, const TaskQuery& q, bool police) const;
  nlohmann::json taskJson(const TaskRow& t, long long now) const;
  nlohmann::json emergencyJson(db::Conn& c, const EmergencyRow& e, bool full, bool pii) const;
  TaskRow readTask(db::Conn& c, const core::Principal& p, const nlohmann::json& body) const;
  app::Context& ctx_;
  TaskStore store_;
};

}  // namespace baoan::tasks
