#include "modules/map/map_store.h"

#include "db/scope_sql.h"
#include "modules/industry/registry_spec.h"
#include "modules/tasks/task_store.h"

namespace baoan::map {

using db::Query;

namespace {
constexpr db::ScopedTable kCompanies = industry::registryTable("companies");
// The statements of this store.
constexpr const char* kCompanyHits =
    "SELECT t.id, t.name, t.credit_code, t.reg_address, t.biz_address, t.region_code, t.lng, t.lat, t.org_id FROM companies t WHERE ";
constexpr const char* kCompanyMatch =
    " AND (t.credit_code = ? OR t.name LIKE ? ESCAPE '\\' OR t.name LIKE ? ESCAPE '\\' OR t.credit_code LIKE ? ESCAPE '\\' "
    "OR t.reg_address LIKE ? ESCAPE '\\' OR t.biz_address LIKE ? ESCAPE '\\')";
// Exact credit code, exact name, name prefix, the rest; then by name.
constexpr const char* kCompanyOrder =
    " ORDER BY CASE WHEN t.credit_code = ? THEN 0 WHEN t.name = ? THEN 1 WHEN t.name LIKE ? ESCAPE '\\' THEN 2 ELSE 3 END, t.name, t.id "
    "LIMIT ?";
}  // namespace

std::vector<CompanyHit> MapStore::searchCompanies(db::Conn& c, const core::DataScope& scope, const SearchText& q, int limit) {
  const std::string contains = db::likeContains(q.text);
  const std::string prefix = contains.substr(1);
  const std::string codeContains = db::likeContains(q.upper);
  Query sql(kCompanyHits);
  sql.add(db::inScope(kCompanies, scope))
      .append(kCompanyMatch, q.upper, contains, codeContains, codeContains, contains, contains)
      .append(kCompanyOrder, q.upper, q.text, prefix, static_cast<long long>(limit));
  std::vector<CompanyHit> out;
  for (const auto& r : c.query(sql)) {
    CompanyHit h;
    h.id = r.i64("id");
    h.name = r.str("name");
    h.creditCode = r.str("credit_code");
    h.regAddress = r.str("reg_address");
    h.bizAddress = r.optStr("biz_address");
    h.regionCode = r.str("region_code");
    h.lng = r.optF64("lng");
    h.lat = r.optF64("lat");
    h.orgId = r.i64("org_id");
    out.push_back(std::move(h));
  }
  return out;
}

namespace {
// Company tasks (not cancelled) and emergency tasks whose name or place contains the text: the exact name
// first, then a name starting with it, then the newest.
constexpr const char* kTaskHits =
    "SELECT t.id, t.name, t.address AS place, 'task' AS kind, t.org_id, "
    "CASE WHEN t.name = ? THEN 0 WHEN t.name LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END AS rank_, t.start_at AS at_ "
    "FROM tasks t WHERE t.cancelled_at IS NULL AND (t.name LIKE ? ESCAPE '\\' OR t.address LIKE ? ESCAPE '\\') AND ";
constexpr const char* kEmergencyHits =
    " UNION ALL SELECT e.id, e.title AS name, e.address AS place, 'emergency' AS kind, e.org_id, "
    "CASE WHEN e.title = ? THEN 0 WHEN e.title LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END AS rank_, e.start_at AS at_ "
    "FROM emergency_tasks e WHERE (e.title LIKE ? ESCAPE '\\' OR e.address LIKE ? ESCAPE '\\') AND ";
constexpr const char* kTaskOrder = " ORDER BY rank_, at_ DESC, id LIMIT ?";
}  // namespace

std::vector<TaskHit> MapStore::searchTasks(db::Conn& c, const core::DataScope& scope, const SearchText& q, int limit) {
  const std::string contains = db::likeContains(q.text);
  const std::string prefix = contains.substr(1);
  Query sql("SELECT id, name, place, kind, org_id FROM (");
  sql.append(kTaskHits, q.text, prefix, contains, contains).add(tasks::scopeOf(tasks::kTasks, tasks::kTasksByPlace, scope));
  sql.append(kEmergencyHits, q.text, prefix, contains, contains)
      .add(tasks::scopeOf(tasks::kEmergency, tasks::kEmergencyByPlace, scope));
  sql.append(") hits").append(kTaskOrder, static_cast<long long>(limit));
  std::vector<TaskHit> out;
  for (const auto& r : c.query(sql)) out.push_back({r.i64("id"), r.str("name"), r.str("place"), r.str("kind"), r.i64("org_id")});
  return out;
}

}  // namespace baoan::map
