#pragma once
// SQL of 市民投诉建议 (manual §9.2): citizen_feedback (scoped by the receiving org), its SMS codes and
// the handling limit (migration 0027), and its handling record (citizen_feedback_events, 0036): every
// state change below writes its event in the caller's transaction.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::supervision {

inline constexpr db::ScopedTable kFeedback{"citizen_feedback", "f", "org_path", ""};

struct FeedbackFilter {
  const core::DataScope* scope = nullptr;
  std::string type, state;
  std::optional<long long> companyId;
  std::string companyName;            // contains
  std::optional<long long> from, to;  // received between (epoch ms)
};

struct FeedbackRow {
  long long id = 0;
  std::string code, type;
  std::optional<long long> companyId;
  std::string companyName;
  std::optional<std::string> guardName;
  std::string content, regionCode;
  std::optional<std::string> name;
  std::string mobile, state;
  long long orgId = 0;
  std::string orgName, orgPath;
  std::optional<std::string> reply;
  std::optional<long long> repliedAt, assignedAt, closedAt;
  long long createdAt = 0, updatedAt = 0;
};

struct NewFeedback {
  std::string code, type;
  std::optional<long long> companyId;
  std::optional<std::string> guardName;
  std::string content, regionCode;
  std::optional<std::string> name;
  std::string mobile;
  long long orgId = 0;
  std::string orgPath;
};

// Who took a step: an officer (id and name at the time), or nobody known (the citizen, the demo's
// unnamed steps): no id, empty name.
struct FeedbackActor {
  std::optional<long long> userId;
  std::string name;
};

// One step of the handling record. action: received | assigned | replied | closed | inspection.
struct FeedbackEvent {
  long long id = 0;
  std::string action;
  std::optional<long long> orgId, fromOrgId, inspectionId;
  std::string orgName, fromOrgName;  // "" when none
  std::optional<std::string> content;
  std::optional<long long> byUser;
  std::string byName;
  long long at = 0;
};

struct Bureau {
  long long id = 0;
  std::string path;
};

class FeedbackStore {
 public:
  std::pair<std::vector<FeedbackRow>, long long> list(db::Conn& c, const FeedbackFilter& f, const core::PageRequest& page) const;
  std::optional<FeedbackRow> find(db::Conn& c, long long id) const;
  std::optional<FeedbackRow> byCode(db::Conn& c, const std::string& code) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  // The state changes, each with its event (收到 by the receiving org; 分派 from → to with the officer;
  // 回复 with the text and the officer; 办结).
  long long insert(db::Conn& c, const NewFeedback& f, long long now) const;
  void assign(db::Conn& c, long long id, long long fromOrgId, long long orgId, const std::string& orgPath, const FeedbackActor& by,
              long long now) const;
  void reply(db::Conn& c, long long id, long long orgId, const std::string& text, const FeedbackActor& by, long long now) const;
  void close(db::Conn& c, long long id, long long orgId, const FeedbackActor& by, long long now) const;
  // 已转检查: an inspection opened from the complaint (its org, a summary written at the time).
  void addInspectionEvent(db::Conn& c, long long id, long long orgId, long long inspectionId, const std::string& summary,
                          const FeedbackActor& by, long long now) const;
  // The handling record, oldest first.
  std::vector<FeedbackEvent> events(db::Conn& c, long long id) const;

  // The first org of one of `types` for the region (the receiving bureau).
  std::optional<Bureau> orgOfRegion(db::Conn& c, const std::string& regionCode, const std::vector<std::string>& types) const;
  // An active registry company (the public form's pick): its name.
  std::optional<std::string> activeCompanyName(db::Conn& c, long long id) const;
  // Active companies whose name contains `text`: id and name, at most `limit`.
  std::vector<std::pair<long long, std::string>> searchActiveCompanies(db::Conn& c, const std::string& text, int limit) const;

  // SMS codes: the time of the last one sent to the mobile; a new one (voiding the older); a guess
  // (counted; true when it matches a live code with guesses left); the code used.
  std::optional<long long> lastCodeAt(db::Conn& c, const std::string& mobile) const;
  void storeCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now, long long expiresAt) const;
  bool checkCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now) const;
  bool consumeCode(db::Conn& c, const std::string& mobile, const std::string& hash, long long now) const;

  int limitDays(db::Conn& c) const;
  void setLimitDays(db::Conn& c, int days, long long by, long long now) const;
};

}  // namespace baoan::supervision
