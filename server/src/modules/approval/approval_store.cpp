#include "modules/approval/approval_store.h"

#include <algorithm>
#include <unordered_set>

#include "core/clock.h"
#include "db/chunks.h"

namespace baoan::approval {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kCurrentChain =
    "SELECT id, business_type, version, steps FROM workflow_versions WHERE business_type = ? ORDER BY version DESC LIMIT 1";
constexpr const char* kChainById = "SELECT id, business_type, version, steps FROM workflow_versions WHERE id = ?";
constexpr const char* kInsertChain =
    "INSERT INTO workflow_versions (business_type, version, steps, created_at, created_by) VALUES (?, ?, ?, ?, ?)";

constexpr const char* kCaseColumns =
    "a.id, a.case_no, a.business_type, a.workflow_version_id, a.status, a.applicant_user_id, a.applicant_company_id, "
    "a.applicant_name, a.applicant_code, a.region_code, a.form, a.step_index, a.step_post, a.level_org_id, a.handler_user_id, "
    "a.step_arrived_at, a.submitted_at, a.accepted_at, a.decided_at, a.paused_at, a.pause_kind, a.pauses, a.extension_days, "
    "a.correction_items, a.public_reason, a.previous_state, a.last_action_by, a.version, a.org_path, a.created_at, a.updated_at, "
    "a.key_value, a.late_filing, h.name AS handler_name";
constexpr const char* kCaseFrom = " FROM applications a LEFT JOIN users h ON h.id = a.handler_user_id";
constexpr const char* kCountFrom = "SELECT COUNT(*) FROM applications a";
constexpr const char* kById = " WHERE a.id = ?";
constexpr const char* kInsertCase =
    "INSERT INTO applications (business_type, workflow_version_id, status, applicant_user_id, applicant_company_id, applicant_name, "
    "applicant_code, region_code, form, org_path, created_at, updated_at, key_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSetCaseNo = "UPDATE applications SET case_no = ? WHERE id = ?";
constexpr const char* kUpdateForm =
    "UPDATE applications SET form = ?, applicant_name = ?, key_value = ?, region_code = ?, updated_at = ?, version = version + 1 "
    "WHERE id = ?";
constexpr const char* kSetLateFiling = "UPDATE applications SET late_filing = ? WHERE id = ?";
constexpr const char* kSave =
    "UPDATE applications SET status = ?, step_index = ?, step_post = ?, level_org_id = ?, handler_user_id = ?, step_arrived_at = ?, "
    "accepted_at = ?, submitted_at = ?, decided_at = ?, paused_at = ?, pause_kind = ?, pauses = ?, extension_days = ?, "
    "correction_items = ?, public_reason = ?, previous_state = ?, last_action_by = ?, workflow_version_id = ?, org_path = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
constexpr const char* kHandledBy = "SELECT COUNT(*) FROM application_log WHERE application_id = ? AND user_id = ?";

// 待办: waiting (submitted, in review or paused) at one of the user's posts in the org they act for,
// for anyone holding the post there or for this user.
constexpr const char* kWaiting = " WHERE a.status IN ('submitted', 'in_review', 'paused') AND ";
constexpr const char* kWaitingFor = "(a.level_org_id = ? AND (a.handler_user_id IS NULL OR a.handler_user_id = ?) AND ";
constexpr const char* kPostIs = "(a.business_type = ? AND a.step_post = ?)";
constexpr const char* kDoneBy = " WHERE a.id IN (SELECT application_id FROM application_log WHERE user_id = ?)";
constexpr const char* kOfApplicant = " WHERE a.applicant_user_id = ?";
constexpr const char* kTypeIs = " AND a.business_type = ?";
constexpr const char* kCaseNoContains = " AND a.case_no LIKE ? ESCAPE '\\'";
constexpr const char* kApplicantContains = " AND a.applicant_name LIKE ? ESCAPE '\\'";
constexpr const char* kStatusIs = " AND a.status = ?";
constexpr const char* kKeyContains = " AND a.key_value LIKE ? ESCAPE '\\'";
constexpr const char* kSubmittedFrom = " AND a.submitted_at >= ?";
constexpr const char* kSubmittedTo = " AND a.submitted_at <= ?";
constexpr const char* kRegionUnder = " AND a.region_code LIKE ?";
constexpr const char* kNotDraft = " AND a.status <> 'draft'";
constexpr const char* kOldestFirst = " ORDER BY a.step_arrived_at, a.id";
constexpr const char* kLatestFirst = " ORDER BY a.updated_at DESC, a.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";

constexpr const char* kInsertLog =
    "INSERT INTO application_log (application_id, at, user_id, user_name, org_name, post, post_name, on_behalf_of, step_index, "
    "step_name, action, action_name, opinion, public_note, working_days, natural_days) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kLogOf =
    "SELECT at, user_id, user_name, org_name, post, post_name, on_behalf_of, step_index, step_name, action, action_name, opinion, "
    "public_note, working_days, natural_days FROM application_log WHERE application_id = ? ORDER BY id";
constexpr const char* kUrgedSince = "SELECT COUNT(*) FROM application_log WHERE application_id = ? AND action = 'urge' AND at >= ?";

constexpr const char* kOrgAtLevel = "SELECT id, path FROM orgs WHERE region_code = ? AND type IN ";
constexpr const char* kFirstOrg = " ORDER BY id LIMIT 1";
constexpr const char* kOrgTypes = "SELECT id, type, path FROM orgs WHERE path IN ";
constexpr const char* kPostsOf = "SELECT business_type, post FROM user_approval_posts WHERE user_id = ? ORDER BY business_type";
constexpr const char* kHolderCandidates =
    "SELECT u.id, u.name, u.mobile, u.org_path, o.name AS org_name FROM users u JOIN user_approval_posts p ON p.user_id = u.id "
    "JOIN orgs o ON o.id = u.org_id WHERE p.business_type = ? AND p.post = ? AND u.enabled = 1 AND u.org_path >= ? AND u.org_path < ? "
    "ORDER BY u.id";
constexpr const char* kOrgPath = "SELECT path FROM orgs WHERE id = ?";
constexpr const char* kUserName = "SELECT name FROM users WHERE id = ?";
constexpr const char* kUserMobile = "SELECT mobile FROM users WHERE id = ?";
constexpr const char* kUserPath = "SELECT org_path FROM users WHERE id = ? AND enabled = 1";

constexpr const char* kCompanyApplicant = "SELECT name, credit_code, region_code, org_path FROM companies WHERE id = ?";
constexpr const char* kSignedUpAs = "SELECT unit_kind FROM users WHERE id = ?";
constexpr const char* kSetUnitKind = "UPDATE users SET unit_kind = ? WHERE id = ?";
// The ones among a list of guard ids (kEmployedByIn + "(?, ?, …)") the company employs now.
constexpr const char* kEmployedByIn = "SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 AND id IN ";
// Ids bound per query of kEmployedByIn: far below SQLite's limit of bound parameters (32 766).
constexpr std::size_t kEmployedByChunk = 500;
constexpr const char* kAccountApplicant =
    "SELECT u.name, u.account, o.region_code, u.org_path FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?";
constexpr const char* kLastSignUpCode = "SELECT MAX(created_at) AS last_at FROM sign_up_codes WHERE mobile = ?";
constexpr const char* kVoidSignUpCodes = "UPDATE sign_up_codes SET used_at = ? WHERE mobile = ? AND used_at IS NULL";
constexpr const char* kInsertSignUpCode = "INSERT INTO sign_up_codes (mobile, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)";
constexpr const char* kLiveSignUpCode =
    "SELECT id, code_hash, attempts FROM sign_up_codes WHERE mobile = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1";
constexpr const char* kCountSignUpAttempt = "UPDATE sign_up_codes SET attempts = attempts + 1 WHERE id = ?";
constexpr const char* kUseSignUpCode = "UPDATE sign_up_codes SET used_at = ? WHERE id = ?";
constexpr const char* kCompanyWithCode = "SELECT COUNT(*) FROM companies WHERE credit_code = ?";
constexpr const char* kInsertMessage =
    "INSERT INTO portal_messages (user_id, application_id, title, body, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kMessages =
    "SELECT id, application_id, title, body, created_at, read_at FROM portal_messages WHERE user_id = ? ORDER BY id DESC LIMIT 200";
constexpr const char* kDelegationColumns =
    "SELECT d.id, d.user_id, d.deputy_id, d.starts_on, d.ends_on, d.created_at, u.name AS user_name, u.org_path AS user_org_path, "
    "p.name AS deputy_name, o.name AS deputy_org_name FROM approval_delegations d JOIN users u ON u.id = d.user_id "
    "JOIN users p ON p.id = d.deputy_id JOIN orgs o ON o.id = p.org_id";
constexpr const char* kDelegationsOf = " WHERE d.user_id = ? AND d.ends_on >= ? ORDER BY d.starts_on, d.id";
constexpr const char* kDeputyFor =
    " WHERE d.deputy_id = ? AND d.starts_on <= ? AND u.enabled = 1 ORDER BY d.id";
constexpr const char* kInsertDelegation =
    "INSERT INTO approval_delegations (user_id, deputy_id, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kDeleteDelegation = "DELETE FROM approval_delegations WHERE id = ? AND user_id = ?";
constexpr const char* kSharingAPost =
    "SELECT DISTINCT u.id, u.name, u.mobile, u.org_path, o.name AS org_name FROM users u JOIN orgs o ON o.id = u.org_id "
    "JOIN user_approval_posts p ON p.user_id = u.id JOIN user_approval_posts mine ON mine.business_type = p.business_type "
    "AND mine.post = p.post AND mine.user_id = ? WHERE u.id <> ? AND u.enabled = 1 ORDER BY u.id";
constexpr const char* kUserOrgPath = "SELECT org_path FROM users WHERE id = ?";
constexpr const char* kPhrasesOf = "SELECT id, text FROM opinion_phrases WHERE user_id = ? ORDER BY id";
constexpr const char* kInsertPhrase = "INSERT INTO opinion_phrases (user_id, text, created_at) VALUES (?, ?, ?)";
constexpr const char* kDeletePhrase = "DELETE FROM opinion_phrases WHERE id = ? AND user_id = ?";

Chain toChain(const db::Row& r) {
  Chain ch;
  ch.id = r.i64("id");
  ch.businessType = r.str("business_type");
  ch.version = static_cast<int>(r.i64("version"));
  ch.steps = readSteps(nlohmann::json::parse(r.str("steps")));
  return ch;
}

std::optional<int> optInt(const db::Row& r, const char* col) {
  auto v = r.optI64(col);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

CaseRow toCase(const db::Row& r) {
  CaseRow c;
  c.id = r.i64("id");
  c.caseNo = r.optStr("case_no");
  c.businessType = r.str("business_type");
  c.workflowVersionId = r.i64("workflow_version_id");
  c.applicantUserId = r.i64("applicant_user_id");
  c.applicantCompanyId = r.optI64("applicant_company_id");
  c.applicantName = r.str("applicant_name");
  c.applicantCode = r.str("applicant_code");
  c.regionCode = r.str("region_code");
  c.form = r.str("form");
  c.state.status = r.str("status");
  c.state.stepIndex = optInt(r, "step_index");
  c.state.stepPost = r.optStr("step_post");
  c.state.levelOrgId = r.optI64("level_org_id");
  c.state.handlerUserId = r.optI64("handler_user_id");
  c.state.stepArrivedAt = r.optI64("step_arrived_at");
  c.state.acceptedAt = r.optI64("accepted_at");
  c.submittedAt = r.optI64("submitted_at");
  c.decidedAt = r.optI64("decided_at");
  c.pausedAt = r.optI64("paused_at");
  c.pauseKind = r.optStr("pause_kind");
  c.pauses = r.str("pauses");
  c.extensionDays = static_cast<int>(r.i64("extension_days"));
  c.correctionItems = r.optStr("correction_items");
  c.publicReason = r.optStr("public_reason");
  c.previousState = r.optStr("previous_state");
  c.lastActionBy = r.optI64("last_action_by");
  c.version = static_cast<int>(r.i64("version"));
  c.orgPath = r.str("org_path");
  c.createdAt = r.i64("created_at");
  c.updatedAt = r.i64("updated_at");
  c.handlerName = r.optStr("handler_name").value_or("");
  c.keyValue = r.optStr("key_value").value_or("");
  c.lateFiling = r.optStr("late_filing");
  return c;
}

void appendFilter(Query& w, const CaseFilter& f) {
  if (f.businessType) w.append(kTypeIs, *f.businessType);
  if (f.caseNo) w.append(kCaseNoContains, db::likeContains(*f.caseNo));
  if (f.applicant) w.append(kApplicantContains, db::likeContains(*f.applicant));
  if (f.status) w.append(kStatusIs, *f.status);
  if (f.key) w.append(kKeyContains, db::likeContains(*f.key));
  if (f.submittedFrom) w.append(kSubmittedFrom, *f.submittedFrom);
  if (f.submittedTo) w.append(kSubmittedTo, *f.submittedTo);
  if (f.regionPrefix) w.append(kRegionUnder, *f.regionPrefix + "%");
}

std::pair<std::vector<CaseRow>, long long> page(db::Conn& c, const Query& where, const char* order, const core::PageRequest& p) {
  const long long total = c.scalar(Query(kCountFrom).add(where));
  std::vector<CaseRow> rows;
  for (const auto& r : c.query(Query("SELECT ").append(kCaseColumns).append(kCaseFrom).add(where).append(order).append(kPageOf, p.size, p.offset())))
    rows.push_back(toCase(r));
  return {std::move(rows), total};
}

std::vector<std::string> levelTypes(const std::string& level) {
  if (level == "province") return {"province_dept"};
  if (level == "city") return {"city_bureau"};
  if (level == "county") return {"district_bureau", "county_bureau"};
  if (level == "station") return {"police_station"};
  return {};
}

bool isLevelType(const std::string& type) {
  return type == "province_dept" || type == "city_bureau" || type == "district_bureau" || type == "county_bureau" ||
         type == "police_station";
}

std::string regionAtLevel(const std::string& code, const std::string& level) {
  if (code.size() < 6) return code;
  if (level == "province") return code.substr(0, 2) + "0000";
  if (level == "city") return code.substr(0, 4) + "00";
  if (level == "county") return code.substr(0, 6);
  return code;
}
}  // namespace

std::optional<Chain> ApprovalStore::currentChain(db::Conn& c, const std::string& businessType) const {
  auto r = c.queryOne(Query(kCurrentChain, businessType));
  if (!r) return std::nullopt;
  return toChain(*r);
}

std::optional<Chain> ApprovalStore::chainById(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kChainById, id));
  if (!r) return std::nullopt;
  return toChain(*r);
}

