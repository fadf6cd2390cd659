#pragma once
// SQL of sign-in, sessions, SMS codes and the principal's roles.
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/db.h"

namespace baoan::auth {

struct Credentials {
  long long userId = 0;
  std::string account;
  std::string passwordHash;
  bool enabled = true;
  bool mustChangePassword = false;
  int failedLogins = 0;
  std::optional<long long> lockedUntil;
  std::string orgPath;
  std::string mobile;
  long long loginCount = 0;  // successful sign-ins so far
};

struct SessionRow {
  long long userId = 0;
  std::string csrfToken;
  long long lastSeenAt = 0;
  long long authEpoch = 0;  // auth_epoch.n when the session was read
};

// What /auth/me shows of a user beyond the principal.
struct Profile {
  bool isPolice = false;
  std::optional<std::string> policeNo;
  std::string mobile;
  long long loginCount = 0;
  std::optional<long long> lastLoginAt;
  std::string orgType;
  std::string orgRegionCode;
  // What a portal account signed up as (users.unit_kind): company | training_unit | inhouse_unit | person;
  // empty for officers.
  std::string unitKind;
};

class AuthStore {
 public:
  std::optional<Credentials> findByAccount(db::Conn& c, const std::string& account);
  std::optional<Credentials> findById(db::Conn& c, long long userId);
  void recordFailure(db::Conn& c, long long userId, int failedLogins, std::optional<long long> lockedUntil);
  void recordSuccess(db::Conn& c, long long userId, long long at);
  void logLogin(db::Conn& c, const std::string& account, std::optional<long long> userId, const std::string& orgPath,
                const std::string& ip, const std::string& userAgent, bool success, const std::string& reason);

  void createSession(db::Conn& c, const std::string& tokenHash, long long userId, const std::string& csrf,
                     const std::string& ip, const std::string& userAgent);
  std::optional<SessionRow> findSession(db::Conn& c, const std::string& tokenHash);
  void touchSession(db::Conn& c, const std::string& tokenHash, long long at);
  void deleteSession(db::Conn& c, const std::string& tokenHash);
  // Ends every session of a user except `keepHash` (password changed, account disabled …).
  void deleteSessionsOfUser(db::Conn& c, long long userId, const std::string& keepHash = "");

  std::optional<Profile> profile(db::Conn& c, long long userId);
  // The principal of a user: org, permissions and the union of the data scopes of all roles.
  std::optional<core::Principal> loadPrincipal(db::Conn& c, long long userId);

  // Sets the hash; a set password also unlocks the account.
  void setPassword(db::Conn& c, long long userId, const std::string& hash, bool mustChange);
  // Voids every SMS code sent to the user.
  void deleteCodes(db::Conn& c, long long userId);
  void storeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash, long long expiresAt);
  std::optional<long long> lastCodeAt(db::Conn& c, long long userId, const std::string& purpose);
  // Checks a code; counts the attempt; true and marks it used when it matches an unexpired code.
  bool consumeCode(db::Conn& c, long long userId, const std::string& purpose, const std::string& codeHash);
};

}  // namespace baoan::auth
