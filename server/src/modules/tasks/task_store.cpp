#include "modules/tasks/task_store.h"

#include <algorithm>
#include <functional>
#include <set>

#include "db/chunks.h"

namespace baoan::tasks {

using db::Query;

namespace {
// Ids written into one IN list (Query::appendIdList), and companies (UNION ALL arms) in one statement: SQLite joins
// at most 500 SELECTs into one compound.
constexpr std::size_t kTaskStoreIdChunk = 5000;
constexpr std::size_t kTaskStoreCompaniesPerQuery = 200;

// The named queries of this store.
constexpr const char* kTaskSelect =
    "SELECT t.id, t.company_id, t.company_name, t.name, t.type, t.client, t.address, t.region_code, t.city_code, t.province_code, "
    "t.lng, t.lat, t.start_at, t.end_at, t.start_month, t.needed, t.cancelled_at, t.org_id, t.org_path, t.region_org_path, "
    "t.created_at, t.updated_at, t.created_by, "
    "(SELECT COUNT(*) FROM task_guards tg WHERE tg.task_id = t.id) AS guard_count FROM tasks t";
constexpr const char* kTaskCount = "SELECT COUNT(*) FROM tasks t";
constexpr const char* kById = " WHERE t.id = ?";
constexpr const char* kLatestFirst = " ORDER BY t.start_at DESC, t.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kOfCompany = " AND t.company_id = ?";
constexpr const char* kOfType = " AND t.type = ?";
constexpr const char* kOfMonth = " AND t.start_month = ?";
constexpr const char* kNameContains = " AND (t.name LIKE ? ESCAPE '\\' OR t.address LIKE ? ESCAPE '\\')";
constexpr const char* kCancelled = "(t.cancelled_at IS NOT NULL)";
constexpr const char* kPending = "(t.cancelled_at IS NULL AND t.start_at > ?)";
constexpr const char* kRunning = "(t.cancelled_at IS NULL AND t.start_at <= ? AND t.end_at > ?)";
constexpr const char* kEnded = "(t.cancelled_at IS NULL AND t.start_at <= ? AND t.end_at <= ?)";
constexpr const char* kInsertTask =
    "INSERT INTO tasks (company_id, company_name, name, type, client, address, region_code, city_code, province_code, lng, lat, "
    "start_at, end_at, start_month, needed, org_id, org_path, region_org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateTask =
    "UPDATE tasks SET name = ?, type = ?, client = ?, address = ?, region_code = ?, city_code = ?, province_code = ?, lng = ?, "
    "lat = ?, start_at = ?, end_at = ?, start_month = ?, needed = ?, region_org_path = ?, updated_at = ? WHERE id = ?";
constexpr const char* kCancelTask = "UPDATE tasks SET cancelled_at = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteTaskGuards = "DELETE FROM task_guards WHERE task_id = ?";
constexpr const char* kInsertTaskGuard = "INSERT INTO task_guards (task_id, guard_id) VALUES (?, ?)";
constexpr const char* kTaskGuards =
    "SELECT g.id, g.name, g.id_no, g.mobile FROM task_guards tg JOIN guards g ON g.id = tg.guard_id WHERE tg.task_id = ? ORDER BY g.name, g.id";
constexpr const char* kEmployedOf =
    "SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 AND id IN ";
constexpr const char* kEmployedGuards =
    "SELECT id, name, id_no, mobile FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1";
constexpr const char* kCompany =
    "SELECT id, name, contact_phone, legal_mobile, org_id, org_path, lng, lat FROM companies WHERE id = ?";
constexpr const char* kRegionOrg = "SELECT id, path FROM orgs WHERE region_code = ? ORDER BY level, id LIMIT 1";
// The police units (not a 支队 or 科 inside one) on an org's path.
constexpr const char* kTaskStoreUnitsOnPath =
    "SELECT path FROM orgs WHERE type IN ('province_dept', 'city_bureau', 'district_bureau', 'county_bureau', 'police_station') "
    "AND ? LIKE path || '%'";
constexpr const char* kOrgRegion = "SELECT region_code, name FROM orgs WHERE id = ?";
constexpr const char* kPortalUsers = "SELECT id FROM users WHERE company_id = ? AND kind = 'company' AND enabled = 1";
constexpr const char* kInsertMessage = "INSERT INTO portal_messages (user_id, title, body, created_at) VALUES (?, ?, ?, ?)";

// The location rule's candidates.
constexpr const char* kCheckInsInBox =
    "SELECT ci.guard_id FROM guard_check_ins ci WHERE ci.lat BETWEEN ? AND ? AND ci.lng BETWEEN ? AND ?";
constexpr const char* kRunningTaskPlacesInBox =
    "SELECT t.id, t.lng, t.lat FROM tasks t WHERE t.lat BETWEEN ? AND ? AND t.lng BETWEEN ? AND ? AND t.cancelled_at IS NULL "
    "AND t.start_at <= ? AND t.end_at > ?";
constexpr const char* kGuardsOfTasks = "SELECT tg.guard_id FROM task_guards tg WHERE tg.task_id IN ";
constexpr const char* kCompaniesInBox = "SELECT co.id, co.lng, co.lat FROM companies co WHERE co.lat BETWEEN ? AND ? AND co.lng BETWEEN ? AND ?";
// A company's employed guards after an id, in id order: the partial index guards_employed_by_id (migration 0034), whose
// condition `id > 0` is stated here word for word (it is what lets this statement, and only this one, use it).
constexpr const char* kEmployedAfter =
    "SELECT g.id, g.employer_id FROM guards g WHERE g.employer_kind = 'company' AND g.employed = 1 AND g.id > 0 AND g.employer_id = ? AND g.id > ? "
    "ORDER BY g.id LIMIT ?";
// kEmployedAfter for many companies in one statement: each an arm of a UNION ALL.
constexpr const char* kEmployedAfterArm = "SELECT id, employer_id FROM (";
constexpr const char* kEmployedAfterNextArm = " UNION ALL SELECT id, employer_id FROM (";
constexpr const char* kEmployedAfterArmEnd = ") AS ea";
// Per company (an id list follows): its employed guards, and those of them the rule may place elsewhere (on a running
// task of the company, or checked in somewhere).
constexpr const char* kEmployedCountOf =
    "SELECT g.employer_id, COUNT(*) AS n, MIN(g.id) AS first_id FROM guards g WHERE g.employer_kind = 'company' AND g.employed = 1 "
    "AND g.employer_id IN ";
constexpr const char* kOnRunningTaskCountOf =
    "SELECT t.company_id, COUNT(DISTINCT tg.guard_id) AS n FROM tasks t JOIN task_guards tg ON tg.task_id = t.id "
    "JOIN guards g ON g.id = tg.guard_id AND g.employed = 1 "
    "AND g.employer_kind = 'company' AND g.employer_id = t.company_id WHERE t.cancelled_at IS NULL AND t.start_at <= ? AND t.end_at > ? "
    "AND t.company_id IN ";
constexpr const char* kCheckedInOf =
    "SELECT DISTINCT ci.guard_id FROM guard_check_ins ci JOIN guards g ON g.id = ci.guard_id AND g.employed = 1 "
    "AND g.employer_kind = 'company' WHERE g.employer_id IN ";
// Per running task (an id list follows) and employer: the guards the rule places at the task.
constexpr const char* kAtTaskCountOf =
    "SELECT t.id AS task_id, g.employer_id, COUNT(*) AS n, MIN(g.id) AS first_id, MIN(g.employer_name) AS employer_name "
    "FROM tasks t JOIN task_guards tg ON tg.task_id = t.id JOIN guards g ON g.id = tg.guard_id AND g.employed = 1 "
    "AND g.employer_kind = 'company' AND g.employer_id = t.company_id WHERE NOT EXISTS (SELECT 1 FROM task_guards tg2 "
    "JOIN tasks t2 ON t2.id = tg2.task_id WHERE tg2.guard_id = tg.guard_id AND t2.company_id = t.company_id AND t2.cancelled_at IS NULL "
    "AND t2.start_at <= ? AND t2.end_at > ? AND (t2.start_at > t.start_at OR (t2.start_at = t.start_at AND t2.id < t.id))) AND t.id IN ";
constexpr const char* kGuardFacts =
    "SELECT g.id, g.name, g.id_no, g.mobile, g.employer_id, g.employer_name, co.lng, co.lat FROM guards g "
    "LEFT JOIN companies co ON g.employer_kind = 'company' AND co.id = g.employer_id WHERE g.employed = 1 AND g.id IN ";
// A guard's running tasks: those of their current employer only (a guard who left stays listed on
// the company's task, but is no longer on it). The location rule and the current task read this one query.
constexpr const char* kRunningOf =
    "SELECT tg.guard_id, t.id, t.name, t.address, t.lng, t.lat, t.start_at, t.end_at FROM task_guards tg "
    "JOIN tasks t ON t.id = tg.task_id JOIN guards g ON g.id = tg.guard_id AND g.employed = 1 "
    "AND g.employer_kind = 'company' AND g.employer_id = t.company_id "
    "WHERE t.cancelled_at IS NULL AND t.start_at <= ? AND t.end_at > ? AND tg.guard_id IN ";
// The open emergency tasks a guard was sent to (their employer accepted and picked them), running now.
constexpr const char* kRunningEmergencyOf =
    "SELECT e.id, e.title, e.address, e.lng, e.lat, e.start_at, e.end_at FROM emergency_guards eg "
    "JOIN emergency_tasks e ON e.id = eg.task_id "
    "JOIN emergency_companies ec ON ec.task_id = eg.task_id AND ec.company_id = eg.company_id AND ec.accepted = 1 "
    "JOIN guards g ON g.id = eg.guard_id AND g.employed = 1 AND g.employer_kind = 'company' AND g.employer_id = eg.company_id "
    "WHERE eg.guard_id = ? AND e.ended_at IS NULL AND e.start_at <= ? AND e.end_at > ? AND ";
constexpr const char* kTaskLatestStarted = " ORDER BY t.start_at DESC, t.id DESC LIMIT 1";
constexpr const char* kEmergencyLatestStarted = " ORDER BY e.start_at DESC, e.id DESC LIMIT 1";
constexpr const char* kLastTaskEndOf =
    "SELECT tg.guard_id, MAX(t.end_at) AS last_end FROM task_guards tg JOIN tasks t ON t.id = tg.task_id "
    "WHERE t.cancelled_at IS NULL AND t.end_at <= ? AND tg.guard_id IN ";
constexpr const char* kLastCheckInOf =
    "SELECT ci.guard_id, ci.lng, ci.lat, ci.at FROM guard_check_ins ci WHERE ci.at = "
    "(SELECT MAX(c2.at) FROM guard_check_ins c2 WHERE c2.guard_id = ci.guard_id) AND ci.guard_id IN ";

// Emergency tasks.
constexpr const char* kEmergencySelect =
    "SELECT e.id, e.title, e.detail, e.address, e.region_code, e.lng, e.lat, e.start_at, e.end_at, e.needed, e.radius_km, e.ended_at, "
    "e.ended_by_name, e.summary, e.org_id, e.org_path, o.name AS org_name, e.region_org_path, e.created_at, e.created_by_name, "
    "(SELECT COUNT(*) FROM emergency_companies ec WHERE ec.task_id = e.id) AS notified, "
    "(SELECT COUNT(*) FROM emergency_companies ec WHERE ec.task_id = e.id AND ec.accepted = 1) AS accepted, "
    "(SELECT COUNT(*) FROM emergency_guards eg WHERE eg.task_id = e.id) AS assigned, "
    "(SELECT COUNT(*) FROM emergency_guards eg WHERE eg.task_id = e.id AND eg.checked_in_at IS NOT NULL) AS checked_in "
    "FROM emergency_tasks e JOIN orgs o ON o.id = e.org_id";
constexpr const char* kEmergencyCount = "SELECT COUNT(*) FROM emergency_tasks e";
constexpr const char* kEmergencyById = " WHERE e.id = ?";
constexpr const char* kEmergencyLatestFirst = " ORDER BY e.created_at DESC, e.id DESC";
constexpr const char* kEmergencyTitle = " AND e.title LIKE ? ESCAPE '\\'";
constexpr const char* kEmergencyOpen = " AND e.ended_at IS NULL";
constexpr const char* kEmergencyEnded = " AND e.ended_at IS NOT NULL";
constexpr const char* kEmergencyOfCompany = " WHERE e.id IN (SELECT task_id FROM emergency_companies WHERE company_id = ?)";
constexpr const char* kEmergencyCountOfCompany = "SELECT COUNT(*) FROM emergency_companies WHERE company_id = ?";
constexpr const char* kInsertEmergency =
    "INSERT INTO emergency_tasks (title, detail, address, region_code, lng, lat, start_at, end_at, needed, radius_km, org_id, org_path, "
    "region_org_path, created_at, created_by, created_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kEndEmergency = "UPDATE emergency_tasks SET ended_at = ?, ended_by_name = ?, summary = ? WHERE id = ?";
constexpr const char* kAskCompany =
    "INSERT INTO emergency_companies (task_id, company_id, company_name, notified_at) VALUES (?, ?, ?, ?)";
constexpr const char* kCompaniesOf =
    "SELECT company_id, company_name, notified_at, accepted, responded_at, responded_by_name FROM emergency_companies WHERE task_id = ?";
constexpr const char* kRespond =
    "UPDATE emergency_companies SET accepted = ?, responded_at = ?, responded_by_name = ? WHERE task_id = ? AND company_id = ?";
constexpr const char* kAssign =
    "INSERT INTO emergency_guards (task_id, guard_id, company_id, assigned_at) VALUES (?, ?, ?, ?)";
constexpr const char* kClearGuards = "DELETE FROM emergency_guards WHERE task_id = ? AND company_id = ? AND checked_in_at IS NULL";
constexpr const char* kGuardsOf =
    "SELECT eg.guard_id, eg.company_id, g.name, g.id_no, g.mobile, ec.company_name, eg.assigned_at, eg.checked_in_at, eg.check_lng, "
    "eg.check_lat, eg.distance_m FROM emergency_guards eg JOIN guards g ON g.id = eg.guard_id "
    "JOIN emergency_companies ec ON ec.task_id = eg.task_id AND ec.company_id = eg.company_id WHERE eg.task_id = ?";
constexpr const char* kCheckIn =
    "UPDATE emergency_guards SET checked_in_at = ?, check_lng = ?, check_lat = ?, distance_m = ? WHERE task_id = ? AND guard_id = ?";
constexpr const char* kInsertCheckIn =
    "INSERT INTO guard_check_ins (guard_id, emergency_task_id, lng, lat, at) VALUES (?, ?, ?, ?, ?)";

TaskRow toTask(const db::Row& r) {
  TaskRow t;
  t.id = r.i64("id");
  t.companyId = r.i64("company_id");
  t.companyName = r.str("company_name");
  t.name = r.str("name");
  t.type = r.str("type");
  t.client = r.str("client");
  t.address = r.str("address");
  t.regionCode = r.str("region_code");
  t.cityCode = r.str("city_code");
  t.provinceCode = r.str("province_code");
  t.lng = r.f64("lng");
  t.lat = r.f64("lat");
  t.startAt = r.i64("start_at");
  t.endAt = r.i64("end_at");
  t.startMonth = r.str("start_month");
  t.needed = r.i64("needed");
  t.cancelledAt = r.optI64("cancelled_at");
  t.orgId = r.i64("org_id");
  t.orgPath = r.str("org_path");
  t.regionOrgPath = r.str("region_org_path");
  t.regionOrgId = core::lastIdOfPath(t.regionOrgPath);
  t.guardCount = r.i64("guard_count");
  t.createdAt = r.i64("created_at");
  t.updatedAt = r.i64("updated_at");
  t.createdBy = r.optI64("created_by");
  return t;
}

EmergencyRow toEmergency(const db::Row& r) {
  EmergencyRow e;
  e.id = r.i64("id");
  e.title = r.str("title");
  e.detail = r.str("detail");
  e.address = r.str("address");
  e.regionCode = r.str("region_code");
  e.lng = r.f64("lng");
  e.lat = r.f64("lat");
  e.startAt = r.i64("start_at");
  e.endAt = r.i64("end_at");
  e.needed = r.i64("needed");
  e.radiusKm = r.optF64("radius_km");
  e.endedAt = r.optI64("ended_at");
  e.endedByName = r.str("ended_by_name");
  e.summary = r.str("summary");
  e.orgId = r.i64("org_id");
  e.orgPath = r.str("org_path");
  e.orgName = r.str("org_name");
  e.regionOrgPath = r.str("region_org_path");
  e.regionOrgId = core::lastIdOfPath(e.regionOrgPath);
  e.createdAt = r.i64("created_at");
  e.createdByName = r.str("created_by_name");
  e.notified = r.i64("notified");
  e.accepted = r.i64("accepted");
  e.assigned = r.i64("assigned");
  e.checkedIn = r.i64("checked_in");
  return e;
}

}  // namespace

Query scopeOf(const db::ScopedTable& byCompany, const db::ScopedTable& byPlace, const core::DataScope& scope) {
  Query q("(");
  q.add(db::inScope(byCompany, scope)).append(" OR ").add(db::inScope(byPlace, scope)).append(")");
  return q;
}

// ------------------------------------------------------------------------------------------ tasks

Query TaskStore::statusCondition(const std::string& status, long long now) {
  if (status == "cancelled") return Query(kCancelled);
  if (status == "pending") return Query(kPending, now);
  if (status == "running") return Query(kRunning, now, now);
  return Query(kEnded, now, now);
}

Query TaskStore::where(const TaskFilter& f) const {
  Query w(" WHERE ");
  if (f.scope) w.add(scopeOf(kTasks, kTasksByPlace, *f.scope));
  else w.append("1=1");
  if (f.companyId) w.append(kOfCompany, *f.companyId);
  if (!f.regionCode.empty()) {
    const char* column = f.regionLevel == "province" ? "t.province_code" : f.regionLevel == "city" ? "t.city_code" : "t.region_code";
    w.append(" AND ").append(column).append(" = ?", f.regionCode);
  }
  if (!f.type.empty()) w.append(kOfType, f.type);
  if (!f.month.empty()) w.append(kOfMonth, f.month);
  if (!f.status.empty()) w.append(" AND ").add(statusCondition(f.status, f.now));
  if (!f.name.empty()) w.append(kNameContains, db::likeContains(f.name), db::likeContains(f.name));
  return w;
}

std::pair<std::vector<TaskRow>, long long> TaskStore::list(db::Conn& c, const TaskFilter& f, const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kTaskCount).add(w));
  std::vector<TaskRow> rows;
  for (const auto& r : c.query(Query(kTaskSelect).add(w).append(kLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toTask(r));
  return {std::move(rows), total};
}

long long TaskStore::count(db::Conn& c, const TaskFilter& f) const { return c.scalar(Query(kTaskCount).add(where(f))); }

void TaskStore::forEach(db::Conn& c, const TaskFilter& f, const std::function<void(const TaskRow&)>& fn) const {
  c.forEach(Query(kTaskSelect).add(where(f)).append(kLatestFirst), [&](const db::Row& r) { fn(toTask(r)); });
}

std::vector<Group> TaskStore::countBy(db::Conn& c, const TaskFilter& f, const std::string& column) const {
  // column is one of the store's own names (the service's dimension table), never user text.
  static const std::set<std::string> allowed = {"type", "start_month", "city_code", "region_code", "province_code"};
  if (!allowed.count(column)) throw std::logic_error("countBy: unknown column " + column);
  std::vector<Group> out;
  for (const auto& r : c.query(Query("SELECT t." + column + " AS k, COUNT(*) AS n FROM tasks t").add(where(f)).append(
           " GROUP BY t." + column + " ORDER BY t." + column)))
    out.push_back({r.str("k"), r.i64("n")});
  return out;
}

std::optional<TaskRow> TaskStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kTaskSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toTask(*r);
}

