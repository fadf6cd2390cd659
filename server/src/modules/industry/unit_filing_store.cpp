#include "modules/industry/unit_filing_store.h"

#include <map>

namespace baoan::industry {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kBranchIdByName = "SELECT id FROM company_branches WHERE company_id = ? AND name = ?";
constexpr const char* kInsertBranch =
    "INSERT INTO company_branches (company_id, name, address, region_code, head_name, head_id_no, head_mobile, service_scope, "
    "set_up_on, filed_on, application_id, org_id, org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateBranch =
    "UPDATE company_branches SET address = ?, region_code = ?, head_name = ?, head_id_no = ?, head_mobile = ?, service_scope = ?, "
    "set_up_on = ?, filed_on = ?, application_id = ?, org_id = ?, org_path = ?, updated_at = ? WHERE id = ?";
constexpr const char* kBranchesOf =
    "SELECT b.id, b.company_id, b.name, b.address, b.region_code, b.head_name, b.head_id_no, b.head_mobile, b.service_scope, "
    "b.set_up_on, b.filed_on, b.application_id, b.org_id, b.org_path, o.name AS org_name, b.created_at, b.updated_at "
    "FROM company_branches b JOIN orgs o ON o.id = b.org_id WHERE b.company_id = ? ORDER BY b.id DESC LIMIT ? OFFSET ?";
constexpr const char* kCountBranchesOf = "SELECT COUNT(*) FROM company_branches WHERE company_id = ?";

constexpr const char* kInsertCrossRegion =
    "INSERT INTO cross_region_filings (company_id, licence_no, service_region_code, client_name, period_from, period_to, "
    "leader_name, leader_id_no, leader_mobile, filed_on, application_id, org_id, org_path, service_org_id, service_org_path, "
    "created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kAddCrossRegionGuard = "INSERT INTO cross_region_guards (filing_id, guard_id) VALUES (?, ?)";
constexpr const char* kSelectCrossRegion =
    "SELECT f.id, f.company_id, co.name AS company_name, f.licence_no, f.service_region_code, f.client_name, f.period_from, "
    "f.period_to, f.leader_name, f.leader_id_no, f.leader_mobile, f.filed_on, f.application_id, f.org_id, f.org_path, "
    "o.name AS org_name, f.service_org_id, f.service_org_path, so.name AS service_org_name, f.created_at, f.updated_at "
    "FROM cross_region_filings f JOIN companies co ON co.id = f.company_id JOIN orgs o ON o.id = f.org_id "
    "JOIN orgs so ON so.id = f.service_org_id";
constexpr const char* kCountCrossRegion =
    "SELECT COUNT(*) FROM cross_region_filings f JOIN companies co ON co.id = f.company_id";
constexpr const char* kWhereAll = " WHERE 1=1";
constexpr const char* kUnitFilingOfCompany = " AND f.company_id = ?";
constexpr const char* kUnitFilingCompanyNameContains = " AND co.name LIKE ? ESCAPE '\\'";
constexpr const char* kClientContains = " AND f.client_name LIKE ? ESCAPE '\\'";
constexpr const char* kServiceRegionUnder = " AND f.service_region_code LIKE ?";
constexpr const char* kNewestPage = " ORDER BY f.id DESC LIMIT ? OFFSET ?";
constexpr const char* kGuardsOfFilings =
    "SELECT x.filing_id, g.id, g.name, g.id_no FROM cross_region_guards x JOIN guards g ON g.id = x.guard_id WHERE x.filing_id IN ";
constexpr const char* kGuardsOfFilingsOrder = " ORDER BY x.filing_id, g.id";
constexpr const char* kFilingsOfGuard =
    " WHERE f.id IN (SELECT filing_id FROM cross_region_guards WHERE guard_id = ?) ORDER BY f.id DESC";

constexpr const char* kReportIdOf = "SELECT id FROM annual_reports WHERE company_id = ? AND year = ?";
constexpr const char* kInsertReport =
    "INSERT INTO annual_reports (company_id, year, operating_summary, guard_count, certified_count, training_summary, client_count, "
    "violations, finance_summary, report_file_id, filed_on, application_id, org_id, org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateReport =
    "UPDATE annual_reports SET operating_summary = ?, guard_count = ?, certified_count = ?, training_summary = ?, client_count = ?, "
    "violations = ?, finance_summary = ?, report_file_id = ?, filed_on = ?, application_id = ?, org_id = ?, org_path = ?, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kReportsOf =
    "SELECT r.id, r.company_id, r.year, r.operating_summary, r.guard_count, r.certified_count, r.training_summary, r.client_count, "
    "r.violations, r.finance_summary, r.report_file_id, r.filed_on, r.application_id, r.org_id, r.org_path, o.name AS org_name, "
    "r.created_at, r.updated_at FROM annual_reports r JOIN orgs o ON o.id = r.org_id WHERE r.company_id = ? "
    "ORDER BY r.year DESC LIMIT ? OFFSET ?";
constexpr const char* kCountReportsOf = "SELECT COUNT(*) FROM annual_reports WHERE company_id = ?";
constexpr const char* kRounds = "SELECT year, deadline, updated_at FROM annual_report_rounds ORDER BY year DESC";
constexpr const char* kRound = "SELECT year, deadline, updated_at FROM annual_report_rounds WHERE year = ?";
constexpr const char* kSetRound =
    "INSERT INTO annual_report_rounds (year, deadline, updated_at, updated_by) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (year) DO UPDATE SET deadline = excluded.deadline, updated_at = excluded.updated_at, updated_by = excluded.updated_by";
// Active companies holding a licence number, without the year's report.
constexpr const char* kMissingFrom =
    " FROM companies t JOIN orgs o ON o.id = t.org_id WHERE t.status = 'active' AND t.licence_no IS NOT NULL AND t.licence_no <> '' "
    "AND NOT EXISTS (SELECT 1 FROM annual_reports r WHERE r.company_id = t.id AND r.year = ?) AND ";
constexpr const char* kMissingSelect =
    "SELECT t.id, t.name, t.credit_code, t.licence_no, t.region_code, t.legal_name, t.contact_phone, t.org_id, o.name AS org_name";
constexpr const char* kMissingOrder = " ORDER BY t.id";
constexpr const char* kMissingPage = " ORDER BY t.id LIMIT ? OFFSET ?";

constexpr const char* kSelectInhouse =
    "SELECT id, name, code, region_code, filing_no, filing_status, filed_on, org_id, org_path FROM inhouse_units";
constexpr const char* kByCode = " WHERE code = ?";
constexpr const char* kFilingById = " WHERE id = ?";
constexpr const char* kInsertInhouse =
    "INSERT INTO inhouse_units (name, code, unit_type, region_code, address, legal_name, legal_id_no, legal_mobile, dept_head, "
    "dept_head_mobile, guard_count, filing_no, filed_on, filing_status, application_id, org_id, org_path, created_at, updated_at, "
    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'filed', ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateInhouseFiled =
    "UPDATE inhouse_units SET name = ?, unit_type = ?, region_code = ?, address = ?, legal_name = ?, legal_id_no = ?, "
    "legal_mobile = ?, dept_head = ?, dept_head_mobile = ?, guard_count = ?, filing_no = ?, filed_on = ?, filing_status = 'filed', "
    "revoked_on = NULL, revoke_reason = NULL, guards_disposition = NULL, application_id = ?, org_id = ?, org_path = ?, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kRevokeInhouse =
    "UPDATE inhouse_units SET filing_status = 'revoked', revoked_on = ?, revoke_reason = ?, guards_disposition = ?, guard_count = 0, "
    "updated_at = ? WHERE id = ?";
constexpr const char* kEmployedGuards =
    "SELECT id FROM guards WHERE employer_kind = ? AND employer_id = ? AND employed = 1 ORDER BY id";

constexpr const char* kSelectTraining = "SELECT id, name, code, licence_no, revoked_on, org_id, org_path FROM training_units";
constexpr const char* kInsertTraining =
    "INSERT INTO training_units (name, code, region_code, reg_address, legal_name, legal_id_no, legal_mobile, principal_name, "
    "principal_id_no, principal_mobile, leader_mobile, reg_capital, licence_no, issued_on, issuer_name, issuer_code, application_id, "
    "org_id, org_path, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateTraining =
    "UPDATE training_units SET name = ?, region_code = ?, reg_address = ?, legal_name = ?, legal_id_no = ?, legal_mobile = ?, "
    "principal_name = ?, principal_id_no = ?, principal_mobile = ?, leader_mobile = ?, reg_capital = ?, licence_no = ?, "
    "issued_on = ?, issuer_name = ?, issuer_code = ?, revoked_by = NULL, revoked_on = NULL, application_id = ?, org_id = ?, "
    "org_path = ?, updated_at = ? WHERE id = ?";

constexpr const char* kActiveCompanyLicence = "SELECT licence_no FROM companies WHERE id = ? AND status = 'active'";

BranchRow toBranch(const db::Row& r) {
  BranchRow b;
  b.id = r.i64("id");
  b.companyId = r.i64("company_id");
  b.name = r.str("name");
  b.address = r.str("address");
  b.regionCode = r.str("region_code");
  b.headName = r.str("head_name");
  b.headIdNo = r.str("head_id_no");
  b.headMobile = r.str("head_mobile");
  b.serviceScope = r.str("service_scope");
  b.setUpOn = r.str("set_up_on");
  b.filedOn = r.str("filed_on");
  b.applicationId = r.optI64("application_id");
  b.orgId = r.i64("org_id");
  b.orgPath = r.str("org_path");
  b.orgName = r.str("org_name");
  b.createdAt = r.i64("created_at");
  b.updatedAt = r.i64("updated_at");
  return b;
}

CrossRegionRow toCrossRegion(const db::Row& r) {
  CrossRegionRow f;
  f.id = r.i64("id");
  f.companyId = r.i64("company_id");
  f.companyName = r.str("company_name");
  f.licenceNo = r.str("licence_no");
  f.serviceRegionCode = r.str("service_region_code");
  f.clientName = r.str("client_name");
  f.periodFrom = r.str("period_from");
  f.periodTo = r.str("period_to");
  f.leaderName = r.str("leader_name");
  f.leaderIdNo = r.str("leader_id_no");
  f.leaderMobile = r.str("leader_mobile");
  f.filedOn = r.str("filed_on");
  f.applicationId = r.optI64("application_id");
  f.orgId = r.i64("org_id");
  f.orgPath = r.str("org_path");
  f.orgName = r.str("org_name");
  f.serviceOrgId = r.i64("service_org_id");
  f.serviceOrgPath = r.str("service_org_path");
  f.serviceOrgName = r.str("service_org_name");
  f.createdAt = r.i64("created_at");
  f.updatedAt = r.i64("updated_at");
  return f;
}

AnnualReportRow toReport(const db::Row& r) {
  AnnualReportRow a;
  a.id = r.i64("id");
  a.companyId = r.i64("company_id");
  a.year = static_cast<int>(r.i64("year"));
  a.operatingSummary = r.str("operating_summary");
  a.guardCount = r.i64("guard_count");
  a.certifiedCount = r.i64("certified_count");
  a.trainingSummary = r.str("training_summary");
  a.clientCount = r.i64("client_count");
  a.violations = r.str("violations");
  a.financeSummary = r.str("finance_summary");
  a.reportFileId = r.optStr("report_file_id");
  a.filedOn = r.str("filed_on");
  a.applicationId = r.optI64("application_id");
  a.orgId = r.i64("org_id");
  a.orgPath = r.str("org_path");
  a.orgName = r.str("org_name");
  a.createdAt = r.i64("created_at");
  a.updatedAt = r.i64("updated_at");
  return a;
}

MissingReport toMissing(const db::Row& r) {
  MissingReport m;
  m.id = r.i64("id");
  m.name = r.str("name");
  m.creditCode = r.str("credit_code");
  m.licenceNo = r.str("licence_no");
  m.regionCode = r.str("region_code");
  m.legalName = r.str("legal_name");
  m.contactPhone = r.optStr("contact_phone");
  m.orgId = r.i64("org_id");
  m.orgName = r.str("org_name");
  return m;
}

ReportRound toRound(const db::Row& r) { return {static_cast<int>(r.i64("year")), r.str("deadline"), r.i64("updated_at")}; }

InhouseUnitRow toInhouse(const db::Row& r) {
  return {r.i64("id"), r.str("name"), r.str("code"), r.str("region_code"), r.optStr("filing_no"), r.optStr("filing_status"),
          r.optStr("filed_on"), r.i64("org_id"), r.str("org_path")};
}

TrainingUnitRow toTraining(const db::Row& r) {
  return {r.i64("id"), r.str("name"), r.str("code"), r.optStr("licence_no"), r.optStr("revoked_on"), r.i64("org_id"), r.str("org_path")};
}

// "610100" → "6101%": the region and every region below it (codes are 6 digits, trailing "00" pairs
// mean "all of").
std::string regionPrefix(std::string code) {
  while (code.size() > 2 && code.compare(code.size() - 2, 2, "00") == 0) code.erase(code.size() - 2);
  return code + "%";
}

std::optional<std::string> orNull(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }
}  // namespace