long long ApprovalStore::insertChain(db::Conn& c, const std::string& businessType, int version, const std::string& stepsJson,
                                     long long by) const {
  return c.insert(Query(kInsertChain, businessType, version, stepsJson, core::nowMs(), by ? std::optional<long long>(by) : std::nullopt));
}

long long ApprovalStore::insertCase(db::Conn& c, const CaseRow& r) const {
  return c.insert(Query(kInsertCase, r.businessType, r.workflowVersionId, r.state.status, r.applicantUserId, r.applicantCompanyId,
                        r.applicantName, r.applicantCode, r.regionCode, r.form, r.orgPath, r.createdAt, r.updatedAt, r.keyValue));
}

void ApprovalStore::setCaseNo(db::Conn& c, long long id, const std::string& caseNo) const { c.exec(Query(kSetCaseNo, caseNo, id)); }

std::optional<CaseRow> ApprovalStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query("SELECT ").append(kCaseColumns).append(kCaseFrom).append(kById, id));
  if (!r) return std::nullopt;
  return toCase(*r);
}

void ApprovalStore::setLateFiling(db::Conn& c, long long id, const std::optional<std::string>& note) const {
  c.exec(Query(kSetLateFiling, note, id));
}

void ApprovalStore::setUnitKind(db::Conn& c, long long userId, const std::string& unitKind) const {
  c.exec(Query(kSetUnitKind, unitKind, userId));
}

