#pragma once
// 监督检查情况管理 (manual §9.1, issue 15): officers record their inspections of units (the registry's
// companies, branches, in-house and training units, or a unit outside it) with a checklist from the
// administrator's template; a 责令整改 opens a rectification the unit answers on its portal (整改通知,
// 整改报告) and the officer reviews (复查: accepted or sent back), each step a portal message and an SMS
// to the unit. Records are supervised by the unit's org: the lists keep to the caller's data scope.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/files/file_service.h"
#include "modules/supervision/inspection_store.h"

namespace baoan::supervision {

// The list's search (GET /inspections): all optional.
struct InspectionQuery {
  std::string unitName, content;  // contains
  std::string from, to;           // 检查日期 range, YYYY-MM-DD
  std::string conclusion, kind;   // codes
  std::string rectState;          // pending | reported | accepted | returned | overdue
  std::optional<long long> companyId;  // a company's details page: it and its branches
  std::optional<long long> feedbackId;  // opened from that complaint (转检查)
  std::string conditions;         // the request as the export's audit entry names it
};

struct InspectionImportResult {
  long long imported = 0;
  nlohmann::json errors = nlohmann::json::array();  // at most 1000 listed
  std::size_t errorCount = 0;
};

class InspectionService {
 public:
  InspectionService(app::Context& ctx, files::FileService& files);

  nlohmann::json list(const core::Principal& p, const InspectionQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);
  // 复查: {"accept", "opinion", "deadline"?} (a new deadline when sent back).
  nlohmann::json review(const core::Actor& a, long long id, const nlohmann::json& body);

  modules::ExportFile exportFile(const core::Actor& a, const InspectionQuery& q);
  modules::ExportFile importTemplate() const;
  InspectionImportResult importXlsx(const core::Actor& a, const std::string& xlsx);

  // The checklist template: {"items": [{"code", "name", "enabled", "sortOrder"}]}.
  nlohmann::json items();
  nlohmann::json saveItems(const core::Actor& a, const nlohmann::json& body);
  // The form's pickers: registry units of a kind in the caller's scope; officers of the caller's org.
  nlohmann::json units(const core::Principal& p, const std::string& kind, const std::string& name);
  nlohmann::json inspectors(const core::Principal& p, const std::string& name);

  // Portal: the unit's own rectifications (整改通知) and its 整改报告 {"content", "fileIds"}.
  nlohmann::json portalList(const core::Principal& p, const core::PageRequest& page);
  nlohmann::json portalReport(const core::Actor& a, long long id, const nlohmann::json& body);

 private:
  struct Input {
    InspectionFields f;
    std::optional<UnitRow> unit;
  };
  // Reads and checks a form (every problem at once); registry look-ups in the caller's scope.
  /// `kept`: the inspectors already on the record being edited (they stay valid though the editor's org
  /// does not cover theirs, e.g. a 科's officer editing an inspection made with their 支队's leader).
  Input readInput(db::Conn& c, const core::Principal& p, const nlohmann::json& body, const std::vector<long long>& kept = {});
  // The import: the inspectors of the inspections already on record (in the caller's scope) of the row's
  // unit and inspection date, which the row may name besides the officers of the caller's org.
  std::vector<long long> recordedInspectors(db::Conn& c, const core::Principal& p, const nlohmann::json& body) const;
  InspectionFilter filterOf(const core::Principal& p, const InspectionQuery& q) const;
  // The checklist template's names by code (one read per request).
  std::map<std::string, std::string> itemNames(db::Conn& c) const;
  nlohmann::json toJson(db::Conn& c, const InspectionRow& r, bool withHistory, const std::map<std::string, std::string>& itemNames);
  InspectionRow load(db::Conn& c, const core::Principal& p, long long id) const;
  std::optional<InspectionRow> loadPortal(db::Conn& c, const core::Principal& p, long long id) const;
  // The in-app notice to the unit's portal accounts and the SMS to its mobile.
  void notifyUnit(db::Conn& c, const InspectionRow& r, const std::string& purpose, const std::string& title, const std::string& body);
  long long write(db::Conn& c, const core::Actor& a, const Input& in);

  app::Context& ctx_;
  files::FileService& files_;
  InspectionStore store_;
};

}  // namespace baoan::supervision
