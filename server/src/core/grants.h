#pragma once
// No privilege escalation through roles: an officer may hand out only permissions and data scopes
// they hold themselves.
#include <string>
#include <vector>

#include "core/principal.h"

namespace baoan::core {

struct GrantCheck {
  bool ok = true;
  std::string reason;  // Chinese, for the 403 message
};

// May `granter` create or assign a role with these permissions and this scope, for holders whose
// org is at `holderOrgPath` (for a role being defined: the role's own org, the widest holder)?
GrantCheck checkGrant(const Principal& granter, const std::vector<std::string>& permissions, ScopeKind kind,
                      const std::vector<std::string>& customPaths, const std::string& holderOrgPath);

}  // namespace baoan::core
