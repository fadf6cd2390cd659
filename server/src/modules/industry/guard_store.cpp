#include "modules/industry/guard_store.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/stat_bands.h"
#include "db/batch_insert.h"
#include "db/chunks.h"

namespace baoan::industry {

using db::Query;

namespace {
// The named queries of this store; the list's plans are built from them below (GuardStore::Plan).
constexpr const char* kSelectList =
    "g.id, g.id_no, g.name, g.gender, g.birth_date, g.mobile, g.ethnicity, g.education, g.household_address, "
    "g.current_address, g.photo_file_id, g.certificate_no, g.certificate_date, g.real_name_verified, g.app_initialized, "
    "g.employer_kind, g.employer_id, g.employer_name, g.employed, g.hired_on, g.left_on, g.org_id, o.name AS org_name, "
    "g.created_at, g.updated_at";
constexpr const char* kFromGuards = " FROM guards g JOIN orgs o ON o.id = g.org_id";
constexpr const char* kNewestFirst = " ORDER BY g.created_at DESC, g.id DESC";
constexpr const char* kGuardById = " WHERE g.id = ?";
constexpr const char* kByIdNo = " WHERE g.id_no = ?";
constexpr const char* kByIdNos = " WHERE g.id_no IN ";
constexpr const char* kGuardCount = "SELECT COUNT(*) FROM guards g";
constexpr const char* kPageWalk = "SELECT g.id, g.created_at FROM guards g WHERE 1=1";
constexpr const char* kPageWalkByEmployerName =
    "SELECT g.id, g.created_at FROM guards g INDEXED BY guards_employer_name_created WHERE 1=1";
constexpr const char* kGuardPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kCreatedAt = "SELECT g.created_at FROM guards g";
// The union of several index walks (one per scope term), paged.
constexpr const char* kUnionFirst = "SELECT id, created_at FROM (";
constexpr const char* kUnionNext = " UNION SELECT id, created_at FROM (";
constexpr const char* kUnionPage = ") u ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
constexpr const char* kMergedPage = " ORDER BY 2 DESC, 1 DESC LIMIT ? OFFSET ?";
// The page's rows, joined to the page's ids (a deferred join).
constexpr const char* kPageRows = ") p JOIN guards g ON g.id = p.id JOIN orgs o ON o.id = g.org_id";
// Hits of a part of an ID number or mobile: the index of pieces on SQLite, pg_trgm (plain LIKE) on PostgreSQL.
constexpr const char* kPiecesHits = "SELECT rowid AS id FROM guards_search WHERE guards_search MATCH ?";
std::string likeHits(const std::string& column) { return "SELECT id FROM guards WHERE " + column + " LIKE ? ESCAPE '\\'"; }
// The kept counts per org (migration 0005) summed over the orgs in scope; `count` is the column summed.
std::string keptTotalOf(const char* count) {
  return std::string("SELECT CAST(COALESCE(SUM(") + count + "), 0) AS BIGINT) FROM guard_counts gc";
}
constexpr const char* kKeptTotalOrgs = " JOIN orgs o ON o.id = gc.org_id WHERE ";
// The kept counts per employer and org (migration 0009), for an employer's list and the company-name
// filter; the same `count` columns.
std::string keptEmployerTotalOf(const char* count) {
  return std::string("SELECT CAST(COALESCE(SUM(") + count + "), 0) AS BIGINT) FROM guard_employer_counts gc";
}
constexpr const char* kKeptEmployerOrgs = " JOIN orgs o ON o.id = gc.org_id WHERE ";
constexpr const char* kKeptEmployerAll = " WHERE 1=1";
constexpr const char* kKeptEmployer = " AND gc.employer_kind = ? AND gc.employer_id = ?";
// The kept counts of the employer names that contain a part (a condition appended; per org: summed by name).
constexpr const char* kEmployerNames = "SELECT gc.employer_name, gc.total, gc.employed FROM guard_employer_counts gc";
// The guards per employer (the chart by employer): from the kept counts, or from the rows under a filter.
constexpr const char* kEmployerGroupsKept = "SELECT gc.employer_kind, gc.employer_id, MAX(gc.employer_name) AS employer_name, "
                                            "CAST(COALESCE(SUM(";
constexpr const char* kEmployerGroupsKeptFrom = "), 0) AS BIGINT) AS n FROM guard_employer_counts gc";
constexpr const char* kEmployerGroupsKeptBy = " GROUP BY gc.employer_kind, gc.employer_id";
constexpr const char* kEmployerGroupsRows =
    "SELECT g.employer_kind, g.employer_id, MAX(g.employer_name) AS employer_name, COUNT(*) AS n FROM guards g";
constexpr const char* kEmployerGroupsRowsBy = " GROUP BY g.employer_kind, g.employer_id";
constexpr const char* kEmployerOf = "SELECT employer_kind, employer_id FROM guards WHERE id = ?";
constexpr const char* kCountEmployed = "SELECT COUNT(*) FROM guards WHERE employer_kind = ? AND employer_id = ? AND employed = 1";
constexpr const char* kGuardInsert =
    "INSERT INTO guards (id_no, name, gender, birth_date, mobile, ethnicity, education, household_address, current_address, "
    "certificate_no, certificate_date, photo_file_id, employer_kind, employer_id, employer_name, employed, hired_on, org_id, "
    "org_path, org_l1, org_l2, org_l3, org_l4, org_l5, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ";
constexpr const char* kSetCertificate = "UPDATE guards SET certificate_no = ?, certificate_date = ? WHERE id_no = ?";
constexpr const char* kUpdatePerson =
    "UPDATE guards SET name = ?, gender = ?, birth_date = ?, mobile = ?, ethnicity = ?, education = ?, household_address = ?, "
    "current_address = ?, certificate_no = ?, certificate_date = ?, photo_file_id = COALESCE(?, photo_file_id), "
    "updated_at = ? WHERE id = ?";
constexpr const char* kHire =
    "UPDATE guards SET employer_kind = ?, employer_id = ?, employer_name = ?, employed = 1, hired_on = ?, left_on = NULL, ";
// The police bureau answering for exactly this region (the one a registry record of the region is
// supervised by when a bureau of its own region exists).
constexpr const char* kBureauOfRegion =
    "SELECT path FROM orgs WHERE region_code = ? AND type IN ('district_bureau', 'county_bureau', 'city_bureau', "
    "'province_dept') ORDER BY level, id LIMIT 1";
constexpr const char* kLeave = "UPDATE guards SET employed = 0, left_on = ?, updated_at = ? WHERE id = ?";
constexpr const char* kFollowEmployer =
    "employer_name = ? WHERE employer_kind = ? AND employer_id = ? AND (employer_name <> ? OR org_id <> ?)";
// The one definition of 实名认证 and App 初始化 (real_name.h); migration 0024 runs the same SET over
// every row, 0038 over the rows of person accounts. A person account is the enabled users row of unit_kind 'person'
// whose account is the ID number (users_account is unique: one index probe per guard); a disabled one counts for nothing.
constexpr const char* kProjectRealName =
    "UPDATE guards SET real_name_verified = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no "
    "AND u.unit_kind = 'person' AND u.enabled = 1 AND u.name = guards.name) THEN 1 ELSE 0 END, "
    "app_initialized = CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.account = guards.id_no AND u.unit_kind = 'person' "
    "AND u.enabled = 1 AND u.name = guards.name AND u.login_count > 0) THEN 1 ELSE 0 END WHERE id_no IN ";
constexpr const char* kIdsOfIdNos = "SELECT id, id_no FROM guards WHERE id_no IN ";
constexpr const char* kInsertEmployment =
    "INSERT INTO employments (guard_id, employer_kind, employer_id, employer_name, hired_on, created_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kEndEmployment = "UPDATE employments SET left_on = ? WHERE guard_id = ? AND left_on IS NULL";
constexpr const char* kEmployments =
    "SELECT employer_kind, employer_id, employer_name, hired_on, left_on FROM employments WHERE guard_id = ? ORDER BY id DESC";
constexpr const char* kEverEmployedBy =
    "SELECT COUNT(*) FROM employments WHERE guard_id = ? AND employer_kind = ? AND employer_id = ?";
constexpr const char* kLogChange = "INSERT INTO guard_changes (guard_id, change, at, by_user) VALUES (?, ?, ?, ?)";

// The orgs whose kept counts a scope sums (the scope applied to the org itself).
constexpr db::ScopedTable kCountedOrgs{"orgs", "o", "path"};

std::string selectGuards(const char* condition) { return std::string("SELECT ") + kSelectList + kFromGuards + condition; }

// Read in the order of kSelectList, where finding each name costs one comparison (db::Columns).
GuardRow toGuard(const db::Row& r) {
  GuardRow g;
  g.id = r.i64("id");
  GuardPerson& p = g.person;
  p.idNo = r.str("id_no");
  p.name = r.str("name");
  p.gender = r.str("gender");
  p.birthDate = r.str("birth_date");
  p.mobile = r.str("mobile");
  p.ethnicity = r.optStr("ethnicity");
  p.education = r.optStr("education");
  p.householdAddress = r.optStr("household_address");
  p.currentAddress = r.optStr("current_address");
  p.photoFileId = r.optStr("photo_file_id");
  p.certificateNo = r.optStr("certificate_no");
  p.certificateDate = r.optStr("certificate_date");
  g.realNameVerified = r.boolean("real_name_verified");
  g.appInitialized = r.boolean("app_initialized");
  g.employerKind = r.str("employer_kind");
  g.employerId = r.i64("employer_id");
  g.employerName = r.str("employer_name");
  g.employed = r.boolean("employed");
  g.hiredOn = r.optStr("hired_on");
  g.leftOn = r.optStr("left_on");
  g.orgId = r.i64("org_id");
  g.orgName = r.str("org_name");
  g.createdAt = r.i64("created_at");
  g.updatedAt = r.i64("updated_at");
  return g;
}

// The largest code point: name >= '张伟' AND name < '张伟' || U+10FFFF selects the names starting with 张伟.
const std::string kMaxChar = "\xF4\x8F\xBF\xBF";

std::optional<long long> level(const std::vector<long long>& levels, int i) {
  return i < static_cast<int>(levels.size()) ? std::optional<long long>(levels[i]) : std::nullopt;
}

db::Value value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(std::monostate{}); }
db::Value value(const std::optional<long long>& v) { return v ? db::Value(*v) : db::Value(std::monostate{}); }

// "?, ?, ?, ?, ?" bound to the ancestor ids of the path (for an INSERT).
void setLevels(Query& q, const std::string& path) {
  const auto levels = db::orgLevels(path);
  for (int i = 0; i < db::kOrgLevelColumns; ++i) q.append(i ? ", ?" : "?", level(levels, i));
}

// "org_id = ?, org_path = ?, org_l1 = ?, …, " (for an UPDATE that moves guards to another org).
void assignOrg(Query& q, long long orgId, const std::string& path) {
  q.append("org_id = ?, org_path = ?, ", orgId, path);
  const auto levels = db::orgLevels(path);
  for (int i = 0; i < db::kOrgLevelColumns; ++i) q.append("org_l" + std::to_string(i + 1) + " = ?, ", level(levels, i));
}

// A part of an ID number or mobile with more hits than this stays a subquery rather than a list of
// ids (a 3-digit part of a mobile, such as "139", has ~18 000 at province scale; reading that many
// rows to sort them by time costs ~50 ms either way).
constexpr std::size_t kMaxInlineHits = 2000;
// ID numbers bound in one IN (…) list.
constexpr std::size_t kIdNosPerQuery = 500;
}  // namespace

