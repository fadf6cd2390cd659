#pragma once
// Everything the engine, the portal and the §5 pages know about one business type (DOMAIN.md
// "Business types"), declared in one place per type: modules/approval/types/<code>.cpp. A
// declaration gives the form, the default chain, where a case is routed, who may apply, the
// late-filing rule, what the server fills in at submit and what the final 同意 does to the registry.
// The engine reads declarations and never tests a type's code; adding a type is adding a file here.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.h"
#include "core/working_calendar.h"
#include "db/db.h"
#include "modules/approval/application_form.h"
#include "modules/approval/approval_store.h"
#include "modules/approval/workflow.h"

namespace baoan::licences {
class LicenceService;
}
namespace baoan::industry {
class CompanyLicensing;
class UnitFilings;
}

namespace baoan::approval {

// The portal account as the eligibility rules see it.
struct ApplicantState {
  std::string kind;      // applicant | company | training_unit | inhouse_unit
  std::string unitKind;  // company | training_unit | inhouse_unit: what the account is (or signed up as)
  bool licensed = false;  // holds a valid licence (company, training unit)
  bool filed = false;     // an in-house unit with a filing in force
};

// 备案 deadlines (条例 and 办法, DOMAIN.md): a filing counts from a date the applicant gives. Late
// filings are taken (not refused) and the case says 逾期备案.
struct LateRule {
  std::string dateField;  // the form's date the clock counts from
  int days = 0;           // 0: the filing must be made before that date
  bool workingDays = false;
  std::string rule;       // as the warning cites it, e.g. "应在分公司设立后15个工作日内备案"
};

// What the final 同意 needs to take effect, inside the grant's transaction.
struct GrantEffects {
  licences::LicenceService& licences;
  industry::CompanyLicensing& companies;
  industry::UnitFilings& filings;
  ApprovalStore& store;
};

// The licence holder an account acts for ("company" / "training_unit" and its id); nullopt for
// accounts that hold none.
std::optional<std::pair<std::string, long long>> licenceHolder(const core::Principal& p);

// The document a grant issues (a licence, a certificate, a filing), named in the applicant's notice.
struct IssuedDocument {
  std::string name;    // "保安服务许可证"
  std::string number;  // its number
};

struct GrantContext {
  db::Conn& c;
  const core::Actor& a;
  const CaseRow& row;
  const Chain& chain;
  const nlohmann::json& form;
  GrantEffects& fx;
  std::optional<IssuedDocument> issued = std::nullopt;  // set by a grant that issues a document
};

// What the server fills in at submit, inside the submit's transaction (e.g. the old values of a
// licence change); may refuse with a 422 naming the field.
struct SubmitContext {
  db::Conn& c;
  const core::Principal& applicant;
  nlohmann::json& form;
  GrantEffects& fx;
};

struct BusinessTypeSpec {
  std::string code;
  std::string group;  // licensing | filing | change | exam: the menu chapter of its §5 pages
  bool batchable = false;      // filings: 批量审批 in 待办
  bool issuesLicence = false;  // the final 同意 issues a licence document
  // A year's filings are due by a deadline an administrator sets per year (industry's annual report
  // rounds): the type's §5 list offers 报送情况 (the deadline, the companies that have not filed).
  bool yearlyRounds = false;
  std::string grantedName = "准予许可";  // the outcome as the applicant and the lists name it (准予备案 …)
  ApplicationForm form;        // no fields: not applied for online (yet)
  std::vector<Step> steps;     // the default chain (version 1)
  std::optional<std::pair<std::string, std::string>> keyField;  // the type's own search field (form key, label)
  // The form's region field the case is routed by (where its officers are); empty: the form's
  // "regionCode" when it has one, else the applicant's region.
  std::string routingField;
  std::optional<LateRule> late;
  // Why this account may not apply now; nullopt when it may.
  std::function<std::optional<std::string>(const ApplicantState&)> whyNot;
  std::function<void(SubmitContext&)> prepare;
  std::function<void(GrantContext&)> grant;
  // 不同意 ends the case ("rejected", named rejectedName) instead of returning it to the applicant for
  // correction: where a failed check is an outcome, not a defect of the form (exam registrations:
  // 审查不通过).
  bool rejectEnds = false;
  // A case the server opens from records it already holds (openCase: 制证审批 of a candidate who passed)
  // has nothing to receive: it is accepted (受理) on arrival and waits at its first step in review, so
  // that 批量审批 can take it at once.
  bool acceptedOnOpen = false;
  std::string rejectedName = "未获同意";
  // Inside the transaction, when a case ends without the final 同意: outcome "rejected", "refused"
  // (不予受理) or "withdrawn" (the types that keep a record beside the case follow it).
  std::function<void(db::Conn&, const CaseRow&, const std::string& outcome)> ended;
};

// Every declared type, in menu order.
const std::vector<BusinessTypeSpec>& businessTypeSpecs();
// nullptr for an unknown code.
const BusinessTypeSpec* findSpec(std::string_view code);

// The declarations (one per file under types/).
BusinessTypeSpec companyLicenceType();
BusinessTypeSpec trainingLicenceType();
BusinessTypeSpec branchFilingType();
BusinessTypeSpec inhouseFilingType();
BusinessTypeSpec crossRegionFilingType();
BusinessTypeSpec annualReportType();
BusinessTypeSpec licenceChangeType();
BusinessTypeSpec inhouseRevocationType();
BusinessTypeSpec examRegistrationType();
BusinessTypeSpec certificateIssuanceType();

// The late-filing message of a form under its rule, filed on `today`, with the working calendar for
// working-day rules; nullopt when in time (or when the form does not give the date).
std::optional<std::string> lateFiling(const LateRule& rule, const nlohmann::json& form, core::DayNumber today,
                                      const core::WorkingCalendar& calendar);

// The value of the type's key field as the §5 list searches it ("" when none).
std::string keyValueOf(const BusinessTypeSpec& spec, const nlohmann::json& form);

}  // namespace baoan::approval
