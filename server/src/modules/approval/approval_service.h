#pragma once
// The approval engine (manual §4, DOMAIN.md "Workflow" and "Case procedure"): applicants draft,
// submit, withdraw and correct their applications on the portal; a case waits at each step of its
// chain for the holders of that step's post in the org at the step's level above the applicant's
// region; officers act on it from 待办. Nothing here knows a particular business type: chains are
// data (workflow.h), forms are data (application_form.h).
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/application_form.h"
#include "modules/approval/business_type.h"
#include "modules/approval/approval_store.h"
#include "modules/background/background_check_service.h"
#include "modules/calendar/calendar_service.h"
#include "modules/files/file_service.h"
#include "modules/industry/company_service.h"
#include "modules/industry/unit_filings.h"
#include "modules/licences/licence_service.h"

namespace baoan::approval {

// The verbs of POST /applications/{id}/<verb> (API contract of issue 11).
enum class Verb { accept, refuse, requestCorrection, approve, reject, sendBack, recall, transfer, assign, urge, extend, pause, resume };
// "accept", "request-correction" … → the verb; nullopt for anything else.
std::optional<Verb> parseVerb(const std::string& s);
const char* verbCode(Verb v);
const char* verbName(Verb v);  // 受理, 补正告知 … as the log shows it

// Each business type without a chain gets version 1 of its default chain (after every migrate and
// at start; idempotent).
void ensureChains(db::Database& db);

// A case the server opens and submits on someone's behalf (an exam registration made by an employer or
// at the window, the 制证审批 of a candidate who passed). `form` holds values already validated.
struct NewCase {
  std::string businessType;
  long long applicantUserId = 0;
  std::optional<long long> applicantCompanyId;
  std::string applicantName, applicantCode, regionCode, orgPath;
  nlohmann::json form;
  std::vector<std::string> fileIds;  // attached to the case as its materials
};

class ApprovalService {
 public:
  ApprovalService(app::Context& ctx, files::FileService& files, calendar::CalendarService& calendar,
                  background::BackgroundCheckService& background, std::shared_ptr<licences::LicenceService> licences,
                  industry::CompanyLicensing& companies, industry::UnitFilings& filings);


  // Chains and forms.
  nlohmann::json businessTypes();
  nlohmann::json chain(const std::string& businessType);
  nlohmann::json saveChain(const core::Actor& a, const std::string& businessType, const nlohmann::json& body);
  nlohmann::json form(const std::string& businessType);