// The conditions of one list request, resolved once and shared by its page, its total and its export.
struct GuardStore::Plan {
  bool nothing = false;            // no guard can match: a scope granting nothing, or no hit for an ID/mobile part
  bool all = true;                 // no scope condition; otherwise:
  core::DataScope scope;           //   the scope (for the kept totals),
  std::vector<Query> scopeTerms;   //   and the same as alternative conditions (OR)
  Query filters;                   // " AND …" conditions besides the scope
  std::optional<bool> employed;    // among the filters
  bool countable = true;           // the total can come from guard_counts (scope and 在职 only)
  bool employerCountable = false;  // from guard_employer_counts (scope, 在职, and the employer or the company name)
  Query companyTerm;               // the company-name filter on guard_employer_counts gc (for the kept total)
  long long companyEmployed = 0;   //   and those in employment
  long long companyGuards = 0;     // the guards of all orgs under the names the company-name filter matches
  std::optional<std::pair<std::string, long long>> employer;  // the employer filter (kind, id)
  std::string name;                // the name prefix (kept out of `filters`: see nameTerm)
  bool nameAlongTime = false;      // the page tests the name along the time order instead of using its index
  std::vector<std::string> companyNames;  // the company-name filter's names when many guards match, most guards first
  Query pageBound;                 // " AND …" conditions that only the page's walk needs (see list)
  bool pageByEmployerName = false; //   read through guards_employer_name_created (SQLite)
  bool sqlite = false;
};