std::optional<long long> ApprovalStore::unitOf(db::Conn& c, long long userId) const {
  auto r = c.queryOne(Query("SELECT unit_id FROM users WHERE id = ?", userId));
  return r ? r->optI64("unit_id") : std::nullopt;
}

std::string ApprovalStore::signedUpAs(db::Conn& c, long long userId) const {
  auto r = c.queryOne(Query(kSignedUpAs, userId));
  return r ? r->optStr("unit_kind").value_or("company") : "company";
}

std::vector<long long> ApprovalStore::notEmployedBy(db::Conn& c, long long companyId, const std::vector<long long>& guardIds) const {
  std::unordered_set<long long> employed;
  db::forEachChunk(guardIds, kEmployedByChunk, [&](const std::vector<long long>& chunk) {
    for (const auto& r : c.query(Query(kEmployedByIn, companyId).appendList(chunk))) employed.insert(r.i64("id"));
  });
  std::vector<long long> out;  // in the order given
  for (long long id : guardIds)
    if (!employed.contains(id)) out.push_back(id);
  return out;
}

void ApprovalStore::updateForm(db::Conn& c, long long id, const std::string& form, const std::string& name, const std::string& keyValue,
                               const std::string& regionCode, long long now) const {
  c.exec(Query(kUpdateForm, form, name, keyValue, regionCode, now, id));
}

