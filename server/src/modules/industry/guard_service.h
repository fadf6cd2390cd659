#pragma once
// Guards (§3.5): police read every guard of their jurisdiction; a company keeps its own guards
// through the portal — hire (or re-hire), edit, leave, import. An ID number is employed by one
// employer at a time; every create or change is logged for background screening (§9.3).
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/files/file_service.h"
#include "modules/industry/company_store.h"
#include "modules/industry/good_deed_store.h"
#include "modules/industry/guard_store.h"

namespace baoan::industry {

// The outcome of a spreadsheet import: all rows imported, or none and every bad row's problems.
struct GuardImportResult {
  long long imported = 0;
  nlohmann::json errors = nlohmann::json::array();  // the problems, at most 1000 listed
  std::size_t errorCount = 0;                       // all of them
};

// One page of a guard list, as the list routes answer it (guard_json.h writes it).
struct GuardPage {
  std::vector<GuardRow> rows;
  long long total = 0;
  core::PageRequest page;
  bool fullPersonal = false;  // ID numbers and mobiles unmasked
  // 问题人员 (§9.3): on the police list, the ids of the rows' guards with an open flag; each item then
  // carries "flagged". Never on the company's own list.
  std::optional<std::set<long long>> flagged;
};

class GuardService {
 public:
  // Registers with the file service who may see a guard's photo.
  GuardService(app::Context& ctx, files::FileService& files);
  // Who may see a guard: officers whose scope covers it, and its current employer.
  bool visible(db::Conn& c, const core::Principal& p, long long id);

  // Police side. orgId narrows the list to that org's subtree (the org tree on the left of the page);
  // `conditions` is the request as the export's audit entry names it.
  GuardPage list(const core::Principal& p, GuardFilter f, std::optional<long long> orgId, const core::PageRequest& page);
  nlohmann::json get(const core::Actor& a, long long id);
  // 人员统计 (§7.2): {"total", "groups": [{"key", "label", "count"}]} of the list's guards by one
  // dimension (region or one of guardDimensions()); a group's count is the list's total with the filter
  // of the same name (regionCode for region) set to the group's key.
  nlohmann::json stats(const core::Principal& p, GuardFilter f, std::optional<long long> orgId, const std::string& groupBy);
  modules::ExportFile exportFile(const core::Actor& a, GuardFilter f, std::optional<long long> orgId, const std::string& conditions);

  // Company portal side: the caller's own company only. Its roster export is in full, in the columns
  // of the import template, so that an exported roster can be imported again.
  GuardPage portalList(const core::Principal& p, GuardFilter f, const core::PageRequest& page);
  nlohmann::json portalGet(const core::Principal& p, long long id);
  modules::ExportFile portalExport(const core::Actor& a, GuardFilter f, const std::string& conditions);
  nlohmann::json hire(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json leave(const core::Actor& a, long long id, const nlohmann::json& body);
  // Spreadsheet import of guards by the company (all rows or none); the template to fill in.
  modules::ExportFile importTemplate();
  GuardImportResult importGuards(const core::Actor& a, const std::string& xlsx);

  // For the registries of employers, inside their transactions: an edited employer's guards follow
  // its name and org; the guards it employs now.
  static void followEmployer(db::Conn& c, const Employer& e);
  static long long countEmployed(db::Conn& c, const std::string& employerKind, long long employerId);
  // 发放登记 of a 保安员证 (modules/certificates), inside its transaction: the guard with this ID
  // number, when the registry has one, gets the certificate's number and date; false when none.
  static bool recordCertificate(db::Conn& c, const std::string& idNo, const std::string& number, const std::string& date);

  // For other modules' searches (一键搜 of the map, modules/map): one page of guards the principal's scope
  // covers, through the list's own plans and indexes; ID numbers and mobiles in full when the role holds
  // guard:pii (as the list).
  static GuardPage find(db::Conn& c, const core::Principal& p, const GuardFilter& f, const core::PageRequest& page);

  // Moves the row's text into the document (an export builds one per row).
  static nlohmann::json toJson(GuardRow&& g, bool fullPersonal);
  // Reads and checks the person fields of a guard form (shared with spreadsheet import).
  static GuardPerson readPerson(const nlohmann::json& body, FieldErrors& errors, bool withIdNo);

 private:
  modules::ExportFile exportGuards(const core::Actor& a, const GuardFilter& f, const core::DataScope* scope, bool fullPersonal,
                                   const std::string& conditions);
  // The org picked in the tree and the region filter, as the subtree the list is narrowed to.
  static void narrow(db::Conn& c, const core::Principal& p, GuardFilter& f, std::optional<long long> orgId);
  Employer ownCompany(db::Conn& c, const core::Principal& p);
  GuardRow ownGuard(db::Conn& c, const core::Principal& p, long long id);
  void rehire(db::Conn& c, long long id, const GuardPerson& person, const Employer& company, const std::string& hiredOn,
              long long by);
  app::Context& ctx_;
  files::FileService& files_;
  GuardStore store_;
  CompanyStore companies_;
  GoodDeedStore deeds_;
};

}  // namespace baoan::industry
