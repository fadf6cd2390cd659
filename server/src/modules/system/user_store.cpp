#include "modules/system/user_store.h"

#include "core/clock.h"
#include "core/validation.h"
#include "db/scope_sql.h"

namespace baoan::system {

using db::Query;

namespace {
// Officers are scoped by their org; "仅本人数据" covers the accounts the user created.
constexpr db::ScopedTable kUsers{"users", "u", "org_path", "created_by"};

// The named queries of this store.
constexpr const char* kUserColumns =
    "SELECT u.id, u.account, u.kind, u.name, u.is_police, u.police_no, u.id_no, u.gender, u.birth_date, u.mobile, u.org_id, "
    "u.org_path, o.name AS org_name, u.enabled, u.locked_until, u.login_count, u.last_login_at, u.must_change_password, "
    "u.created_at, u.updated_at FROM users u JOIN orgs o ON o.id = u.org_id ";
constexpr const char* kRolesOfUsers =
    "SELECT ur.user_id, r.id AS role_id, r.name AS role_name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id IN ";
constexpr const char* kPostsOfUsers = "SELECT user_id, business_type, post FROM user_approval_posts WHERE user_id IN ";
constexpr const char* kDeleteRoles = "DELETE FROM user_roles WHERE user_id = ?";
constexpr const char* kDeletePosts = "DELETE FROM user_approval_posts WHERE user_id = ?";
constexpr const char* kInsertRole = "INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)";
constexpr const char* kInsertPost = "INSERT INTO user_approval_posts (user_id, business_type, post) VALUES (?, ?, ?)";
constexpr const char* kInsertOfficer =
    "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, police_no, id_no, gender, "
    "birth_date, mobile, org_id, org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, 1, 'officer', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertPortalAccount =
    "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, birth_date, "
    "mobile, org_id, org_path, company_id, created_at, updated_at) VALUES (?, ?, 1, 'company', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertApplicantAccount =
    "INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, birth_date, "
    "mobile, org_id, org_path, created_at, updated_at) VALUES (?, ?, 0, 'applicant', ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kBecomeCompany =
    "UPDATE users SET kind = 'company', company_id = ?, org_id = ?, org_path = ?, updated_at = ? WHERE id = ? AND kind = 'applicant'";
constexpr const char* kBecomeUnit =
    "UPDATE users SET kind = ?, unit_id = ?, org_id = ?, org_path = ?, updated_at = ? WHERE id = ? AND kind IN ('applicant', ?)";
constexpr const char* kPortalAccountsOf = "SELECT id FROM users WHERE company_id = ? ORDER BY id";
constexpr const char* kUserUpdate =
    "UPDATE users SET name = ?, is_police = ?, police_no = ?, id_no = ?, gender = ?, birth_date = ?, mobile = ?, "
    "org_id = ?, org_path = ?, updated_at = ? WHERE id = ?";
constexpr const char* kSetEnabled = "UPDATE users SET enabled = ?, updated_at = ? WHERE id = ?";
constexpr const char* kUnlock = "UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = ? WHERE id = ?";
constexpr const char* kAccountTaken = "SELECT COUNT(*) FROM users WHERE account = ? AND id <> ?";
constexpr const char* kPoliceNoTaken = "SELECT COUNT(*) FROM users WHERE police_no = ? AND id <> ?";

User toUser(const db::Row& r) {
  User u;
  u.id = r.i64("id");
  u.account = r.str("account");
  u.kind = r.str("kind");
  u.name = r.str("name");
  u.isPolice = r.boolean("is_police");
  u.policeNo = r.optStr("police_no");
  u.idNo = r.str("id_no");
  u.gender = r.str("gender");
  u.birthDate = r.str("birth_date");
  u.mobile = r.str("mobile");
  u.orgId = r.i64("org_id");
  u.orgPath = r.str("org_path");
  u.orgName = r.str("org_name");
  u.enabled = r.boolean("enabled");
  u.lockedUntil = r.optI64("locked_until");
  u.loginCount = r.i64("login_count");
  u.lastLoginAt = r.optI64("last_login_at");
  u.mustChangePassword = r.boolean("must_change_password");
  u.createdAt = r.i64("created_at");
  u.updatedAt = r.i64("updated_at");
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
  for (const auto& r : c.query(Query(kRolesOfUsers).appendList(ids).append(" ORDER BY r.id"))) {
    byId[r.i64("user_id")]->roleIds.push_back(r.i64("role_id"));
    byId[r.i64("user_id")]->roleNames.push_back(r.str("role_name"));
  }
  if (!withPosts) return;
  for (const auto& r : c.query(Query(kPostsOfUsers).appendList(ids)))
    byId[r.i64("user_id")]->approvalPosts[r.str("business_type")] = r.str("post");
}

std::optional<User> UserStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(std::string(kUserColumns) + "WHERE u.id = ?", id));
  if (!r) return std::nullopt;
  std::vector<User> one{toUser(*r)};
  loadRolesAndPosts(c, one, true);
  return one.front();
}

