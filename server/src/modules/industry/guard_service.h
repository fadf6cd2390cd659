#pragma once
// Guards (§3.5): police read every guard of their jurisdiction; a company keeps its own guards
// through the portal — hire (or re-hire), edit, leave. An ID number is employed by one employer at
// a time; every create or change is logged for background screening (§9.3).
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "http/message.h"
#include "core/principal.h"
#include "modules/files/file_service.h"
#include "modules/industry/guard_store.h"

namespace baoan::industry {

class GuardService {
 public:
  // Registers with the file service who may see a guard's photo.
  GuardService(app::Context& ctx, files::FileService& files);
  // Who may see a guard: officers whose scope covers it, and its current employer.
  bool visible(db::Conn& c, const core::Principal& p, long long id);
  // Police side.
  // orgId narrows the list to that org's subtree (the org tree on the left of the page).
  nlohmann::json list(const core::Principal& p, GuardFilter f, std::optional<long long> orgId, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  // Police: the filtered guards of the caller's scope. Portal (company account): its own guards, in
  // full — the columns match the import template, so an exported roster can be imported again.
  http::Response exportFile(const core::Actor& a, GuardFilter f, std::optional<long long> orgId, const std::string& target,
                            bool portal = false);
  // Company portal side: the caller's own company only.
  nlohmann::json portalList(const core::Principal& p, GuardFilter f, const core::PageRequest& page);
  nlohmann::json portalGet(const core::Principal& p, long long id);
  nlohmann::json hire(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json leave(const core::Actor& a, long long id, const nlohmann::json& body);
  // Spreadsheet import of guards by the company (all rows or none); the template to fill in.
  http::Response importTemplate();
  nlohmann::json importGuards(const core::Actor& a, const std::string& xlsx, int& status);

  static nlohmann::json toJson(const db::Row& r, bool fullPersonal);
  // Reads and checks the person fields of a guard form (shared with spreadsheet import).
  static GuardPerson readPerson(const nlohmann::json& body, FieldErrors& errors, bool withIdNo);

 private:
  Employer ownCompany(db::Conn& c, const core::Principal& p);
  db::Row ownGuard(db::Conn& c, const core::Principal& p, long long id);
  app::Context& ctx_;
  files::FileService& files_;
  GuardStore store_;
};

}  // namespace baoan::industry
