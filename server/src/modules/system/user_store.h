#pragma once
// SQL of officer accounts (§2.3).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"

namespace baoan::system {

struct User {
  long long id = 0;
  std::string account;
  std::string kind = "officer";  // officer, company or applicant (a portal account; its unit_kind says which unit)
  std::string name;
  bool isPolice = true;
  std::optional<std::string> policeNo;
  std::string idNo;
  std::string gender;
  std::string birthDate;
  std::string mobile;
  long long orgId = 0;
  std::string orgPath;
  std::string orgName;
  bool enabled = true;
  std::optional<long long> lockedUntil;
  long long loginCount = 0;
  std::optional<long long> lastLoginAt;
  bool mustChangePassword = false;
  long long createdAt = 0;
  long long updatedAt = 0;
  std::vector<std::string> roleNames;
  std::vector<long long> roleIds;
  std::map<std::string, std::string> approvalPosts;
};

struct UserFields {
  std::string account;
  std::string name;
  bool isPolice = true;
  std::optional<std::string> policeNo;
  std::string idNo;
  std::string gender;
  std::string birthDate;
  std::string mobile;
  long long orgId = 0;
  std::string orgPath;
  std::map<std::string, std::string> approvalPosts;
  std::vector<long long> roleIds;
};

// The portal account of a unit (a security company): its 统一社会信用代码 is the account, the legal
// person's name, ID number and mobile are the account holder's.
struct PortalAccount {
  long long companyId = 0;
  std::string account;
  std::string name;
  std::string idNo;
  std::string mobile;
  long long orgId = 0;
  std::string orgPath;
};

struct UserFilter {
  long long orgId = 0;
  std::string orgPath;
  bool includeChildren = true;
  std::string name;
  std::string account;
  std::string mobile;
};

class UserStore {
 public:
  std::optional<User> find(db::Conn& c, long long id);
  // The user when inside the scope (db::visible), else nullopt.
  std::optional<User> findVisible(db::Conn& c, const core::DataScope& scope, long long id);
  std::pair<std::vector<User>, long long> list(db::Conn& c, const UserFilter& f, const core::DataScope& scope,
                                               const core::PageRequest& page);
  long long insert(db::Conn& c, const UserFields& f, const std::string& passwordHash, long long createdBy);
  long long insertPortalAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash);
  // A unit that signed up on the portal (no company record yet; its own password).
  long long insertApplicantAccount(db::Conn& c, const PortalAccount& a, const std::string& passwordHash);
  void becomeCompany(db::Conn& c, long long userId, long long companyId, long long orgId, const std::string& orgPath);
  // A training or in-house unit's account (kind 'training_unit' | 'inhouse_unit'), from an applicant's
  // or the same kind's; false when the user is neither.
  bool becomeUnit(db::Conn& c, long long userId, const std::string& kind, long long unitId, long long orgId, const std::string& orgPath);
  // Ids of the portal accounts of a company.
  std::vector<long long> portalAccountsOf(db::Conn& c, long long companyId);
  void update(db::Conn& c, long long id, const UserFields& f);
  void setEnabled(db::Conn& c, long long id, bool enabled);
  void unlock(db::Conn& c, long long id);
  bool accountTaken(db::Conn& c, const std::string& account, long long exceptId);
  bool policeNoTaken(db::Conn& c, const std::string& policeNo, long long exceptId);

 private:
  void loadRolesAndPosts(db::Conn& c, std::vector<User>& users, bool withPosts);
  void writeRolesAndPosts(db::Conn& c, long long id, const UserFields& f);
};

}  // namespace baoan::system
