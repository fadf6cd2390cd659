#pragma once
// Sign-in and sessions (manual §1; API.md "Sessions"); passwords themselves: credentials_service.h.
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/auth/auth_store.h"

namespace baoan::auth {

struct LoginRequest {
  std::string account;
  std::string password;
  std::string ip;
  std::string userAgent;
};

struct LoginResult {
  std::string token;
  std::string csrfToken;
  bool mustChangePassword = false;
  core::Principal principal;
};

// Counts events per key in a sliding one-minute window (sign-in attempts per client address).
class RateLimiter {
 public:
  explicit RateLimiter(int perMinute) : perMinute_(perMinute) {}
  bool allow(const std::string& key, long long nowMs);

 private:
  int perMinute_;
  std::mutex mutex_;
  std::map<std::string, std::deque<long long>> hits_;
};

// The principals of signed-in users, each with the auth_epoch it was loaded at (migration 0006): a
// request then costs one query (its session and the epoch) instead of five, and any change to users,
// roles, permissions, scopes or orgs (which bumps the epoch) is seen at the next request.
class PrincipalCache {
 public:
  std::optional<core::Principal> get(long long userId, long long epoch);
  void put(long long userId, long long epoch, const core::Principal& p);

 private:
  static constexpr std::size_t kMaxEntries = 20000;
  std::mutex mutex_;
  long long epoch_ = -1;  // every entry was loaded at this epoch
  std::map<long long, core::Principal> byUser_;
};

class AuthService {
 public:
  static constexpr int kMaxFailedLogins = 5;
  static constexpr long long kLockMs = 30LL * 60 * 1000;

  explicit AuthService(app::Context& ctx);

  LoginResult login(const LoginRequest& r);
  // The principal behind a session token, or nullopt when the token is unknown or idle too long.
  std::optional<core::Principal> authenticate(const std::string& token, bool viaCookie);
  void logout(const core::Principal& p);
  nlohmann::json me(const core::Principal& p);

  // Called in the transaction of an account's first successful sign-in, with its account (a person's
  // is their ID number): the guards' App 初始化 follows it (industry::personAccountChanged, wired in
  // modules/registry.h so that auth does not depend on industry).
  std::function<void(db::Conn&, const std::string& account)> onFirstSignIn;

 private:
  app::Context& ctx_;
  AuthStore store_;
  RateLimiter loginLimiter_;
  PrincipalCache principals_;
};

std::string sessionCookie(const std::string& token, bool secure);
std::string clearedSessionCookie(bool secure);

}  // namespace baoan::auth