std::optional<User> UserStore::findVisible(db::Conn& c, const core::DataScope& scope, long long id) {
  if (!db::visible(c, kUsers, scope, id)) return std::nullopt;
  return find(c, id);
}

std::pair<std::vector<User>, long long> UserStore::list(db::Conn& c, const UserFilter& f, const core::DataScope& scope,
                                                        const core::PageRequest& page) {
  Query where(" WHERE u.kind = 'officer' AND ");
  if (f.includeChildren) where.append("u.org_path >= ? AND u.org_path < ?", f.orgPath, core::pathUpperBound(f.orgPath));
  else where.append("u.org_id = ?", f.orgId);
  if (!f.name.empty()) where.append(" AND u.name LIKE ? ESCAPE '\\'", db::likeContains(f.name));
  if (!f.account.empty()) where.append(" AND u.account LIKE ? ESCAPE '\\'", db::likeContains(f.account));
  if (!f.mobile.empty()) where.append(" AND u.mobile LIKE ? ESCAPE '\\'", db::likeContains(f.mobile));
  where.append(" AND ").add(db::inScope(kUsers, scope));
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM users u").add(where));
  std::vector<User> out;
  for (const auto& r : c.query(Query(kUserColumns).add(where).append(" ORDER BY u.org_path, u.id LIMIT ? OFFSET ?", page.size, page.offset())))
    out.push_back(toUser(r));
  loadRolesAndPosts(c, out, false);
  return {out, total};
}

void UserStore::writeRolesAndPosts(db::Conn& c, long long id, const UserFields& f) {
  c.exec(Query(kDeleteRoles, id));
  c.exec(Query(kDeletePosts, id));
  for (long long r : f.roleIds) c.exec(Query(kInsertRole, id, r));
  for (const auto& [type, post] : f.approvalPosts) c.exec(Query(kInsertPost, id, type, post));
}

long long UserStore::insert(db::Conn& c, const UserFields& f, const std::string& passwordHash, long long createdBy) {
  const long long now = core::nowMs();
  const long long id = c.insert(Query(
      kInsertOfficer, f.account, passwordHash, f.name, f.isPolice, f.policeNo, f.idNo, f.gender, f.birthDate, f.mobile, f.orgId, f.orgPath,
      now, now, createdBy));
  writeRolesAndPosts(c, id, f);
  return id;
}

long long UserStore::insertPortalAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash) {
  core::IdNumberInfo info;
  core::checkIdNumber(a.idNo, &info);
  const long long now = core::nowMs();
  return c.insert(Query(
      kInsertPortalAccount, a.account, passwordHash, a.name, a.idNo, info.gender, info.birthDate, a.mobile, a.orgId, a.orgPath, a.companyId, now, now));
}

long long UserStore::insertApplicantAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash) {
  core::IdNumberInfo info;
  core::checkIdNumber(a.idNo, &info);
  const long long now = core::nowMs();
  return c.insert(Query(kInsertApplicantAccount, a.account, passwordHash, a.name, a.idNo, info.gender, info.birthDate, a.mobile, a.orgId,
                        a.orgPath, now, now));
}

void UserStore::becomeCompany(db::Conn& c, long long userId, long long companyId, long long orgId, const std::string& orgPath) {
  c.exec(Query(kBecomeCompany, companyId, orgId, orgPath, core::nowMs(), userId));
}

bool UserStore::becomeUnit(db::Conn& c, long long userId, const std::string& kind, long long unitId, long long orgId,
                           const std::string& orgPath) {
  return c.exec(Query(kBecomeUnit, kind, unitId, orgId, orgPath, core::nowMs(), userId, kind)) > 0;
}

std::vector<long long> UserStore::portalAccountsOf(db::Conn& c, long long companyId) {
  std::vector<long long> ids;
  for (const auto& r : c.query(Query(kPortalAccountsOf, companyId))) ids.push_back(r.i64("id"));
  return ids;
}

void UserStore::update(db::Conn& c, long long id, const UserFields& f) {
  c.exec(Query(
      kUserUpdate, f.name, f.isPolice, f.policeNo, f.idNo, f.gender, f.birthDate, f.mobile, f.orgId, f.orgPath, core::nowMs(), id));
  writeRolesAndPosts(c, id, f);
}

void UserStore::setEnabled(db::Conn& c, long long id, bool enabled) {
  c.exec(Query(kSetEnabled, enabled, core::nowMs(), id));
}

void UserStore::unlock(db::Conn& c, long long id) {
  c.exec(Query(kUnlock, core::nowMs(), id));
}

bool UserStore::accountTaken(db::Conn& c, const std::string& account, long long exceptId) {
  return c.scalar(Query(kAccountTaken, account, exceptId)) > 0;
}

bool UserStore::policeNoTaken(db::Conn& c, const std::string& policeNo, long long exceptId) {
  return c.scalar(Query(kPoliceNoTaken, policeNo, exceptId)) > 0;
}

}  // namespace baoan::system