bool ApprovalStore::save(db::Conn& c, const CaseRow& r) const {
  const auto& s = r.state;
  return c.exec(Query(kSave, s.status, s.stepIndex ? std::optional<long long>(*s.stepIndex) : std::nullopt, s.stepPost, s.levelOrgId,
                      s.handlerUserId, s.stepArrivedAt, s.acceptedAt, r.submittedAt, r.decidedAt, r.pausedAt, r.pauseKind, r.pauses,
                      static_cast<long long>(r.extensionDays), r.correctionItems, r.publicReason, r.previousState, r.lastActionBy,
                      r.workflowVersionId, r.orgPath, core::nowMs(), r.id, static_cast<long long>(r.version))) == 1;
}

bool ApprovalStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kApplications, scope, id);
}

bool ApprovalStore::handledBy(db::Conn& c, long long id, long long userId) const {
  return c.scalar(Query(kHandledBy, id, userId)) > 0;
}

std::pair<std::vector<CaseRow>, long long> ApprovalStore::todo(db::Conn& c, const std::vector<Handler>& hs, const CaseFilter& f,
                                                               const core::PageRequest& p) const {
  std::vector<Query> handlers;
  for (const auto& h : hs) {
    Query one(kWaitingFor, h.levelOrgId, h.userId);
    std::vector<Query> posts;
    for (const auto& [type, post] : h.posts) posts.push_back(Query(kPostIs, type, post));
    db::appendAny(one, posts);
    if (h.arrivedWithin) one.append(" AND a.step_arrived_at >= ? AND a.step_arrived_at < ?", h.arrivedWithin->first, h.arrivedWithin->second);
    for (const auto& [from, to] : h.arrivedOutside)
      one.append(" AND NOT (COALESCE(a.step_arrived_at, 0) >= ? AND COALESCE(a.step_arrived_at, 0) < ?)", from, to);
    one.append(")");
    handlers.push_back(std::move(one));
  }
  Query w(kWaiting);
  db::appendAny(w, handlers);
  appendFilter(w, f);
  return page(c, w, kOldestFirst, p);
}

