#pragma once
// Sign-in, sessions and password changes (manual §1; API.md "Sessions").
#include <deque>
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

class AuthService {
 public:
  static constexpr int kMaxFailedLogins = 5;
  static constexpr long long kLockMs = 30LL * 60 * 1000;
  static constexpr long long kCodeTtlMs = 5LL * 60 * 1000;
  static constexpr long long kCodeIntervalMs = 60LL * 1000;

  explicit AuthService(app::Context& ctx);

  LoginResult login(const LoginRequest& r);
  // The principal behind a session token, or nullopt when the token is unknown or idle too long.
  std::optional<core::Principal> authenticate(const std::string& token, bool viaCookie);
  void logout(const core::Principal& p);
  // Sends a verification code to the user's own mobile; returns the masked number.
  std::string sendCode(const core::Principal& p, const std::string& purpose);
  void changePassword(const core::Actor& a, const std::string& oldPassword, const std::string& newPassword,
                      const std::string& smsCode);
  nlohmann::json me(const core::Principal& p);

 private:
  app::Context& ctx_;
  AuthStore store_;
  RateLimiter loginLimiter_;
};

std::string sessionCookie(const std::string& token, bool secure);
std::string clearedSessionCookie(bool secure);

}  // namespace baoan::auth
