#include "modules/system/org_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
// Orgs are scoped by their own path: a scope covers the orgs it names and (for subtrees) those below.
constexpr db::ScopedTable kOrgs{"orgs", "o", "path"};

// The named queries of this store.
constexpr const char* kSelect =
    "SELECT o.id, o.parent_id, o.path, o.level, o.name, o.region_code, o.phone, o.address, o.type, o.created_at, "
    "o.updated_at, p.name AS parent_name, (SELECT COUNT(*) FROM orgs k WHERE k.parent_id = o.id) AS child_count "
    "FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id ";
constexpr const char* kTreeOrder = " ORDER BY o.level, o.sort_order, o.id";
constexpr const char* kInsert =
    "INSERT INTO orgs (parent_id, path, level, name, region_code, phone, address, type, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSetPath = "UPDATE orgs SET path = ? WHERE id = ?";
constexpr const char* kUpdate =
    "UPDATE orgs SET name = ?, region_code = ?, phone = ?, address = ?, type = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDelete = "DELETE FROM orgs WHERE id = ?";
constexpr const char* kChildRegions = "SELECT name, region_code FROM orgs WHERE parent_id = ? ORDER BY id";
constexpr const char* kCountChildren = "SELECT COUNT(*) FROM orgs WHERE parent_id = ?";
constexpr const char* kCountUsers = "SELECT COUNT(*) FROM users WHERE org_id = ?";
constexpr const char* kCountRoles = "SELECT COUNT(*) FROM roles WHERE org_id = ?";
// Every supervised table keeps org_id (ARCHITECTURE.md "Data scope"): an org that supervises records
// cannot go. Named here rather than asked of each module, because the modules that keep them depend
// on this one, not the other way round.
constexpr const char* kSupervisedTables[] = {"associations", "companies", "inhouse_units", "training_units", "guards"};

Org toOrg(const db::Row& r) {
  Org o;
  o.id = r.i64("id");
  o.parentId = r.optI64("parent_id");
  o.path = r.str("path");
  o.level = static_cast<int>(r.i64("level"));
  o.name = r.str("name");
  o.regionCode = r.str("region_code");
  o.phone = r.optStr("phone");
  o.address = r.optStr("address");
  o.type = r.str("type");
  o.createdAt = r.i64("created_at");
  o.updatedAt = r.i64("updated_at");
  o.parentName = r.str("parent_name");
  o.childCount = r.i64("child_count");
  return o;
}
}  // namespace

std::optional<Org> OrgStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(std::string(kSelect) + "WHERE o.id = ?", id));
  if (!r) return std::nullopt;
  return toOrg(*r);
}

std::optional<Org> OrgStore::findVisible(db::Conn& c, const core::DataScope& scope, long long id) {
  if (!db::visible(c, kOrgs, scope, id)) return std::nullopt;
  return find(c, id);
}

std::vector<Org> OrgStore::listInScope(db::Conn& c, const core::DataScope& scope) {
  std::vector<Org> out;
  for (const auto& r : c.query(Query(std::string(kSelect) + "WHERE ").add(db::inScope(kOrgs, scope)).append(kTreeOrder)))
    out.push_back(toOrg(r));
  return out;
}

std::pair<std::vector<Org>, long long> OrgStore::list(db::Conn& c, const Org& parent, const std::string& name,
                                                      const core::DataScope& scope, const core::PageRequest& page) {
  Query where(" WHERE ");
  if (name.empty()) {
    where.append("o.parent_id = ?", parent.id);
  } else {
    where.append("o.path > ? AND o.path < ? AND o.name LIKE ? ESCAPE '\\'", parent.path, core::pathUpperBound(parent.path),
                 db::likeContains(name));
  }
  where.append(" AND ").add(db::inScope(kOrgs, scope));
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM orgs o").add(where));
  std::vector<Org> out;
  for (const auto& r : c.query(Query(kSelect).add(where).append(kTreeOrder).append(" LIMIT ? OFFSET ?", page.size, page.offset())))
    out.push_back(toOrg(r));
  return {out, total};
}

long long OrgStore::insert(db::Conn& c, const Org& parent, const OrgFields& f, long long createdBy) {
  const long long now = core::nowMs();
  // The path holds the new id, which is known only after the insert: insert, then set the path.
  const long long id = c.insert(Query(kInsert, parent.id, parent.path + "new-" + std::to_string(now) + "-" + f.name + "/",
                                      parent.level + 1, f.name, f.regionCode, f.phone, f.address, f.type, now, now, createdBy));
  c.exec(Query(kSetPath, parent.path + std::to_string(id) + "/", id));
  return id;
}

void OrgStore::update(db::Conn& c, long long id, const OrgFields& f) {
  c.exec(Query(kUpdate, f.name, f.regionCode, f.phone, f.address, f.type, core::nowMs(), id));
}

void OrgStore::remove(db::Conn& c, long long id) { c.exec(Query(kDelete, id)); }

bool OrgStore::siblingNameTaken(db::Conn& c, std::optional<long long> parentId, const std::string& name, long long exceptId) {
  Query q("SELECT COUNT(*) FROM orgs WHERE name = ? AND id <> ? AND ", name, exceptId);
  if (parentId) q.append("parent_id = ?", *parentId);
  else q.append("parent_id IS NULL");
  return c.scalar(q) > 0;
}

long long OrgStore::countChildren(db::Conn& c, long long id) { return c.scalar(Query(kCountChildren, id)); }

std::vector<std::pair<std::string, std::string>> OrgStore::childRegions(db::Conn& c, long long id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query(Query(kChildRegions, id))) out.emplace_back(r.str("name"), r.str("region_code"));
  return out;
}

long long OrgStore::countUsers(db::Conn& c, long long id) { return c.scalar(Query(kCountUsers, id)); }
long long OrgStore::countRoles(db::Conn& c, long long id) { return c.scalar(Query(kCountRoles, id)); }

long long OrgStore::countSupervised(db::Conn& c, long long id) {
  long long n = 0;
  for (const char* table : kSupervisedTables) n += c.scalar(Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE org_id = ?", id));
  return n;
}

}  // namespace baoan::system
