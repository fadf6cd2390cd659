#pragma once
// Rules of officer accounts (§2.3): the manual's fields, ID number checked and mined for gender and
// birth date, at least one approval post or role, roles only as the caller could grant them, the
// account and the initial password sent by SMS, reset/enable/disable/unlock.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/auth/credentials_service.h"
#include "modules/system/user_store.h"

namespace baoan::system {

class UserService {
 public:
  UserService(app::Context& ctx, auth::CredentialsService& credentials) : ctx_(ctx), credentials_(credentials) {}
  nlohmann::json list(const core::Principal& p, UserFilter filter, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json resetPassword(const core::Actor& a, long long id);
  nlohmann::json setEnabled(const core::Actor& a, long long id, bool enabled);
  nlohmann::json unlock(const core::Actor& a, long long id);

  // Portal accounts of units, for the modules that keep those units (industry), inside their
  // transactions. The account starts with the initial password (hash from CredentialsService) and
  // must change it; the holder learns the account by SMS.
  long long createPortalAccount(db::Conn& c, const PortalAccount& a, const std::string& initialHash, const std::string& smsText);
  // The company's accounts take the initial password again (their sessions end); false when it has none.
  bool resetPortalAccounts(db::Conn& c, long long companyId, const std::string& initialHash, const std::string& smsMobile,
                           const std::string& smsText, const std::string& orgPath, const std::string& holderName);
  // A unit signing up on the portal: account = its credit code, the password it chose (409 when the
  // account exists).
  long long createApplicantAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash);
  // Once licensed, the applicant's account is the company's.
  void makeCompanyAccount(db::Conn& c, long long userId, long long companyId, long long orgId, const std::string& orgPath);
  // Once filed or licensed, the applicant's account is the unit's: kind 'training_unit' or
  // 'inhouse_unit', users.unit_id the unit (409 when the account is another kind's).
  void makeUnitAccount(db::Conn& c, long long userId, const std::string& kind, long long unitId, long long orgId, const std::string& orgPath);
  // The company's accounts can no longer sign in; their sessions end.
  void disablePortalAccounts(db::Conn& c, long long companyId);

  // Called in the transaction of an edit (name) and of an enable / disable of any account, with its account (a
  // person's is their ID number): the guards' 实名认证 follows it (industry::personAccountChanged, wired in
  // modules/registry.h so that system does not depend on industry).
  std::function<void(db::Conn&, const std::string& account)> onAccountChanged;

 private:
  // The form alone (types, lengths, ID number, mobile …): refused before anything slow happens.
  static UserFields parseFields(const nlohmann::json& body, const User* existing);
  // What needs the database: the org in the caller's scope, roles the caller may grant.
  void resolveFields(db::Conn& c, const core::Principal& p, UserFields& f, const User* existing);
  User visibleUser(db::Conn& c, const core::Principal& p, long long id);
  app::Context& ctx_;
  auth::CredentialsService& credentials_;
  UserStore store_;
};

}  // namespace baoan::system
