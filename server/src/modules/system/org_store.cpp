#include "modules/system/org_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
const char* kColumns =
    "SELECT o.id, o.parent_id, o.path, o.level, o.name, o.region_code, o.phone, o.address, o.type, o.created_at, "
    "o.updated_at, p.name, (SELECT COUNT(*) FROM orgs k WHERE k.parent_id = o.id) "
    "FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id ";

Org toOrg(const db::Row& r) {
  Org o;
  o.id = r.i64(0);
  o.parentId = r.optI64(1);
  o.path = r.str(2);
  o.level = static_cast<int>(r.i64(3));
  o.name = r.str(4);
  o.regionCode = r.str(5);
  o.phone = r.optStr(6);
  o.address = r.optStr(7);
  o.type = r.str(8);
  o.createdAt = r.i64(9);
  o.updatedAt = r.i64(10);
  o.parentName = r.str(11);
  o.childCount = r.i64(12);
  return o;
}
}  // namespace

std::optional<Org> OrgStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(std::string(kColumns) + "WHERE o.id = ?", id));
  if (!r) return std::nullopt;
  return toOrg(*r);
}

std::vector<Org> OrgStore::listInScope(db::Conn& c, const core::DataScope& scope) {
  Query q(std::string(kColumns) + "WHERE ");
  db::appendScope(q, scope, "o.path");
  q.append(" ORDER BY o.level, o.sort_order, o.id");
  std::vector<Org> out;
  for (const auto& r : c.query(q)) out.push_back(toOrg(r));
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
  where.append(" AND ");
  db::appendScope(where, scope, "o.path");
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM orgs o").add(where));
  std::vector<Org> out;
  for (const auto& r : c.query(Query(kColumns).add(where).append(" ORDER BY o.level, o.sort_order, o.id LIMIT ? OFFSET ?",
                                                                  page.size, page.offset())))
    out.push_back(toOrg(r));
  return {out, total};
}

long long OrgStore::insert(db::Conn& c, const Org& parent, const OrgFields& f, long long createdBy) {
  const long long now = core::nowMs();
  // The path holds the new id, which is known only after the insert: insert, then set the path.
  const long long id = c.insert(Query(
      "INSERT INTO orgs (parent_id, path, level, name, region_code, phone, address, type, created_at, updated_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      parent.id, parent.path + "new-" + std::to_string(now) + "-" + f.name + "/", parent.level + 1, f.name, f.regionCode,
      f.phone, f.address, f.type, now, now, createdBy));
  c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", parent.path + std::to_string(id) + "/", id));
  return id;
}

void OrgStore::update(db::Conn& c, long long id, const OrgFields& f) {
  c.exec(Query("UPDATE orgs SET name = ?, region_code = ?, phone = ?, address = ?, type = ?, updated_at = ? WHERE id = ?",
               f.name, f.regionCode, f.phone, f.address, f.type, core::nowMs(), id));
}

void OrgStore::remove(db::Conn& c, long long id) { c.exec(Query("DELETE FROM orgs WHERE id = ?", id)); }

bool OrgStore::siblingNameTaken(db::Conn& c, std::optional<long long> parentId, const std::string& name, long long exceptId) {
  Query q("SELECT COUNT(*) FROM orgs WHERE name = ? AND id <> ? AND ", name, exceptId);
  if (parentId) q.append("parent_id = ?", *parentId);
  else q.append("parent_id IS NULL");
  return c.scalar(q) > 0;
}

long long OrgStore::countChildren(db::Conn& c, long long id) {
  return c.scalar(Query("SELECT COUNT(*) FROM orgs WHERE parent_id = ?", id));
}
std::vector<std::pair<std::string, std::string>> OrgStore::childRegions(db::Conn& c, long long id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query(Query("SELECT name, region_code FROM orgs WHERE parent_id = ? ORDER BY id", id)))
    out.emplace_back(r.str(0), r.str(1));
  return out;
}
long long OrgStore::countUsers(db::Conn& c, long long id) {
  return c.scalar(Query("SELECT COUNT(*) FROM users WHERE org_id = ?", id));
}
long long OrgStore::countRoles(db::Conn& c, long long id) {
  return c.scalar(Query("SELECT COUNT(*) FROM roles WHERE org_id = ?", id));
}

long long OrgStore::countSupervised(db::Conn& c, long long id) {
  long long n = 0;
  for (const char* table : {"associations", "companies", "inhouse_units", "training_units", "guards"})
    n += c.scalar(Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE org_id = ?", id));
  return n;
}

}  // namespace baoan::system
