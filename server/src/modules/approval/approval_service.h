#pragma once
// The approval engine (manual §4, DOMAIN.md "Workflow" and "Case procedure"): applicants draft,
// submit, withdraw and correct their applications on the portal; a case waits at each step of its
// chain for the holders of that step's post in the org at the step's level above the applicant's
// region; officers act on it from 待办. Nothing here knows a particular business type: chains are
// data (workflow.h), forms are data (application_form.h).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/application_form.h"
#include "modules/approval/approval_store.h"
#include "modules/files/file_service.h"

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

class ApprovalService {
 public:
  ApprovalService(app::Context& ctx, files::FileService& files);


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

 private:
  struct Loaded;
  Loaded load(db::Conn& c, long long id);
  // The case as an officer may see it: in their data scope, waiting for them, or handled by them.
  Loaded loadForOfficer(db::Conn& c, const core::Principal& p, long long id);
  Loaded loadForApplicant(db::Conn& c, const core::Principal& p, long long id);
  std::vector<Verb> allowed(db::Conn& c, const core::Principal& p, const Loaded& l);
  bool atMyStep(db::Conn& c, const core::Principal& p, const Loaded& l);
  bool decidesFor(db::Conn& c, const core::Principal& p, const Loaded& l);
  bool backgroundChecksPassed(db::Conn& c, const Loaded& l);
  // The case moves to step `index` of its chain (routing it to that step's org).
  void arrive(db::Conn& c, CaseRow& r, const Chain& chain, int index, std::optional<long long> handler);
  nlohmann::json officerJson(db::Conn& c, const core::Principal& p, const Loaded& l);
  nlohmann::json applicantJson(db::Conn& c, const Loaded& l);
  nlohmann::json rowJson(const CaseRow& r, const Chain& chain) const;
  void notifyApplicant(db::Conn& c, const CaseRow& r, const std::string& title, const std::string& body);

  app::Context& ctx_;
  files::FileService& files_;
  ApprovalStore store_;
};

}  // namespace baoan::approval