std::pair<std::vector<CaseRow>, long long> ApprovalStore::done(db::Conn& c, long long userId, const CaseFilter& f,
                                                               const core::PageRequest& p) const {
  Query w(kDoneBy, userId);
  appendFilter(w, f);
  return page(c, w, kLatestFirst, p);
}

std::pair<std::vector<CaseRow>, long long> ApprovalStore::inScope(db::Conn& c, const core::DataScope& scope, const CaseFilter& f,
                                                                  const core::PageRequest& p) const {
  Query w(" WHERE ");
  w.add(db::inScope(kApplications, scope));
  w.append(kNotDraft);
  appendFilter(w, f);
  return page(c, w, kLatestFirst, p);
}

void ApprovalStore::forEachInScope(db::Conn& c, const core::DataScope& scope, const CaseFilter& f,
                                   const std::function<void(const CaseRow&)>& fn) const {
  Query w(" WHERE ");
  w.add(db::inScope(kApplications, scope));
  w.append(kNotDraft);
  appendFilter(w, f);
  c.forEach(Query("SELECT ").append(kCaseColumns).append(kCaseFrom).add(w).append(kLatestFirst), [&](const db::Row& r) { fn(toCase(r)); });
}

std::pair<std::vector<CaseRow>, long long> ApprovalStore::ofApplicant(db::Conn& c, long long userId, const CaseFilter& f,
                                                                      const core::PageRequest& p) const {
  Query w(kOfApplicant, userId);
  appendFilter(w, f);
  return page(c, w, kLatestFirst, p);
}