bool TaskStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kTasks, scope, id) || db::visible(c, kTasksByPlace, scope, id);
}

long long TaskStore::insert(db::Conn& c, const TaskRow& t) const {
  return c.insert(Query(kInsertTask, t.companyId, t.companyName, t.name, t.type, t.client, t.address, t.regionCode, t.cityCode,
                        t.provinceCode, t.lng, t.lat, t.startAt, t.endAt, t.startMonth, t.needed, t.orgId, t.orgPath, t.regionOrgPath,
                        t.createdAt, t.updatedAt, t.createdBy));
}

void TaskStore::update(db::Conn& c, const TaskRow& t) const {
  c.exec(Query(kUpdateTask, t.name, t.type, t.client, t.address, t.regionCode, t.cityCode, t.provinceCode, t.lng, t.lat, t.startAt,
               t.endAt, t.startMonth, t.needed, t.regionOrgPath, t.updatedAt, t.id));
}

void TaskStore::cancel(db::Conn& c, long long id, long long at) const { c.exec(Query(kCancelTask, at, at, id)); }

void TaskStore::setGuards(db::Conn& c, long long taskId, const std::vector<long long>& guardIds) const {
  c.exec(Query(kDeleteTaskGuards, taskId));
  for (long long g : guardIds) c.exec(Query(kInsertTaskGuard, taskId, g));
}

