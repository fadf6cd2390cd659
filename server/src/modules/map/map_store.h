#pragma once
// SQL of the map view (§7): the companies and tasks 一键搜 finds, in the caller's scope.
#include <optional>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "db/db.h"
#include "modules/map/search_rank.h"

namespace baoan::map {

struct CompanyHit {
  long long id = 0;
  std::string name, creditCode, regAddress, regionCode;
  std::optional<std::string> bizAddress;
  std::optional<double> lng, lat;
  long long orgId = 0;
};

struct TaskHit {
  long long id = 0;
  std::string name, place, kind;  // kind: task | emergency
  long long orgId = 0;
};

class MapStore {
 public:
  // Companies in scope whose credit code equals the text, or whose name, credit code or address
  // (registered or business) contains it; best first, at most `limit`.
  std::vector<CompanyHit> searchCompanies(db::Conn& c, const core::DataScope& scope, const SearchText& q, int limit);
  // Company tasks (not cancelled) and emergency tasks in scope by name or place; best first, at most `limit`.
  std::vector<TaskHit> searchTasks(db::Conn& c, const core::DataScope& scope, const SearchText& q, int limit);
};

}  // namespace baoan::map
