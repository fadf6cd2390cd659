#pragma once
// The rows the §8 statistics count, read with the same scope and filters as the lists their 详情
// open (GET /applications, /exam-registrations, /companies, /guards): one condition per filter, so
// that a figure and its list cannot drift apart.
#include <functional>
#include <unordered_set>
#include <optional>
#include <string>

#include "core/data_scope.h"
#include "db/db.h"

namespace baoan::statistics {

// The period and the region of a page: instants [fromMs, toMs] and a region prefix ("6104").
struct Period {
  long long fromMs = 0, toMs = 0;
  std::string regionPrefix;
};

struct CaseFact {
  long long id = 0;
  std::string businessType, status, regionCode;
  long long submittedAt = 0;
  std::optional<long long> decidedAt;
  std::optional<int> stepIndex;
  long long workflowVersionId = 0;
  std::string pauses;
  int extensionDays = 0;
};

// One action of a case's log with the working days its step had taken (the engine's clock).
struct StepFact {
  long long caseId = 0, logId = 0;
  int stepIndex = 0;
  std::string action;
  long long workingDays = 0;
};

struct RegistrationFact {
  std::string status, householdRegion;
  long long createdAt = 0;
};

struct CompanyFact {
  std::string regionCode;
  bool initialized = false;
};

// The guards of one supervising org, counted by the database.
struct GuardTally {
  std::string regionCode;  // the supervising org's region
  long long employed = 0, certified = 0, realNameVerified = 0, appInitialized = 0;  // among the employed
  long long newHires = 0, leavers = 0;                                              // hired_on / left_on in the period
};

// Guards hired or left in the period in one month ("YYYY-MM"; the other month "").
struct GuardMonths {
  std::string hireMonth, leaveMonth;
  long long count = 0;
};

class StatisticsStore {
 public:
  // The region of an org (orgs.region_code); "" when the org does not exist.
  std::string orgRegion(db::Conn& c, long long orgId) const;
  // The steps (JSON) of a workflow version.
  std::string chainSteps(db::Conn& c, long long workflowVersionId) const;

  // Cases submitted in the period, in scope, under the region (drafts are not cases): as
  // GET /applications?submittedFrom&submittedTo&regionCode[&businessType] lists them; and with them
  // the entries of their log with a clock (a second read under the same conditions). onCase sees each
  // case once, before any log entry; onStep sees the entries (action: approve, reject, refuse or empty).
  void cases(db::Conn& c, const core::DataScope& scope, const Period& p, const std::optional<std::string>& businessType,
             const std::function<void(const CaseFact&)>& onCase, const std::function<void(const StepFact&)>& onStep) const;

  // Registrations made in the period whose 户籍地 lies under the region: as
  // GET /exam-registrations?createdFrom&createdTo&householdRegion lists them.
  void registrations(db::Conn& c, const core::DataScope& scope, const Period& p, const std::function<void(const RegistrationFact&)>& fn) const;
  // Certificates issued in the period to registrations in scope under the region: issued_on per row.
  void certificatesIssued(db::Conn& c, const core::DataScope& scope, const Period& p, const std::function<void(const std::string&)>& fn) const;

  // Companies in scope under the region (GET /companies?regionCode, the registry's scope).
  void companies(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix, const std::function<void(const CompanyFact&)>& fn) const;
  // Guards in scope whose supervising org lies under the region, counted per supervising org (one
  // GROUP BY over the guards_analysis index); the period is [fromDate, toDate] ("YYYY-MM-DD"), the
  // guard list's hiredFrom/hiredTo comparison.
  void guardTallies(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix, const std::string& fromDate,
                    const std::string& toDate, const std::function<void(const GuardTally&)>& fn) const;
  // The same guards hired in the period per month (leaveMonth ""), then those who left in it (hireMonth "").
  void guardMonths(db::Conn& c, const core::DataScope& scope, const std::string& regionPrefix, const std::string& fromDate,
                   const std::string& toDate, const std::function<void(const GuardMonths&)>& fn) const;
};

}  // namespace baoan::statistics
