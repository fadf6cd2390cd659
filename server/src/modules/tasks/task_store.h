#pragma once
// All SQL of tasks and emergency tasks (migration 0023): the company's service tasks with their
// guards, the filters and groupings of the list and /stats/tasks written from one definition, the
// police's emergency tasks with the companies asked, their guards and check-ins, and the location
// rule's radius query over guards (task_rules.h).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"
#include "modules/tasks/task_rules.h"

namespace baoan::tasks {

// Seen by the supervising org of the company (org_path) or by the police org of the place (region_org_path).
inline constexpr db::ScopedTable kTasks{"tasks", "t", "org_path"};
inline constexpr db::ScopedTable kTasksByPlace{"tasks", "t", "region_org_path"};
inline constexpr db::ScopedTable kEmergency{"emergency_tasks", "e", "org_path"};
inline constexpr db::ScopedTable kEmergencyByPlace{"emergency_tasks", "e", "region_org_path"};
// The condition "either path in scope" of a task list (kTasks/kTasksByPlace or kEmergency/kEmergencyByPlace).
db::Query scopeOf(const db::ScopedTable& byCompany, const db::ScopedTable& byPlace, const core::DataScope& scope);

struct TaskRow {
  long long id = 0, companyId = 0;
  std::string companyName, name, type, client, address, regionCode, cityCode, provinceCode;
  double lng = 0, lat = 0;
  long long startAt = 0, endAt = 0;
  std::string startMonth;
  long long needed = 0;
  std::optional<long long> cancelledAt;
  long long orgId = 0;
  std::string orgPath, regionOrgPath;
  long long regionOrgId = 0;
  long long guardCount = 0;
  long long createdAt = 0, updatedAt = 0;
  std::optional<long long> createdBy;
};

// The filters of GET /tasks, /portal/tasks and /stats/tasks. regionLevel says which column
// regionCode is compared with (province_code, city_code or region_code).
struct TaskFilter {
  const core::DataScope* scope = nullptr;  // police: the caller's scope; null on the portal
  std::optional<long long> companyId;
  std::string regionCode, regionLevel;  // level: province | city | county
  std::string type, status, month, name;
  long long now = 0;
};

// One dimension of /stats/tasks: the filter a group adds and the grouping are this column, or for
// status the same conditions as the filter (statusCondition).
struct Group {
  std::string key;
  long long count = 0;
};

struct TaskGuard {
  long long id = 0;
  std::string name, idNo, mobile;
};

// A guard near a place, with where they are by the location rule.
struct NearGuard {
  long long id = 0;
  std::string name, idNo, mobile, employerName;
  long long employerId = 0;
  Place place;
  double distanceKm = 0;
};

// The guards of one employer that the location rule places within km of a place (the reach preview).
struct NearEmployer {
  long long employerId = 0;
  std::string employerName;  // as the nearest of its guards carries it
  long long guards = 0;
  double nearestKm = 0;
};

struct EmergencyRow {
  long long id = 0;
  std::string title, detail, address, regionCode;
  double lng = 0, lat = 0;
  long long startAt = 0, endAt = 0, needed = 0;
  std::optional<double> radiusKm;
  std::optional<long long> endedAt;
  std::string endedByName, summary;
  long long orgId = 0;
  std::string orgPath, orgName, regionOrgPath;
  long long regionOrgId = 0;
  long long createdAt = 0;
  std::string createdByName;
  long long notified = 0, accepted = 0, assigned = 0, checkedIn = 0;
};

struct EmergencyCompany {
  long long companyId = 0;
  std::string companyName;
  long long notifiedAt = 0;
  std::optional<bool> accepted;
  std::optional<long long> respondedAt;
  std::string respondedByName;
};

struct EmergencyGuard {
  long long guardId = 0, companyId = 0;
  std::string name, idNo, mobile, companyName;
  long long assignedAt = 0;
  std::optional<long long> checkedInAt;
  std::optional<double> checkLng, checkLat;
  std::optional<long long> distanceM;
};

struct CompanyInfo {
  long long id = 0;
  std::string name, contactPhone, legalMobile, orgPath;
  long long orgId = 0;
  std::optional<double> lng, lat;
};

// The task a guard is on now (GET /guards/{id}): kind "task" (a company's service task) or "emergency".
struct CurrentTask {
  long long id = 0;
  std::string name, kind, address;
  double lng = 0, lat = 0;
  long long startAt = 0, endAt = 0;
};

struct EmergencyFilter {
  const core::DataScope* scope = nullptr;
  std::string title, state;  // state: open | ended
};

class TaskStore {
 public:
  // ---- tasks
  db::Query where(const TaskFilter& f) const;
  // The status filter: the rule of taskStatus() in SQL (two `now` values bound).
  static db::Query statusCondition(const std::string& status, long long now);
  std::pair<std::vector<TaskRow>, long long> list(db::Conn& c, const TaskFilter& f, const core::PageRequest& page) const;
  long long count(db::Conn& c, const TaskFilter& f) const;
  // Every task the filter selects, in list order (the export).
  void forEach(db::Conn& c, const TaskFilter& f, const std::function<void(const TaskRow&)>& fn) const;
  // Counts per value of a column (type, start_month, city_code, region_code, province_code) under the filter.
  std::vector<Group> countBy(db::Conn& c, const TaskFilter& f, const std::string& column) const;
  std::optional<TaskRow> find(db::Conn& c, long long id) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  long long insert(db::Conn& c, const TaskRow& t) const;
  void update(db::Conn& c, const TaskRow& t) const;
  void cancel(db::Conn& c, long long id, long long at) const;
  void setGuards(db::Conn& c, long long taskId, const std::vector<long long>& guardIds) const;
  std::vector<TaskGuard> guards(db::Conn& c, long long taskId) const;
  // Of the ids, those that are the company's employed guards.
  std::vector<long long> employedOf(db::Conn& c, long long companyId, const std::vector<long long>& ids) const;
  // The company's employed guards (the pickers), by name.
  std::vector<TaskGuard> employedGuards(db::Conn& c, long long companyId, const std::string& name, int limit) const;