// ---- branches ------------------------------------------------------------------------------------

std::optional<long long> UnitFilingStore::branchIdByName(db::Conn& c, long long companyId, const std::string& name) const {
  auto r = c.queryOne(Query(kBranchIdByName, companyId, name));
  if (!r) return std::nullopt;
  return r->i64("id");
}

long long UnitFilingStore::insertBranch(db::Conn& c, const BranchRow& b, long long by) const {
  return c.insert(Query(kInsertBranch, b.companyId, b.name, b.address, b.regionCode, b.headName, b.headIdNo, b.headMobile,
                        b.serviceScope, b.setUpOn, b.filedOn, b.applicationId, b.orgId, b.orgPath, b.createdAt, b.updatedAt,
                        by ? std::optional<long long>(by) : std::nullopt));
}

void UnitFilingStore::updateBranch(db::Conn& c, long long id, const BranchRow& b) const {
  c.exec(Query(kUpdateBranch, b.address, b.regionCode, b.headName, b.headIdNo, b.headMobile, b.serviceScope, b.setUpOn, b.filedOn,
               b.applicationId, b.orgId, b.orgPath, b.updatedAt, id));
}

std::pair<std::vector<BranchRow>, long long> UnitFilingStore::branchesOf(db::Conn& c, long long companyId,
                                                                         const core::PageRequest& page) const {
  std::vector<BranchRow> out;
  for (const auto& r : c.query(Query(kBranchesOf, companyId, page.size, page.offset()))) out.push_back(toBranch(r));
  return {std::move(out), c.scalar(Query(kCountBranchesOf, companyId))};
}

