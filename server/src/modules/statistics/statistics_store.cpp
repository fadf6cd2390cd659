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
constexpr const char* kCases =
    "SELECT a.id, a.business_type, a.status, a.region_code, a.submitted_at, a.decided_at, a.step_index, a.workflow_version_id, "
    "a.pauses, a.extension_days FROM applications a WHERE ";
constexpr const char* kCaseConditions = " AND a.status <> 'draft' AND a.submitted_at >= ? AND a.submitted_at <= ? AND a.region_code LIKE ?";
constexpr const char* kTypeIs = " AND a.business_type = ?";
constexpr const char* kSteps =
    "SELECT l.application_id, l.step_index, l.action, l.working_days FROM application_log l JOIN applications a ON a.id = l.application_id "
    "WHERE l.working_days IS NOT NULL AND l.step_index IS NOT NULL AND ";
// The registration list's conditions (registration_store.cpp appendFilter: createdFrom/To, householdRegion).
constexpr const char* kRegistrations = "SELECT r.status, r.household_region, r.created_at FROM exam_registrations r WHERE ";
constexpr const char* kRegistrationConditions = " AND r.created_at >= ? AND r.created_at <= ? AND r.household_region LIKE ?";
constexpr const char* kCertificates =
    "SELECT c.issued_on FROM certificates c JOIN exam_registrations r ON r.id = c.registration_id WHERE ";
constexpr const char* kCertificateConditions = " AND c.issued_on >= ? AND c.issued_on <= ? AND r.household_region LIKE ?";
constexpr const char* kCompanies = "SELECT t.region_code, t.initialized FROM companies t WHERE ";
constexpr const char* kCompanyRegion = " AND t.region_code LIKE ?";
constexpr const char* kGuards =
    "SELECT o.region_code, g.employed, g.certificate_no, g.real_name_verified, g.app_initialized, g.hired_on, g.left_on "
    "FROM guards g JOIN orgs o ON o.id = g.org_id WHERE ";
constexpr const char* kGuardRegion = " AND o.region_code LIKE ?";

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
                            const std::function<void(const CaseFact&)>& fn) const {
  Query q(kCases);
  q.add(db::inScope(approval::kApplications, scope)).append(kCaseConditions, p.fromMs, p.toMs, like(p.regionPrefix));
  if (businessType) q.append(kTypeIs, *businessType);
  c.forEach(q, [&](const db::Row& r) {
    CaseFact f;
    f.id = r.i64("id");
    f.businessType = r.str("business_type");
    f.status = r.str("status");
    f.regionCode = r.str("region_code");
    f.submittedAt = r.i64("submitted_at");
    f.decidedAt = r.optI64("decided_at");
    if (auto s = r.optI64("step_index")) f.stepIndex = static_cast<int>(*s);
    f.workflowVersionId = r.i64("workflow_version_id");
    f.pauses = r.str("pauses");
    f.extensionDays = static_cast<int>(r.i64("extension_days"));
    fn(f);
  });
}

void StatisticsStore::steps(db::Conn& c, const core::DataScope& scope, const Period& p, const std::optional<std::string>& businessType,
                            const std::function<void(const StepFact&)>& fn) const {
  Query q(kSteps);
  q.add(db::inScope(approval::kApplications, scope)).append(kCaseConditions, p.fromMs, p.toMs, like(p.regionPrefix));
  if (businessType) q.append(kTypeIs, *businessType);
  c.forEach(q, [&](const db::Row& r) {
    fn({r.i64("application_id"), static_cast<int>(r.i64("step_index")), r.str("action"), r.i64("working_days")});
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

void StatisticsStore::guards(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix,
                             const std::function<void(const GuardFact&)>& fn) const {
  Query q(kGuards);
  q.add(db::inScope(industry::kGuards, scope)).append(kGuardRegion, like(regionPrefix));
  c.forEach(q, [&](const db::Row& r) {
    GuardFact g;
    g.regionCode = r.str("region_code");
    g.employed = r.boolean("employed");
    const auto no = r.optStr("certificate_no");
    g.certified = no && !no->empty();
    g.realNameVerified = r.boolean("real_name_verified");
    g.appInitialized = r.boolean("app_initialized");
    g.hiredOn = r.optStr("hired_on");
    g.leftOn = r.optStr("left_on");
    fn(g);
  });
}

}  // namespace baoan::statistics
