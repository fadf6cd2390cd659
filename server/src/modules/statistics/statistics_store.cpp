#include "modules/statistics/statistics_store.h"

#include "core/working_calendar.h"
#include "db/scope_sql.h"
#include "modules/approval/approval_store.h"
#include "modules/exam/registration_store.h"
#include "modules/industry/guard_store.h"
#include "modules/industry/unit_filing_store.h"

namespace baoan::statistics {

using db::Query;

namespace {
constexpr const char* kOrgRegion = "SELECT region_code FROM orgs WHERE id = ?";
constexpr const char* kChainSteps = "SELECT steps FROM workflow_versions WHERE id = ?";
// The case list's own conditions (approval_store.cpp: kNotDraft, kSubmittedFrom/To, kRegionUnder, kTypeIs).
// The cases, then the log entries that carry a clock of the same cases: two narrow reads rather than
// one join that repeats every case's columns on each of its entries (115 000 rows of 14 columns for the
// province's 3 years of the benchmark, against 50 000 of 10 and 108 000 of 4 integers).
constexpr const char* kCases =
    "SELECT a.id, a.business_type, a.status, a.region_code, a.submitted_at, a.decided_at, a.step_index, a.workflow_version_id, "
    "a.pauses, a.extension_days FROM applications a WHERE ";
// The action as a number (1 approve, 2 reject, 3 refuse, 0 other): what the figures tell apart.
constexpr const char* kCaseClocks =
    "SELECT l.application_id AS id, l.id AS log_id, l.step_index AS log_step, l.working_days AS log_days, "
    "CASE l.action WHEN 'approve' THEN 1 WHEN 'reject' THEN 2 WHEN 'refuse' THEN 3 ELSE 0 END AS log_action FROM applications a "
    "JOIN application_log l ON l.application_id = a.id AND l.working_days IS NOT NULL AND l.step_index IS NOT NULL WHERE ";
// `submitted_at + 0`: the period as a range of the statistics' own covering index (applications_stats,
// migration 0037), which the lists' conditions on submitted_at itself never match.
constexpr const char* kCaseConditions =
    " AND a.status <> 'draft' AND a.submitted_at + 0 >= ? AND a.submitted_at + 0 <= ? AND a.region_code LIKE ?";
constexpr const char* kTypeIs = " AND a.business_type = ?";
// The registration list's conditions (registration_store.cpp appendFilter: createdFrom/To, householdRegion).
constexpr const char* kRegistrations = "SELECT r.status, r.household_region, r.created_at FROM exam_registrations r WHERE ";
constexpr const char* kRegistrationConditions = " AND r.created_at >= ? AND r.created_at <= ? AND r.household_region LIKE ?";
constexpr const char* kCertificates =
    "SELECT c.issued_on FROM certificates c JOIN exam_registrations r ON r.id = c.registration_id WHERE ";
constexpr const char* kCertificateConditions = " AND c.issued_on >= ? AND c.issued_on <= ? AND r.household_region LIKE ?";
constexpr const char* kCompanies = "SELECT t.region_code, t.initialized FROM companies t WHERE ";
constexpr const char* kCompanyRegion = " AND t.region_code LIKE ?";
// Per supervising org (GROUP BY over guards_analysis; the org's region joined to the ~400 groups):
// COUNT(*) FILTER, as GuardStore::countEach. A certificate is a non-empty certificate_no.
constexpr const char* kGuardTallies =
    "SELECT o.region_code, t.employed, t.certified, t.real_name, t.app, t.hired, t.left_in FROM (SELECT g.org_id, "
    "COUNT(*) FILTER (WHERE g.employed = 1) AS employed, "
    "COUNT(*) FILTER (WHERE g.employed = 1 AND g.certificate_no <> '') AS certified, "
    "COUNT(*) FILTER (WHERE g.employed = 1 AND g.real_name_verified = 1) AS real_name, "
    "COUNT(*) FILTER (WHERE g.employed = 1 AND g.app_initialized = 1) AS app, ";
constexpr const char* kGuardTalliesHired = "COUNT(*) FILTER (WHERE g.hired_on >= ? AND g.hired_on <= ?) AS hired, ";
constexpr const char* kGuardTalliesLeft = "COUNT(*) FILTER (WHERE g.left_on >= ? AND g.left_on <= ?) AS left_in FROM guards g WHERE ";
constexpr const char* kGuardTalliesEnd = " GROUP BY g.org_id) t JOIN orgs o ON o.id = t.org_id";
// Hires / leavers of the period per month: a range of (org_id, hired_on) / (org_id, left_on) per org.
constexpr const char* kGuardHireMonths = "SELECT substr(g.hired_on, 1, 7) AS m, COUNT(*) AS n FROM guards g WHERE ";
constexpr const char* kGuardHiredIn = " AND g.hired_on >= ? AND g.hired_on <= ? GROUP BY 1";
constexpr const char* kGuardLeaveMonths = "SELECT substr(g.left_on, 1, 7) AS m, COUNT(*) AS n FROM guards g WHERE ";
constexpr const char* kGuardLeftIn = " AND g.left_on >= ? AND g.left_on <= ? GROUP BY 1";
// The supervising org under the region (the org's region_code, as the join of the list of orgs).
constexpr const char* kGuardRegion = " AND g.org_id IN (SELECT id FROM orgs WHERE region_code LIKE ?)";

std::string like(const std::string& prefix) { return prefix + "%"; }
}  // namespace

std::string StatisticsStore::orgRegion(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrgRegion, orgId));
  return r ? r->str("region_code") : std::string();
}