// The full-text query for part of an ID number or mobile on SQLite, whose index holds the substrings
// of up to 6 characters starting at each position of the value (migration 0005): a part of up to 6
// characters is a prefix of one of them, a longer part the phrase of its consecutive 6-character
// pieces. The caller allows only digits and X, so nothing needs quoting.
std::string GuardStore::piecesQuery(const std::string& column, const std::string& part) {
  if (part.size() <= 6) return column + " : \"" + part + "\" *";
  std::string q = column + " : \"";
  for (std::size_t i = 0; i + 6 <= part.size(); ++i) {
    if (i) q += ' ';
    q.append(part, i, 6);
  }
  return q + "\"";
}

// Part of an ID number or mobile. Three characters or more: the index of pieces on SQLite, pg_trgm on
// PostgreSQL (where plain LIKE uses it). The lookup runs once, here, and its hits join the page and
// the count as a list of ids (a subquery when there are very many). Fewer than three characters: a
// scan, which only a very short pattern asks for and which the other filters and the scope narrow.
void GuardStore::appendContains(db::Conn& c, Plan& p, const std::string& column, const std::string& part) const {
  if (part.size() < 3) {
    p.filters.append(" AND g." + column + " LIKE ? ESCAPE '\\'", db::likeContains(part));
    return;
  }
  const Query hits = c.dialect() == db::Dialect::sqlite ? Query(kPiecesHits, piecesQuery(column, part))
                                                        : Query(likeHits(column), db::likeContains(part));
  std::vector<long long> ids;
  for (const auto& r : c.query(Query().add(hits).append(" LIMIT ?", static_cast<long long>(kMaxInlineHits + 1))))
    ids.push_back(r.i64("id"));
  if (ids.empty()) {
    p.nothing = true;
    return;
  }
  p.filters.append(" AND g.id IN ");
  if (ids.size() <= kMaxInlineHits) p.filters.appendIdList(ids);
  else p.filters.append("(").add(hits).append(")");
}

// `column` contains `part`: LIKE '%part%', or on SQLite, when the part has no ASCII letter (which LIKE
// would compare without case), instr(), the same test at half the cost (3 000 names: 0.58 → 0.27 ms).
Query GuardStore::containsTerm(db::Conn& c, const std::string& column, const std::string& part) {
  const bool letters = std::any_of(part.begin(), part.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); });
  if (c.dialect() == db::Dialect::sqlite && !letters) return Query(" AND instr(" + column + ", ?) > 0", part);
  return Query(" AND " + column + " LIKE ? ESCAPE '\\'", db::likeContains(part));
}

