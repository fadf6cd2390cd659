#include "modules/system/role_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
// A role is visible where its org is: scoped by the path of the org that defines it.
constexpr db::ScopedTable kRoles{"roles", "r", "org_path"};

// The named queries of this store.
constexpr const char* kColumns =
    "SELECT r.id, r.org_id, r.org_path, o.name AS org_name, r.name, r.scope_kind, r.created_at, r.updated_at, "
    "(SELECT COUNT(*) FROM role_permissions rp WHERE rp.role_id = r.id) AS permission_count, "
    "(SELECT COUNT(*) FROM user_roles ur WHERE ur.role_id = r.id) AS user_count "
    "FROM roles r JOIN orgs o ON o.id = r.org_id ";
constexpr const char* kPermissions = "SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission";
constexpr const char* kScopeOrgs =
    "SELECT o.id, o.path FROM role_scope_orgs s JOIN orgs o ON o.id = s.org_id WHERE s.role_id = ? ORDER BY o.path";
constexpr const char* kDeletePermissions = "DELETE FROM role_permissions WHERE role_id = ?";
constexpr const char* kDeleteScopeOrgs = "DELETE FROM role_scope_orgs WHERE role_id = ?";
constexpr const char* kInsertPermission = "INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)";
constexpr const char* kInsertScopeOrg = "INSERT INTO role_scope_orgs (role_id, org_id) VALUES (?, ?)";
constexpr const char* kRoleInsert =
    "INSERT INTO roles (org_id, org_path, name, scope_kind, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kRoleUpdate = "UPDATE roles SET name = ?, scope_kind = ?, updated_at = ? WHERE id = ?";
constexpr const char* kRoleDelete = "DELETE FROM roles WHERE id = ?";
constexpr const char* kNameTaken = "SELECT COUNT(*) FROM roles WHERE org_id = ? AND name = ? AND id <> ?";

Role toRole(const db::Row& row) {
  Role r;
  r.id = row.i64("id");
  r.orgId = row.i64("org_id");
  r.orgPath = row.str("org_path");
  r.orgName = row.str("org_name");
  r.name = row.str("name");
  r.scopeKind = row.str("scope_kind");
  r.createdAt = row.i64("created_at");
  r.updatedAt = row.i64("updated_at");
  r.permissionCount = row.i64("permission_count");
  r.userCount = row.i64("user_count");
  return r;
}
}  // namespace

void RoleStore::loadDetails(db::Conn& c, Role& r) {
  r.permissions.clear();
  r.scopeOrgIds.clear();
  r.scopeOrgPaths.clear();
  for (const auto& row : c.query(Query(kPermissions, r.id))) r.permissions.push_back(row.str("permission"));
  for (const auto& row : c.query(Query(kScopeOrgs, r.id))) {
    r.scopeOrgIds.push_back(row.i64("id"));
    r.scopeOrgPaths.push_back(row.str("path"));
  }
}

std::optional<Role> RoleStore::find(db::Conn& c, long long id) {
  auto row = c.queryOne(Query(std::string(kColumns) + "WHERE r.id = ?", id));
  if (!row) return std::nullopt;
  Role r = toRole(*row);
  loadDetails(c, r);
  return r;
}

std::optional<Role> RoleStore::findVisible(db::Conn& c, const core::DataScope& scope, long long id) {
  if (!db::visible(c, kRoles, scope, id)) return std::nullopt;
  return find(c, id);
}

std::pair<std::vector<Role>, long long> RoleStore::list(db::Conn& c, long long orgId, const std::string& name,
                                                        const core::DataScope& scope, const core::PageRequest& page) {
  Query where(" WHERE r.org_id = ?", orgId);
  if (!name.empty()) where.append(" AND r.name LIKE ? ESCAPE '\\'", db::likeContains(name));
  where.append(" AND ").add(db::inScope(kRoles, scope));
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
  c.exec(Query(kDeletePermissions, id));
  c.exec(Query(kDeleteScopeOrgs, id));
  for (const auto& p : f.permissions) c.exec(Query(kInsertPermission, id, p));
  if (f.scopeKind == core::ScopeKind::custom)
    for (long long o : f.scopeOrgIds) c.exec(Query(kInsertScopeOrg, id, o));
}

long long RoleStore::insert(db::Conn& c, long long orgId, const std::string& orgPath, const RoleFields& f, long long createdBy) {
  const long long now = core::nowMs();
  const long long id =
      c.insert(Query(kRoleInsert, orgId, orgPath, f.name, std::string(core::scopeKindCode(f.scopeKind)), now, now, createdBy));
  writeGrants(c, id, f);
  return id;
}

void RoleStore::update(db::Conn& c, long long id, const RoleFields& f) {
  c.exec(Query(kRoleUpdate, f.name, std::string(core::scopeKindCode(f.scopeKind)), core::nowMs(), id));
  writeGrants(c, id, f);
}

void RoleStore::remove(db::Conn& c, long long id) { c.exec(Query(kRoleDelete, id)); }

bool RoleStore::nameTaken(db::Conn& c, long long orgId, const std::string& name, long long exceptId) {
  return c.scalar(Query(kNameTaken, orgId, name, exceptId)) > 0;
}

}  // namespace baoan::system
