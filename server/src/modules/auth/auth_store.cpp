#include "modules/auth/auth_store.h"

#include <map>

#include "core/clock.h"
#include "core/permissions.h"

namespace baoan::auth {

using db::Query;

namespace {
const char* kCredentialColumns =
    "SELECT id, account, password_hash, enabled, must_change_password, failed_logins, locked_until, org_path, mobile "
    "FROM users ";

Credentials toCredentials(const db::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.boolean(3), r.boolean(4), static_cast<int>(r.i64(5)), r.optI64(6), r.str(7), r.str(8)};
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
  c.exec(Query("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", failedLogins, lockedUntil, userId));
}

void AuthStore::recordSuccess(db::Conn& c, long long userId, long long at) {
  c.exec(Query(
      "UPDATE users SET failed_logins = 0, locked_until = NULL, login_count = login_count + 1, last_login_at = ? "
      "WHERE id = ?",
      at, userId));
}

void AuthStore::logLogin(db::Conn& c, const std::string& account, std::optional<long long> userId,
                         const std::string& orgPath, const std::string& ip, const std::string& userAgent, bool success,
                         const std::string& reason) {
  c.exec(Query(
      "INSERT INTO login_logs (at, account, user_id, org_path, ip, user_agent, success, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      core::nowMs(), account.substr(0, 64), userId, orgPath, ip, userAgent.substr(0, 300), success, reason));
}

void AuthStore::createSession(db::Conn& c, const std::string& tokenHash, long long userId, const std::string& csrf,
                              const std::string& ip, const std::string& userAgent) {
  const long long now = core::nowMs();
  c.exec(Query(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
      tokenHash, userId, csrf, now, now, ip, userAgent.substr(0, 300)));
}

std::optional<SessionRow> AuthStore::findSession(db::Conn& c, const std::string& tokenHash) {
  auto r = c.queryOne(Query(
      "SELECT s.user_id, s.csrf_token, s.last_seen_at, e.n FROM sessions s CROSS JOIN auth_epoch e WHERE s.token_hash = ?",
      tokenHash));
  if (!r) return std::nullopt;
  return SessionRow{r->i64(0), r->str(1), r->i64(2), r->i64(3)};
}

void AuthStore::touchSession(db::Conn& c, const std::string& tokenHash, long long at) {
  c.exec(Query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", at, tokenHash));
}

void AuthStore::deleteSession(db::Conn& c, const std::string& tokenHash) {
  c.exec(Query("DELETE FROM sessions WHERE token_hash = ?", tokenHash));
}

void AuthStore::deleteSessionsOfUser(db::Conn& c, long long userId, const std::string& keepHash) {
  c.exec(Query("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", userId, keepHash));
}

std::optional<core::Principal> AuthStore::loadPrincipal(db::Conn& c, long long userId) {
  auto u = c.queryOne(Query(
      "SELECT u.id, u.account, u.name, u.kind, u.org_id, u.org_path, o.name, u.must_change_password, u.enabled, u.company_id "
      "FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?",
      userId));
  if (!u || !u->boolean(8)) return std::nullopt;
  core::Principal p;
  p.userId = u->i64(0);
  p.account = u->str(1);
  p.name = u->str(2);
  p.kind = u->str(3);
  p.orgId = u->i64(4);
  p.orgPath = u->str(5);
  p.orgName = u->str(6);
  p.mustChangePassword = u->boolean(7);
  if (p.kind == "company") {
    // A company account acts only on its own company: fixed portal permissions, no roles, no scope.
    p.companyId = u->i64(9);
    p.permissions = core::portalPermissions();
    return p;
  }
  for (const auto& r : c.query(Query(
           "SELECT DISTINCT rp.permission FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
           "WHERE ur.user_id = ?",
           userId)))
    p.permissions.insert(r.str(0));
  std::map<long long, std::vector<std::string>> customPaths;
  for (const auto& r : c.query(Query(
           "SELECT rso.role_id, o.path FROM user_roles ur JOIN role_scope_orgs rso ON rso.role_id = ur.role_id "
           "JOIN orgs o ON o.id = rso.org_id WHERE ur.user_id = ?",
           userId)))
    customPaths[r.i64(0)].push_back(r.str(1));
  for (const auto& r : c.query(Query(
           "SELECT r.id, r.scope_kind FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?", userId))) {
    core::ScopeKind kind;
    if (!core::parseScopeKind(r.str(1), kind)) continue;
    p.scope.merge(core::resolveScope(kind, p.orgPath, customPaths[r.i64(0)], p.userId));
  }
  return p;
}

void AuthStore::setPassword(db::Conn& c, long long userId, const std::string& hash, bool mustChange) {
  c.exec(Query(
      "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, failed_logins = 0, "
      "locked_until = NULL, updated_at = ? WHERE id = ?",
      hash, mustChange, core::nowMs(), core::nowMs(), userId));
}

void AuthStore::deleteCodes(db::Conn& c, long long userId) { c.exec(Query("DELETE FROM sms_codes WHERE user_id = ?", userId)); }

void AuthStore::storeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash,
                          long long expiresAt) {
  // A new code replaces the ones sent before it.
  c.exec(Query("UPDATE sms_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL", core::nowMs(),
               userId, purpose));
  c.exec(Query("INSERT INTO sms_codes (user_id, purpose, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
               userId, purpose, codeHash, core::nowMs(), expiresAt));
}

std::optional<long long> AuthStore::lastCodeAt(db::Conn& c, long long userId, const std::string& purpose) {
  auto r = c.queryOne(Query("SELECT MAX(created_at) FROM sms_codes WHERE user_id = ? AND purpose = ?", userId, purpose));
  return r ? r->optI64(0) : std::nullopt;
}

bool AuthStore::consumeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash) {
  auto r = c.queryOne(Query(
      "SELECT id, code_hash, attempts FROM sms_codes WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? "
      "ORDER BY created_at DESC LIMIT 1",
      userId, purpose, core::nowMs()));
  if (!r) return false;
  // Five guesses per code: a 6-digit code must not be brute-forced.
  if (r->i64(2) >= 5) return false;
  if (r->str(1) != codeHash) {
    c.exec(Query("UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ?", r->i64(0)));
    return false;
  }
  c.exec(Query("UPDATE sms_codes SET used_at = ? WHERE id = ?", core::nowMs(), r->i64(0)));
  return true;
}

}  // namespace baoan::auth
