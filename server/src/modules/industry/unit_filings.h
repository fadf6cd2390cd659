#pragma once
// The registry side of the filings, licences and changes of issue 12 (manual §5.2–§5.8).
//
// UnitFilings: the effect of each business type's final 同意, called by the approval engine's grant
// inside the grant's transaction (as CompanyLicensing is for the company licence). Every function
// checks what it is given (422 naming the field), writes the registry and an audit entry in the
// caller's transaction, and refuses a conflict with an AppError in Chinese; nothing is written when
// it throws (the caller's transaction rolls back).
//
// UnitFilingService: what officers read of those records (a company's branches, cross-region
// filings and annual reports; the cross-region filings of a region; the companies missing a year's
// report) and the annual report rounds (the deadline of a year).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "modules/industry/company_store.h"
#include "modules/industry/guard_store.h"
#include "modules/industry/registry_service.h"
#include "modules/export_util.h"
#include "modules/industry/unit_filing_store.h"
#include "modules/system/user_service.h"

namespace baoan::industry {

// 分公司备案 (branch_filing).
struct BranchRecord {
  long long companyId = 0;    // the parent company
  std::string name;           // 分公司名称 (one branch per company and name: a second filing updates it)
  std::string address;        // 住所
  std::string regionCode;     // where the branch is (county code): its bureau supervises the record
  std::string headName, headIdNo, headMobile;  // 负责人
  std::string serviceScope;   // codes of the serviceScopes dictionary, "door,patrol"
  std::string setUpOn;        // 设立日期 "YYYY-MM-DD"
  std::string filedOn;        // 备案日期 "YYYY-MM-DD"; "" = today (China)
  std::optional<long long> applicationId;
};

// 跨区域服务备案 (cross_region_filing).
struct CrossRegionRecord {
  long long companyId = 0;
  std::string licenceNo;          // "" = the company's licence number
  std::string serviceRegionCode;  // 服务所在地 (county code): its bureau sees the record too
  std::string clientName;         // 客户单位
  std::string periodFrom, periodTo;  // 服务期间 "YYYY-MM-DD"
  std::string leaderName, leaderIdNo, leaderMobile;  // 项目负责人
  std::vector<long long> guardIds;  // 派出保安员: guards employed by the company now
  std::string filedOn;              // "" = today (China)
  std::optional<long long> applicationId;
};

// 年度报告备案 (annual_report).
struct AnnualReportRecord {
  long long companyId = 0;
  int year = 0;                   // 年度
  std::string operatingSummary;   // 经营情况
  long long guardCount = 0;       // 保安员人数
  long long certifiedCount = 0;   // 持证人数
  std::string trainingSummary;    // 培训情况
  long long clientCount = 0;      // 服务单位数
  std::string violations;         // 违法违规与事故情况
  std::string financeSummary;     // 财务摘要
  std::optional<std::string> reportFileId;  // 年度报告 (upload id)
  std::string filedOn;            // "" = today (China)
  std::optional<long long> applicationId;
};

// One person of a people table (保安员名单).
struct PersonRow {
  std::string name, idNo, mobile;
};

// 自行招用保安员单位备案 (inhouse_filing).
struct InhouseFilingRecord {
  std::string name;        // 单位名称
  std::string code;        // 统一社会信用代码: an existing unit with it is claimed
  std::string unitType;    // 单位类型 (free text or a code of the form)
  std::string regionCode;  // where the unit is: its bureau supervises it
  std::string address;     // 住所
  std::string legalName, legalIdNo, legalMobile;        // 法定代表人
  std::string securityHeadName, securityHeadMobile;     // 保安工作负责人
  std::vector<PersonRow> guards;                        // 保安员名单: they become its employees
  std::string startedOn;   // the date its guards started ("" = filedOn): their hire date
  std::string filedOn;     // "" = today (China)
  std::optional<long long> applicationId;
};

struct InhouseFiled {
  long long unitId = 0;
  std::string filingNo;  // "陕自招备2026-00001"
};

// 保安培训许可证 issued (training_licence): the unit under 保安培训单位管理.
struct TrainingUnitRecord {
  std::string name;        // 名称
  std::string code;        // 统一社会信用代码: an existing unit with it is updated
  std::string regionCode;  // where the unit is: its bureau supervises it
  std::string address;     // 住所
  std::string legalName, legalIdNo, legalMobile;  // 法定代表人
  std::string principalName, principalIdNo, principalMobile;  // 主要负责人 (校长)
  std::optional<long long> regCapital;  // 万元
  std::string licenceNo;   // the issued licence's number
  std::string issuedOn;    // "YYYY-MM-DD"; "" = today (China)
  std::string issuerName;  // 发证机关
  std::string issuerCode;  // its region code, or ""
  std::optional<long long> applicationId;
};

// What the portal offers an account (the engine's eligibility).
struct UnitState {
  std::string kind;                 // applicant | company | training_unit | inhouse_unit | officer
  std::optional<long long> unitId;  // the company or unit the account acts for
  std::string unitName;
  bool licensed = false;  // company / training unit: holds a licence in force (registry record active, licence number set)
  bool filed = false;     // in-house unit: its filing is in force (not revoked)
  std::optional<std::string> licenceNo;  // company / training unit
  std::optional<std::string> filingNo;   // in-house unit
};

class UnitFilings {
 public:
  explicit UnitFilings(system::UserService& users) : users_(users) {}

