#pragma once
// 好人好事 (§3.6): companies record good deeds of their guards; police read those of their
// jurisdiction.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/industry/company_store.h"
#include "modules/industry/good_deed_store.h"
#include "modules/industry/guard_store.h"

namespace baoan::industry {

// The filters of the lists (all "contains").
struct DeedQuery {
  std::string guardName, idNo, mobile, companyName;
  std::optional<long long> orgId;  // police: the org picked in the tree, that org and below
  std::string conditions;          // the request as the export's audit entry names it
};

class GoodDeedService {
 public:
  explicit GoodDeedService(app::Context& ctx) : ctx_(ctx) {}
  // Police side: the deeds of the caller's scope.
  nlohmann::json list(const core::Principal& p, const DeedQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  modules::ExportFile exportFile(const core::Actor& a, const DeedQuery& q);
  // Company portal side: the company's own deeds.
  nlohmann::json portalList(const core::Principal& p, const DeedQuery& q, const core::PageRequest& page);
  nlohmann::json portalGet(const core::Principal& p, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);

  // In the company's update transaction: its deeds follow it to another supervising org.
  static void followCompany(db::Conn& c, long long companyId, const std::string& orgPath);

 private:
  DeedFilter policeFilter(db::Conn& c, const core::Principal& p, const DeedQuery& q) const;
  nlohmann::json pageJson(db::Conn& c, const DeedFilter& f, const core::PageRequest& page, bool fullPersonal) const;
  // The guard must be, or have been, employed by the company.
  void checkOwnGuard(db::Conn& c, long long companyId, long long guardId);
  app::Context& ctx_;
  GoodDeedStore store_;
  GuardStore guards_;
  CompanyStore companies_;
};

}  // namespace baoan::industry
