#include "modules/system/role_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
const char* kColumns =
    "SELECT r.id, r.org_id, r.org_path, o.name, r.name, r.scope_kind, r.created_at, r.updated_at, "
    "(SELECT COUNT(*) FROM role_permissions rp WHERE rp.role_id = r.id), "
    "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) "
    "FROM roles r JOIN orgs o ON o.id = r.org_id ";

Role toRole(const db::Row& row) {
  Role r;
  r.id = row.i64(0);
  r.orgId = row.i64(1);
  r.orgPath = row.str(2);
  r.orgName = row.str(3);
  r.name = row.str(4);
  r.scopeKind = row.str(5);
  r.createdAt = row.i64(6);
  r.updatedAt = row.i64(7);
  r.permissionCount = row.i64(8);
  r.userCount = row.i64(9);
  return r;
}
}  // namespace

void RoleStore::loadDetails(db::Conn& c, Role& r) {
  r.permissions.clear();
  r.scopeOrgIds.clear();
  r.scopeOrgPaths.clear();
  for (const auto& row : c.query(Query("SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission", r.id)))
    r.permissions.push_back(row.str(0));
  for (const auto& row : c.query(Query(
           "SELECT o.id, o.path FROM role_scope_orgs s JOIN orgs o ON o.id = s.org_id WHERE s.role_id = ? ORDER BY o.path", r.id))) {
    r.scopeOrgIds.push_back(row.i64(0));
    r.scopeOrgPaths.push_back(row.str(1));
  }
}

std::optional<Role> RoleStore::find(db::Conn& c, long long id) {
  auto row = c.queryOne(Query(std::string(kColumns) + "WHERE r.id = ?", id));
  if (!row) return std::nullopt;
  Role r = toRole(*row);
  loadDetails(c, r);
  return r;
}

std::pair<std::vector<Role>, long long> RoleStore::list(db::Conn& c, long long orgId, const std::string& name,
                                                        const core::DataScope& scope, const core::PageRequest& page) {
  Query where(" WHERE r.org_id = ?", orgId);
  if (!name.empty()) where.append(" AND r.name LIKE ? ESCAPE '\\'", db::likeContains(name));
  where.append(" AND ");
  db::appendScope(where, scope, "r.org_path");
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM roles r").add(where));
  std::vector<Role> out;
  for (const auto& row : c.query(Query(kColumns).add(where).append(" ORDER BY r.id LIMIT ? OFFSET ?", page.size, page.offset())))
    out.push_back(toRole(row));
  return {out, total};
}

std::vector<Role> RoleStore::ofOrgAndAncestors(db::Conn& c, const std::string& orgPath) {
  // The ancestors' paths are the prefixes of this path: "/1/", "/1/4/", "/1/4/27/".
  std::vector<std::string> prefixes;
  for (std::size_t p = orgPath.find('/', 1); p != std::string::npos; p = orgPath.find('/', p + 1))
    prefixes.push_back(orgPath.substr(0, p + 1));
  Query q(std::string(kColumns) + "WHERE r.org_path IN ");
  q.appendList(prefixes);
  q.append(" ORDER BY r.org_path, r.id");
  std::vector<Role> out;
  for (const auto& row : c.query(q)) {
    out.push_back(toRole(row));
    loadDetails(c, out.back());
  }
  return out;
}

void RoleStore::writeGrants(db::Conn& c, long long id, const RoleFields& f) {
  c.exec(Query("DELETE FROM role_permissions WHERE role_id = ?", id));
  c.exec(Query("DELETE FROM role_scope_orgs WHERE role_id = ?", id));
  for (const auto& p : f.permissions) c.exec(Query("INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)", id, p));
  if (f.scopeKind == core::ScopeKind::custom)
    for (long long o : f.scopeOrgIds) c.exec(Query("INSERT INTO role_scope_orgs (role_id, org_id) VALUES (?, ?)", id, o));
}

long long RoleStore::insert(db::Conn& c, long long orgId, const std::string& orgPath, const RoleFields& f, long long createdBy) {
  const long long now = core::nowMs();
  const long long id = c.insert(Query(
      "INSERT INTO roles (org_id, org_path, name, scope_kind, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      orgId, orgPath, f.name, std::string(core::scopeKindCode(f.scopeKind)), now, now, createdBy));
  writeGrants(c, id, f);
  return id;
}

void RoleStore::update(db::Conn& c, long long id, const RoleFields& f) {
  c.exec(Query("UPDATE roles SET name = ?, scope_kind = ?, updated_at = ? WHERE id = ?", f.name,
               std::string(core::scopeKindCode(f.scopeKind)), core::nowMs(), id));
  writeGrants(c, id, f);
}

void RoleStore::remove(db::Conn& c, long long id) { c.exec(Query("DELETE FROM roles WHERE id = ?", id)); }

bool RoleStore::nameTaken(db::Conn& c, long long orgId, const std::string& name, long long exceptId) {
  return c.scalar(Query("SELECT COUNT(*) FROM roles WHERE org_id = ? AND name = ? AND id <> ?", orgId, name, exceptId)) > 0;
}

}  // namespace baoan::system
