#include "modules/supervision/feedback_store.h"

#include "core/data_scope.h"

namespace baoan::supervision {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT f.id, f.code, f.type, f.company_id, co.name AS company_name, f.guard_name, f.content, f.region_code, f.name, "
    "f.mobile, f.state, f.org_id, o.name AS org_name, f.org_path, f.reply, f.replied_at, f.assigned_at, f.closed_at, "
    "f.created_at, f.updated_at FROM citizen_feedback f JOIN orgs o ON o.id = f.org_id "
    "LEFT JOIN companies co ON co.id = f.company_id";
constexpr const char* kCount = "SELECT COUNT(*) FROM citizen_feedback f LEFT JOIN companies co ON co.id = f.company_id";
constexpr const char* kById = " WHERE f.id = ?";
constexpr const char* kByCode = " WHERE f.code = ?";
constexpr const char* kLatestFirst = " ORDER BY f.created_at DESC, f.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kOfType = " AND f.type = ?";
constexpr const char* kInState = " AND f.state = ?";
constexpr const char* kOfCompany = " AND f.company_id = ?";
constexpr const char* kCompanyNameContains = " AND co.name LIKE ? ESCAPE '\\'";
constexpr const char* kFrom = " AND f.created_at >= ?";
constexpr const char* kTo = " AND f.created_at <= ?";
constexpr const char* kInsert =
    "INSERT INTO citizen_feedback (code, type, company_id, guard_name, content, region_code, name, mobile, state, org_id, "
    "org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?)";
constexpr const char* kAssign =
    "UPDATE citizen_feedback SET org_id = ?, org_path = ?, state = 'assigned', assigned_at = ?, updated_at = ? WHERE id = ?";
constexpr const char* kReply =
    "UPDATE citizen_feedback SET reply = ?, replied_by = ?, replied_at = ?, state = 'replied', updated_at = ? WHERE id = ?";
constexpr const char* kClose = "UPDATE citizen_feedback SET state = 'closed', closed_at = ?, updated_at = ? WHERE id = ?";
constexpr const char* kAddEvent =
    "INSERT INTO citizen_feedback_events (feedback_id, action, org_id, from_org_id, inspection_id, content, by_user, by_name, at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kEvents =
    "SELECT e.id, e.action, e.org_id, o.name AS org_name, e.from_org_id, fo.name AS from_org_name, e.inspection_id, e.content, "
    "e.by_user, e.by_name, e.at FROM citizen_feedback_events e LEFT JOIN orgs o ON o.id = e.org_id "
    "LEFT JOIN orgs fo ON fo.id = e.from_org_id WHERE e.feedback_id = ? ORDER BY e.at, e.id";
constexpr const char* kOrgOfRegion = "SELECT id, path FROM orgs WHERE region_code = ? AND type IN ";
constexpr const char* kFirstById = " ORDER BY id LIMIT 1";
constexpr const char* kActiveCompany = "SELECT name FROM companies WHERE id = ? AND status = 'active'";
constexpr const char* kSearchCompanies =
    "SELECT id, name FROM companies WHERE status = 'active' AND name LIKE ? ESCAPE '\\' ORDER BY name, id LIMIT ?";
constexpr const char* kLastCode = "SELECT MAX(created_at) AS last_at FROM citizen_feedback_codes WHERE mobile = ?";
constexpr const char* kVoidCodes = "UPDATE citizen_feedback_codes SET used_at = ? WHERE mobile = ? AND used_at IS NULL";
constexpr const char* kInsertCode =
    "INSERT INTO citizen_feedback_codes (mobile, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)";
constexpr const char* kLiveCode =
    "SELECT id, code_hash, attempts FROM citizen_feedback_codes WHERE mobile = ? AND used_at IS NULL AND expires_at > ? "
    "ORDER BY id DESC LIMIT 1";
constexpr const char* kCountGuess = "UPDATE citizen_feedback_codes SET attempts = attempts + 1 WHERE id = ?";
constexpr const char* kUseCode = "UPDATE citizen_feedback_codes SET used_at = ? WHERE id = ?";
constexpr const char* kLimit = "SELECT limit_days FROM citizen_feedback_settings WHERE id = 1";
constexpr const char* kSetLimit = "UPDATE citizen_feedback_settings SET limit_days = ?, updated_by = ?, updated_at = ? WHERE id = 1";
constexpr long long kMaxGuesses = 5;

FeedbackRow toRow(const db::Row& r) {
  FeedbackRow f;
  f.id = r.i64("id");
  f.code = r.str("code");
  f.type = r.str("type");
  f.companyId = r.optI64("company_id");
  f.companyName = r.optStr("company_name").value_or("");
  f.guardName = r.optStr("guard_name");
  f.content = r.str("content");
  f.regionCode = r.str("region_code");
  f.name = r.optStr("name");
  f.mobile = r.str("mobile");
  f.state = r.str("state");
  f.orgId = r.i64("org_id");
  f.orgName = r.str("org_name");
  f.orgPath = r.str("org_path");
  f.reply = r.optStr("reply");
  f.repliedAt = r.optI64("replied_at");
  f.assignedAt = r.optI64("assigned_at");
  f.closedAt = r.optI64("closed_at");
  f.createdAt = r.i64("created_at");
  f.updatedAt = r.i64("updated_at");
  return f;
}

void addFeedbackEvent(db::Conn& c, long long feedbackId, const char* action, std::optional<long long> orgId,
                      std::optional<long long> fromOrgId, std::optional<long long> inspectionId, std::optional<std::string> content,
                      const FeedbackActor& by, long long at) {
  c.exec(Query(kAddEvent, feedbackId, std::string(action), orgId, fromOrgId, inspectionId, content, by.userId, by.name, at));
}

Query where(const FeedbackFilter& f) {
  Query w(" WHERE ");
  w.add(db::inScope(kFeedback, *f.scope));
  if (!f.type.empty()) w.append(kOfType, f.type);
  if (!f.state.empty()) w.append(kInState, f.state);
  if (f.companyId) w.append(kOfCompany, *f.companyId);
  if (!f.companyName.empty()) w.append(kCompanyNameContains, db::likeContains(f.companyName));
  if (f.from) w.append(kFrom, *f.from);
  if (f.to) w.append(kTo, *f.to);
  return w;
}

std::optional<long long> liveCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now) {
  auto r = c.queryOne(Query(kLiveCode, mobile, now));
  if (!r || r->i64("attempts") >= kMaxGuesses) return std::nullopt;
  if (r->str("code_hash") != hash) {
    c.exec(Query(kCountGuess, r->i64("id")));
    return std::nullopt;
  }
  return r->i64("id");
}
}  // namespace