// ---- cross-region filings ------------------------------------------------------------------------

long long UnitFilingStore::insertCrossRegion(db::Conn& c, const CrossRegionRow& f, long long by) const {
  return c.insert(Query(kInsertCrossRegion, f.companyId, f.licenceNo, f.serviceRegionCode, f.clientName, f.periodFrom, f.periodTo,
                        f.leaderName, f.leaderIdNo, f.leaderMobile, f.filedOn, f.applicationId, f.orgId, f.orgPath, f.serviceOrgId,
                        f.serviceOrgPath, f.createdAt, f.updatedAt, by ? std::optional<long long>(by) : std::nullopt));
}

void UnitFilingStore::addCrossRegionGuard(db::Conn& c, long long filingId, long long guardId) const {
  c.exec(Query(kAddCrossRegionGuard, filingId, guardId));
}

std::pair<std::vector<CrossRegionRow>, long long> UnitFilingStore::crossRegion(db::Conn& c, const CrossRegionFilter& f,
                                                                               const core::PageRequest& page) const {
  Query where(kWhereAll);
  if (f.scope) {
    where.append(" AND (");
    where.add(db::inScope(kCrossRegionByCompany, *f.scope));
    where.append(" OR ");
    where.add(db::inScope(kCrossRegionByService, *f.scope));
    where.append(")");
  }
  if (f.companyId) where.append(kUnitFilingOfCompany, *f.companyId);
  if (!f.companyName.empty()) where.append(kUnitFilingCompanyNameContains, db::likeContains(f.companyName));
  if (!f.clientName.empty()) where.append(kClientContains, db::likeContains(f.clientName));
  if (!f.serviceRegionCode.empty()) where.append(kServiceRegionUnder, regionPrefix(f.serviceRegionCode));

  std::vector<CrossRegionRow> rows;
  Query list(kSelectCrossRegion);
  list.add(where).append(kNewestPage, page.size, page.offset());
  for (const auto& r : c.query(list)) rows.push_back(toCrossRegion(r));
  const long long total = c.scalar(Query(kCountCrossRegion).add(where));
  if (!rows.empty()) {
    std::vector<long long> ids;
    std::map<long long, CrossRegionRow*> byId;
    for (auto& row : rows) {
      ids.push_back(row.id);
      byId[row.id] = &row;
    }
    for (const auto& r : c.query(Query(kGuardsOfFilings).appendIdList(ids).append(kGuardsOfFilingsOrder)))
      byId.at(r.i64("filing_id"))->guards.push_back({r.i64("id"), r.str("name"), r.str("id_no")});
  }
  return {std::move(rows), total};
}

