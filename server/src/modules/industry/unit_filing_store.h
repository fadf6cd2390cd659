#pragma once
// SQL of the registry records the filings of issue 12 produce (migration 0015): company branches,
// cross-region filings and the guards they send, annual reports and their rounds, the filing of
// in-house units, licensed training units, and the licence changes of companies and training units.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::industry {

// A branch is supervised by the bureau of its region; a cross-region filing by the company's org and
// by the bureau of the service region (either path in scope shows it).
inline constexpr db::ScopedTable kBranches{"company_branches", "b", "org_path", "created_by"};
inline constexpr db::ScopedTable kCrossRegionByCompany{"cross_region_filings", "f", "org_path", "created_by"};
inline constexpr db::ScopedTable kCrossRegionByService{"cross_region_filings", "f", "service_org_path", "created_by"};
inline constexpr db::ScopedTable kAnnualReports{"annual_reports", "r", "org_path", "created_by"};
inline constexpr db::ScopedTable kCompanies{"companies", "t", "org_path", "created_by"};

struct BranchRow {
  long long id = 0, companyId = 0;
  std::string name, address, regionCode, headName, headIdNo, headMobile, serviceScope, setUpOn, filedOn;
  std::optional<long long> applicationId;
  long long orgId = 0;
  std::string orgPath, orgName;
  long long createdAt = 0, updatedAt = 0;
};

struct AssignedGuard {
  long long id = 0;
  std::string name, idNo;
};

struct CrossRegionRow {
  long long id = 0, companyId = 0;
  std::string companyName, licenceNo, serviceRegionCode, clientName, periodFrom, periodTo;
  std::string leaderName, leaderIdNo, leaderMobile, filedOn;
  std::optional<long long> applicationId;
  long long orgId = 0;
  std::string orgPath, orgName;
  long long serviceOrgId = 0;
  std::string serviceOrgPath, serviceOrgName;
  long long createdAt = 0, updatedAt = 0;
  std::vector<AssignedGuard> guards;
};

struct CrossRegionFilter {
  const core::DataScope* scope = nullptr;  // either path inside it; nullptr = no scope (a company's own list, checked before)
  std::optional<long long> companyId;
  std::string companyName;        // contains
  std::string clientName;         // contains
  std::string serviceRegionCode;  // the region or any region below it ("610100" = 西安市 and its districts)
};

struct AnnualReportRow {
  long long id = 0, companyId = 0;
  int year = 0;
  std::string operatingSummary;
  long long guardCount = 0, certifiedCount = 0, clientCount = 0;
  std::string trainingSummary, violations, financeSummary;
  std::optional<std::string> reportFileId;
  std::string filedOn;
  std::optional<long long> applicationId;
  long long orgId = 0;
  std::string orgPath, orgName;
  long long createdAt = 0, updatedAt = 0;
};

struct ReportRound {
  int year = 0;
  std::string deadline;
  long long updatedAt = 0;
};

// A company that has not filed the year's report.
struct MissingReport {
  long long id = 0;
  std::string name, creditCode, licenceNo, regionCode, legalName;
  std::optional<std::string> contactPhone;
  long long orgId = 0;
  std::string orgName;
};

// An in-house unit as its filing needs it.
struct InhouseUnitRow {
  long long id = 0;
  std::string name, code, regionCode;
  std::optional<std::string> filingNo, filingStatus, filedOn;
  long long orgId = 0;
  std::string orgPath;
};

struct TrainingUnitRow {
  long long id = 0;
  std::string name, code;
  std::optional<std::string> licenceNo, revokedOn;
  long long orgId = 0;
  std::string orgPath;
};

class UnitFilingStore {
 public:
  // Branches.
  std::optional<long long> branchIdByName(db::Conn& c, long long companyId, const std::string& name) const;
  long long insertBranch(db::Conn& c, const BranchRow& b, long long by) const;
  void updateBranch(db::Conn& c, long long id, const BranchRow& b) const;
  std::pair<std::vector<BranchRow>, long long> branchesOf(db::Conn& c, long long companyId, const core::PageRequest& page) const;

