#pragma once
// SQL of the approval engine: chain versions, cases, their log and the applicant's messages.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"
#include "modules/approval/workflow.h"

namespace baoan::approval {

// Cases are supervised by the org of the applicant's county (or city): the §5 lists use it.
inline constexpr db::ScopedTable kApplications{"applications", "a", "org_path", ""};

// Where a case stands; written by one action at a time (version).
struct CaseState {
  std::string status;
  std::optional<int> stepIndex;
  std::optional<std::string> stepPost;
  std::optional<long long> levelOrgId;
  std::optional<long long> handlerUserId;
  std::optional<long long> stepArrivedAt;
  std::optional<long long> acceptedAt;
};

struct CaseRow {
  long long id = 0;
  std::optional<std::string> caseNo;
  std::string businessType;
  long long workflowVersionId = 0;
  long long applicantUserId = 0;
  std::optional<long long> applicantCompanyId;
  std::string applicantName, applicantCode, regionCode;
  std::string form;  // JSON
  CaseState state;
  std::optional<long long> submittedAt, decidedAt, pausedAt;
  std::optional<std::string> pauseKind;
  std::string pauses;  // JSON [[from, to|null], …]
  int extensionDays = 0;
  std::optional<std::string> correctionItems;  // JSON array
  std::optional<std::string> publicReason;
  std::optional<std::string> previousState;  // JSON of the CaseState before the last action
  std::optional<long long> lastActionBy;
  int version = 0;
  std::string orgPath;
  long long createdAt = 0, updatedAt = 0;
  std::string handlerName;  // of handler_user_id, "" when any holder
  std::string keyValue;     // the type's own search field, from the form
  std::optional<std::string> lateFiling;  // 逾期备案 note, set at submit
};

struct LogEntry {
  long long at = 0;
  std::optional<long long> userId;
  std::string userName, orgName;
  std::optional<std::string> post, postName, onBehalfOf;
  std::optional<int> stepIndex;
  std::optional<std::string> stepName;
  std::string action, actionName;
  std::optional<std::string> opinion, publicNote;
  std::optional<int> workingDays, naturalDays;
};

// The filters of 待办, 已办 and the §5 lists.
struct CaseFilter {
  std::optional<std::string> businessType, caseNo, applicant, status;
  std::optional<std::string> key;  // the type's own search field, contains
  std::optional<std::string> warning;  // yellow | red: decided by the clock, in the service
  std::optional<long long> submittedFrom, submittedTo;
  std::optional<std::string> regionPrefix;  // the applicant's region and below ("6104"), as 统计管理 counts
};

// Who is looking, for 待办: the org they act for at its level and their post per business type.
struct Handler {
  long long userId = 0;
  long long levelOrgId = 0;
  std::vector<std::pair<std::string, std::string>> posts;  // (business type, post)
  // Out-of-office delegation, by when the case arrived at its step ([from, to) in epoch ms): a deputy
  // sees only what arrived within the officer's absence; the officer none of that.
  std::optional<std::pair<long long, long long>> arrivedWithin;
  std::vector<std::pair<long long, long long>> arrivedOutside;
};

class ApprovalStore {
 public:
  // Chains.
  std::optional<Chain> currentChain(db::Conn& c, const std::string& businessType) const;
  std::optional<Chain> chainById(db::Conn& c, long long id) const;
  long long insertChain(db::Conn& c, const std::string& businessType, int version, const std::string& stepsJson, long long by) const;

  // Cases.
  long long insertCase(db::Conn& c, const CaseRow& r) const;
  void setCaseNo(db::Conn& c, long long id, const std::string& caseNo) const;
  std::optional<CaseRow> find(db::Conn& c, long long id) const;
  void updateForm(db::Conn& c, long long id, const std::string& form, const std::string& name, const std::string& keyValue,
                  const std::string& regionCode, long long now) const;
  void setLateFiling(db::Conn& c, long long id, const std::optional<std::string>& note) const;
  // Writes the case as the action left it, if nobody wrote it since `r.version` was read; false when
  // somebody did (the caller answers 409).
  bool save(db::Conn& c, const CaseRow& r) const;
  // A 派出所 by id (改派, 派出所设置); nullopt for any other org.
  struct Station {
    long long id = 0;
    std::string name, path, regionCode;
  };
  std::optional<Station> station(db::Conn& c, long long orgId) const;
  std::optional<std::string> orgPath(db::Conn& c, long long orgId) const;
  // The region that routes the case (改派 to a station of another town).
  void setRegion(db::Conn& c, long long id, const std::string& regionCode) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  bool handledBy(db::Conn& c, long long id, long long userId) const;

  // What waits for any of the handlers (the officer, and those they are deputy for today).
  std::pair<std::vector<CaseRow>, long long> todo(db::Conn& c, const std::vector<Handler>& hs, const CaseFilter& f,
                                                  const core::PageRequest& p) const;
  std::pair<std::vector<CaseRow>, long long> done(db::Conn& c, long long userId, const CaseFilter& f, const core::PageRequest& p) const;
  std::pair<std::vector<CaseRow>, long long> inScope(db::Conn& c, const core::DataScope& scope, const CaseFilter& f,
                                                     const core::PageRequest& p) const;
  std::pair<std::vector<CaseRow>, long long> ofApplicant(db::Conn& c, long long userId, const CaseFilter& f,
                                                         const core::PageRequest& p) const;
  // Every case inScope() lists, in its order, one at a time (the §5 lists' xlsx export streams them).
  void forEachInScope(db::Conn& c, const core::DataScope& scope, const CaseFilter& f,
                      const std::function<void(const CaseRow&)>& fn) const;

