#include "modules/auth/auth_store.h"

#include <map>

#include "core/clock.h"
#include "core/permissions.h"

namespace baoan::auth {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kCredentialColumns =
    "SELECT id, account, password_hash, enabled, must_change_password, failed_logins, locked_until, org_path, mobile, login_count "
    "FROM users ";
constexpr const char* kRecordFailure = "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?";
constexpr const char* kRecordSuccess =
    "UPDATE users SET failed_logins = 0, locked_until = NULL, login_count = login_count + 1, last_login_at = ? WHERE id = ?";
constexpr const char* kLogLogin =
    "INSERT INTO login_logs (at, account, user_id, org_path, ip, user_agent, success, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kCreateSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)";
// The epoch read with the session tells whether a cached principal is still current (migration 0006).
constexpr const char* kFindSession =
    "SELECT s.user_id, s.csrf_token, s.last_seen_at, e.n AS auth_epoch FROM sessions s CROSS JOIN auth_epoch e WHERE s.token_hash = ?";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = ?";
constexpr const char* kDeleteSessionsOfUser = "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?";
constexpr const char* kPrincipalUser =
    "SELECT u.id, u.account, u.name, u.kind, u.org_id, u.org_path, o.name AS org_name, u.must_change_password, u.enabled, "
    "u.company_id, u.unit_id FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?";
constexpr const char* kPrincipalPermissions =
    "SELECT DISTINCT rp.permission FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?";
constexpr const char* kPrincipalScopeOrgs =
    "SELECT rso.role_id, o.path FROM user_roles ur JOIN role_scope_orgs rso ON rso.role_id = ur.role_id "
    "JOIN orgs o ON o.id = rso.org_id WHERE ur.user_id = ?";
constexpr const char* kPrincipalRoles =
    "SELECT r.id, r.scope_kind FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?";
constexpr const char* kProfile =
    "SELECT u.is_police, u.police_no, u.mobile, u.login_count, u.last_login_at, o.type AS org_type, "
    "o.region_code AS org_region_code, u.kind, u.unit_kind FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?";
constexpr const char* kSetPassword =
    "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, failed_logins = 0, "
    "locked_until = NULL, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteCodes = "DELETE FROM sms_codes WHERE user_id = ?";
constexpr const char* kVoidCodes = "UPDATE sms_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL";
constexpr const char* kInsertCode =
    "INSERT INTO sms_codes (user_id, purpose, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kLastCodeAt = "SELECT MAX(created_at) AS last_at FROM sms_codes WHERE user_id = ? AND purpose = ?";
constexpr const char* kLiveCode =
    "SELECT id, code_hash, attempts FROM sms_codes WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? "
    "ORDER BY created_at DESC LIMIT 1";
constexpr const char* kCountAttempt = "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?";
constexpr const char* kUseCode = "UPDATE sms_codes SET used_at = ? WHERE id = ?";

Credentials toCredentials(const db::Row& r) {
  return {r.i64("id"),          r.str("account"),       r.str("password_hash"),
          r.boolean("enabled"), r.boolean("must_change_password"), static_cast<int>(r.i64("failed_logins")),
          r.optI64("locked_until"), r.str("org_path"), r.str("mobile"), r.i64("login_count")};
}
}  // namespace

std::optional<Credentials> AuthStore::findByAccount(db::Conn& c, const std::string& account) {
  auto r = c.queryOne(Query(std::string(kCredentialColumns) + "WHERE account = ?", account));
  if (!r) return std::nullopt;
  return toCredentials(*r);
}

std::optional<Credentials> AuthStore::findById(db::Conn& c, long long userId) {
  auto r = c.queryOne(Query(std::string(kCredentialColumns) + "WHERE id = ?", userId));
  if (!r) return std::nullopt;
  return toCredentials(*r);
}

void AuthStore::recordFailure(db::Conn& c, long long userId, int failedLogins, std::optional<long long> lockedUntil) {
  c.exec(Query(kRecordFailure, failedLogins, lockedUntil, userId));
}

void AuthStore::recordSuccess(db::Conn& c, long long userId, long long at) {
  c.exec(Query(kRecordSuccess, at, userId));
}

void AuthStore::logLogin(db::Conn& c, const std::string& account, std::optional<long long> userId,
                         const std::string& orgPath, const std::string& ip, const std::string& userAgent, bool success,
                         const std::string& reason) {
  c.exec(Query(kLogLogin, core::nowMs(), account.substr(0, 64), userId, orgPath, ip, userAgent.substr(0, 300), success, reason));
}

void AuthStore::createSession(db::Conn& c, const std::string& tokenHash, long long userId, const std::string& csrf,
                              const std::string& ip, const std::string& userAgent) {
  const long long now = core::nowMs();
  c.exec(Query(kCreateSession, tokenHash, userId, csrf, now, now, ip, userAgent.substr(0, 300)));
}