std::vector<TaskGuard> TaskStore::guards(db::Conn& c, long long taskId) const {
  std::vector<TaskGuard> out;
  for (const auto& r : c.query(Query(kTaskGuards, taskId))) out.push_back({r.i64("id"), r.str("name"), r.str("id_no"), r.str("mobile")});
  return out;
}

std::vector<long long> TaskStore::employedOf(db::Conn& c, long long companyId, const std::vector<long long>& ids) const {
  std::vector<long long> out;
  if (ids.empty()) return out;
  for (const auto& r : c.query(Query(kEmployedOf, companyId).appendIdList(ids))) out.push_back(r.i64("id"));
  return out;
}

std::vector<TaskGuard> TaskStore::employedGuards(db::Conn& c, long long companyId, const std::string& name, int limit) const {
  Query q(kEmployedGuards, companyId);
  if (!name.empty()) q.append(" AND name LIKE ? ESCAPE '\\'", db::likeContains(name));
  q.append(" ORDER BY name, id LIMIT ?", limit);
  std::vector<TaskGuard> out;
  for (const auto& r : c.query(q)) out.push_back({r.i64("id"), r.str("name"), r.str("id_no"), r.str("mobile")});
  return out;
}

// ------------------------------------------------------------------------------------------ look-ups

std::optional<CompanyInfo> TaskStore::company(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kCompany, id));
  if (!r) return std::nullopt;
  CompanyInfo i;
  i.id = r->i64("id");
  i.name = r->str("name");
  i.contactPhone = r->str("contact_phone");
  i.legalMobile = r->str("legal_mobile");
  i.orgId = r->i64("org_id");
  i.orgPath = r->str("org_path");
  i.lng = r->optF64("lng");
  i.lat = r->optF64("lat");
  return i;
}