// The company-name filter (employer_name contains part). The names that match come from the kept
// counts (a few thousand rows): none, and nothing matches; few guards under them, and the page reads
// just those guards by name (guards_employer_name_created) and sorts them; many, and the LIKE stays
// for the count and the export, while list() bounds the page's walk in time (companyNames).
void GuardStore::appendCompanyName(db::Conn& c, Plan& p, const std::string& part, std::optional<bool> employed) const {
  p.companyTerm = containsTerm(c, "gc.employer_name", part);
  // The names' guards in the orgs in scope ("self" is not in the kept counts: all orgs), and of them
  // those the 在职 filter keeps: the names that can match, largest first.
  Query q(kEmployerNames);
  if (!p.all && !p.scope.self) q.append(kKeptEmployerOrgs).add(db::inScope(kCountedOrgs, p.scope));
  else q.append(kKeptEmployerAll);
  std::map<std::string, std::pair<long long, long long>> byName;  // name → total, employed
  for (const auto& r : c.query(q.add(p.companyTerm))) {
    auto& n = byName[r.str("employer_name")];
    n.first += r.i64("total");
    n.second += r.i64("employed");
  }
  std::vector<std::pair<long long, std::string>> names;
  long long matching = 0;
  for (auto& [name, counts] : byName) {
    p.companyGuards += counts.first;
    p.companyEmployed += counts.second;
    const long long n = !employed ? counts.first : *employed ? counts.second : counts.first - counts.second;
    if (n <= 0) continue;
    names.emplace_back(n, name);
    matching += n;
  }
  if (names.empty()) {
    p.nothing = true;
    return;
  }
  std::vector<std::string> largestFirst;
  std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& n : names) largestFirst.push_back(std::move(n.second));
  if (matching <= limits.sortedNameHits && names.size() <= limits.inlineNames) {
    p.filters.append(" AND g.employer_name IN ").appendList(largestFirst);
    return;
  }
  p.filters.add(containsTerm(c, "g.employer_name", part));
  if (names.size() <= limits.inlineNames) p.companyNames = std::move(largestFirst);
}

GuardStore::Plan GuardStore::plan(db::Conn& c, const GuardFilter& f, const core::DataScope* scope) const {
  Plan p;
  p.sqlite = c.dialect() == db::Dialect::sqlite;
  core::DataScope s;
  s.all = true;
  if (scope) s = *scope;
  // The org picked in the tree narrows the scope itself, so that one level column carries both.
  const bool orgPathInScope = f.orgPath && !s.self;
  if (orgPathInScope) s = s.within(*f.orgPath);
  if (s.empty()) {
    p.nothing = true;
    return p;
  }
  p.all = s.all;
  if (!s.all) p.scopeTerms = db::inScopeTerms(kGuards, s);
  p.countable = !s.self;
  p.scope = std::move(s);
  Query& w = p.filters;
  if (f.orgPath && !orgPathInScope) {
    w.append(" AND g.org_path >= ? AND g.org_path < ?", *f.orgPath, core::pathUpperBound(*f.orgPath));
    p.countable = false;
  }
  p.name = f.name;
  if (f.idNo.size() == 18) w.append(" AND g.id_no = ?", f.idNo);
  else if (!f.idNo.empty()) appendContains(c, p, "id_no", f.idNo);
  if (f.mobile.size() == 11) w.append(" AND g.mobile = ?", f.mobile);
  else if (!f.mobile.empty()) appendContains(c, p, "mobile", f.mobile);
  if (!f.companyName.empty()) appendCompanyName(c, p, f.companyName, f.employed);
  if (f.employerId) {
    w.append(" AND g.employer_kind = ? AND g.employer_id = ?", f.employerKind, *f.employerId);
    p.employer = std::make_pair(f.employerKind, *f.employerId);
  }
  if (!f.companyName.empty() || f.employerId) {
    // Scope, 在职 and these two only: the kept counts per employer tell the total.
    p.employerCountable = p.countable && f.name.empty() && f.idNo.empty() && f.mobile.empty();
    p.countable = false;
  }
  if (!f.name.empty() || !f.idNo.empty() || !f.mobile.empty()) p.countable = false;
  if (f.employed) {
    w.append(" AND g.employed = ?", *f.employed);
    p.employed = f.employed;
  }
  // The statistics' dimensions (guardDimensions): each the same condition as its group's count.
  const std::string today = core::toChinaDate(core::nowMs());
  bool grouped = false;
  auto group = [&](const char* dimension, const std::string& key) {
    if (key.empty()) return;
    const auto term = groupTerm(dimension, key, today);
    if (!term) {
      p.nothing = true;
      return;
    }
    w.append(" AND ").add(*term);
    grouped = true;
  };
  group("gender", f.gender);
  group("education", f.education);
  group("ageBand", f.ageBand);
  if (f.certified) group("certified", *f.certified ? "true" : "false");
  if (!f.employerId) group("employerKind", f.employerKind);
  if (!f.hiredFrom.empty()) w.append(" AND g.hired_on >= ?", f.hiredFrom);
  if (!f.hiredTo.empty()) w.append(" AND g.hired_on <= ?", f.hiredTo);
  if (!f.leftFrom.empty()) w.append(" AND g.left_on >= ?", f.leftFrom);
  if (!f.leftTo.empty()) w.append(" AND g.left_on <= ?", f.leftTo);
  // 其他 of the chart by employer: none of the top employers.
  for (const auto& [kind, id] : f.excludedEmployers) w.append(" AND NOT (g.employer_kind = ? AND g.employer_id = ?)", kind, id);
  if (f.realNameVerified) w.append(" AND g.real_name_verified = ?", *f.realNameVerified);
  if (f.appInitialized) w.append(" AND g.app_initialized = ?", *f.appInitialized);
  grouped = grouped || !f.hiredFrom.empty() || !f.hiredTo.empty() || !f.leftFrom.empty() || !f.leftTo.empty() ||
            f.realNameVerified || f.appInitialized || !f.excludedEmployers.empty();
  if (grouped) {
    p.countable = false;
    p.employerCountable = false;
  }
  return p;
}

