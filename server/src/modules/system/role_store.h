#pragma once
// SQL of roles (§2.2): a role belongs to an org and carries permissions and a data scope.
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"

namespace baoan::system {

struct Role {
  long long id = 0;
  long long orgId = 0;
  std::string orgPath;
  std::string orgName;
  std::string name;
  std::string scopeKind;
  long long createdAt = 0;
  long long updatedAt = 0;
  long long permissionCount = 0;
  long long userCount = 0;
  std::vector<std::string> permissions;  // filled by find()/withDetails()
  std::vector<long long> scopeOrgIds;
  std::vector<std::string> scopeOrgPaths;
};

struct RoleFields {
  std::string name;
  std::vector<std::string> permissions;
  core::ScopeKind scopeKind = core::ScopeKind::self;
  std::vector<long long> scopeOrgIds;
};

class RoleStore {
 public:
  std::optional<Role> find(db::Conn& c, long long id);
  // The role when it lies inside the scope (db::visible), else nullopt.
  std::optional<Role> findVisible(db::Conn& c, const core::DataScope& scope, long long id);
  std::pair<std::vector<Role>, long long> list(db::Conn& c, long long orgId, const std::string& name,
                                               const core::DataScope& scope, const core::PageRequest& page);
  // Roles of the org at `orgPath` and of its ancestors, with permissions and scope orgs.
  std::vector<Role> ofOrgAndAncestors(db::Conn& c, const std::string& orgPath);
  long long insert(db::Conn& c, long long orgId, const std::string& orgPath, const RoleFields& f, long long createdBy);
  void update(db::Conn& c, long long id, const RoleFields& f);
  void remove(db::Conn& c, long long id);
  bool nameTaken(db::Conn& c, long long orgId, const std::string& name, long long exceptId);
  void loadDetails(db::Conn& c, Role& r);

 private:
  void writeGrants(db::Conn& c, long long id, const RoleFields& f);
};

}  // namespace baoan::system