  // Cross-region filings.
  long long insertCrossRegion(db::Conn& c, const CrossRegionRow& f, long long by) const;
  void addCrossRegionGuard(db::Conn& c, long long filingId, long long guardId) const;
  std::pair<std::vector<CrossRegionRow>, long long> crossRegion(db::Conn& c, const CrossRegionFilter& f, const core::PageRequest& page) const;
  // The filings a guard was sent with, newest first.
  std::vector<CrossRegionRow> crossRegionOfGuard(db::Conn& c, long long guardId) const;

  // Annual reports and rounds.
  std::optional<long long> reportIdOf(db::Conn& c, long long companyId, int year) const;
  long long insertReport(db::Conn& c, const AnnualReportRow& r, long long by) const;
  void updateReport(db::Conn& c, long long id, const AnnualReportRow& r) const;
  std::pair<std::vector<AnnualReportRow>, long long> reportsOf(db::Conn& c, long long companyId, const core::PageRequest& page) const;
  std::vector<ReportRound> rounds(db::Conn& c) const;
  std::optional<ReportRound> round(db::Conn& c, int year) const;
  void setRound(db::Conn& c, int year, const std::string& deadline, long long by, long long now) const;
  std::pair<std::vector<MissingReport>, long long> missingReports(db::Conn& c, const core::DataScope& scope, int year,
                                                                  const core::PageRequest& page) const;
  // The same, every one of them (the export), in the same order.
  void forEachMissing(db::Conn& c, const core::DataScope& scope, int year, const std::function<void(const MissingReport&)>& fn) const;

  // In-house units.
  std::optional<InhouseUnitRow> inhouseByCode(db::Conn& c, const std::string& code) const;
  std::optional<InhouseUnitRow> inhouse(db::Conn& c, long long id) const;
  struct InhouseFacts {
    std::string name, code, unitType, regionCode, address, legalName, legalIdNo, legalMobile, securityHeadName, securityHeadMobile;
    long long guardCount = 0;
    std::string filingNo, filedOn;
    std::optional<long long> applicationId;
    long long orgId = 0;
    std::string orgPath;
  };
  long long insertInhouse(db::Conn& c, const InhouseFacts& u, long long by, long long now) const;
  void updateInhouseFiled(db::Conn& c, long long id, const InhouseFacts& u, long long now) const;
  void revokeInhouse(db::Conn& c, long long id, const std::string& on, const std::string& reason, const std::string& disposition,
                     long long now) const;
  // Guards employed now by an employer.
  std::vector<long long> employedGuards(db::Conn& c, const std::string& employerKind, long long employerId) const;

  // Training units.
  std::optional<TrainingUnitRow> trainingByCode(db::Conn& c, const std::string& code) const;
  std::optional<TrainingUnitRow> training(db::Conn& c, long long id) const;
  struct TrainingFacts {
    std::string name, code, regionCode, address, legalName, legalIdNo, legalMobile, principalName, principalIdNo, principalMobile;
    std::optional<long long> regCapital;
    std::string licenceNo, issuedOn, issuerName, issuerCode;
    std::optional<long long> applicationId;
    long long orgId = 0;
    std::string orgPath;
  };
  long long insertTraining(db::Conn& c, const TrainingFacts& t, long long by, long long now) const;
  void updateTraining(db::Conn& c, long long id, const TrainingFacts& t, long long now) const;

  // Licence changes: the holder's value of one column (text or number), and its new value. Only the
  // columns of kChangeColumns (unit_filings.cpp) are ever named.
  std::optional<db::Row> holderColumns(db::Conn& c, const std::string& table, const std::vector<std::string>& columns, long long id) const;
  void setHolderColumn(db::Conn& c, const std::string& table, const std::string& column, const db::Value& v, long long id, long long now) const;

  // The company's licence number (active companies only).
  std::optional<std::string> activeCompanyLicence(db::Conn& c, long long companyId) const;
};

}  // namespace baoan::industry
