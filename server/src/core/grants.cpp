#include "core/grants.h"

#include "core/permissions.h"

namespace baoan::core {

GrantCheck checkGrant(const Principal& granter, const std::vector<std::string>& permissions, ScopeKind kind,
                      const std::vector<std::string>& customPaths, const std::string& holderOrgPath) {
  for (const auto& p : permissions) {
    if (!granter.has(p)) {
      const auto colon = p.find(':');
      std::string label = p;
      for (const auto& m : permissionModules())
        if (colon != std::string::npos && m.code == p.substr(0, colon))
          label = std::string(m.name) + "-" + std::string(actionName(p.substr(colon + 1)));
      return {false, "不能授予自己没有的权限:" + label};
    }
  }
  DataScope wanted = resolveScope(kind, holderOrgPath, customPaths, granter.userId);
  if (!granter.scope.contains(wanted)) return {false, std::string("不能授予超出自己数据范围的数据权限:") + scopeKindName(kind)};
  return {};
}

}  // namespace baoan::core