std::optional<std::pair<long long, std::string>> TaskStore::regionOrg(db::Conn& c, const std::string& regionCode) const {
  // The county's bureau; else the city's (a county without a bureau of its own in the demo), else the province's.
  for (const std::string& code : {regionCode, regionCode.substr(0, 4) + "00", regionCode.substr(0, 2) + "0000"}) {
    if (auto r = c.queryOne(Query(kRegionOrg, code))) return std::make_pair(r->i64("id"), r->str("path"));
  }
  return std::nullopt;
}

std::string TaskStore::unitPath(db::Conn& c, const std::string& orgPath) const {
  std::string best;
  for (const auto& r : c.query(Query(kTaskStoreUnitsOnPath, orgPath)))
    if (core::isPathPrefix(r.str("path"), orgPath) && r.str("path").size() > best.size()) best = r.str("path");
  return best.empty() ? orgPath : best;
}

std::optional<std::string> TaskStore::orgRegion(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrgRegion, orgId));
  if (!r) return std::nullopt;
  return r->str("region_code");
}

std::optional<std::string> TaskStore::orgName(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrgRegion, orgId));
  if (!r) return std::nullopt;
  return r->str("name");
}

std::vector<long long> TaskStore::portalUsers(db::Conn& c, long long companyId) const {
  std::vector<long long> out;
  for (const auto& r : c.query(Query(kPortalUsers, companyId))) out.push_back(r.i64("id"));
  return out;
}

