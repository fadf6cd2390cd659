#pragma once
// SQL of 监督检查 (§9.1): inspections, their rectification events, the checklist template, and the
// registry look-ups an inspection needs (the unit inspected, the officers inspecting).
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::supervision {

inline constexpr db::ScopedTable kInspections{"inspections", "i", "org_path", "created_by"};

// What an inspection says, as written (JSON arrays kept as their text).
struct InspectionFields {
  std::string unitKind;
  std::optional<long long> unitId;
  std::string unitName;
  std::string inspectedOn, kind;
  std::vector<long long> inspectorIds;
  std::string inspectorNames;  // "张三、李四"
  std::string itemsJson;       // [{"code","result","remark"}]
  std::string findings, requirement;
  std::optional<std::string> deadline;
  std::string conclusion;
  std::vector<std::string> fileIds;
  std::string contentText;  // findings, requirement and remarks, for the search by 检查内容
  std::optional<long long> feedbackId;  // the complaint it was opened from (转检查, kind complaint_check)
};

struct InspectionRow {
  long long id = 0;
  InspectionFields f;
  std::optional<std::string> portalKind;
  std::optional<long long> portalUnitId;
  std::optional<std::string> rectState;
  long long orgId = 0;
  std::string orgPath, orgName;
  long long createdAt = 0, updatedAt = 0, createdBy = 0;
  std::optional<std::string> feedbackCode, feedbackType;  // the complaint's 查询码 and type (with feedbackId)
};

struct EventRow {
  long long id = 0;
  std::string kind;
  std::optional<std::string> content;
  std::vector<std::string> fileIds;
  long long byUserId = 0;
  std::string byName;
  long long at = 0;
};

struct ItemRow {
  std::string code, name;
  int sortOrder = 0;
  bool enabled = true;
};

// A unit of the registry an inspection can name.
struct UnitRow {
  std::string kind;
  long long id = 0;
  std::string name;
  long long orgId = 0;
  std::string orgPath;
  std::string portalKind;  // who answers on the portal: company (also a branch's), training_unit, inhouse_unit
  long long portalUnitId = 0;
  std::string mobile;  // where the SMS notices go ("" when none)
};

struct OfficerRow {
  long long id = 0;
  std::string name, orgName;
};

// The conditions of a list or export.
struct InspectionFilter {
  const core::DataScope* scope = nullptr;             // police: the caller's scope
  std::optional<std::pair<std::string, long long>> portal;  // portal: (portal kind, unit id), rectifications only
  std::optional<long long> companyId;                 // a company's details page: it and its branches
  std::string unitName, content;                      // contains
  std::string from, to;                               // inspected_on range, YYYY-MM-DD
  std::string conclusion, kind;                       // equal
  std::string rectState;                              // equal, or "overdue"
  std::string today;                                  // for "overdue"
  std::optional<long long> feedbackId;                // opened from that complaint
};

class InspectionStore {
 public:
  std::pair<std::vector<InspectionRow>, long long> list(db::Conn& c, const InspectionFilter& f, const core::PageRequest& page) const;
  void forEach(db::Conn& c, const InspectionFilter& f, const std::function<void(const InspectionRow&)>& fn) const;
  std::optional<InspectionRow> find(db::Conn& c, long long id) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  long long insert(db::Conn& c, const InspectionFields& f, const UnitRow* unit, long long orgId, const std::string& orgPath,
                   const std::optional<std::string>& rectState, long long now, long long by) const;
  void update(db::Conn& c, long long id, const InspectionFields& f, const UnitRow* unit, long long orgId, const std::string& orgPath,
              const std::optional<std::string>& rectState, long long now) const;
  // Moves the rectification from `from` to `to`; false when another request moved it first.
  bool moveState(db::Conn& c, long long id, const std::string& from, const std::string& to, long long now) const;
  // A new 整改期限 (a 复查 that sends the report back).
  void setDeadline(db::Conn& c, long long id, const std::string& deadline, long long now) const;
  void remove(db::Conn& c, long long id) const;

  void addEvent(db::Conn& c, long long inspectionId, const std::string& kind, const std::optional<std::string>& content,
                const std::vector<std::string>& fileIds, long long by, const std::string& byName, long long at) const;
  std::vector<EventRow> events(db::Conn& c, long long inspectionId) const;

  std::vector<ItemRow> items(db::Conn& c) const;
  void upsertItem(db::Conn& c, const ItemRow& item) const;
  void disableItemsExcept(db::Conn& c, const std::vector<std::string>& codes) const;

  std::optional<UnitRow> unit(db::Conn& c, const std::string& kind, long long id) const;
  // Units of one kind whose name contains `name`, in the scope: the picker of the form.
  std::vector<UnitRow> searchUnits(db::Conn& c, const std::string& kind, const std::string& name, const core::DataScope& scope,
                                   int limit) const;
  // The unit of that kind named exactly `name` in the scope (imports), if exactly one.
  std::vector<UnitRow> unitsNamed(db::Conn& c, const std::string& kind, const std::string& name, const core::DataScope& scope) const;
  // Enabled officers of the org at `orgPath` and below.
  std::vector<OfficerRow> officers(db::Conn& c, const std::string& orgPath, const std::string& name, int limit) const;
  std::optional<OfficerRow> officer(db::Conn& c, long long id, const std::string& orgPath) const;
  std::optional<OfficerRow> officerNamed(db::Conn& c, const std::string& name, const std::string& orgPath) const;
  // Portal accounts that answer for the unit (the in-app notices).
  std::vector<long long> portalUsers(db::Conn& c, const std::string& portalKind, long long portalUnitId) const;
  void message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const;

 private:
  db::Query where(const InspectionFilter& f) const;
};

}  // namespace baoan::supervision