const std::vector<GuardDimension>& guardDimensions() {
  static const std::vector<GuardDimension> dims = [] {
    std::vector<GuardDimension> d = {
        {"employed", {{"true", "在职"}, {"false", "离职"}}},
        {"certified", {{"true", "持证"}, {"false", "未持证"}}},
        {"gender", {{"male", "男"}, {"female", "女"}}},
        {"ageBand", {}},
        {"education", {}},
        {"employerKind", {{"company", "保安服务公司"}, {"inhouse", "自行招用保安员单位"}}}};
    for (const auto& b : core::ageBands()) d[3].groups.emplace_back(b.key, b.label);
    for (const auto& e : core::dictCodeNames("educations")) d[4].groups.emplace_back(std::string(e.code), std::string(e.name));
    d[4].groups.emplace_back("none", "未填写");
    d[4].indexedColumn = "education";  // guards_education (migration 0033)
    return d;
  }();
  return dims;
}

std::optional<Query> GuardStore::groupTerm(const std::string& dimension, const std::string& key, const std::string& today) {
  if (dimension == "employed" && (key == "true" || key == "false")) return Query("g.employed = ?", key == "true");
  if (dimension == "certified" && key == "true") return Query("(g.certificate_no IS NOT NULL AND g.certificate_no <> '')");
  if (dimension == "certified" && key == "false") return Query("(g.certificate_no IS NULL OR g.certificate_no = '')");
  if (dimension == "gender" && (key == "male" || key == "female")) return Query("g.gender = ?", key);
  if (dimension == "employerKind" && (key == "company" || key == "inhouse")) return Query("g.employer_kind = ?", key);
  if (dimension == "education") {
    if (key == "none") return Query("g.education IS NULL");
    if (core::dictHas("educations", key)) return Query("g.education = ?", key);
  }
  if (dimension == "ageBand") {
    const core::Band* band = core::findBand(core::ageBands(), key);
    if (!band) return std::nullopt;
    const auto range = core::birthRangeOfAges(*band, today);
    Query q("(1=1");
    if (range.after) q.append(" AND g.birth_date > ?", *range.after);
    if (range.upTo) q.append(" AND g.birth_date <= ?", *range.upTo);
    return q.append(")");
  }
  return std::nullopt;
}

std::vector<EmployerCount> GuardStore::countByEmployer(db::Conn& c, const GuardFilter& f, const core::DataScope* scope) {
  std::vector<EmployerCount> out;
  const Plan p = plan(c, f, scope);
  if (p.nothing) return out;
  Query q;
  if (p.countable) {
    const char* n = !p.employed ? "gc.total" : *p.employed ? "gc.employed" : "gc.total - gc.employed";
    q = Query(std::string(kEmployerGroupsKept).append(n).append(kEmployerGroupsKeptFrom));
    if (!p.all) q.append(kKeptEmployerOrgs).add(db::inScope(kCountedOrgs, p.scope));
    q.append(kEmployerGroupsKeptBy);
  } else {
    q = Query(kEmployerGroupsRows).add(where(p)).append(kEmployerGroupsRowsBy);
  }
  for (const auto& r : c.query(q))
    if (r.i64("n") > 0) out.push_back({r.str("employer_kind"), r.i64("employer_id"), r.str("employer_name"), r.i64("n")});
  std::stable_sort(out.begin(), out.end(), [](const EmployerCount& a, const EmployerCount& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.id < b.id;
  });
  return out;
}

long long GuardStore::count(db::Conn& c, const GuardFilter& f, const core::DataScope* scope) {
  const Plan p = plan(c, f, scope);
  if (p.nothing) return 0;
  return p.countable ? keptTotal(c, p) : p.employerCountable ? keptEmployerTotal(c, p) : c.scalar(Query(kGuardCount).add(where(p)));
}

std::vector<long long> GuardStore::countEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                             const std::vector<Query>& conditions) {
  std::vector<long long> out(conditions.size(), 0);
  const Plan p = plan(c, f, scope);
  if (p.nothing || conditions.empty()) return out;
  Query q("SELECT ");
  for (std::size_t i = 0; i < conditions.size(); ++i)
    // COUNT(*) FILTER (SQLite ≥ 3.30, PostgreSQL): half the time of SUM(CASE …) over 360 000 index entries.
    q.append(i ? ", " : "").append("COUNT(*) FILTER (WHERE ").add(conditions[i]).append(") AS g").append(std::to_string(i));
  q.append(" FROM guards g").add(where(p));
  const auto r = c.queryOne(q);
  for (std::size_t i = 0; r && i < conditions.size(); ++i) out[i] = r->i64(std::string("g").append(std::to_string(i)));
  return out;
}

std::vector<long long> GuardStore::countGroups(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                               const GuardDimension& dim, const std::string& today) {
  const Plan p = plan(c, f, scope);
  const bool wholeTable = p.all && !p.nothing && p.name.empty() && p.filters.text().empty();
  if (!dim.indexedColumn || !wholeTable) {
    std::vector<Query> terms;
    for (const auto& [key, label] : dim.groups) terms.push_back(*groupTerm(dim.name, key, today));
    return countEach(c, f, scope, terms);
  }
  // The same figures as the conditions of groupTerm: a value outside the groups counts in none.
  std::map<std::string, long long> byValue;
  const std::string column = std::string("g.") + dim.indexedColumn;
  for (const auto& r : c.query(Query("SELECT " + column + " AS v, COUNT(*) AS n FROM guards g GROUP BY " + column)))
    byValue[r.optStr("v").value_or("none")] += r.i64("n");
  std::vector<long long> out;
  for (const auto& [key, label] : dim.groups) out.push_back(byValue.count(key) ? byValue[key] : 0);
  return out;
}