  // The applicant (portal).
  nlohmann::json applicableTypes(const core::Principal& p);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json edit(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json submit(const core::Actor& a, long long id);
  nlohmann::json withdraw(const core::Actor& a, long long id);
  // The same withdrawal on the server's side (an exam registration cancelled before 受理), in the
  // caller's transaction; the caller decided the actor may.
  void withdrawIn(db::Conn& c, const core::Actor& a, long long id);
  // 改派: a case waiting at a 派出所 step moves to another station of the city (its handler, or an
  // officer whose scope covers the station it waits at); the path of the new station.
  std::string rerouteIn(db::Conn& c, const core::Actor& a, long long id, long long stationId, const std::string& cityCode);
  // Opens and submits a case inside the caller's transaction; its id and 办件编号.
  std::pair<long long, std::string> openCase(db::Conn& c, const core::Actor& a, const NewCase& n);
  nlohmann::json applicantList(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page);
  nlohmann::json applicantGet(const core::Principal& p, long long id);
  nlohmann::json messages(const core::Principal& p);

  // Officers.
  nlohmann::json todo(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page);
  nlohmann::json done(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page);
  nlohmann::json list(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json log(const core::Principal& p, long long id);
  // Who may be picked for 指派 or 转办 on the case now.
  nlohmann::json candidates(const core::Principal& p, long long id, Verb purpose);
  nlohmann::json act(const core::Actor& a, long long id, Verb verb, const nlohmann::json& body);
  // 批量审批 (filings only): 同意 with one opinion on each case, each in its own transaction and
  // logged on its own; {"approved": [ids], "failed": [{"id", "caseNo", "message"}]}. 400 when any id
  // is not a case of a batchable type the officer may see.
  nlohmann::json batchApprove(const core::Actor& a, const nlohmann::json& body);
  // The applicant's valid licences (the licence pickers of its forms).
  nlohmann::json applicantLicences(const core::Principal& p);
  // 背景审查 (§4.1.1): the four checks on every person of the application, by a handler of its current
  // step (run outside any transaction: the police databases may be slow); and the latest results.
  nlohmann::json runBackgroundChecks(const core::Actor& a, long long id);
  nlohmann::json backgroundChecks(const core::Principal& p, long long id);
  // 打印 (§5.1.1): the application with its materials and approval log, for an officer who may see
  // the case and holds the print permission of its business type.
  licences::PdfFile print(const core::Actor& a, long long id);
  // The licence a granted application produced, for its applicant (404 before the grant).
  licences::PdfFile applicantLicence(const core::Principal& p, long long id);

 private:
  struct Loaded;
  Loaded load(db::Conn& c, long long id);
  // Submits (or resubmits) a loaded case: its number, the chain in force, the first step.
  void submitLoaded(db::Conn& c, const core::Actor& a, Loaded& l);
  void withdrawLoaded(db::Conn& c, const core::Actor& a, Loaded& l);
  // A chain version (immutable once written: each save is a new version), parsed once and kept.
  std::shared_ptr<const Chain> chainOf(db::Conn& c, long long versionId);
  // The case as an officer may see it: in their data scope, waiting for them, or handled by them.
  Loaded loadForOfficer(db::Conn& c, const core::Principal& p, long long id);
  Loaded loadForApplicant(db::Conn& c, const core::Principal& p, long long id);
  std::vector<Verb> allowed(db::Conn& c, const core::Principal& p, const Loaded& l);
  bool atMyStep(db::Conn& c, const core::Principal& p, const Loaded& l);
  // A case waiting for 受理 past its five working days for a 补正告知.
  bool correctionWindowPassed(db::Conn& c, const CaseRow& r);
  // Whom the officer acts as at the case's step: "" for themself, the name of the officer they stand
  // in for (delegation), nullopt when the step is not theirs.
  std::optional<std::string> actingAs(db::Conn& c, const core::Principal& p, const Loaded& l);
  // A page of case rows; with the 预警 filter (decided by the clock, not by SQL) the rows are read
  // whole (up to a bound), filtered and paged here.
  using Fetch = std::function<std::pair<std::vector<CaseRow>, long long>(const core::PageRequest&)>;
  nlohmann::json casesPage(db::Conn& c, const Fetch& fetch, const CaseFilter& f, const core::PageRequest& page);
  bool decidesFor(db::Conn& c, const core::Principal& p, const Loaded& l);
  bool backgroundChecksPassed(db::Conn& c, const Loaded& l);
  // The case moves to step `index` of its chain (routing it to that step's org).
  void arrive(db::Conn& c, CaseRow& r, const Chain& chain, int index, std::optional<long long> handler);
  nlohmann::json officerJson(db::Conn& c, const core::Principal& p, const Loaded& l);
  nlohmann::json applicantJson(db::Conn& c, const Loaded& l);
  nlohmann::json rowJson(const CaseRow& r, const Chain& chain, const core::WorkingCalendar& cal) const;
  // The document the grant issued (its name and number), if any.
  std::optional<IssuedDocument> grant(db::Conn& c, const core::Actor& a, const CaseRow& r, const Chain& chain);
  ApplicantState applicantState(db::Conn& c, const core::Principal& p);
  // The licences and guards a form picks belong to the applicant (422 naming the field otherwise).
  void checkPicks(db::Conn& c, const core::Principal& p, const ApplicationForm& f, const ReadForm& read);
  // Portal message and SMS; `extra` adds template parameters (e.g. documentName, documentNo).
  void notifyApplicant(db::Conn& c, const CaseRow& r, const std::string& title, const std::string& body,
                       const std::map<std::string, std::string>& extra = {});

  app::Context& ctx_;
  files::FileService& files_;
  calendar::CalendarService& calendar_;
  background::BackgroundCheckService& background_;
  std::shared_ptr<licences::LicenceService> licences_;
  industry::CompanyLicensing& companies_;
  ApprovalStore store_;
  GrantEffects fx_;
  std::mutex chainsMutex_;
  std::map<long long, std::shared_ptr<const Chain>> chains_;
};

}  // namespace baoan::approval
