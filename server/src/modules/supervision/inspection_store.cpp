#include "modules/supervision/inspection_store.h"

#include <nlohmann/json.hpp>

namespace baoan::supervision {

using db::Query;
using nlohmann::json;

namespace {
// The named queries of this store.
constexpr const char* kInspectionSelect =
    "SELECT i.id, i.unit_kind, i.unit_id, i.unit_name, i.portal_kind, i.portal_unit_id, i.inspected_on, i.kind, i.inspector_ids, "
    "i.inspector_names, i.items, i.findings, i.requirement, i.deadline, i.conclusion, i.file_ids, i.content_text, i.rect_state, "
    "i.org_id, i.org_path, o.name AS org_name, i.created_at, i.updated_at, i.created_by, i.feedback_id, fb.code AS feedback_code, "
    "fb.type AS feedback_type "
    "FROM inspections i JOIN orgs o ON o.id = i.org_id LEFT JOIN citizen_feedback fb ON fb.id = i.feedback_id";
constexpr const char* kInspectionCount = "SELECT COUNT(*) FROM inspections i";
constexpr const char* kInspectionById = " WHERE i.id = ?";
constexpr const char* kInspectionLatestFirst = " ORDER BY i.inspected_on DESC, i.id DESC";
constexpr const char* kInspectionPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kOfPortal = " AND i.portal_kind = ? AND i.portal_unit_id = ? AND i.rect_state IS NOT NULL";
constexpr const char* kInspectionOfCompany = " AND i.portal_kind = 'company' AND i.portal_unit_id = ?";
constexpr const char* kUnitNameContains = " AND i.unit_name LIKE ? ESCAPE '\\'";
constexpr const char* kContentContains = " AND i.content_text LIKE ? ESCAPE '\\'";
constexpr const char* kInspectionFrom = " AND i.inspected_on >= ?";
constexpr const char* kInspectionTo = " AND i.inspected_on <= ?";
constexpr const char* kConclusionIs = " AND i.conclusion = ?";
constexpr const char* kKindIs = " AND i.kind = ?";
constexpr const char* kStateIs = " AND i.rect_state = ?";
constexpr const char* kFeedbackIs = " AND i.feedback_id = ?";
constexpr const char* kOverdue = " AND i.rect_state IN ('pending', 'reported', 'returned') AND i.deadline < ?";
constexpr const char* kInspectionInsert =
    "INSERT INTO inspections (unit_kind, unit_id, unit_name, portal_kind, portal_unit_id, inspected_on, kind, inspector_ids, "
    "inspector_names, items, findings, requirement, deadline, conclusion, file_ids, content_text, rect_state, org_id, org_path, "
    "created_at, updated_at, created_by, feedback_id) VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE inspections SET unit_kind = ?, unit_id = ?, unit_name = ?, portal_kind = NULLIF(?, ''), portal_unit_id = NULLIF(?, 0), "
    "inspected_on = ?, "
    "kind = ?, inspector_ids = ?, inspector_names = ?, items = ?, findings = ?, requirement = ?, deadline = ?, conclusion = ?, "
    "file_ids = ?, content_text = ?, rect_state = ?, org_id = ?, org_path = ?, updated_at = ?, feedback_id = ? WHERE id = ?";
constexpr const char* kMoveState = "UPDATE inspections SET rect_state = ?, updated_at = ? WHERE id = ? AND rect_state = ?";
constexpr const char* kSetDeadline = "UPDATE inspections SET deadline = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDeleteEvents = "DELETE FROM inspection_events WHERE inspection_id = ?";
constexpr const char* kDelete = "DELETE FROM inspections WHERE id = ?";
constexpr const char* kInsertEvent =
    "INSERT INTO inspection_events (inspection_id, kind, content, file_ids, by_user_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kEvents =
    "SELECT id, kind, content, file_ids, by_user_id, by_name, at FROM inspection_events WHERE inspection_id = ? ORDER BY id";
constexpr const char* kItems = "SELECT code, name, sort_order, enabled FROM inspection_items ORDER BY sort_order, code";
constexpr const char* kItemExists = "SELECT COUNT(*) FROM inspection_items WHERE code = ?";
constexpr const char* kInsertItem = "INSERT INTO inspection_items (code, name, sort_order, enabled) VALUES (?, ?, ?, ?)";
constexpr const char* kUpdateItem = "UPDATE inspection_items SET name = ?, sort_order = ?, enabled = ? WHERE code = ?";
constexpr const char* kDisableItems = "UPDATE inspection_items SET enabled = 0 WHERE code NOT IN ";
constexpr const char* kDisableAllItems = "UPDATE inspection_items SET enabled = 0";
// The registry's units, one select per kind (the kind is one of these keys, never user text).
constexpr const char* kCompanies =
    "SELECT 'company' AS kind, u.id, u.name, u.org_id, u.org_path, 'company' AS portal_kind, u.id AS portal_unit_id, "
    "u.legal_mobile AS mobile FROM companies u";
constexpr const char* kBranches =
    "SELECT 'branch' AS kind, u.id, u.name, u.org_id, u.org_path, 'company' AS portal_kind, u.company_id AS portal_unit_id, "
    "u.head_mobile AS mobile FROM company_branches u";
constexpr const char* kInhouseUnits =
    "SELECT 'inhouse_unit' AS kind, u.id, u.name, u.org_id, u.org_path, 'inhouse_unit' AS portal_kind, u.id AS portal_unit_id, "
    "COALESCE(u.principal_mobile, u.legal_mobile) AS mobile FROM inhouse_units u";
constexpr const char* kTrainingUnits =
    "SELECT 'training_unit' AS kind, u.id, u.name, u.org_id, u.org_path, 'training_unit' AS portal_kind, u.id AS portal_unit_id, "
    "COALESCE(u.principal_mobile, u.leader_mobile, '') AS mobile FROM training_units u";
constexpr const char* kUnitById = " WHERE u.id = ?";
constexpr const char* kUnitNameLike = " WHERE u.name LIKE ? ESCAPE '\\' AND ";
constexpr const char* kUnitNameIs = " WHERE u.name = ? AND ";
constexpr const char* kUnitOrder = " ORDER BY u.name, u.id LIMIT ?";
constexpr const char* kOfficers =
    "SELECT u.id, u.name, o.name AS org_name FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.kind = 'officer' AND u.enabled = 1 "
    "AND u.org_path >= ? AND u.org_path < ?";
constexpr const char* kOfficerId = " AND u.id = ?";
constexpr const char* kOfficerNameLike = " AND u.name LIKE ? ESCAPE '\\'";
constexpr const char* kOfficerNameIs = " AND u.name = ?";
constexpr const char* kOfficerOrder = " ORDER BY u.name, u.id LIMIT ?";
constexpr const char* kPortalUsers = "SELECT id FROM users WHERE kind = 'company' AND company_id = ? AND enabled = 1";
constexpr const char* kPortalUnitUsers = "SELECT id FROM users WHERE kind = ? AND unit_id = ? AND enabled = 1";
constexpr const char* kInsertMessage = "INSERT INTO portal_messages (user_id, title, body, created_at) VALUES (?, ?, ?, ?)";

const char* unitSelect(const std::string& kind) {
  if (kind == "company") return kCompanies;
  if (kind == "branch") return kBranches;
  if (kind == "inhouse_unit") return kInhouseUnits;
  if (kind == "training_unit") return kTrainingUnits;
  return nullptr;
}

std::vector<long long> idsOf(const std::string& text) {
  std::vector<long long> out;
  const json j = json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_number_integer()) out.push_back(v.get<long long>());
  return out;
}

std::vector<std::string> stringsOf(const std::string& text) {
  std::vector<std::string> out;
  const json j = json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

InspectionRow toRowInspection(const db::Row& r) {
  InspectionRow x;
  x.id = r.i64("id");
  x.f.unitKind = r.str("unit_kind");
  x.f.unitId = r.optI64("unit_id");
  x.f.unitName = r.str("unit_name");
  x.portalKind = r.optStr("portal_kind");
  x.portalUnitId = r.optI64("portal_unit_id");
  x.f.inspectedOn = r.str("inspected_on");
  x.f.kind = r.str("kind");
  x.f.inspectorIds = idsOf(r.str("inspector_ids"));
  x.f.inspectorNames = r.str("inspector_names");
  x.f.itemsJson = r.str("items");
  x.f.findings = r.str("findings");
  x.f.requirement = r.str("requirement");
  x.f.deadline = r.optStr("deadline");
  x.f.conclusion = r.str("conclusion");
  x.f.fileIds = stringsOf(r.str("file_ids"));
  x.f.contentText = r.str("content_text");
  x.rectState = r.optStr("rect_state");
  x.orgId = r.i64("org_id");
  x.orgPath = r.str("org_path");
  x.orgName = r.str("org_name");
  x.createdAt = r.i64("created_at");
  x.updatedAt = r.i64("updated_at");
  x.createdBy = r.i64("created_by");
  x.f.feedbackId = r.optI64("feedback_id");
  x.feedbackCode = r.optStr("feedback_code");
  x.feedbackType = r.optStr("feedback_type");
  return x;
}

UnitRow toUnit(const db::Row& r) {
  return {r.str("kind"),        r.i64("id"), r.str("name"), r.i64("org_id"), r.str("org_path"), r.str("portal_kind"),
          r.i64("portal_unit_id"), r.str("mobile")};
}

void appendContains(Query& w, const char* condition, const std::string& text) {
  if (!text.empty()) w.append(condition, db::likeContains(text));
}

std::string jsonText(const std::vector<long long>& v) { return json(v).dump(); }
std::string jsonText(const std::vector<std::string>& v) { return json(v).dump(); }
}  // namespace

Query InspectionStore::where(const InspectionFilter& f) const {
  Query w(" WHERE ");
  if (f.portal) w.append("1 = 1").append(kOfPortal, f.portal->first, f.portal->second);
  else w.add(db::inScope(kInspections, *f.scope));
  if (f.companyId) w.append(kInspectionOfCompany, *f.companyId);
  appendContains(w, kUnitNameContains, f.unitName);
  appendContains(w, kContentContains, f.content);
  if (!f.from.empty()) w.append(kInspectionFrom, f.from);
  if (!f.to.empty()) w.append(kInspectionTo, f.to);
  if (!f.conclusion.empty()) w.append(kConclusionIs, f.conclusion);
  if (!f.kind.empty()) w.append(kKindIs, f.kind);
  if (f.rectState == "overdue") w.append(kOverdue, f.today);
  else if (!f.rectState.empty()) w.append(kStateIs, f.rectState);
  if (f.feedbackId) w.append(kFeedbackIs, *f.feedbackId);
  return w;
}

std::pair<std::vector<InspectionRow>, long long> InspectionStore::list(db::Conn& c, const InspectionFilter& f,
                                                                       const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kInspectionCount).add(w));
  std::vector<InspectionRow> rows;
  for (const auto& r : c.query(Query(kInspectionSelect).add(w).append(kInspectionLatestFirst).append(kInspectionPageOf, page.size, page.offset())))
    rows.push_back(toRowInspection(r));
  return {std::move(rows), total};
}