std::optional<std::string> GuardStore::bureauPathOfRegion(db::Conn& c, const std::string& regionCode) {
  const auto r = c.queryOne(Query(kBureauOfRegion, regionCode));
  if (!r) return std::nullopt;
  return r->str("path");
}

Query GuardStore::where(const Plan& p) const {
  Query w(" WHERE 1=1");
  if (!p.all) {
    w.append(" AND ");
    db::appendAny(w, p.scopeTerms);
  }
  return w.add(nameTerm(p, false)).add(p.filters);
}

// The name prefix as a range of the name indexes, or (alongTime, SQLite) written as +g.name, which
// SQLite does not look up in an index (the same comparison, the column's collation kept): the page
// then walks an index in time order and tests each entry's name.
Query GuardStore::nameTerm(const Plan& p, bool alongTime) const {
  if (p.name.empty()) return Query();
  if (alongTime) return Query(" AND +g.name >= ? AND +g.name < ?", p.name, p.name + kMaxChar);
  return Query(" AND g.name >= ? AND g.name < ?", p.name, p.name + kMaxChar);
}

// The ids of one page, newest first. One scope term (or none): the database walks that term's
// (org_lN, created_at) index, or guards_created, in order and stops after the page. Several terms (a
// custom scope of several orgs): their OR would make it fetch and sort every guard in scope (2.2 s
// p99 for three cities), so each term walks its own index for its first offset + size rows and the
// union of those is paged. UNION rather than UNION ALL: "self" may overlap an org term.
Query GuardStore::pageIds(const Plan& p, const core::PageRequest& page) const {
  auto walk = [&](const Query* term, long long limit, long long offset) {
    // SQLite, without statistics, would rather walk a scope's index in time order and test every
    // guard's name than read the bounded ranges of the names.
    Query q(p.pageByEmployerName ? kPageWalkByEmployerName : kPageWalk);
    if (term) q.append(" AND ").add(*term);
    return q.add(nameTerm(p, p.nameAlongTime)).add(p.filters).add(p.pageBound).append(kNewestFirst).append(kGuardPageOf, limit, offset);
  };
  if (p.scopeTerms.size() <= 1)
    return walk(p.scopeTerms.empty() ? nullptr : &p.scopeTerms.front(), page.size, page.offset());
  if (p.sqlite) {
    // SQLite merges a compound SELECT whose ORDER BY covers every column (MERGE (UNION)): each term
    // walks its index in time order as a co-routine, duplicates meet and are dropped, and the merge
    // stops after the page. The form below (each walk limited, then their union sorted) made it
    // build a temporary B-tree per union and sort every walk (4 cities: 0.054 → 0.024 ms, page 100:
    // 1.25 → 0.33 ms).
    Query u;
    for (std::size_t i = 0; i < p.scopeTerms.size(); ++i) {
      Query q(i ? " UNION " : "");
      q.append(p.pageByEmployerName ? kPageWalkByEmployerName : kPageWalk).append(" AND ").add(p.scopeTerms[i]);
      u.add(q.add(nameTerm(p, p.nameAlongTime)).add(p.filters).add(p.pageBound));
    }
    return u.append(kMergedPage, page.size, page.offset());
  }
  Query u;
  for (std::size_t i = 0; i < p.scopeTerms.size(); ++i)
    u.append(i ? kUnionNext : kUnionFirst)
        .add(walk(&p.scopeTerms[i], page.offset() + page.size, 0))
        .append(") w" + std::to_string(i));
  return Query(kUnionFirst).add(u).append(kUnionPage, page.size, page.offset());
}

// The total of a list limited by scope and 在职 only: the sum of guard_counts over the orgs in scope.
long long GuardStore::keptTotal(db::Conn& c, const Plan& p) const {
  const char* n = !p.employed ? "gc.total" : *p.employed ? "gc.employed" : "gc.total - gc.employed";
  Query q(keptTotalOf(n));
  if (!p.all) q.append(kKeptTotalOrgs).add(db::inScope(kCountedOrgs, p.scope));
  return c.scalar(q);
}

// The total of a list limited by scope, 在职, the employer and the company name: the sum of
// guard_employer_counts over the matching employers in the orgs in scope.
long long GuardStore::keptEmployerTotal(db::Conn& c, const Plan& p) const {
  // The whole province and no other condition: the names' guards, summed when the names were found.
  if (p.all && !p.employer && !p.companyTerm.text().empty())
    return !p.employed ? p.companyGuards : *p.employed ? p.companyEmployed : p.companyGuards - p.companyEmployed;
  const char* n = !p.employed ? "gc.total" : *p.employed ? "gc.employed" : "gc.total - gc.employed";
  Query q(keptEmployerTotalOf(n));
  if (!p.all) q.append(kKeptEmployerOrgs).add(db::inScope(kCountedOrgs, p.scope));
  else q.append(kKeptEmployerAll);
  q.add(p.companyTerm);
  if (p.employer) q.append(kKeptEmployer, p.employer->first, p.employer->second);
  return c.scalar(q);
}

