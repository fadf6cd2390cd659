#include "modules/auth/auth_service.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"

namespace baoan::auth {

using nlohmann::json;

bool RateLimiter::allow(const std::string& key, long long nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& q = hits_[key];
  while (!q.empty() && q.front() <= nowMs - 60000) q.pop_front();
  if (static_cast<int>(q.size()) >= perMinute_) return false;
  q.push_back(nowMs);
  if (hits_.size() > 10000) {  // forget idle clients so the map cannot grow without bound
    for (auto it = hits_.begin(); it != hits_.end();) it = it->second.empty() ? hits_.erase(it) : std::next(it);
  }
  return true;
}

AuthService::AuthService(app::Context& ctx) : ctx_(ctx), loginLimiter_(ctx.config.loginRatePerMinute) {}

namespace {
const char* kBadCredentials = "账号或密码错误";

std::string lockMessage(long long until) {
  return "密码错误次数过多,账号已锁定,请于 " + core::toIso(until).substr(11, 5) + " 后再试或联系管理员解锁";
}
}  // namespace

LoginResult AuthService::login(const LoginRequest& r) {
  FieldErrors errors;
  if (r.account.empty()) errors.add("account", "账号不能为空");
  if (r.password.empty()) errors.add("password", "密码不能为空");
  errors.throwIfAny();
  const long long now = core::nowMs();
  if (!loginLimiter_.allow(r.ip, now)) throw rateLimited("登录尝试过于频繁,请一分钟后再试");

  auto creds = ctx_.db.read([&](db::Conn& c) { return store_.findByAccount(c, r.account); });
  auto log = [&](bool ok, const std::string& reason) {
    ctx_.db.write([&](db::Conn& c) {
      store_.logLogin(c, r.account, creds ? std::optional<long long>(creds->userId) : std::nullopt,
                      creds ? creds->orgPath : "", r.ip, r.userAgent, ok, reason);
    });
  };
  if (!creds) {
    crypto::verifyPassword(r.password, crypto::dummyHash());  // same time as a real check
    log(false, "账号不存在");
    throw unauthenticated(kBadCredentials);
  }
  if (creds->lockedUntil && *creds->lockedUntil > now) {
    log(false, "账号已锁定");
    throw locked(lockMessage(*creds->lockedUntil));
  }
  if (!crypto::verifyPassword(r.password, creds->passwordHash)) {
    const int failed = creds->failedLogins + 1;
    const bool lockNow = failed >= kMaxFailedLogins;
    ctx_.db.write([&](db::Conn& c) {
      store_.recordFailure(c, creds->userId, lockNow ? 0 : failed, lockNow ? std::optional<long long>(now + kLockMs) : std::nullopt);
      store_.logLogin(c, r.account, creds->userId, creds->orgPath, r.ip, r.userAgent, false,
                      lockNow ? "密码错误,账号已锁定" : "密码错误");
    });
    if (lockNow) throw locked(lockMessage(now + kLockMs));
    throw unauthenticated(kBadCredentials);
  }
  if (!creds->enabled) {
    log(false, "账号已停用");
    throw AppError(403, "account_disabled", "账号已停用,请联系管理员");
  }
  LoginResult result;
  result.token = crypto::randomToken();
  result.csrfToken = crypto::randomToken(16);
  result.mustChangePassword = creds->mustChangePassword;
  auto principal = ctx_.db.write([&](db::Conn& c) {
    store_.recordSuccess(c, creds->userId, now);
    if (creds->loginCount == 0 && onFirstSignIn) onFirstSignIn(c, creds->account);
    store_.createSession(c, crypto::sha256Hex(result.token), creds->userId, result.csrfToken, r.ip, r.userAgent);
    store_.logLogin(c, r.account, creds->userId, creds->orgPath, r.ip, r.userAgent, true, "登录成功");
    return store_.loadPrincipal(c, creds->userId);
  });
  if (!principal) throw unauthenticated(kBadCredentials);
  result.principal = *principal;
  return result;
}

std::optional<core::Principal> PrincipalCache::get(long long userId, long long epoch) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (epoch != epoch_) return std::nullopt;
  auto it = byUser_.find(userId);
  if (it == byUser_.end()) return std::nullopt;
  return it->second;
}

void PrincipalCache::put(long long userId, long long epoch, const core::Principal& p) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (epoch != epoch_ || byUser_.size() >= kMaxEntries) {
    byUser_.clear();
    epoch_ = epoch;
  }
  byUser_[userId] = p;
}