  // The branch's id.
  long long recordBranch(db::Conn& c, const core::Actor& a, const BranchRecord& r);
  // The filing's id. 422 naming guardIds when a guard is not employed by the company.
  long long recordCrossRegion(db::Conn& c, const core::Actor& a, const CrossRegionRecord& r);
  // The report's id (the year's earlier report replaced).
  long long recordAnnualReport(db::Conn& c, const core::Actor& a, const AnnualReportRecord& r);
  // The unit (claimed or created), its filing number; the applicant's account becomes the unit's.
  // 422 naming guards[i].idNo when a listed guard is employed by another unit.
  InhouseFiled recordInhouseFiling(db::Conn& c, const core::Actor& a, const InhouseFilingRecord& r, long long applicantUserId);
  // 撤销备案: the filing ends, the unit's guards leave on stoppedOn; the unit stays readable.
  void revokeInhouseFiling(db::Conn& c, const core::Actor& a, long long unitId, const std::string& stoppedOn, const std::string& reason,
                           const std::string& guardsDisposition);
  // The training unit's id (created or updated); the applicant's account becomes the unit's.
  long long recordTrainingUnit(db::Conn& c, const core::Actor& a, const TrainingUnitRecord& r, long long applicantUserId);
  // 项目变更: `changes` = {"name"|"address"|"legalName"|"legalIdNo"|"legalMobile"|"regCapital"|"serviceScope": new value}
  // (serviceScope as codes "door,patrol" or an array of codes; companies only); audited old → new.
  // holderKind: "company" | "training_unit".
  void applyLicenceChange(db::Conn& c, const core::Actor& a, const std::string& holderKind, long long holderId,
                          const nlohmann::json& changes);
  // The account's kind and unit, and whether it holds a licence / a filing in force.
  UnitState unitState(db::Conn& c, const core::Principal& p) const;

 private:
  system::UserService& users_;
  UnitFilingStore store_;
  CompanyStore companies_;
  GuardStore guards_;
};

class UnitFilingService {
 public:
  // companies: the registry of companies (its scope check).
  UnitFilingService(app::Context& ctx, std::shared_ptr<RegistryService> companies) : ctx_(ctx), companies_(std::move(companies)) {}

  // A company's records (company:view, the company in the caller's scope, else 404).
  nlohmann::json branches(const core::Principal& p, long long companyId, const core::PageRequest& page);
  nlohmann::json crossRegionOfCompany(const core::Principal& p, long long companyId, const core::PageRequest& page);
  nlohmann::json annualReports(const core::Principal& p, long long companyId, const core::PageRequest& page);
  // Cross-region filings seen by the company's org or by the service region's (either in scope).
  nlohmann::json crossRegionFilings(const core::Principal& p, const CrossRegionFilter& f, const core::PageRequest& page);

  // Annual report rounds: the years with a deadline; set a year's deadline; the companies in scope
  // (active, licensed) without a report of the year.
  nlohmann::json rounds();
  nlohmann::json setRound(const core::Actor& a, const std::string& year, const nlohmann::json& body);
  nlohmann::json missingReports(const core::Principal& p, const std::string& year, const core::PageRequest& page);
  // The same companies as an xlsx (annual_report:export), audited.
  modules::ExportFile exportMissing(const core::Actor& a, const std::string& year);

 private:
  void requireCompany(db::Conn& c, const core::Principal& p, long long companyId) const;
  app::Context& ctx_;
  std::shared_ptr<RegistryService> companies_;
  UnitFilingStore store_;
};

// For the guard's details (GET /guards/{id}): its cross-region assignments.
nlohmann::json crossRegionAssignmentsJson(db::Conn& c, long long guardId);

}  // namespace baoan::industry
