#pragma once
// The permission catalog (DOMAIN.md "Permissions"): a permission is "<module>:<action>". Every
// module of the system is listed here, built or not yet built, so roles can be prepared in advance
// and the role form shows one row per module (§2.2.2).
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace baoan::core {

struct PermissionAction {
  std::string_view code;
  std::string_view name;
};

struct PermissionModule {
  std::string_view code;
  std::string_view name;
  std::string_view group;  // manual chapter
  std::vector<std::string_view> actions;
};

const std::vector<PermissionAction>& permissionActions();
std::string_view actionName(std::string_view action);
const std::vector<PermissionModule>& permissionModules();
// Every "<module>:<action>" of the catalog.
const std::vector<std::string>& allPermissions();
bool isKnownPermission(std::string_view code);
// What a company portal account may do (its own company only). Not in the catalog: no role can
// grant them to an officer.
const std::set<std::string>& portalPermissions();

}  // namespace baoan::core