  // The log.
  void log(db::Conn& c, long long caseId, const LogEntry& e) const;
  std::vector<LogEntry> logOf(db::Conn& c, long long caseId) const;
  bool urgedSince(db::Conn& c, long long caseId, long long since) const;

  // Routing.
  // The org standing at `level` above the region: 省厅, the city's 市局, the county's 分局/县局.
  std::optional<std::pair<long long, std::string>> orgAtLevel(db::Conn& c, const std::string& regionCode, const std::string& level) const;
  // The org a user acts for: the nearest org above (or at) theirs that stands at a level.
  std::optional<long long> levelOrgOf(db::Conn& c, const std::string& orgPath) const;
  std::vector<std::pair<std::string, std::string>> postsOf(db::Conn& c, long long userId) const;
  // A user holds `post` for the type and acts for `levelOrgId` (and is enabled).
  bool holds(db::Conn& c, long long userId, const std::string& businessType, const std::string& post, long long levelOrgId) const;
  // The holders of a post at an org, for 催办 and the assign/transfer pickers.
  struct Holder {
    long long id;
    std::string name, mobile, orgName, orgPath;
  };
  std::vector<Holder> holders(db::Conn& c, const std::string& businessType, const std::string& post, long long levelOrgId) const;
  std::optional<std::string> userName(db::Conn& c, long long userId) const;
  std::optional<std::string> userMobile(db::Conn& c, long long userId) const;

  // Who applies: a company's record, or the sign-up account of a unit not yet in the registry.
  struct Applicant {
    std::string name, code, regionCode, orgPath;
    std::optional<long long> companyId;
  };
  std::optional<Applicant> applicantOf(db::Conn& c, const std::string& kind, long long userId, long long companyId) const;
  // What an account that only signed up signed up as (company | training_unit | inhouse_unit).
  std::string signedUpAs(db::Conn& c, long long userId) const;
  // The training or in-house unit an account acts for (nullopt: none).
  std::optional<long long> unitOf(db::Conn& c, long long userId) const;
  // Every guard id that the company does not employ now.
  std::vector<long long> notEmployedBy(db::Conn& c, long long companyId, const std::vector<long long>& guardIds) const;

  // Sign-up codes, by mobile.
  std::optional<long long> lastSignUpCodeAt(db::Conn& c, const std::string& mobile) const;
  void storeSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash, long long expiresAt) const;
  // The live code matches (five guesses per code); a wrong guess is counted.
  bool checkSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash) const;
  // The live code matches; it is used up when it does.
  bool consumeSignUpCode(db::Conn& c, const std::string& mobile, const std::string& codeHash) const;
  bool companyWithCreditCode(db::Conn& c, const std::string& creditCode) const;
  void setUnitKind(db::Conn& c, long long userId, const std::string& unitKind) const;

  // Messages to the applicant.
  void message(db::Conn& c, long long userId, long long caseId, const std::string& title, const std::string& body) const;
  struct Message {
    long long id;
    std::optional<long long> caseId;
    std::string title, body;
    long long createdAt;
    std::optional<long long> readAt;
  };
  std::vector<Message> messages(db::Conn& c, long long userId) const;

  // Out-of-office delegation (dates "YYYY-MM-DD", China time, both inclusive).
  struct Delegation {
    long long id = 0, userId = 0, deputyId = 0;
    std::string userName, deputyName, deputyOrgName, userOrgPath, startsOn, endsOn;
    long long createdAt = 0;
  };
  // The officer's delegations that have not ended by `today`.
  std::vector<Delegation> delegationsOf(db::Conn& c, long long userId, const std::string& today) const;
  // Whom the deputy stands in for: delegations that have started by `today` (ended ones too — what
  // arrived during an absence stays with the deputy).
  std::vector<Delegation> deputyFor(db::Conn& c, long long deputyId, const std::string& today) const;
  long long insertDelegation(db::Conn& c, long long userId, long long deputyId, const std::string& startsOn, const std::string& endsOn) const;
  bool deleteDelegation(db::Conn& c, long long userId, long long id) const;
  // Enabled officers other than the user who hold one of the user's (business type, post) pairs.
  std::vector<Holder> sharingAPost(db::Conn& c, long long userId) const;
  std::optional<std::string> userOrgPath(db::Conn& c, long long userId) const;

  // 常用语: an officer's own, oldest first.
  std::vector<std::pair<long long, std::string>> phrasesOf(db::Conn& c, long long userId) const;
  long long addPhrase(db::Conn& c, long long userId, const std::string& text) const;
  bool removePhrase(db::Conn& c, long long userId, long long id) const;
};

}  // namespace baoan::approval