void ApprovalStore::log(db::Conn& c, long long caseId, const LogEntry& e) const {
  auto optLong = [](std::optional<int> v) { return v ? std::optional<long long>(*v) : std::nullopt; };
  c.exec(Query(kInsertLog, caseId, e.at, e.userId, e.userName, e.orgName, e.post, e.postName, e.onBehalfOf, optLong(e.stepIndex),
               e.stepName, e.action, e.actionName, e.opinion, e.publicNote, optLong(e.workingDays), optLong(e.naturalDays)));
}

std::vector<LogEntry> ApprovalStore::logOf(db::Conn& c, long long caseId) const {
  std::vector<LogEntry> out;
  for (const auto& r : c.query(Query(kLogOf, caseId))) {
    LogEntry e;
    e.at = r.i64("at");
    e.userId = r.optI64("user_id");
    e.userName = r.str("user_name");
    e.orgName = r.str("org_name");
    e.post = r.optStr("post");
    e.postName = r.optStr("post_name");
    e.onBehalfOf = r.optStr("on_behalf_of");
    e.stepIndex = optInt(r, "step_index");
    e.stepName = r.optStr("step_name");
    e.action = r.str("action");
    e.actionName = r.str("action_name");
    e.opinion = r.optStr("opinion");
    e.publicNote = r.optStr("public_note");
    e.workingDays = optInt(r, "working_days");
    e.naturalDays = optInt(r, "natural_days");
    out.push_back(std::move(e));
  }
  return out;
}

bool ApprovalStore::urgedSince(db::Conn& c, long long caseId, long long since) const {
  return c.scalar(Query(kUrgedSince, caseId, since)) > 0;
}

std::optional<std::pair<long long, std::string>> ApprovalStore::orgAtLevel(db::Conn& c, const std::string& regionCode,
                                                                          const std::string& level) const {
  const auto types = levelTypes(level);
  if (types.empty()) return std::nullopt;
  auto r = c.queryOne(Query(kOrgAtLevel, regionAtLevel(regionCode, level)).appendList(types).append(kFirstOrg));
  // A town no 派出所 covers: the station an administrator named for its county (station_routes).
  if (!r && level == "station" && regionCode.size() >= 6)
    r = c.queryOne(Query("SELECT o.id, o.path FROM station_routes s JOIN orgs o ON o.id = s.org_id WHERE s.county_code = ?",
                         regionCode.substr(0, 6)));
  if (!r) return std::nullopt;
  return std::make_pair(r->i64("id"), r->str("path"));
}

std::optional<ApprovalStore::Station> ApprovalStore::station(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query("SELECT id, name, path, region_code FROM orgs WHERE id = ? AND type = 'police_station'", orgId));
  if (!r) return std::nullopt;
  return Station{r->i64("id"), r->str("name"), r->str("path"), r->str("region_code")};
}

std::optional<std::string> ApprovalStore::orgPath(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrgPath, orgId));
  return r ? std::optional<std::string>(r->str("path")) : std::nullopt;
}

void ApprovalStore::setRegion(db::Conn& c, long long id, const std::string& regionCode) const {
  c.exec(Query("UPDATE applications SET region_code = ? WHERE id = ?", regionCode, id));
}

