#include "modules/supervision/flagged_store.h"

#include <algorithm>

#include "db/chunks.h"
#include "db/scope_sql.h"
#include "modules/industry/guard_store.h"

namespace baoan::supervision {

using db::Query;

namespace {
constexpr const char* kFlaggedSelect =
    "SELECT f.id, f.guard_id, f.id_no, f.name, g.employer_name, g.employer_kind, g.employer_id, g.employed, g.org_id, f.reason, "
    "f.database_code, f.report, f.flagged_at, f.state, f.opinion, f.opinion_by_name, f.opinion_at, f.confirmation, "
    "f.confirmed_on, f.confirmed_at FROM flagged_persons f JOIN guards g ON g.id = f.guard_id";
constexpr const char* kFlaggedCount = "SELECT COUNT(*) FROM flagged_persons f JOIN guards g ON g.id = f.guard_id";
constexpr const char* kFlaggedById = " WHERE f.id = ?";
constexpr const char* kNewestFirst = " ORDER BY f.flagged_at DESC, f.id DESC";
constexpr const char* kFlaggedPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kEmployer = " AND g.employer_kind = 'company' AND g.employer_id = ?";
constexpr const char* kNameContains = " AND f.name LIKE ? ESCAPE '\\'";
constexpr const char* kIdNoContains = " AND f.id_no LIKE ? ESCAPE '\\'";
constexpr const char* kCompanyContains = " AND g.employer_name LIKE ? ESCAPE '\\'";
constexpr const char* kReasonContains = " AND f.reason LIKE ? ESCAPE '\\'";
constexpr const char* kStateIn = " AND f.state IN ";
constexpr const char* kVisible = "SELECT f.id FROM flagged_persons f JOIN guards g ON g.id = f.guard_id WHERE f.id = ? AND ";
constexpr const char* kOfGuard = "SELECT id, state FROM flagged_persons WHERE guard_id = ?";
constexpr const char* kFlaggedInsert =
    "INSERT INTO flagged_persons (guard_id, id_no, name, reason, database_code, report, flagged_at, state, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)";
constexpr const char* kReopen =
    "UPDATE flagged_persons SET id_no = ?, name = ?, reason = ?, database_code = ?, report = ?, flagged_at = ?, state = 'pending', "
    "opinion = NULL, opinion_by_name = NULL, opinion_at = NULL, confirmation = NULL, confirmed_on = NULL, confirmed_at = NULL, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kRenew =
    "UPDATE flagged_persons SET id_no = ?, name = ?, reason = ?, database_code = ?, report = ?, updated_at = ? WHERE id = ?";
constexpr const char* kSetOpinion =
    "UPDATE flagged_persons SET state = ?, opinion = ?, opinion_by_name = ?, opinion_at = ?, confirmation = NULL, "
    "confirmed_on = NULL, confirmed_at = NULL, updated_at = ? WHERE id = ?";
constexpr const char* kAddOpinion =
    "INSERT INTO flagged_opinions (flagged_id, action, opinion, source, import_key, by_user, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kHasKey = "SELECT COUNT(*) FROM flagged_opinions WHERE flagged_id = ? AND import_key = ?";
constexpr const char* kConfirm =
    "UPDATE flagged_persons SET confirmation = ?, confirmed_on = ?, confirmed_at = ?, updated_at = ? WHERE id = ?";
constexpr const char* kFlaggedAmong =
    "SELECT guard_id FROM flagged_persons WHERE state <> 'false_positive' AND guard_id IN ";

FlaggedRow toFlaggedRow(const db::Row& r) {
  FlaggedRow f;
  f.id = r.i64("id");
  f.guardId = r.i64("guard_id");
  f.idNo = r.str("id_no");
  f.name = r.str("name");
  f.companyName = r.str("employer_name");
  f.employerKind = r.str("employer_kind");
  f.employerId = r.i64("employer_id");
  f.employed = r.boolean("employed");
  f.orgId = r.i64("org_id");
  f.reason = r.str("reason");
  f.database = r.str("database_code");
  f.report = r.str("report");
  f.flaggedAt = r.i64("flagged_at");
  f.state = r.str("state");
  f.opinion = r.optStr("opinion");
  f.opinionByName = r.optStr("opinion_by_name");
  f.opinionAt = r.optI64("opinion_at");
  f.confirmation = r.optStr("confirmation");
  f.confirmedOn = r.optStr("confirmed_on");
  f.confirmedAt = r.optI64("confirmed_at");
  return f;
}

Query whereFlagged(const FlaggedFilter& f) {
  Query w(" WHERE 1=1");
  if (f.scope) w.append(" AND ").add(db::inScope(industry::kGuards, *f.scope));
  if (f.companyId) w.append(kEmployer, *f.companyId);
  if (!f.name.empty()) w.append(kNameContains, db::likeContains(f.name));
  if (!f.idNo.empty()) w.append(kIdNoContains, db::likeContains(f.idNo));
  if (!f.companyName.empty()) w.append(kCompanyContains, db::likeContains(f.companyName));
  if (!f.reason.empty()) w.append(kReasonContains, db::likeContains(f.reason));
  if (!f.states.empty()) w.append(kStateIn).appendList(f.states);
  return w;
}
}  // namespace

std::string flaggedColumnSql(const std::string& guardIdExpr) {
  return "CASE WHEN EXISTS (SELECT 1 FROM flagged_persons fp WHERE fp.guard_id = " + guardIdExpr +
         " AND fp.state <> 'false_positive') THEN 1 ELSE 0 END";
}

std::pair<std::vector<FlaggedRow>, long long> FlaggedStore::list(db::Conn& c, const FlaggedFilter& f,
                                                                 const core::PageRequest& page) const {
  const Query w = whereFlagged(f);
  const long long total = c.scalar(Query(kFlaggedCount).add(w));
  std::vector<FlaggedRow> rows;
  for (const auto& r : c.query(Query(kFlaggedSelect).add(w).append(kNewestFirst).append(kFlaggedPageOf, page.size, page.offset())))
    rows.push_back(toFlaggedRow(r));
  return {std::move(rows), total};
}

void FlaggedStore::forEach(db::Conn& c, const FlaggedFilter& f, const std::function<void(const FlaggedRow&)>& fn) const {
  c.forEach(Query(kFlaggedSelect).add(whereFlagged(f)).append(kNewestFirst), [&](const db::Row& r) { fn(toFlaggedRow(r)); });
}

std::optional<FlaggedRow> FlaggedStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kFlaggedSelect).append(kFlaggedById, id));
  if (!r) return std::nullopt;
  return toFlaggedRow(*r);
}

