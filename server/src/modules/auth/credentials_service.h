#pragma once
// Everything about an account's password and sessions, in one place: the initial password, setting,
// resetting and changing a password, the forced change at the next sign-in, the SMS code a change
// needs, and ending sessions. Other modules (officer accounts, company portal accounts, the operator
// CLI) call this service instead of writing the columns and tables themselves.
#include <string>

#include "app/context.h"
#include "core/principal.h"
#include "modules/auth/auth_store.h"

namespace baoan::auth {

class CredentialsService {
 public:
  // Every account an administrator creates or resets starts with this password and must change it
  // at the next sign-in (manual §2.3: 初始密码 123456).
  static constexpr const char* kInitialPassword = "123456";
  static constexpr long long kCodeTtlMs = 5LL * 60 * 1000;
  static constexpr long long kCodeIntervalMs = 60LL * 1000;

  explicit CredentialsService(app::Context& ctx) : ctx_(ctx) {}

  // The slow part (argon2id, ~0.1 s): call it after the request was validated and outside any
  // transaction, then hand the hash to createAccount/resetToInitial.
  static std::string initialPasswordHash();
  static std::string hashPassword(const std::string& password);

  // In the caller's transaction: the account takes the initial password, must change it at the next
  // sign-in, is unlocked; its sessions end and codes sent before are void (a new one may be asked at once).
  void resetToInitial(db::Conn& c, long long userId, const std::string& initialHash);
  // In the caller's transaction: a password chosen by an operator (`baoan user set-password`);
  // every session of the account ends.
  void setPassword(db::Conn& c, long long userId, const std::string& hash, bool mustChange);
  // Ends every session of the account (disabled, deregistered, password reset), except `keepSessionHash`.
  void revokeSessions(db::Conn& c, long long userId, const std::string& keepSessionHash = "");

  // The signed-in user's own change: a code by SMS to their own mobile (returned masked), then the
  // old password, the new one (the password rule) and the code.
  std::string sendChangeCode(const core::Principal& p, const std::string& purpose);
  void changePassword(const core::Actor& a, const std::string& oldPassword, const std::string& newPassword,
                      const std::string& smsCode);

 private:
  app::Context& ctx_;
  AuthStore store_;
};

}  // namespace baoan::auth