std::optional<long long> ApprovalStore::levelOrgOf(db::Conn& c, const std::string& orgPath) const {
  // "/1/2/3/4/" and its ancestors "/1/2/3/", "/1/2/", "/1/" in one query: the deepest that stands at a level.
  std::vector<std::string> paths;
  for (std::size_t cut = orgPath.find('/', 1); cut != std::string::npos; cut = orgPath.find('/', cut + 1))
    paths.push_back(orgPath.substr(0, cut + 1));
  if (paths.empty()) return std::nullopt;
  std::optional<long long> best;
  std::size_t depth = 0;
  for (const auto& r : c.query(Query(kOrgTypes).appendList(paths))) {
    const std::string path = r.str("path");
    if (isLevelType(r.str("type")) && path.size() > depth) {
      depth = path.size();
      best = r.i64("id");
    }
  }
  return best;
}

std::vector<std::pair<std::string, std::string>> ApprovalStore::postsOf(db::Conn& c, long long userId) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query(Query(kPostsOf, userId))) out.emplace_back(r.str("business_type"), r.str("post"));
  return out;
}

std::vector<ApprovalStore::Holder> ApprovalStore::holders(db::Conn& c, const std::string& businessType, const std::string& post,
                                                          long long levelOrgId) const {
  std::vector<Holder> out;
  auto base = c.queryOne(Query(kOrgPath, levelOrgId));
  if (!base) return out;
  const std::string path = base->str("path");
  for (const auto& r : c.query(Query(kHolderCandidates, businessType, post, path, core::pathUpperBound(path)))) {
    if (levelOrgOf(c, r.str("org_path")) != levelOrgId) continue;  // a holder in a lower-level org below it
    out.push_back({r.i64("id"), r.str("name"), r.str("mobile"), r.str("org_name"), r.str("org_path")});
  }
  return out;
}

bool ApprovalStore::holds(db::Conn& c, long long userId, const std::string& businessType, const std::string& post,
                          long long levelOrgId) const {
  auto path = c.queryOne(Query(kUserPath, userId));
  if (!path || levelOrgOf(c, path->str("org_path")) != levelOrgId) return false;
  for (const auto& [type, p] : postsOf(c, userId))
    if (type == businessType && p == post) return true;
  return false;
}

std::optional<std::string> ApprovalStore::userName(db::Conn& c, long long userId) const {
  auto r = c.queryOne(Query(kUserName, userId));
  return r ? std::optional<std::string>(r->str("name")) : std::nullopt;
}

std::optional<std::string> ApprovalStore::userMobile(db::Conn& c, long long userId) const {
  auto r = c.queryOne(Query(kUserMobile, userId));
  return r ? r->optStr("mobile") : std::nullopt;
}

std::optional<ApprovalStore::Applicant> ApprovalStore::applicantOf(db::Conn& c, const std::string& kind, long long userId,
                                                                 long long companyId) const {
  if (kind == "company") {
    auto r = c.queryOne(Query(kCompanyApplicant, companyId));
    if (!r) return std::nullopt;
    return Applicant{r->str("name"), r->str("credit_code"), r->str("region_code"), r->str("org_path"), companyId};
  }
  auto r = c.queryOne(Query(kAccountApplicant, userId));
  if (!r) return std::nullopt;
  return Applicant{r->str("name"), r->str("account"), r->str("region_code"), r->str("org_path"), std::nullopt};
}

std::optional<long long> ApprovalStore::lastSignUpCodeAt(db::Conn& c, const std::string& mobile) const {
  auto r = c.queryOne(Query(kLastSignUpCode, mobile));
  return r ? r->optI64("last_at") : std::nullopt;
}

void ApprovalStore::storeSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash, long long expiresAt) const {
  const long long now = core::nowMs();
  c.exec(Query(kVoidSignUpCodes, now, mobile));
  c.exec(Query(kInsertSignUpCode, mobile, codeHash, now, expiresAt));
}

bool ApprovalStore::checkSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash) const {
  auto r = c.queryOne(Query(kLiveSignUpCode, mobile, core::nowMs()));
  if (!r || r->i64("attempts") >= 5) return false;
  if (r->str("code_hash") == codeHash) return true;
  c.exec(Query(kCountSignUpAttempt, r->i64("id")));
  return false;
}