void TaskStore::message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const {
  c.exec(Query(kInsertMessage, userId, title, body, at));
}

// ------------------------------------------------------------------------------------------ the location rule

std::map<long long, Place> TaskStore::locate(db::Conn& c, const std::vector<long long>& guardIds, long long now) const {
  std::map<long long, Place> out;
  if (guardIds.empty()) return out;
  std::map<long long, GuardWhereabouts> w;
  for (const auto& r : c.query(Query(kGuardFacts).appendIdList(guardIds))) {
    auto& x = w[r.i64("id")];
    if (auto lng = r.optF64("lng"), lat = r.optF64("lat"); lng && lat) x.employer = Place{*lng, *lat, "employer", 0};
  }
  for (const auto& r : c.query(Query(kRunningOf, now, now).appendIdList(guardIds))) {
    auto it = w.find(r.i64("guard_id"));
    if (it == w.end()) continue;
    const long long since = r.i64("start_at");
    if (!it->second.runningTask || since > it->second.runningTask->since)  // the latest started, when on several
      it->second.runningTask = Place{r.f64("lng"), r.f64("lat"), "task", since};
  }
  for (const auto& r : c.query(Query(kLastTaskEndOf, now).appendIdList(guardIds).append(" GROUP BY tg.guard_id"))) {
    auto it = w.find(r.i64("guard_id"));
    if (it != w.end()) it->second.lastTaskEnd = r.i64("last_end");
  }
  for (const auto& r : c.query(Query(kLastCheckInOf).appendIdList(guardIds))) {
    auto it = w.find(r.i64("guard_id"));
    if (it != w.end()) it->second.lastCheckIn = Place{r.f64("lng"), r.f64("lat"), "check_in", r.i64("at")};
  }
  for (const auto& [id, x] : w)
    if (auto p = locateGuard(x)) out[id] = *p;
  return out;
}

std::optional<CurrentTask> TaskStore::currentTask(db::Conn& c, long long guardId, const core::DataScope& scope, long long now) const {
  // The service task first: the query of the location rule, the latest started (where locate places the guard).
  const Query task = Query(kRunningOf, now, now).appendIdList({guardId}).append(" AND ").add(scopeOf(kTasks, kTasksByPlace, scope));
  if (auto r = c.queryOne(Query(task).append(kTaskLatestStarted)))
    return CurrentTask{r->i64("id"), r->str("name"), "task", r->str("address"), r->f64("lng"), r->f64("lat"), r->i64("start_at"), r->i64("end_at")};
  const Query emergency = Query(kRunningEmergencyOf, guardId, now, now).add(scopeOf(kEmergency, kEmergencyByPlace, scope));
  if (auto r = c.queryOne(Query(emergency).append(kEmergencyLatestStarted)))
    return CurrentTask{r->i64("id"), r->str("title"), "emergency", r->str("address"), r->f64("lng"), r->f64("lat"), r->i64("start_at"), r->i64("end_at")};
  return std::nullopt;
}

