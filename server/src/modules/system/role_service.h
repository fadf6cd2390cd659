#pragma once
// Rules of roles (§2.2): three parts — 角色概况, 操作权限, 数据范围; only inside the caller's
// jurisdiction; never more than the caller holds; delete refused while users hold the role.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/system/role_store.h"

namespace baoan::system {

class RoleService {
 public:
  explicit RoleService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json list(const core::Principal& p, long long orgId, const std::string& name, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);
  // Roles a user of the org may be given by the caller: the org's and its ancestors' roles that the
  // caller could grant.
  nlohmann::json assignable(const core::Principal& p, long long orgId);

  // Shared with users: may the caller give this role to a holder in the org at holderOrgPath?
  static bool grantable(const core::Principal& p, const Role& r, const std::string& holderOrgPath);

 private:
  RoleFields readFields(db::Conn& c, const nlohmann::json& body);
  void checkNoEscalation(const core::Principal& p, const RoleFields& f, const std::string& roleOrgPath, db::Conn& c);
  Role visibleRole(db::Conn& c, const core::Principal& p, long long id);
  app::Context& ctx_;
  RoleStore store_;
};

}  // namespace baoan::system
