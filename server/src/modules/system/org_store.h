#pragma once
// SQL of police orgs (§2.1).
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"

namespace baoan::system {

struct Org {
  long long id = 0;
  std::optional<long long> parentId;
  std::string path;
  int level = 0;
  std::string name;
  std::string regionCode;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  std::string type;
  long long createdAt = 0;
  long long updatedAt = 0;
  std::string parentName;
  long long childCount = 0;
};

struct OrgFields {
  std::string name;
  std::string regionCode;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  std::string type;
};

class OrgStore {
 public:
  std::optional<Org> find(db::Conn& c, long long id);
  // The org when it lies inside the scope (db::visible), else nullopt.
  std::optional<Org> findVisible(db::Conn& c, const core::DataScope& scope, long long id);
  // Every org the scope covers, in path order (parents before children).
  std::vector<Org> listInScope(db::Conn& c, const core::DataScope& scope);
  // Direct children of parent, or with a name filter the matches anywhere below it.
  std::pair<std::vector<Org>, long long> list(db::Conn& c, const Org& parent, const std::string& name,
                                              const core::DataScope& scope, const core::PageRequest& page);
  long long insert(db::Conn& c, const Org& parent, const OrgFields& f, long long createdBy);
  void update(db::Conn& c, long long id, const OrgFields& f);
  void remove(db::Conn& c, long long id);
  bool siblingNameTaken(db::Conn& c, std::optional<long long> parentId, const std::string& name, long long exceptId);
  long long countChildren(db::Conn& c, long long id);
  // The direct children's names and region codes (an org's region must contain theirs).
  std::vector<std::pair<std::string, std::string>> childRegions(db::Conn& c, long long id);
  long long countUsers(db::Conn& c, long long id);
  long long countRoles(db::Conn& c, long long id);
  // Records of the industry registry supervised by this org.
  long long countSupervised(db::Conn& c, long long id);
};

}  // namespace baoan::system