std::vector<NearGuard> TaskStore::nearbyGuards(db::Conn& c, double lng, double lat, double km, long long now, std::size_t limit) const {
  // The answer is ordered by (distance, id). The guards at a company share its distance, and so do those on a running
  // task, so the places are ranked first and only as many guards located as the answer needs (bench/README.md).
  std::vector<NearGuard> out;
  if (limit == 0) return out;
  const Box b = boxAround(lng, lat, km);
  constexpr std::size_t kGroup = 256;  // guards located together, from the next places in distance order
  std::map<long long, NearGuard> near;  // by id: every guard located so far whose place is within km
  // Places each guard by the rule and keeps those within km, wherever the rule puts them; returns the places.
  const auto place = [&](const std::vector<long long>& ids) {
    std::map<long long, Place> places;
    db::forEachChunk(ids, kTaskStoreIdChunk, [&](const std::vector<long long>& chunk) { places.merge(locate(c, chunk, now)); });
    for (const auto& [id, p] : places)
      if (const double d = distanceKm(lng, lat, p.lng, p.lat); d <= km) near[id] = NearGuard{id, {}, {}, {}, {}, 0, p, d};
    return places;
  };

  // 1. The guards with a check-in inside the box (few): a check-in is no place others share.
  std::set<long long> checkedIn;
  for (const auto& r : c.query(Query(kCheckInsInBox, b.minLat, b.maxLat, b.minLng, b.maxLng))) checkedIn.insert(r.i64("guard_id"));
  place(std::vector<long long>(checkedIn.begin(), checkedIn.end()));

  // 2. The companies and the running tasks within km, nearest first. Whoever the rule places at a company or a task is
  //    among its guards, so once `limit` located guards are at least as near as the next place, the answer is known.
  //    A company gives at most `limit` guards the rule places there, its smallest ids: more would not be answered.
  struct Site {
    double km;
    bool task;
    long long id;
  };
  std::vector<Site> sites;
  for (const auto& r : c.query(Query(kCompaniesInBox, b.minLat, b.maxLat, b.minLng, b.maxLng)))
    if (auto clng = r.optF64("lng"), clat = r.optF64("lat"); clng && clat)
      if (const double d = distanceKm(lng, lat, *clng, *clat); d <= km) sites.push_back({d, false, r.i64("id")});
  for (const auto& r : c.query(Query(kRunningTaskPlacesInBox, b.minLat, b.maxLat, b.minLng, b.maxLng, now, now)))
    if (const double d = distanceKm(lng, lat, r.f64("lng"), r.f64("lat")); d <= km) sites.push_back({d, true, r.i64("id")});
  std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
    return a.km != b.km ? a.km < b.km : a.task != b.task ? !a.task : a.id < b.id;
  });
  const std::size_t want = std::min(kTaskStoreIdChunk, limit + 16);  // of a company at once: a few more, some are elsewhere
  // The next `want` employed guards of each (company, after this id), ids ascending: one statement for many companies,
  // kEmployedAfter per company (each on the partial index) joined by UNION ALL. A company with none is absent.
  using After = std::pair<long long, long long>;
  const auto employedAfter = [&](const std::vector<After>& from) {
    std::map<long long, std::vector<long long>> got;
    db::forEachChunk(from, kTaskStoreCompaniesPerQuery, [&](const std::vector<After>& part) {
      Query q;
      for (const auto& [companyId, after] : part)
        q.append(q.text().empty() ? kEmployedAfterArm : kEmployedAfterNextArm)
            .append(kEmployedAfter, companyId, after, static_cast<long long>(want))
            .append(kEmployedAfterArmEnd);
      for (const auto& r : c.query(q)) got[r.i64("employer_id")].push_back(r.i64("id"));
    });
    for (auto& [_, ids] : got) std::sort(ids.begin(), ids.end());
    return got;
  };
  // Of the given guards, how many the rule places at their employer.
  const auto atCompany = [](const std::map<long long, Place>& places, const std::vector<long long>& ids) {
    std::size_t n = 0;
    for (long long id : ids)
      if (auto it = places.find(id); it != places.end() && it->second.source == "employer") ++n;
    return n;
  };
  std::set<long long> fetched;                      // the companies whose first guards were read
  std::map<long long, std::vector<long long>> ahead;  // of those, the ones no group took yet: company → its first guards
  for (std::size_t i = 0; i < sites.size();) {
    // A group: the next places until kGroup guards, and every place as near as the group's last.
    std::vector<long long> batch, taskIds;
    struct Company {
      long long id;
      std::vector<long long> ids;  // the guards fetched
    };
    std::vector<Company> companies;
    std::size_t j = i;
    for (; j < sites.size() && (batch.size() + taskIds.size() * 4 < kGroup || sites[j].km == sites[j - 1].km); ++j) {
      if (sites[j].task) {
        taskIds.push_back(sites[j].id);
        continue;
      }
      if (!fetched.contains(sites[j].id)) {
        // The first guards of the next companies in distance order at once: twice as many companies as would fill the
        // group if each gave `want`; those the group does not take wait in `ahead` for the next one.
        const std::size_t room = kGroup - std::min(kGroup, batch.size() + taskIds.size() * 4);
        const std::size_t n = std::clamp<std::size_t>(2 * ((room + want - 1) / want), 1, kTaskStoreCompaniesPerQuery);
        std::vector<After> next;
        for (std::size_t k = j; k < sites.size() && next.size() < n; ++k)
          if (!sites[k].task && fetched.insert(sites[k].id).second) next.push_back({sites[k].id, 0});
        ahead.merge(employedAfter(next));
      }
      auto& co = companies.emplace_back(Company{sites[j].id, {}});
      if (auto it = ahead.find(co.id); it != ahead.end()) {
        co.ids = std::move(it->second);
        ahead.erase(it);
      }
      batch.insert(batch.end(), co.ids.begin(), co.ids.end());
    }
    if (!taskIds.empty())
      for (const auto& r : c.query(Query(kGuardsOfTasks).appendIdList(taskIds))) batch.push_back(r.i64("guard_id"));
    std::sort(batch.begin(), batch.end());
    batch.erase(std::unique(batch.begin(), batch.end()), batch.end());
    const auto placed = place(batch);
    // A company of which `want` were fetched may have more guards at its place than those placed there so far: the next
    // `want` of every such company at once, until each has `limit` placed there or no more guards.
    std::map<long long, std::size_t> taken;
    std::vector<After> more;
    for (const auto& co : companies)
      if ((taken[co.id] = atCompany(placed, co.ids)) < limit && co.ids.size() == want) more.push_back({co.id, co.ids.back()});
    while (!more.empty()) {
      const auto next = employedAfter(more);
      std::vector<long long> ids;
      for (const auto& [_, v] : next) ids.insert(ids.end(), v.begin(), v.end());
      const auto places = place(ids);
      more.clear();
      for (const auto& [id, v] : next)
        if ((taken[id] += atCompany(places, v)) < limit && v.size() == want) more.push_back({id, v.back()});
    }
    const double reached = sites[j - 1].km;
    std::size_t atMost = 0;
    for (const auto& [_, g] : near)
      if (g.distanceKm <= reached) ++atMost;
    if (atMost >= limit) break;
    i = j;
  }

  for (auto& [_, g] : near) out.push_back(std::move(g));
  std::sort(out.begin(), out.end(), [](const NearGuard& a, const NearGuard& b) {
    return a.distanceKm != b.distanceKm ? a.distanceKm < b.distanceKm : a.id < b.id;
  });
  if (out.size() > limit) out.resize(limit);

  // 3. Who they are, for the answer only.
  std::map<long long, NearGuard*> byId;
  for (auto& g : out) byId[g.id] = &g;
  std::vector<long long> keep;
  for (const auto& [id, _] : byId) keep.push_back(id);
  db::forEachChunk(keep, kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& r : c.query(Query(kGuardFacts).appendIdList(ids))) {
      auto& g = *byId.at(r.i64("id"));
      g.name = r.str("name");
      g.idNo = r.str("id_no");
      g.mobile = r.str("mobile");
      g.employerId = r.i64("employer_id");
      g.employerName = r.str("employer_name");
    }
  });
  return out;
}