bool ApprovalStore::consumeSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash) const {
  auto r = c.queryOne(Query(kLiveSignUpCode, mobile, core::nowMs()));
  if (!r || r->i64("attempts") >= 5 || r->str("code_hash") != codeHash) return false;
  c.exec(Query(kUseSignUpCode, core::nowMs(), r->i64("id")));
  return true;
}

bool ApprovalStore::companyWithCreditCode(db::Conn& c, const std::string& creditCode) const {
  return c.scalar(Query(kCompanyWithCode, creditCode)) > 0;
}

void ApprovalStore::message(db::Conn& c, long long userId, long long caseId, const std::string& title, const std::string& body) const {
  c.exec(Query(kInsertMessage, userId, caseId, title, body, core::nowMs()));
}

std::vector<ApprovalStore::Message> ApprovalStore::messages(db::Conn& c, long long userId) const {
  std::vector<Message> out;
  for (const auto& r : c.query(Query(kMessages, userId)))
    out.push_back({r.i64("id"), r.optI64("application_id"), r.str("title"), r.str("body"), r.i64("created_at"), r.optI64("read_at")});
  return out;
}

std::vector<std::pair<long long, std::string>> ApprovalStore::phrasesOf(db::Conn& c, long long userId) const {
  std::vector<std::pair<long long, std::string>> out;
  for (const auto& r : c.query(Query(kPhrasesOf, userId))) out.emplace_back(r.i64("id"), r.str("text"));
  return out;
}

long long ApprovalStore::addPhrase(db::Conn& c, long long userId, const std::string& text) const {
  return c.insert(Query(kInsertPhrase, userId, text, core::nowMs()));
}

bool ApprovalStore::removePhrase(db::Conn& c, long long userId, long long id) const {
  return c.exec(Query(kDeletePhrase, id, userId)) == 1;
}

namespace {
ApprovalStore::Delegation toDelegation(const db::Row& r) {
  return {r.i64("id"),           r.i64("user_id"),         r.i64("deputy_id"),   r.str("user_name"), r.str("deputy_name"),
          r.str("deputy_org_name"), r.str("user_org_path"), r.str("starts_on"), r.str("ends_on"), r.i64("created_at")};
}
}  // namespace

std::vector<ApprovalStore::Delegation> ApprovalStore::delegationsOf(db::Conn& c, long long userId, const std::string& today) const {
  std::vector<Delegation> out;
  for (const auto& r : c.query(Query(kDelegationColumns).append(kDelegationsOf, userId, today))) out.push_back(toDelegation(r));
  return out;
}

std::vector<ApprovalStore::Delegation> ApprovalStore::deputyFor(db::Conn& c, long long deputyId, const std::string& today) const {
  std::vector<Delegation> out;
  for (const auto& r : c.query(Query(kDelegationColumns).append(kDeputyFor, deputyId, today))) out.push_back(toDelegation(r));
  return out;
}

long long ApprovalStore::insertDelegation(db::Conn& c, long long userId, long long deputyId, const std::string& startsOn,
                                          const std::string& endsOn) const {
  return c.insert(Query(kInsertDelegation, userId, deputyId, startsOn, endsOn, core::nowMs()));
}

bool ApprovalStore::deleteDelegation(db::Conn& c, long long userId, long long id) const {
  return c.exec(Query(kDeleteDelegation, id, userId)) == 1;
}

std::vector<ApprovalStore::Holder> ApprovalStore::sharingAPost(db::Conn& c, long long userId) const {
  std::vector<Holder> out;
  for (const auto& r : c.query(Query(kSharingAPost, userId, userId)))
    out.push_back({r.i64("id"), r.str("name"), r.optStr("mobile").value_or(""), r.str("org_name"), r.str("org_path")});
  return out;
}

std::optional<std::string> ApprovalStore::userOrgPath(db::Conn& c, long long userId) const {
  auto r = c.queryOne(Query(kUserOrgPath, userId));
  return r ? std::optional<std::string>(r->str("org_path")) : std::nullopt;
}

}  // namespace baoan::approval
