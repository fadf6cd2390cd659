#pragma once
// Rules of police orgs (§2.1): a tree; only inside the caller's jurisdiction; the region of an org
// lies within its parent's region; delete refused while anything hangs on it.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/system/org_store.h"

namespace baoan::system {

class OrgService {
 public:
  explicit OrgService(app::Context& ctx) : ctx_(ctx) {}
  nlohmann::json tree(const core::Principal& p);
  nlohmann::json list(const core::Principal& p, long long parentId, const std::string& name, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);

  // The org if the caller's scope covers it; 404 otherwise (a record outside the scope does not exist
  // for the caller). Shared by roles and users.
  static Org visibleOrg(db::Conn& c, const core::Principal& p, long long id, const char* what = "机构不存在");
  static nlohmann::json toJson(const Org& o);

 private:
  OrgFields readFields(const nlohmann::json& body, const std::optional<Org>& parent);
  app::Context& ctx_;
  OrgStore store_;
};

}  // namespace baoan::system