void InspectionStore::forEach(db::Conn& c, const InspectionFilter& f, const std::function<void(const InspectionRow&)>& fn) const {
  c.forEach(Query(kInspectionSelect).add(where(f)).append(kInspectionLatestFirst), [&](const db::Row& r) { fn(toRowInspection(r)); });
}

std::optional<InspectionRow> InspectionStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kInspectionSelect).append(kInspectionById, id));
  if (!r) return std::nullopt;
  return toRowInspection(*r);
}

bool InspectionStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kInspections, scope, id);
}

long long InspectionStore::insert(db::Conn& c, const InspectionFields& f, const UnitRow* unit, long long orgId,
                                  const std::string& orgPath, const std::optional<std::string>& rectState, long long now,
                                  long long by) const {
  // No unit (a unit outside the registry): no portal; NULLIF in the statement stores NULL.
  const std::string portalKind = unit ? unit->portalKind : std::string();
  const long long portalUnit = unit ? unit->portalUnitId : 0;
  return c.insert(Query(kInspectionInsert, f.unitKind, f.unitId, f.unitName, portalKind, portalUnit, f.inspectedOn, f.kind,
                        jsonText(f.inspectorIds), f.inspectorNames, f.itemsJson, f.findings, f.requirement, f.deadline, f.conclusion,
                        jsonText(f.fileIds), f.contentText, rectState, orgId, orgPath, now, now, by, f.feedbackId));
}

