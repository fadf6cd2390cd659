#pragma once
// SQL of the watch list (名单管理): the persons the local background-check provider answers "hit" for,
// one row per person and police database, kept by an org (its data scope decides who may see and
// edit an entry; a check reads every entry).
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "adapters/background_check/background_check_provider.h"
#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::background {

inline constexpr db::ScopedTable kWatchList{"watch_list", "w", "org_path", "created_by"};

struct WatchFilter {
  const core::DataScope* scope = nullptr;
  std::string idNo;      // contains (upper case)
  std::string name;      // contains
  std::string database;  // equals (a configured code)
};

// What an entry says, as written.
struct WatchFields {
  std::string idNo, name, database, situation;
  std::optional<std::string> source;
};

struct WatchRow {
  long long id = 0;
  WatchFields f;
  long long orgId = 0;
  std::string orgName;
  long long createdAt = 0;
  long long updatedAt = 0;
};

class WatchListStore {
 public:
  // One page, the latest entries first, and the total.
  std::pair<std::vector<WatchRow>, long long> list(db::Conn& c, const WatchFilter& f, const core::PageRequest& page) const;
  void forEach(db::Conn& c, const WatchFilter& f, const std::function<void(const WatchRow&)>& fn) const;
  std::optional<WatchRow> find(db::Conn& c, long long id) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  // The id of the entry of that person in that database, other than exceptId.
  std::optional<long long> taken(db::Conn& c, const std::string& idNo, const std::string& database, long long exceptId) const;
  // Which of these ID numbers are listed, with their databases (for an import's duplicate check).
  std::set<std::pair<std::string, std::string>> listedAmong(db::Conn& c, const std::vector<std::string>& idNos) const;
  long long insert(db::Conn& c, const WatchFields& f, long long orgId, const std::string& orgPath, long long now, long long by) const;
  void update(db::Conn& c, long long id, const WatchFields& f, long long now) const;
  void remove(db::Conn& c, long long id) const;
  // Every entry of an ID number, whoever keeps it (the local provider's lookup).
  std::vector<background_check::WatchHit> hitsOf(db::Conn& c, const std::string& idNo) const;

 private:
  db::Query where(const WatchFilter& f) const;
};

}  // namespace baoan::background