std::vector<CrossRegionRow> UnitFilingStore::crossRegionOfGuard(db::Conn& c, long long guardId) const {
  std::vector<CrossRegionRow> out;
  for (const auto& r : c.query(Query(kSelectCrossRegion).append(kFilingsOfGuard, guardId))) out.push_back(toCrossRegion(r));
  return out;
}

// ---- annual reports ------------------------------------------------------------------------------

std::optional<long long> UnitFilingStore::reportIdOf(db::Conn& c, long long companyId, int year) const {
  auto r = c.queryOne(Query(kReportIdOf, companyId, year));
  if (!r) return std::nullopt;
  return r->i64("id");
}

long long UnitFilingStore::insertReport(db::Conn& c, const AnnualReportRow& r, long long by) const {
  return c.insert(Query(kInsertReport, r.companyId, r.year, r.operatingSummary, r.guardCount, r.certifiedCount, r.trainingSummary,
                        r.clientCount, r.violations, r.financeSummary, r.reportFileId, r.filedOn, r.applicationId, r.orgId, r.orgPath,
                        r.createdAt, r.updatedAt, by ? std::optional<long long>(by) : std::nullopt));
}

void UnitFilingStore::updateReport(db::Conn& c, long long id, const AnnualReportRow& r) const {
  c.exec(Query(kUpdateReport, r.operatingSummary, r.guardCount, r.certifiedCount, r.trainingSummary, r.clientCount, r.violations,
               r.financeSummary, r.reportFileId, r.filedOn, r.applicationId, r.orgId, r.orgPath, r.updatedAt, id));
}