std::pair<std::vector<FeedbackRow>, long long> FeedbackStore::list(db::Conn& c, const FeedbackFilter& f,
                                                                   const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kCount).add(w));
  std::vector<FeedbackRow> rows;
  for (const auto& r : c.query(Query(kSelect).add(w).append(kLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toRow(r));
  return {std::move(rows), total};
}

std::optional<FeedbackRow> FeedbackStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toRow(*r);
}

std::optional<FeedbackRow> FeedbackStore::byCode(db::Conn& c, const std::string& code) const {
  auto r = c.queryOne(Query(kSelect).append(kByCode, code));
  if (!r) return std::nullopt;
  return toRow(*r);
}

bool FeedbackStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kFeedback, scope, id);
}

long long FeedbackStore::insert(db::Conn& c, const NewFeedback& f, long long now) const {
  const long long id = c.insert(Query(kInsert, f.code, f.type, f.companyId, f.guardName, f.content, f.regionCode, f.name, f.mobile,
                                      f.orgId, f.orgPath, now, now));
  addFeedbackEvent(c, id, "received", f.orgId, std::nullopt, std::nullopt, std::nullopt, FeedbackActor{}, now);
  return id;
}

void FeedbackStore::assign(db::Conn& c, long long id, long long fromOrgId, long long orgId, const std::string& orgPath,
                           const FeedbackActor& by, long long now) const {
  c.exec(Query(kAssign, orgId, orgPath, now, now, id));
  addFeedbackEvent(c, id, "assigned", orgId, fromOrgId, std::nullopt, std::nullopt, by, now);
}