std::vector<NearEmployer> TaskStore::nearbyByEmployer(db::Conn& c, double lng, double lat, double km, long long now) const {
  const Box b = boxAround(lng, lat, km);
  struct Tally {
    NearEmployer e;
    long long firstGuard = 0;  // the nearest guard (distance, then id), whose employer name is shown
  };
  std::map<long long, Tally> by;
  const auto add = [&](long long employerId, long long guards, double d, long long guardId, const std::string& name) {
    auto& t = by[employerId];
    if (!t.e.guards || d < t.e.nearestKm || (d == t.e.nearestKm && guardId < t.firstGuard)) {
      t.e.nearestKm = d;
      t.firstGuard = guardId;
      t.e.employerName = name;
    }
    t.e.employerId = employerId;
    t.e.guards += guards;
  };

  // 1. The guards the rule places at a running task within km, counted per task and employer in SQL: those of the
  //    task's company for whom it is the latest started of their running tasks with it (kRunningOf's order: of two
  //    started at once, the smaller id).
  std::map<long long, double> taskKm;
  for (const auto& r : c.query(Query(kRunningTaskPlacesInBox, b.minLat, b.maxLat, b.minLng, b.maxLng, now, now)))
    if (const double d = distanceKm(lng, lat, r.f64("lng"), r.f64("lat")); d <= km) taskKm[r.i64("id")] = d;
  std::vector<long long> taskIds;
  for (const auto& [id, _] : taskKm) taskIds.push_back(id);
  db::forEachChunk(taskIds, kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& r : c.query(Query(kAtTaskCountOf, now, now).appendIdList(ids).append(" GROUP BY t.id, g.employer_id")))
      add(r.i64("employer_id"), r.i64("n"), taskKm.at(r.i64("task_id")), r.i64("first_id"), r.str("employer_name"));
  });
  //    And those at a check-in within km (few: the check-ins inside the box), placed one by one.
  std::set<long long> checkedIn;
  for (const auto& r : c.query(Query(kCheckInsInBox, b.minLat, b.maxLat, b.minLng, b.maxLng))) checkedIn.insert(r.i64("guard_id"));
  std::map<long long, double> placed;
  db::forEachChunk(std::vector<long long>(checkedIn.begin(), checkedIn.end()), kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& [id, p] : locate(c, ids, now))
      if (const double d = distanceKm(lng, lat, p.lng, p.lat); p.source == "check_in" && d <= km) placed[id] = d;
  });
  std::vector<long long> placedIds;
  for (const auto& [id, _] : placed) placedIds.push_back(id);
  db::forEachChunk(placedIds, kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& r : c.query(Query(kGuardFacts).appendIdList(ids)))
      add(r.i64("employer_id"), 1, placed.at(r.i64("id")), r.i64("id"), r.str("employer_name"));
  });

  // 2. The companies within km: their employed guards, less those the rule places elsewhere, are at the company.
  std::map<long long, double> sites;
  for (const auto& r : c.query(Query(kCompaniesInBox, b.minLat, b.maxLat, b.minLng, b.maxLng)))
    if (auto clng = r.optF64("lng"), clat = r.optF64("lat"); clng && clat)
      if (const double d = distanceKm(lng, lat, *clng, *clat); d <= km) sites[r.i64("id")] = d;
  std::vector<long long> siteIds;
  for (const auto& [id, _] : sites) siteIds.push_back(id);
  std::map<long long, std::pair<long long, long long>> employed;  // company → (count, smallest guard id)
  //    Elsewhere: on a running task of the company (counted in SQL), or not and checked in since their last task.
  std::map<long long, long long> away;  // company → its guards placed elsewhere
  std::set<long long> checkedInThere;
  db::forEachChunk(siteIds, kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& r : c.query(Query(kEmployedCountOf).appendIdList(ids).append(" GROUP BY g.employer_id")))
      employed[r.i64("employer_id")] = {r.i64("n"), r.i64("first_id")};
    for (const auto& r : c.query(Query(kOnRunningTaskCountOf, now, now).appendIdList(ids).append(" GROUP BY t.company_id")))
      away[r.i64("company_id")] += r.i64("n");
    for (const auto& r : c.query(Query(kCheckedInOf).appendIdList(ids))) checkedInThere.insert(r.i64("guard_id"));
  });
  db::forEachChunk(std::vector<long long>(checkedInThere.begin(), checkedInThere.end()), kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    std::map<long long, long long> employerOf;
    for (const auto& r : c.query(Query(kGuardFacts).appendIdList(ids))) employerOf[r.i64("id")] = r.i64("employer_id");
    for (const auto& [id, p] : locate(c, ids, now))
      if (p.source == "check_in") ++away[employerOf.at(id)];  // "task": counted above
  });
  std::vector<long long> firstIds;
  for (const auto& [_, e] : employed) firstIds.push_back(e.second);
  std::map<long long, std::string> nameOf;  // company → the employer name its first guard carries
  db::forEachChunk(firstIds, kTaskStoreIdChunk, [&](const std::vector<long long>& ids) {
    for (const auto& r : c.query(Query(kGuardFacts).appendIdList(ids))) nameOf[r.i64("employer_id")] = r.str("employer_name");
  });
  for (const auto& [companyId, e] : employed) {
    const long long atCompany = e.first - (away.count(companyId) ? away.at(companyId) : 0);
    if (atCompany > 0) add(companyId, atCompany, sites.at(companyId), e.second, nameOf[companyId]);
  }

  std::vector<NearEmployer> out;
  for (auto& [_, t] : by) out.push_back(std::move(t.e));
  return out;
}