std::optional<core::Principal> AuthService::authenticate(const std::string& token, bool viaCookie) {
  if (token.size() != 64) return std::nullopt;
  const std::string hash = crypto::sha256Hex(token);
  const long long now = core::nowMs();
  const long long idleMs = static_cast<long long>(ctx_.config.sessionIdleSeconds) * 1000;
  auto found = ctx_.db.read([&](db::Conn& c) -> std::optional<std::pair<SessionRow, std::optional<core::Principal>>> {
    auto s = store_.findSession(c, hash);
    if (!s) return std::nullopt;
    if (now - s->lastSeenAt > idleMs) return std::make_pair(*s, std::optional<core::Principal>());
    if (auto cached = principals_.get(s->userId, s->authEpoch)) return std::make_pair(*s, cached);
    // Read after the epoch: a change committed in between is loaded already and only costs one more
    // load at the next request; a change not yet committed bumps the epoch when it commits.
    auto loaded = store_.loadPrincipal(c, s->userId);
    if (loaded) principals_.put(s->userId, s->authEpoch, *loaded);
    return std::make_pair(*s, loaded);
  });
  if (!found) return std::nullopt;
  auto& [session, principal] = *found;
  if (!principal) {  // idle too long, or the user was disabled meanwhile
    // Not worth waiting for (this may run on an I/O thread): a later request deletes it otherwise.
    ctx_.db.tryWrite([&](db::Conn& c) { store_.deleteSession(c, hash); });
    return std::nullopt;
  }
  // Writing last_seen on every request would serialise all reads behind SQLite's single writer;
  // a coarse touch keeps the idle timeout accurate to a small fraction of its length.
  // Skipped rather than waited for while an import holds SQLite's write lock (this runs on an I/O
  // thread for reads); the next request touches it.
  if (now - session.lastSeenAt > std::min<long long>(30000, idleMs / 4))
    ctx_.db.tryWrite([&](db::Conn& c) { store_.touchSession(c, hash, now); });
  principal->sessionHash = hash;
  principal->csrfToken = session.csrfToken;
  principal->viaCookie = viaCookie;
  return principal;
}

void AuthService::logout(const core::Principal& p) {
  ctx_.db.write([&](db::Conn& c) { store_.deleteSession(c, p.sessionHash); });
}

json AuthService::me(const core::Principal& p) {
  auto profile = ctx_.db.read([&](db::Conn& c) { return store_.profile(c, p.userId); });
  if (!profile) throw unauthenticated();
  json menus = json::array();
  for (const auto& g : core::menus()) {
    json items = json::array();
    for (const auto& m : g.items)
      if (p.has(std::string(m.permission)) && (m.alsoNeeds.empty() || p.has(std::string(m.alsoNeeds))))
        items.push_back({{"key", m.key}, {"title", m.title}, {"path", m.path}, {"permission", m.permission}});
    if (items.empty()) continue;
    // A person (个人 account of the guard exam) is served by the portal too, but it is not an enterprise.
    std::string_view title = g.key == "portal" && profile->unitKind == "person" ? "个人服务" : g.title;
    menus.push_back({{"key", g.key}, {"title", title}, {"icon", g.icon}, {"children", items}});
  }
  std::vector<long long> subtreeIds, orgIds;
  for (const auto& path : p.scope.subtreePaths) subtreeIds.push_back(core::lastIdOfPath(path));
  for (const auto& path : p.scope.exactPaths) orgIds.push_back(core::lastIdOfPath(path));
  return {
      {"user",
       {{"id", p.userId}, {"account", p.account}, {"name", p.name}, {"kind", p.kind}, {"unitId", p.unitId ? json(p.unitId) : json(nullptr)},
        {"unitKind", profile->unitKind.empty() ? json(nullptr) : json(profile->unitKind)}, {"isPolice", profile->isPolice},
        {"policeNo", profile->policeNo ? json(*profile->policeNo) : json(nullptr)}, {"mobile", core::maskMobile(profile->mobile)},
        {"orgId", p.orgId}, {"orgName", p.orgName}, {"loginCount", profile->loginCount},
        {"lastLoginAt", profile->lastLoginAt ? json(core::toIso(*profile->lastLoginAt)) : json(nullptr)},
        {"mustChangePassword", p.mustChangePassword}}},
      {"org", {{"id", p.orgId}, {"name", p.orgName}, {"type", profile->orgType}, {"regionCode", profile->orgRegionCode}, {"path", p.orgPath}}},
      {"permissions", p.permissions},
      {"dataScope", {{"all", p.scope.all}, {"subtreeOrgIds", subtreeIds}, {"orgIds", orgIds}, {"self", p.scope.self}}},
      {"menus", menus},
  };
}

std::string sessionCookie(const std::string& token, bool secure) {
  return "baoan_session=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string clearedSessionCookie(bool secure) {
  return std::string("baoan_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace baoan::auth