std::pair<std::vector<AnnualReportRow>, long long> UnitFilingStore::reportsOf(db::Conn& c, long long companyId,
                                                                              const core::PageRequest& page) const {
  std::vector<AnnualReportRow> out;
  for (const auto& r : c.query(Query(kReportsOf, companyId, page.size, page.offset()))) out.push_back(toReport(r));
  return {std::move(out), c.scalar(Query(kCountReportsOf, companyId))};
}

std::vector<ReportRound> UnitFilingStore::rounds(db::Conn& c) const {
  std::vector<ReportRound> out;
  for (const auto& r : c.query(Query(kRounds))) out.push_back(toRound(r));
  return out;
}

std::optional<ReportRound> UnitFilingStore::round(db::Conn& c, int year) const {
  auto r = c.queryOne(Query(kRound, year));
  if (!r) return std::nullopt;
  return toRound(*r);
}

void UnitFilingStore::setRound(db::Conn& c, int year, const std::string& deadline, long long by, long long now) const {
  c.exec(Query(kSetRound, year, deadline, now, by ? std::optional<long long>(by) : std::nullopt));
}

std::pair<std::vector<MissingReport>, long long> UnitFilingStore::missingReports(db::Conn& c, const core::DataScope& scope, int year,
                                                                                 const core::PageRequest& page) const {
  Query from(kMissingFrom, year);
  from.add(db::inScope(kCompanies, scope));
  std::vector<MissingReport> out;
  for (const auto& r : c.query(Query(kMissingSelect).add(from).append(kMissingPage, page.size, page.offset()))) out.push_back(toMissing(r));
  return {std::move(out), c.scalar(Query("SELECT COUNT(*)").add(from))};
}

void UnitFilingStore::forEachMissing(db::Conn& c, const core::DataScope& scope, int year,
                                     const std::function<void(const MissingReport&)>& fn) const {
  Query from(kMissingFrom, year);
  from.add(db::inScope(kCompanies, scope));
  c.forEach(Query(kMissingSelect).add(from).append(kMissingOrder), [&](const db::Row& r) { fn(toMissing(r)); });
}

// ---- in-house units ------------------------------------------------------------------------------

std::optional<InhouseUnitRow> UnitFilingStore::inhouseByCode(db::Conn& c, const std::string& code) const {
  auto r = c.queryOne(Query(kSelectInhouse).append(kByCode, code));
  if (!r) return std::nullopt;
  return toInhouse(*r);
}

std::optional<InhouseUnitRow> UnitFilingStore::inhouse(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelectInhouse).append(kFilingById, id));
  if (!r) return std::nullopt;
  return toInhouse(*r);
}