// ------------------------------------------------------------------------------------------ emergency tasks

std::pair<std::vector<EmergencyRow>, long long> TaskStore::emergencyList(db::Conn& c, const EmergencyFilter& f,
                                                                         const core::PageRequest& page) const {
  Query w(" WHERE ");
  if (f.scope) w.add(scopeOf(kEmergency, kEmergencyByPlace, *f.scope));
  else w.append("1=1");
  if (!f.title.empty()) w.append(kEmergencyTitle, db::likeContains(f.title));
  if (f.state == "open") w.append(kEmergencyOpen);
  if (f.state == "ended") w.append(kEmergencyEnded);
  const long long total = c.scalar(Query(kEmergencyCount).add(w));
  std::vector<EmergencyRow> rows;
  for (const auto& r : c.query(Query(kEmergencySelect).add(w).append(kEmergencyLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toEmergency(r));
  return {std::move(rows), total};
}

std::optional<EmergencyRow> TaskStore::emergency(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kEmergencySelect).append(kEmergencyById, id));
  if (!r) return std::nullopt;
  return toEmergency(*r);
}

bool TaskStore::emergencyVisible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kEmergency, scope, id) || db::visible(c, kEmergencyByPlace, scope, id);
}

long long TaskStore::insertEmergency(db::Conn& c, const EmergencyRow& e, long long createdBy) const {
  return c.insert(Query(kInsertEmergency, e.title, e.detail, e.address, e.regionCode, e.lng, e.lat, e.startAt, e.endAt, e.needed,
                        e.radiusKm, e.orgId, e.orgPath, e.regionOrgPath, e.createdAt, createdBy, e.createdByName));
}

void TaskStore::endEmergency(db::Conn& c, long long id, long long at, const std::string& byName, const std::string& summary) const {
  c.exec(Query(kEndEmergency, at, byName, summary, id));
}

void TaskStore::askCompany(db::Conn& c, long long taskId, const CompanyInfo& co, long long at) const {
  c.exec(Query(kAskCompany, taskId, co.id, co.name, at));
}

namespace {
EmergencyCompany toAsked(const db::Row& r) {
  EmergencyCompany e;
  e.companyId = r.i64("company_id");
  e.companyName = r.str("company_name");
  e.notifiedAt = r.i64("notified_at");
  if (auto a = r.optI64("accepted")) e.accepted = *a != 0;
  e.respondedAt = r.optI64("responded_at");
  e.respondedByName = r.str("responded_by_name");
  return e;
}
}  // namespace

std::vector<EmergencyCompany> TaskStore::emergencyCompanies(db::Conn& c, long long taskId) const {
  std::vector<EmergencyCompany> out;
  for (const auto& r : c.query(Query(kCompaniesOf, taskId).append(" ORDER BY company_name, company_id"))) out.push_back(toAsked(r));
  return out;
}

std::optional<EmergencyCompany> TaskStore::emergencyCompany(db::Conn& c, long long taskId, long long companyId) const {
  auto r = c.queryOne(Query(kCompaniesOf, taskId).append(" AND company_id = ?", companyId));
  if (!r) return std::nullopt;
  return toAsked(*r);
}

void TaskStore::respond(db::Conn& c, long long taskId, long long companyId, bool accept, long long at, const std::string& byName) const {
  c.exec(Query(kRespond, accept ? 1 : 0, at, byName, taskId, companyId));
}

void TaskStore::assignGuards(db::Conn& c, long long taskId, long long companyId, const std::vector<long long>& guardIds, long long at) const {
  std::set<long long> have;
  for (const auto& g : emergencyGuards(c, taskId, companyId)) have.insert(g.guardId);
  for (long long g : guardIds)
    if (!have.count(g)) c.exec(Query(kAssign, taskId, g, companyId, at));
}

void TaskStore::clearGuards(db::Conn& c, long long taskId, long long companyId) const { c.exec(Query(kClearGuards, taskId, companyId)); }

std::vector<EmergencyGuard> TaskStore::emergencyGuards(db::Conn& c, long long taskId, std::optional<long long> companyId) const {
  Query q(kGuardsOf, taskId);
  if (companyId) q.append(" AND eg.company_id = ?", *companyId);
  q.append(" ORDER BY ec.company_name, g.name, eg.guard_id");
  std::vector<EmergencyGuard> out;
  for (const auto& r : c.query(q)) {
    EmergencyGuard g;
    g.guardId = r.i64("guard_id");
    g.companyId = r.i64("company_id");
    g.name = r.str("name");
    g.idNo = r.str("id_no");
    g.mobile = r.str("mobile");
    g.companyName = r.str("company_name");
    g.assignedAt = r.i64("assigned_at");
    g.checkedInAt = r.optI64("checked_in_at");
    g.checkLng = r.optF64("check_lng");
    g.checkLat = r.optF64("check_lat");
    g.distanceM = r.optI64("distance_m");
    out.push_back(std::move(g));
  }
  return out;
}

void TaskStore::checkIn(db::Conn& c, long long taskId, long long guardId, double lng, double lat, long long distanceM, long long at) const {
  c.exec(Query(kCheckIn, at, lng, lat, distanceM, taskId, guardId));
  c.exec(Query(kInsertCheckIn, guardId, taskId, lng, lat, at));
}

std::pair<std::vector<EmergencyRow>, long long> TaskStore::emergencyOfCompany(db::Conn& c, long long companyId,
                                                                              const core::PageRequest& page) const {
  const long long total = c.scalar(Query(kEmergencyCountOfCompany, companyId));
  std::vector<EmergencyRow> rows;
  for (const auto& r : c.query(Query(kEmergencySelect).append(kEmergencyOfCompany, companyId).append(kEmergencyLatestFirst).append(
           kPageOf, page.size, page.offset())))
    rows.push_back(toEmergency(r));
  return {std::move(rows), total};
}

}  // namespace baoan::tasks