std::pair<std::vector<GuardRow>, long long> GuardStore::list(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                                             const core::PageRequest& page) {
  Plan p = plan(c, f, scope);
  if (p.nothing) return {{}, 0};
  std::optional<long long> counted;
  // An employer's guards by name (the portal's name filter) on SQLite: the name index reads only the
  // matches but must sort them by time (1.4 ms for the 6 430 李… of a company of 60 000), while a walk
  // of the employer's guards in time order (guards_employer_created, which holds the name) stops after
  // the page: ~(offset + size) × guards ÷ matches entries. The count, needed for the total anyway,
  // tells which is cheaper.
  if (!p.name.empty() && p.employer && p.scopeTerms.empty() && !p.employed && c.dialect() == db::Dialect::sqlite) {
    counted = c.scalar(Query(kGuardCount).add(where(p)));
    if (*counted == 0) return {{}, 0};
    const long long guards = c.scalar(Query(keptEmployerTotalOf("gc.total")).append(kKeptEmployerAll).append(
        kKeptEmployer, p.employer->first, p.employer->second));
    p.nameAlongTime = (page.offset() + page.size) * guards <= 4 * *counted * *counted;
  }
  // The company-name filter with many matches: a walk in time order that tests every guard's employer
  // name finds the page only after every newer guard of other companies (30 000 after an import: 7.8
  // ms). The names' own time-ordered index (guards_employer_name_created) bounds it instead: the
  // offset + size newest matches of one name are no newer than the page's last, so the time of the
  // (offset + size)-th guard of each of the largest names, the latest of them, bounds the page; the
  // page then reads, for every name, only its guards since that time and sorts those (秦, 139 names,
  // 73 000 guards, page 3: 0.3 ms).
  if (!p.companyNames.empty()) {
    const long long k = page.offset() + page.size;
    std::optional<long long> since;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, p.companyNames.size()); ++i) {
      const auto r = c.queryOne(Query(kCreatedAt)
                                    .add(where(p))
                                    .append(" AND g.employer_name = ?", p.companyNames[i])
                                    .append(kNewestFirst)
                                    .append(kGuardPageOf, 1LL, k - 1));
      if (r && (!since || r->i64("created_at") > *since)) since = r->i64("created_at");
    }
    if (since) {
      p.pageBound.append(" AND g.employer_name IN ").appendList(p.companyNames).append(" AND g.created_at >= ?", *since);
      p.pageByEmployerName = c.dialect() == db::Dialect::sqlite;
    }
  }
  // A deferred join: the page's ids come from an index walk, and only their rows are read.
  std::vector<GuardRow> rows;
  rows.reserve(static_cast<std::size_t>(page.size));
  for (const auto& r : c.query(Query(std::string("SELECT ") + kSelectList + " FROM (")
                                   .add(pageIds(p, page))
                                   .append(kPageRows)
                                   .append(kNewestFirst)))
    rows.push_back(toGuard(r));
  // A short page is the last one, so it tells the total (the usual case of a search).
  const auto n = static_cast<long long>(rows.size());
  if (n < page.size && (n > 0 || page.offset() == 0)) return {std::move(rows), page.offset() + n};
  const long long total = counted               ? *counted
                          : p.countable           ? keptTotal(c, p)
                          : p.employerCountable ? keptEmployerTotal(c, p)
                                                : c.scalar(Query(kGuardCount).add(where(p)));
  return {std::move(rows), total};
}

void GuardStore::forEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                         const std::function<void(GuardRow&&)>& fn) {
  const Plan p = plan(c, f, scope);
  if (p.nothing) return;
  c.forEach(Query(selectGuards("")).add(where(p)).append(kNewestFirst), [&](const db::Row& r) { fn(toGuard(r)); });
}

std::optional<GuardRow> GuardStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(selectGuards(kGuardById), id));
  if (!r) return std::nullopt;
  return toGuard(*r);
}

std::optional<GuardRow> GuardStore::findByIdNo(db::Conn& c, const std::string& idNo) {
  auto r = c.queryOne(Query(selectGuards(kByIdNo), idNo));
  if (!r) return std::nullopt;
  return toGuard(*r);
}

std::map<std::string, GuardRow> GuardStore::findByIdNos(db::Conn& c, const std::vector<std::string>& idNos) {
  std::map<std::string, GuardRow> found;
  db::forEachChunk(idNos, kIdNosPerQuery, [&](const std::vector<std::string>& batch) {
    for (const auto& r : c.query(Query(selectGuards(kByIdNos)).appendList(batch))) {
      GuardRow g = toGuard(r);
      found.emplace(g.person.idNo, std::move(g));
    }
  });
  return found;
}

bool GuardStore::visible(db::Conn& c, const core::DataScope& scope, long long id) { return db::visible(c, kGuards, scope, id); }

std::optional<std::pair<std::string, long long>> GuardStore::employerOf(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(kEmployerOf, id));
  if (!r) return std::nullopt;
  return std::make_pair(r->str("employer_kind"), r->i64("employer_id"));
}

bool GuardStore::everEmployedBy(db::Conn& c, long long id, const std::string& employerKind, long long employerId) {
  return c.scalar(Query(kEverEmployedBy, id, employerKind, employerId)) > 0;
}

long long GuardStore::countEmployed(db::Conn& c, const std::string& employerKind, long long employerId) {
  return c.scalar(Query(kCountEmployed, employerKind, employerId));
}

long long GuardStore::insert(db::Conn& c, const GuardPerson& p, const Employer& e, const std::string& hiredOn, long long by) {
  const long long now = core::nowMs();
  Query q(kGuardInsert, p.idNo, p.name, p.gender, p.birthDate, p.mobile, p.ethnicity, p.education, p.householdAddress, p.currentAddress,
      p.certificateNo, p.certificateDate, p.photoFileId, e.kind, e.id, e.name, hiredOn, e.orgId, e.orgPath);
  setLevels(q, e.orgPath);
  q.append(", ?, ?, ?)", now, now, by);
  const long long id = c.insert(q);
  c.exec(Query(kInsertEmployment, id, e.kind, e.id, e.name, hiredOn, now));
  projectRealName(c, {p.idNo});
  return id;
}