long long UnitFilingStore::insertInhouse(db::Conn& c, const InhouseFacts& u, long long by, long long now) const {
  return c.insert(Query(kInsertInhouse, u.name, u.code, orNull(u.unitType), u.regionCode, orNull(u.address), u.legalName, u.legalIdNo,
                        u.legalMobile, orNull(u.securityHeadName), orNull(u.securityHeadMobile), u.guardCount, u.filingNo, u.filedOn,
                        u.applicationId, u.orgId, u.orgPath, now, now, by ? std::optional<long long>(by) : std::nullopt));
}

void UnitFilingStore::updateInhouseFiled(db::Conn& c, long long id, const InhouseFacts& u, long long now) const {
  c.exec(Query(kUpdateInhouseFiled, u.name, orNull(u.unitType), u.regionCode, orNull(u.address), u.legalName, u.legalIdNo,
               u.legalMobile, orNull(u.securityHeadName), orNull(u.securityHeadMobile), u.guardCount, u.filingNo, u.filedOn,
               u.applicationId, u.orgId, u.orgPath, now, id));
}

void UnitFilingStore::revokeInhouse(db::Conn& c, long long id, const std::string& on, const std::string& reason,
                                    const std::string& disposition, long long now) const {
  c.exec(Query(kRevokeInhouse, on, reason, orNull(disposition), now, id));
}

std::vector<long long> UnitFilingStore::employedGuards(db::Conn& c, const std::string& employerKind, long long employerId) const {
  std::vector<long long> out;
  for (const auto& r : c.query(Query(kEmployedGuards, employerKind, employerId))) out.push_back(r.i64("id"));
  return out;
}

// ---- training units ------------------------------------------------------------------------------

std::optional<TrainingUnitRow> UnitFilingStore::trainingByCode(db::Conn& c, const std::string& code) const {
  auto r = c.queryOne(Query(kSelectTraining).append(kByCode, code));
  if (!r) return std::nullopt;
  return toTraining(*r);
}

std::optional<TrainingUnitRow> UnitFilingStore::training(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelectTraining).append(kFilingById, id));
  if (!r) return std::nullopt;
  return toTraining(*r);
}

long long UnitFilingStore::insertTraining(db::Conn& c, const TrainingFacts& t, long long by, long long now) const {
  return c.insert(Query(kInsertTraining, t.name, t.code, t.regionCode, orNull(t.address), t.legalName, t.legalIdNo, t.legalMobile,
                        orNull(t.principalName), orNull(t.principalIdNo), orNull(t.principalMobile), orNull(t.principalMobile),
                        t.regCapital, t.licenceNo, t.issuedOn, orNull(t.issuerName), orNull(t.issuerCode), t.applicationId, t.orgId,
                        t.orgPath, now, now, by ? std::optional<long long>(by) : std::nullopt));
}

void UnitFilingStore::updateTraining(db::Conn& c, long long id, const TrainingFacts& t, long long now) const {
  c.exec(Query(kUpdateTraining, t.name, t.regionCode, orNull(t.address), t.legalName, t.legalIdNo, t.legalMobile, orNull(t.principalName),
               orNull(t.principalIdNo), orNull(t.principalMobile), orNull(t.principalMobile), t.regCapital, t.licenceNo, t.issuedOn,
               orNull(t.issuerName), orNull(t.issuerCode), t.applicationId, t.orgId, t.orgPath, now, id));
}

// ---- licence changes -----------------------------------------------------------------------------

std::optional<db::Row> UnitFilingStore::holderColumns(db::Conn& c, const std::string& table, const std::vector<std::string>& columns,
                                                      long long id) const {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
  sql += " FROM " + table + " WHERE id = ?";
  return c.queryOne(Query(sql, id));
}

void UnitFilingStore::setHolderColumn(db::Conn& c, const std::string& table, const std::string& column, const db::Value& v, long long id,
                                      long long now) const {
  Query q("UPDATE " + table + " SET " + column + " = ");
  q.appendValue("?", v).append(", updated_at = ? WHERE id = ?", now, id);
  c.exec(q);
}

std::optional<std::string> UnitFilingStore::activeCompanyLicence(db::Conn& c, long long companyId) const {
  auto r = c.queryOne(Query(kActiveCompanyLicence, companyId));
  if (!r) return std::nullopt;
  return r->str("licence_no");
}

}  // namespace baoan::industry