std::optional<SessionRow> AuthStore::findSession(db::Conn& c, const std::string& tokenHash) {
  auto r = c.queryOne(Query(kFindSession, tokenHash));
  if (!r) return std::nullopt;
  return SessionRow{r->i64("user_id"), r->str("csrf_token"), r->i64("last_seen_at"), r->i64("auth_epoch")};
}

void AuthStore::touchSession(db::Conn& c, const std::string& tokenHash, long long at) {
  c.exec(Query(kTouchSession, at, tokenHash));
}

void AuthStore::deleteSession(db::Conn& c, const std::string& tokenHash) {
  c.exec(Query(kDeleteSession, tokenHash));
}

void AuthStore::deleteSessionsOfUser(db::Conn& c, long long userId, const std::string& keepHash) {
  c.exec(Query(kDeleteSessionsOfUser, userId, keepHash));
}

std::optional<Profile> AuthStore::profile(db::Conn& c, long long userId) {
  auto r = c.queryOne(Query(kProfile, userId));
  if (!r) return std::nullopt;
  const std::string kind = r->str("kind");
  std::string unitKind = kind == "officer" ? "" : r->optStr("unit_kind").value_or(kind == "company" ? "company" : "");
  return Profile{r->boolean("is_police"), r->optStr("police_no"), r->str("mobile"), r->i64("login_count"),
                 r->optI64("last_login_at"), r->str("org_type"), r->str("org_region_code"), std::move(unitKind)};
}

std::optional<core::Principal> AuthStore::loadPrincipal(db::Conn& c, long long userId) {
  auto u = c.queryOne(Query(kPrincipalUser, userId));
  if (!u || !u->boolean("enabled")) return std::nullopt;
  core::Principal p;
  p.userId = u->i64("id");
  p.account = u->str("account");
  p.name = u->str("name");
  p.kind = u->str("kind");
  p.orgId = u->i64("org_id");
  p.orgPath = u->str("org_path");
  p.orgName = u->str("org_name");
  p.mustChangePassword = u->boolean("must_change_password");
  if (p.kind == "company") {
    // A company account acts only on its own company: fixed portal permissions, no roles, no scope.
    p.companyId = u->i64("company_id");
    p.permissions = core::portalPermissions();
    return p;
  }
  if (p.kind == "applicant" || p.kind == "training_unit" || p.kind == "inhouse_unit") {
    // A unit that signed up and has no licence yet, or a training / in-house unit (its unit in
    // unitId): it may only apply.
    if (p.kind != "applicant") p.unitId = u->i64("unit_id");
    // Persons (unit_kind person), training and in-house units register people for the guard exam too.
    p.permissions = {"portal:application", "portal:exam_registration"};
    if (p.kind != "applicant") p.permissions.insert("portal:rectification");  // 整改通知 of their unit (§9.1)
    return p;
  }
  for (const auto& r : c.query(Query(kPrincipalPermissions, userId))) p.permissions.insert(r.str("permission"));
  std::map<long long, std::vector<std::string>> customPaths;
  for (const auto& r : c.query(Query(kPrincipalScopeOrgs, userId))) customPaths[r.i64("role_id")].push_back(r.str("path"));
  for (const auto& r : c.query(Query(kPrincipalRoles, userId))) {
    core::ScopeKind kind;
    if (!core::parseScopeKind(r.str("scope_kind"), kind)) continue;
    p.scope.merge(core::resolveScope(kind, p.orgPath, customPaths[r.i64("id")], p.userId));
  }
  return p;
}

void AuthStore::setPassword(db::Conn& c, long long userId, const std::string& hash, bool mustChange) {
  c.exec(Query(kSetPassword, hash, mustChange, core::nowMs(), core::nowMs(), userId));
}

void AuthStore::deleteCodes(db::Conn& c, long long userId) { c.exec(Query(kDeleteCodes, userId)); }

void AuthStore::storeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash,
                          long long expiresAt) {
  // A new code replaces the ones sent before it.
  c.exec(Query(kVoidCodes, core::nowMs(), userId, purpose));
  c.exec(Query(kInsertCode, userId, purpose, codeHash, core::nowMs(), expiresAt));
}

std::optional<long long> AuthStore::lastCodeAt(db::Conn& c, long long userId, const std::string& purpose) {
  auto r = c.queryOne(Query(kLastCodeAt, userId, purpose));
  return r ? r->optI64("last_at") : std::nullopt;
}

bool AuthStore::consumeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash) {
  auto r = c.queryOne(Query(kLiveCode, userId, purpose, core::nowMs()));
  if (!r) return false;
  // Five guesses per code: a 6-digit code must not be brute-forced.
  if (r->i64("attempts") >= 5) return false;
  if (r->str("code_hash") != codeHash) {
    c.exec(Query(kCountAttempt, r->i64("id")));
    return false;
  }
  c.exec(Query(kUseCode, core::nowMs(), r->i64("id")));
  return true;
}

}  // namespace baoan::auth