void GuardStore::updatePerson(db::Conn& c, long long id, const GuardPerson& p) {
  c.exec(Query(kUpdatePerson, p.name, p.gender, p.birthDate, p.mobile, p.ethnicity, p.education, p.householdAddress, p.currentAddress, p.certificateNo,
      p.certificateDate, p.photoFileId, core::nowMs(), id));
  // The name may have changed (the ID number never does: callers keep the registered one).
  c.exec(Query(std::string(kProjectRealName) + "(SELECT id_no FROM guards WHERE id = ?)", id));
}

void GuardStore::projectRealName(db::Conn& c, const std::vector<std::string>& idNos) {
  db::forEachChunk(idNos, kIdNosPerQuery, [&](const std::vector<std::string>& batch) { c.exec(Query(kProjectRealName).appendList(batch)); });
}

void GuardStore::hire(db::Conn& c, long long id, const Employer& e, const std::string& hiredOn) {
  Query q(kHire, e.kind, e.id, e.name, hiredOn);
  assignOrg(q, e.orgId, e.orgPath);
  q.append("updated_at = ? WHERE id = ?", core::nowMs(), id);
  c.exec(q);
  c.exec(Query(kInsertEmployment, id, e.kind, e.id, e.name, hiredOn, core::nowMs()));
}

void GuardStore::leave(db::Conn& c, long long id, const std::string& leftOn) {
  c.exec(Query(kLeave, leftOn, core::nowMs(), id));
  c.exec(Query(kEndEmployment, leftOn, id));
}

void GuardStore::logChange(db::Conn& c, long long id, const std::string& change, long long by) {
  c.exec(Query(kLogChange, id, change, core::nowMs(), by));
}

std::vector<Employment> GuardStore::employments(db::Conn& c, long long id) {
  std::vector<Employment> out;
  for (const auto& r : c.query(Query(kEmployments, id)))
    out.push_back({r.str("employer_kind"), r.i64("employer_id"), r.str("employer_name"), r.optStr("hired_on"), r.optStr("left_on")});
  return out;
}

bool GuardStore::setCertificate(db::Conn& c, const std::string& idNo, const std::string& number, const std::string& date) {
  return c.exec(Query(kSetCertificate, number, date, idNo)) > 0;
}

void GuardStore::followEmployer(db::Conn& c, const Employer& e) {
  Query q("UPDATE guards SET ");
  assignOrg(q, e.orgId, e.orgPath);
  q.append(kFollowEmployer, e.name, e.kind, e.id, e.name, e.orgId);
  c.exec(q);
}

void GuardStore::insertMany(db::Conn& c, const std::vector<NewGuard>& guards, const Employer& e, long long by) {
  const long long now = core::nowMs();
  const auto levels = db::orgLevels(e.orgPath);
  db::BatchInsert rows(c, "guards",
                       {"id_no", "name", "gender", "birth_date", "mobile", "ethnicity", "education", "household_address",
                        "current_address", "certificate_no", "certificate_date", "photo_file_id", "employer_kind", "employer_id",
                        "employer_name", "employed", "hired_on", "org_id", "org_path", "org_l1", "org_l2", "org_l3", "org_l4",
                        "org_l5", "created_at", "updated_at", "created_by"},
                       250);
  for (const auto& g : guards) {
    const GuardPerson& p = g.person;
    std::vector<db::Value> v = {p.idNo, p.name, p.gender, p.birthDate, p.mobile, value(p.ethnicity), value(p.education),
                                value(p.householdAddress), value(p.currentAddress), value(p.certificateNo),
                                value(p.certificateDate), value(p.photoFileId), e.kind, e.id, e.name, 1LL, g.hiredOn, e.orgId,
                                e.orgPath};
    for (int i = 0; i < db::kOrgLevelColumns; ++i) v.push_back(value(level(levels, i)));
    v.insert(v.end(), {now, now, by});
    rows.add(std::move(v));
  }
  rows.flush();
  // The new ids, found by their ID numbers (unique), for the employment and change records.
  std::map<std::string, long long> ids;
  for (std::size_t i = 0; i < guards.size(); i += kIdNosPerQuery) {
    std::vector<std::string> idNos;
    for (std::size_t k = i; k < std::min(guards.size(), i + kIdNosPerQuery); ++k) idNos.push_back(guards[k].person.idNo);
    for (const auto& r : c.query(Query(kIdsOfIdNos).appendList(idNos))) ids.emplace(r.str("id_no"), r.i64("id"));
  }
  db::BatchInsert employments(c, "employments",
                              {"guard_id", "employer_kind", "employer_id", "employer_name", "hired_on", "created_at"}, 500);
  db::BatchInsert changes(c, "guard_changes", {"guard_id", "change", "at", "by_user"}, 500);
  for (const auto& g : guards) {
    const long long id = ids.at(g.person.idNo);
    employments.add({id, e.kind, e.id, e.name, g.hiredOn, now});
    changes.add({id, std::string("create"), now, by});
  }
  employments.flush();
  changes.flush();
  std::vector<std::string> idNos;
  idNos.reserve(guards.size());
  for (const auto& g : guards) idNos.push_back(g.person.idNo);
  projectRealName(c, idNos);
}

}  // namespace baoan::industry
