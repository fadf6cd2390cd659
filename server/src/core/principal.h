#pragma once
// Who is asking: the signed-in user with the permissions and data scope of all their roles.
#include <cstdint>
#include <set>
#include <string>

#include "core/data_scope.h"

namespace baoan::core {

struct Principal {
  std::int64_t userId = 0;
  std::string account;
  std::string name;
  std::string kind;  // "officer" | "applicant" | "company" | "training_unit" | "inhouse_unit"
  std::int64_t orgId = 0;
  std::int64_t companyId = 0;  // company portal accounts only
  std::int64_t unitId = 0;     // training-unit and in-house-unit portal accounts: their unit
  std::string orgPath;
  std::string orgName;
  std::set<std::string> permissions;
  DataScope scope;
  bool mustChangePassword = false;
  std::string sessionHash;
  std::string csrfToken;
  bool viaCookie = false;

  bool has(const std::string& permission) const { return permissions.count(permission) > 0; }
};

}  // namespace baoan::core

namespace baoan::core {
// The principal plus where the request came from: what the audit log records for every write.
struct Actor {
  const Principal& who;
  std::string ip;
  std::string requestId;
};
}  // namespace baoan::core