void FeedbackStore::reply(db::Conn& c, long long id, long long orgId, const std::string& text, const FeedbackActor& by,
                          long long now) const {
  c.exec(Query(kReply, text, by.userId.value_or(0), now, now, id));
  addFeedbackEvent(c, id, "replied", orgId, std::nullopt, std::nullopt, text, by, now);
}

void FeedbackStore::close(db::Conn& c, long long id, long long orgId, const FeedbackActor& by, long long now) const {
  c.exec(Query(kClose, now, now, id));
  addFeedbackEvent(c, id, "closed", orgId, std::nullopt, std::nullopt, std::nullopt, by, now);
}

void FeedbackStore::addInspectionEvent(db::Conn& c, long long id, long long orgId, long long inspectionId, const std::string& summary,
                                       const FeedbackActor& by, long long now) const {
  addFeedbackEvent(c, id, "inspection", orgId, std::nullopt, inspectionId, summary, by, now);
}

std::vector<FeedbackEvent> FeedbackStore::events(db::Conn& c, long long id) const {
  std::vector<FeedbackEvent> out;
  for (const auto& r : c.query(Query(kEvents, id))) {
    FeedbackEvent e;
    e.id = r.i64("id");
    e.action = r.str("action");
    e.orgId = r.optI64("org_id");
    e.orgName = r.optStr("org_name").value_or("");
    e.fromOrgId = r.optI64("from_org_id");
    e.fromOrgName = r.optStr("from_org_name").value_or("");
    e.inspectionId = r.optI64("inspection_id");
    e.content = r.optStr("content");
    e.byUser = r.optI64("by_user");
    e.byName = r.str("by_name");
    e.at = r.i64("at");
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<Bureau> FeedbackStore::orgOfRegion(db::Conn& c, const std::string& regionCode,
                                                 const std::vector<std::string>& types) const {
  auto r = c.queryOne(Query(kOrgOfRegion, regionCode).appendList(types).append(kFirstById));
  if (!r) return std::nullopt;
  return Bureau{r->i64("id"), r->str("path")};
}

std::optional<std::string> FeedbackStore::activeCompanyName(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kActiveCompany, id));
  if (!r) return std::nullopt;
  return r->str("name");
}

std::vector<std::pair<long long, std::string>> FeedbackStore::searchActiveCompanies(db::Conn& c, const std::string& text,
                                                                                    int limit) const {
  std::vector<std::pair<long long, std::string>> out;
  for (const auto& r : c.query(Query(kSearchCompanies, db::likeContains(text), limit))) out.emplace_back(r.i64("id"), r.str("name"));
  return out;
}

std::optional<long long> FeedbackStore::lastCodeAt(db::Conn& c, const std::string& mobile) const {
  auto r = c.queryOne(Query(kLastCode, mobile));
  if (!r) return std::nullopt;
  return r->optI64("last_at");
}

void FeedbackStore::storeCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now,
                              long long expiresAt) const {
  c.exec(Query(kVoidCodes, now, mobile));
  c.exec(Query(kInsertCode, mobile, hash, now, expiresAt));
}

bool FeedbackStore::checkCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now) const {
  return liveCode(c, mobile, hash, now).has_value();
}

bool FeedbackStore::consumeCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now) const {
  auto id = liveCode(c, mobile, hash, now);
  if (!id) return false;
  c.exec(Query(kUseCode, now, *id));
  return true;
}

int FeedbackStore::limitDays(db::Conn& c) const {
  const long long v = c.scalar(Query(kLimit));
  return v > 0 ? static_cast<int>(v) : 15;
}

void FeedbackStore::setLimitDays(db::Conn& c, int days, long long by, long long now) const {
  c.exec(Query(kSetLimit, days, by, now));
}

}  // namespace baoan::supervision