void InspectionStore::update(db::Conn& c, long long id, const InspectionFields& f, const UnitRow* unit, long long orgId,
                             const std::string& orgPath, const std::optional<std::string>& rectState, long long now) const {
  // No unit (a unit outside the registry): no portal; NULLIF in the statement stores NULL.
  const std::string portalKind = unit ? unit->portalKind : std::string();
  const long long portalUnit = unit ? unit->portalUnitId : 0;
  c.exec(Query(kUpdate, f.unitKind, f.unitId, f.unitName, portalKind, portalUnit, f.inspectedOn, f.kind, jsonText(f.inspectorIds),
               f.inspectorNames, f.itemsJson, f.findings, f.requirement, f.deadline, f.conclusion, jsonText(f.fileIds), f.contentText,
               rectState, orgId, orgPath, now, f.feedbackId, id));
}

bool InspectionStore::moveState(db::Conn& c, long long id, const std::string& from, const std::string& to, long long now) const {
  return c.exec(Query(kMoveState, to, now, id, from)) == 1;
}

void InspectionStore::setDeadline(db::Conn& c, long long id, const std::string& deadline, long long now) const {
  c.exec(Query(kSetDeadline, deadline, now, id));
}

void InspectionStore::remove(db::Conn& c, long long id) const {
  c.exec(Query(kDeleteEvents, id));
  c.exec(Query(kDelete, id));
}

void InspectionStore::addEvent(db::Conn& c, long long inspectionId, const std::string& kind, const std::optional<std::string>& content,
                               const std::vector<std::string>& fileIds, long long by, const std::string& byName, long long at) const {
  c.exec(Query(kInsertEvent, inspectionId, kind, content, jsonText(fileIds), by, byName, at));
}

