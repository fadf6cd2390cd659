#pragma once
// The rules every registry of manual §3 shares (registry_spec.h): each field checked by its type,
// the supervising org inside the caller's jurisdiction, unique columns, personal fields masked unless
// the role may see them (and a full view audited), every write audited in its transaction.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/industry/registry_spec.h"
#include "modules/industry/registry_store.h"

namespace baoan::industry {

// What a list or an export asks for.
struct RegistryQuery {
  std::map<std::string, std::string> filters;  // the spec's filter parameters as given ("" = none)
  std::optional<long long> orgId;              // the org picked in the tree: that org and below
  std::string conditions;                      // the request as the export's audit entry names it
};

class RegistryService {
 public:
  RegistryService(app::Context& ctx, EntitySpec spec) : ctx_(ctx), spec_(std::move(spec)), store_(spec_) {}
  RegistryService(const RegistryService&) = delete;
  RegistryService& operator=(const RegistryService&) = delete;
  const EntitySpec& spec() const { return spec_; }

  nlohmann::json list(const core::Principal& p, const RegistryQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  // `alsoInTransaction` runs in the update's transaction, after it (the company portal's 初始化).
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body,
                        const std::function<void(db::Conn&)>& alsoInTransaction = {});
  void remove(const core::Actor& a, long long id);
  // The statistics of the filtered list by one of its region or choice filters (spec.statsPath):
  // {"total", "groups": [{"key", "label", "count"}]}; a group's count is the list's total with that
  // filter set to the group's key.
  nlohmann::json stats(const core::Principal& p, const RegistryQuery& q, const std::string& groupBy);
  // The filtered list as an xlsx file (personal fields masked unless <module>:pii); audited.
  modules::ExportFile exportFile(const core::Actor& a, const RegistryQuery& q);

  // For the services built on a registry (companies): 404 unless the record exists inside the scope.
  void requireVisible(db::Conn& c, const core::Principal& p, long long id) const;
  // The record as the API shows it; 404 when it does not exist.
  nlohmann::json recordJson(db::Conn& c, long long id, bool fullPersonal) const;
  // The same without the scope or the 404, for the company portal's own record.
  std::optional<nlohmann::json> findJson(db::Conn& c, long long id, bool fullPersonal) const;

 private:
  nlohmann::json toJson(const Record& r, bool fullPersonal) const;
  bool fullPersonal(const core::Principal& p) const { return p.has(spec_.module + ":pii"); }
  Values readValues(const nlohmann::json& body, FieldErrors& errors) const;
  SupervisingOrg supervisingOrg(db::Conn& c, const core::Principal& p, const nlohmann::json& body, const Values& v,
                                std::optional<long long> current) const;
  RegistryFilter filter(db::Conn& c, const core::Principal& p, const RegistryQuery& q) const;
  void checkUnique(db::Conn& c, const Values& v, long long exceptId) const;
  std::string nameOf(const Values& v) const;
  app::Context& ctx_;
  EntitySpec spec_;
  RegistryStore store_;
};

}  // namespace baoan::industry