bool FlaggedStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return c.queryOne(Query(kVisible, id).add(db::inScope(industry::kGuards, scope))).has_value();
}

bool FlaggedStore::upsertHit(db::Conn& c, const FlagHit& h, long long now) const {
  auto r = c.queryOne(Query(kOfGuard, h.guardId));
  if (!r) {
    c.exec(Query(kFlaggedInsert, h.guardId, h.idNo, h.name, h.reason, h.database, h.report, now, now));
    return true;
  }
  if (r->str("state") == "false_positive") {
    c.exec(Query(kReopen, h.idNo, h.name, h.reason, h.database, h.report, now, now, r->i64("id")));
    return true;
  }
  c.exec(Query(kRenew, h.idNo, h.name, h.reason, h.database, h.report, now, r->i64("id")));
  return false;
}

void FlaggedStore::setOpinion(db::Conn& c, long long id, const std::string& state, const std::string& opinion,
                              const std::string& byName, long long now) const {
  c.exec(Query(kSetOpinion, state, opinion, byName, now, now, id));
}

void FlaggedStore::addOpinion(db::Conn& c, long long id, const std::string& action, const std::string& opinion,
                              const std::string& source, const std::optional<std::string>& importKey,
                              std::optional<long long> byUser, const std::string& byName, long long now) const {
  c.exec(Query(kAddOpinion, id, action, opinion, source, importKey, byUser, byName, now));
}

bool FlaggedStore::hasImportKey(db::Conn& c, long long id, const std::string& key) const {
  return c.scalar(Query(kHasKey, id, key)) > 0;
}

void FlaggedStore::confirm(db::Conn& c, long long id, const std::string& confirmation, const std::string& on, long long now) const {
  c.exec(Query(kConfirm, confirmation, on, now, now, id));
}

std::vector<long long> FlaggedStore::flaggedAmong(db::Conn& c, const std::vector<long long>& guardIds) const {
  std::vector<long long> out;
  db::forEachChunk(guardIds, 500, [&](const std::vector<long long>& batch) {
    for (const auto& r : c.query(Query(kFlaggedAmong).appendList(batch))) out.push_back(r.i64("guard_id"));
  });
  return out;
}

}  // namespace baoan::supervision