std::string StatisticsStore::chainSteps(db::Conn& c, long long workflowVersionId) const {
  auto r = c.queryOne(Query(kChainSteps, workflowVersionId));
  return r ? r->str("steps") : std::string("[]");
}

void StatisticsStore::cases(db::Conn& c, const core::DataScope& scope, const Period& p, const std::optional<std::string>& businessType,
                            const std::function<void(const CaseFact&)>& onCase, const std::function<void(const StepFact&)>& onStep) const {
  auto filtered = [&](const char* select) {
    Query q(select);
    q.add(db::inScope(approval::kApplications, scope)).append(kCaseConditions, p.fromMs, p.toMs, like(p.regionPrefix));
    if (businessType) q.append(kTypeIs, *businessType);
    return q;
  };
  CaseFact f;
  c.forEach(filtered(kCases), [&](const db::Row& r) {
    f.id = r.i64("id");
    f.businessType = r.str("business_type");
    f.status = r.str("status");
    f.regionCode = r.str("region_code");
    f.submittedAt = r.i64("submitted_at");
    f.decidedAt = r.optI64("decided_at");
    f.stepIndex.reset();
    if (auto s = r.optI64("step_index")) f.stepIndex = static_cast<int>(*s);
    f.workflowVersionId = r.i64("workflow_version_id");
    f.pauses = r.str("pauses");
    f.extensionDays = static_cast<int>(r.i64("extension_days"));
    onCase(f);
  });
  static const std::string kActions[] = {"", "approve", "reject", "refuse"};
  c.forEach(filtered(kCaseClocks), [&](const db::Row& r) {
    const long long action = r.i64("log_action");
    onStep({r.i64("id"), r.i64("log_id"), static_cast<int>(r.i64("log_step")), kActions[action >= 0 && action <= 3 ? action : 0],
            r.i64("log_days")});
  });
}

void StatisticsStore::registrations(db::Conn& c, const core::DataScope& scope, const Period& p,
                                    const std::function<void(const RegistrationFact&)>& fn) const {
  Query q(kRegistrations);
  q.add(db::inScope(exam::RegistrationStore::kTable, scope)).append(kRegistrationConditions, p.fromMs, p.toMs, like(p.regionPrefix));
  c.forEach(q, [&](const db::Row& r) { fn({r.str("status"), r.str("household_region"), r.i64("created_at")}); });
}

void StatisticsStore::certificatesIssued(db::Conn& c, const core::DataScope& scope, const Period& p,
                                         const std::function<void(const std::string&)>& fn) const {
  Query q(kCertificates);
  q.add(db::inScope(exam::RegistrationStore::kTable, scope))
      .append(kCertificateConditions, core::formatDate(core::chinaDay(p.fromMs)), core::formatDate(core::chinaDay(p.toMs)), like(p.regionPrefix));
  c.forEach(q, [&](const db::Row& r) { fn(r.str("issued_on")); });
}

void StatisticsStore::companies(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix,
                                const std::function<void(const CompanyFact&)>& fn) const {
  Query q(kCompanies);
  q.add(db::inScope(industry::kCompanies, scope)).append(kCompanyRegion, like(regionPrefix));
  c.forEach(q, [&](const db::Row& r) { fn({r.str("region_code"), r.boolean("initialized")}); });
}

void StatisticsStore::guardTallies(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix, const std::string& fromDate,
                                   const std::string& toDate, const std::function<void(const GuardTally&)>& fn) const {
  Query q(kGuardTallies);
  q.append(kGuardTalliesHired, fromDate, toDate).append(kGuardTalliesLeft, fromDate, toDate);
  q.add(db::inScope(industry::kGuards, scope)).append(kGuardRegion, like(regionPrefix)).append(kGuardTalliesEnd);
  c.forEach(q, [&](const db::Row& r) {
    fn({r.str("region_code"), r.i64("employed"), r.i64("certified"), r.i64("real_name"), r.i64("app"), r.i64("hired"), r.i64("left_in")});
  });
}

void StatisticsStore::guardMonths(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix, const std::string& fromDate,
                                  const std::string& toDate, const std::function<void(const GuardMonths&)>& fn) const {
  Query hires(kGuardHireMonths);
  hires.add(db::inScope(industry::kGuards, scope)).append(kGuardRegion, like(regionPrefix)).append(kGuardHiredIn, fromDate, toDate);
  c.forEach(hires, [&](const db::Row& r) { fn({r.str("m"), "", r.i64("n")}); });
  Query leavers(kGuardLeaveMonths);
  leavers.add(db::inScope(industry::kGuards, scope)).append(kGuardRegion, like(regionPrefix)).append(kGuardLeftIn, fromDate, toDate);
  c.forEach(leavers, [&](const db::Row& r) { fn({"", r.str("m"), r.i64("n")}); });
}

}  // namespace baoan::statistics
