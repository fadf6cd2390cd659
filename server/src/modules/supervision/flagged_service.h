#pragma once
// 问题人员 (§9.3): the guards the screening flagged. Police (flagged_person:*) list them in their data
// scope with the screening report, give a 处理意见 (责令辞退 / 继续观察 / 误报 — a 误报 needs a reason and
// clears the flag), export them and import opinions (idempotent: the same file twice changes nothing).
// A company (portal:flagged_guard) sees its own flagged guards that have a police opinion — never the
// screening detail of the police databases — and confirms what it did (已辞退 with the date ends the
// employment through the registry). ID numbers are masked unless guard:pii (a full view is audited).
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/industry/guard_service.h"
#include "modules/supervision/flagged_store.h"

namespace baoan::supervision {

struct FlaggedQuery {
  std::string name, idNo, companyName, reason, state;
  std::optional<long long> companyId;  // the guards a company employs (now or last); still within the scope
  std::string conditions;  // the request, as the export's audit entry names it
};

struct OpinionImportResult {
  long long imported = 0;   // rows that changed an opinion
  long long unchanged = 0;  // rows already in force (or imported before)
  nlohmann::json errors = nlohmann::json::array();
  std::size_t errorCount = 0;
};

class FlaggedService {
 public:
  FlaggedService(app::Context& ctx, std::shared_ptr<industry::GuardService> guards) : ctx_(ctx), guards_(std::move(guards)) {}

  nlohmann::json list(const core::Principal& p, const FlaggedQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  nlohmann::json opinion(const core::Actor& a, long long id, const nlohmann::json& body);
  modules::ExportFile exportFile(const core::Actor& a, const FlaggedQuery& q);
  OpinionImportResult importOpinions(const core::Actor& a, const std::string& xlsx);

  nlohmann::json portalList(const core::Principal& p, const core::PageRequest& page);
  nlohmann::json portalConfirm(const core::Actor& a, long long id, const nlohmann::json& body);

 private:
  FlaggedFilter filter(const core::Principal& p, const FlaggedQuery& q) const;
  nlohmann::json toJson(const FlaggedRow& f, bool fullIdNo) const;
  nlohmann::json portalJson(const FlaggedRow& f) const;
  std::string databaseNames(const std::string& codes) const;
  FlaggedRow ownFlag(db::Conn& c, const core::Principal& p, long long id) const;
  app::Context& ctx_;
  std::shared_ptr<industry::GuardService> guards_;
  FlaggedStore store_;
};

}  // namespace baoan::supervision
