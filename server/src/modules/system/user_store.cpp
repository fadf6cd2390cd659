#include "modules/system/user_store.h"

#include "core/clock.h"
#include "core/validation.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
const char* kColumns =
    "SELECT u.id, u.account, u.name, u.is_police, u.police_no, u.id_no, u.gender, u.birth_date, u.mobile, u.org_id, "
    "u.org_path, o.name, u.enabled, u.locked_until, u.login_count, u.last_login_at, u.must_change_password, "
    "u.created_at, u.updated_at FROM users u JOIN orgs o ON o.id = u.org_id ";

User toUser(const db::Row& r) {
  User u;
  u.id = r.i64(0);
  u.account = r.str(1);
  u.name = r.str(2);
  u.isPolice = r.boolean(3);
  u.policeNo = r.optStr(4);
  u.idNo = r.str(5);
  u.gender = r.str(6);
  u.birthDate = r.str(7);
  u.mobile = r.str(8);
  u.orgId = r.i64(9);
  u.orgPath = r.str(10);
  u.orgName = r.str(11);
  u.enabled = r.boolean(12);
  u.lockedUntil = r.optI64(13);
  u.loginCount = r.i64(14);
  u.lastLoginAt = r.optI64(15);
  u.mustChangePassword = r.boolean(16);
  u.createdAt = r.i64(17);
  u.updatedAt = r.i64(18);
  return u;
}
}  // namespace

void UserStore::loadRolesAndPosts(db::Conn& c, std::vector<User>& users, bool withPosts) {
  if (users.empty()) return;
  std::vector<long long> ids;
  std::map<long long, User*> byId;
  for (auto& u : users) {
    ids.push_back(u.id);
    byId[u.id] = &u;
  }
  // One query per relation for the whole page, not one per user.
  Query roles("SELECT ur.user_id, r.id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id IN ");
  roles.appendList(ids).append(" ORDER BY r.id");
  for (const auto& r : c.query(roles)) {
    byId[r.i64(0)]->roleIds.push_back(r.i64(1));
    byId[r.i64(0)]->roleNames.push_back(r.str(2));
  }
  if (!withPosts) return;
  Query posts("SELECT user_id, business_type, post FROM user_approval_posts WHERE user_id IN ");
  posts.appendList(ids);
  for (const auto& r : c.query(posts)) byId[r.i64(0)]->approvalPosts[r.str(1)] = r.str(2);
}

std::optional<User> UserStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(std::string(kColumns) + "WHERE u.id = ?", id));
  if (!r) return std::nullopt;
  std::vector<User> one{toUser(*r)};
  loadRolesAndPosts(c, one, true);
  return one.front();
}

std::pair<std::vector<User>, long long> UserStore::list(db::Conn& c, const UserFilter& f, const core::DataScope& scope,
                                                        const core::PageRequest& page) {
  Query where(" WHERE u.kind = 'officer' AND ");
  if (f.includeChildren) where.append("u.org_path >= ? AND u.org_path < ?", f.orgPath, core::pathUpperBound(f.orgPath));
  else where.append("u.org_id = ?", f.orgId);
  if (!f.name.empty()) where.append(" AND u.name LIKE ? ESCAPE '\\'", db::likeContains(f.name));
  if (!f.account.empty()) where.append(" AND u.account LIKE ? ESCAPE '\\'", db::likeContains(f.account));
  if (!f.mobile.empty()) where.append(" AND u.mobile LIKE ? ESCAPE '\\'", db::likeContains(f.mobile));
  where.append(" AND ");
  db::appendScope(where, scope, "u.org_path", "u.created_by");
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM users u").add(where));
  std::vector<User> out;
  for (const auto& r : c.query(Query(kColumns).add(where).append(" ORDER BY u.org_path, u.id LIMIT ? OFFSET ?", page.size, page.offset())))
    out.push_back(toUser(r));
  loadRolesAndPosts(c, out, false);
  return {out, total};
}

void UserStore::writeRolesAndPosts(db::Conn& c, long long id, const UserFields& f) {
  c.exec(Query("DELETE FROM user_roles WHERE user_id = ?", id));
  c.exec(Query("DELETE FROM user_approval_posts WHERE user_id = ?", id));
  for (long long r : f.roleIds) c.exec(Query("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", id, r));
  for (const auto& [type, post] : f.approvalPosts)
    c.exec(Query("INSERT INTO user_approval_posts (user_id, business_type, post) VALUES (?, ?, ?)", id, type, post));
}

long long UserStore::insert(db::Conn& c, const UserFields& f, const std::string& passwordHash, long long createdBy) {
  const long long now = core::nowMs();
  const long long id = c.insert(Query(
      "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, police_no, id_no, gender, "
      "birth_date, mobile, org_id, org_path, created_at, updated_at, created_by) "
      "VALUES (?, ?, 1, 'officer', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      f.account, passwordHash, f.name, f.isPolice, f.policeNo, f.idNo, f.gender, f.birthDate, f.mobile, f.orgId, f.orgPath,
      now, now, createdBy));
  writeRolesAndPosts(c, id, f);
  return id;
}

long long UserStore::insertPortalAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash) {
  core::IdNumberInfo info;
  core::checkIdNumber(a.idNo, &info);
  const long long now = core::nowMs();
  return c.insert(Query(
      "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, birth_date, "
      "mobile, org_id, org_path, company_id, created_at, updated_at) VALUES (?, ?, 1, 'company', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      a.account, passwordHash, a.name, a.idNo, info.gender, info.birthDate, a.mobile, a.orgId, a.orgPath, a.companyId, now, now));
}

std::vector<long long> UserStore::portalAccountsOf(db::Conn& c, long long companyId) {
  std::vector<long long> ids;
  for (const auto& r : c.query(Query("SELECT id FROM users WHERE company_id = ? ORDER BY id", companyId))) ids.push_back(r.i64(0));
  return ids;
}

void UserStore::update(db::Conn& c, long long id, const UserFields& f) {
  c.exec(Query(
      "UPDATE users SET name = ?, is_police = ?, police_no = ?, id_no = ?, gender = ?, birth_date = ?, mobile = ?, "
      "org_id = ?, org_path = ?, updated_at = ? WHERE id = ?",
      f.name, f.isPolice, f.policeNo, f.idNo, f.gender, f.birthDate, f.mobile, f.orgId, f.orgPath, core::nowMs(), id));
  writeRolesAndPosts(c, id, f);
}

void UserStore::setEnabled(db::Conn& c, long long id, bool enabled) {
  c.exec(Query("UPDATE users SET enabled = ?, updated_at = ? WHERE id = ?", enabled, core::nowMs(), id));
}

void UserStore::unlock(db::Conn& c, long long id) {
  c.exec(Query("UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?", core::nowMs(), id));
}

bool UserStore::accountTaken(db::Conn& c, const std::string& account, long long exceptId) {
  return c.scalar(Query("SELECT COUNT(*) FROM users WHERE account = ? AND id <> ?", account, exceptId)) > 0;
}

bool UserStore::policeNoTaken(db::Conn& c, const std::string& policeNo, long long exceptId) {
  return c.scalar(Query("SELECT COUNT(*) FROM users WHERE police_no = ? AND id <> ?", policeNo, exceptId)) > 0;
}

}  // namespace baoan::system