std::vector<EventRow> InspectionStore::events(db::Conn& c, long long inspectionId) const {
  std::vector<EventRow> out;
  for (const auto& r : c.query(Query(kEvents, inspectionId)))
    out.push_back({r.i64("id"), r.str("kind"), r.optStr("content"), stringsOf(r.str("file_ids")), r.i64("by_user_id"), r.str("by_name"),
                   r.i64("at")});
  return out;
}

std::vector<ItemRow> InspectionStore::items(db::Conn& c) const {
  std::vector<ItemRow> out;
  for (const auto& r : c.query(Query(kItems)))
    out.push_back({r.str("code"), r.str("name"), static_cast<int>(r.i64("sort_order")), r.boolean("enabled")});
  return out;
}

void InspectionStore::upsertItem(db::Conn& c, const ItemRow& item) const {
  if (c.scalar(Query(kItemExists, item.code)) > 0) c.exec(Query(kUpdateItem, item.name, item.sortOrder, item.enabled, item.code));
  else c.exec(Query(kInsertItem, item.code, item.name, item.sortOrder, item.enabled));
}

void InspectionStore::disableItemsExcept(db::Conn& c, const std::vector<std::string>& codes) const {
  if (codes.empty()) {
    c.exec(Query(kDisableAllItems));
    return;
  }
  c.exec(Query(kDisableItems).appendList(codes));
}

std::optional<UnitRow> InspectionStore::unit(db::Conn& c, const std::string& kind, long long id) const {
  const char* select = unitSelect(kind);
  if (!select) return std::nullopt;
  auto r = c.queryOne(Query(select).append(kUnitById, id));
  if (!r) return std::nullopt;
  return toUnit(*r);
}

std::vector<UnitRow> InspectionStore::searchUnits(db::Conn& c, const std::string& kind, const std::string& name,
                                                  const core::DataScope& scope, int limit) const {
  std::vector<UnitRow> out;
  const char* select = unitSelect(kind);
  if (!select) return out;
  Query q(select);
  q.append(kUnitNameLike, db::likeContains(name));
  db::appendScope(q, scope, "u.org_path", "u.created_by");
  q.append(kUnitOrder, limit);
  for (const auto& r : c.query(q)) out.push_back(toUnit(r));
  return out;
}

std::vector<UnitRow> InspectionStore::unitsNamed(db::Conn& c, const std::string& kind, const std::string& name,
                                                 const core::DataScope& scope) const {
  std::vector<UnitRow> out;
  const char* select = unitSelect(kind);
  if (!select) return out;
  Query q(select);
  q.append(kUnitNameIs, name);
  db::appendScope(q, scope, "u.org_path", "u.created_by");
  q.append(kUnitOrder, 2);
  for (const auto& r : c.query(q)) out.push_back(toUnit(r));
  return out;
}

std::vector<OfficerRow> InspectionStore::officers(db::Conn& c, const std::string& orgPath, const std::string& name, int limit) const {
  Query q(kOfficers, orgPath, core::pathUpperBound(orgPath));
  appendContains(q, kOfficerNameLike, name);
  q.append(kOfficerOrder, limit);
  std::vector<OfficerRow> out;
  for (const auto& r : c.query(q)) out.push_back({r.i64("id"), r.str("name"), r.str("org_name")});
  return out;
}

std::optional<OfficerRow> InspectionStore::officer(db::Conn& c, long long id, const std::string& orgPath) const {
  auto r = c.queryOne(Query(kOfficers, orgPath, core::pathUpperBound(orgPath)).append(kOfficerId, id).append(kOfficerOrder, 1));
  if (!r) return std::nullopt;
  return OfficerRow{r->i64("id"), r->str("name"), r->str("org_name")};
}

std::optional<OfficerRow> InspectionStore::officerNamed(db::Conn& c, const std::string& name, const std::string& orgPath) const {
  auto r = c.queryOne(Query(kOfficers, orgPath, core::pathUpperBound(orgPath)).append(kOfficerNameIs, name).append(kOfficerOrder, 1));
  if (!r) return std::nullopt;
  return OfficerRow{r->i64("id"), r->str("name"), r->str("org_name")};
}

std::vector<long long> InspectionStore::portalUsers(db::Conn& c, const std::string& portalKind, long long portalUnitId) const {
  std::vector<long long> out;
  const Query q = portalKind == "company" ? Query(kPortalUsers, portalUnitId) : Query(kPortalUnitUsers, portalKind, portalUnitId);
  for (const auto& r : c.query(q)) out.push_back(r.i64("id"));
  return out;
}

void InspectionStore::message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const {
  c.exec(Query(kInsertMessage, userId, title, body, at));
}

}  // namespace baoan::supervision
