#pragma once
// SQL of the generic registries (registry_spec.h): every statement of a record kind, derived once
// from its spec when the store is built.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "modules/industry/registry_spec.h"

namespace baoan::industry {

// The conditions of a list or export, checked by the service.
struct RegistryFilter {
  core::DataScope scope;
  std::optional<std::string> orgPath;                       // the subtree of the org picked in the tree
  std::vector<std::pair<FilterSpec, std::string>> terms;    // each filter given, with its value
};

// A police org that supervises records.
struct SupervisingOrg {
  long long id = 0;
  std::string path;
};

class RegistryStore {
 public:
  explicit RegistryStore(const EntitySpec& spec);

  // One page, newest first, and the total.
  std::pair<std::vector<Record>, long long> list(db::Conn& c, const RegistryFilter& f, const core::PageRequest& page) const;
  // The list's total.
  long long count(db::Conn& c, const RegistryFilter& f) const;
  // The number of the filter's records meeting each condition (" AND …" from term), in one pass.
  std::vector<long long> countEach(db::Conn& c, const RegistryFilter& f, const std::vector<db::Query>& conditions) const;
  // The SQL of a value derived from other tables ("company_guards"), on alias t.
  static std::string derivedColumn(const std::string& name);
  // The condition " AND …" of one filter with its value: the list's and the statistics' alike.
  static db::Query term(const FilterSpec& filter, const std::string& value);
  // Every record the filter selects, in list order (exports).
  void forEach(db::Conn& c, const RegistryFilter& f, const std::function<void(const Record&)>& fn) const;
  std::optional<Record> find(db::Conn& c, long long id) const;
  // The record exists and the scope covers it.
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  // Another record than exceptId holds this value in a unique column.
  bool taken(db::Conn& c, const std::string& column, const std::string& value, long long exceptId) const;
  long long insert(db::Conn& c, const Values& v, const SupervisingOrg& org, long long now, long long createdBy) const;
  void update(db::Conn& c, long long id, const Values& v, const SupervisingOrg& org, long long now) const;
  void remove(db::Conn& c, long long id) const;

 private:
  db::Query where(const RegistryFilter& f) const;
  const EntitySpec& spec_;
  // The statements of registry_store.cpp filled with this spec's table and columns.
  std::string select_;  // without a condition
  std::string count_;   // without a condition
  std::string insert_;
  std::string update_;
  std::string delete_;
  std::string taken_;  // {column} left to fill
};

// The supervising org of a region: the police org whose region is the nearest enclosing one
// (county bureau for a county or town, city bureau for a city).
std::optional<SupervisingOrg> orgOfRegion(db::Conn& c, const std::string& regionCode);

}  // namespace baoan::industry