  // ---- shared look-ups
  std::optional<CompanyInfo> company(db::Conn& c, long long id) const;
  // The police org of a region: the highest org whose region_code is the region, else of its
  // ancestors; (id, path).
  std::optional<std::pair<long long, std::string>> regionOrg(db::Conn& c, const std::string& regionCode) const;
  /// The police unit an org belongs to (省厅, 市局, 分局/县局 or 派出所: the deepest org of that kind on its
  /// path; a 支队 or 科 belongs to its bureau), as its path; the path itself when none is found.
  std::string unitPath(db::Conn& c, const std::string& orgPath) const;
  std::optional<std::string> orgRegion(db::Conn& c, long long orgId) const;
  std::optional<std::string> orgName(db::Conn& c, long long orgId) const;
  std::vector<long long> portalUsers(db::Conn& c, long long companyId) const;
  void message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const;

  // ---- the location rule (task_rules.h locateGuard) for radius queries
  // Guards whose place lies within km of (lng, lat), nearest first (distance, then id), at most limit. The guards
  // on running tasks and with check-ins inside the box (read through the (lat, lng) indexes) are placed by the
  // rule one by one; the companies within km are ranked by distance and only their first guards by id located
  // (guards at their employer share its distance), until limit guards are at least as near as the next company.
  std::vector<NearGuard> nearbyGuards(db::Conn& c, double lng, double lat, double km, long long now, std::size_t limit) const;
  // Every guard nearbyGuards would return with no limit, counted per employer (by employer id), in SQL: the companies
  // within km their employed guards less those on a running task or checked in since; the running tasks within km the
  // guards whose place they are. Only the guards with check-ins are placed one by one.
  std::vector<NearEmployer> nearbyByEmployer(db::Conn& c, double lng, double lat, double km, long long now) const;
  // Where each of these guards is now (the rule), for the search's detail panel.
  std::map<long long, Place> locate(db::Conn& c, const std::vector<long long>& guardIds, long long now) const;
  // The guard's current task in the scope: the running service task the location rule places them at
  // (of their current employer, the latest started), else a running emergency task that is not ended and
  // that their company accepted sending them to; nullopt when none.
  std::optional<CurrentTask> currentTask(db::Conn& c, long long guardId, const core::DataScope& scope, long long now) const;

  // ---- emergency tasks
  std::pair<std::vector<EmergencyRow>, long long> emergencyList(db::Conn& c, const EmergencyFilter& f, const core::PageRequest& page) const;
  std::optional<EmergencyRow> emergency(db::Conn& c, long long id) const;
  bool emergencyVisible(db::Conn& c, const core::DataScope& scope, long long id) const;
  long long insertEmergency(db::Conn& c, const EmergencyRow& e, long long createdBy) const;
  void endEmergency(db::Conn& c, long long id, long long at, const std::string& byName, const std::string& summary) const;
  void askCompany(db::Conn& c, long long taskId, const CompanyInfo& co, long long at) const;
  std::vector<EmergencyCompany> emergencyCompanies(db::Conn& c, long long taskId) const;
  std::optional<EmergencyCompany> emergencyCompany(db::Conn& c, long long taskId, long long companyId) const;
  void respond(db::Conn& c, long long taskId, long long companyId, bool accept, long long at, const std::string& byName) const;
  void assignGuards(db::Conn& c, long long taskId, long long companyId, const std::vector<long long>& guardIds, long long at) const;
  void clearGuards(db::Conn& c, long long taskId, long long companyId) const;
  std::vector<EmergencyGuard> emergencyGuards(db::Conn& c, long long taskId, std::optional<long long> companyId) const;
  void checkIn(db::Conn& c, long long taskId, long long guardId, double lng, double lat, long long distanceM, long long at) const;
  // The emergency tasks a company was asked to, latest first.
  std::pair<std::vector<EmergencyRow>, long long> emergencyOfCompany(db::Conn& c, long long companyId, const core::PageRequest& page) const;
};

}  // namespace baoan::tasks
