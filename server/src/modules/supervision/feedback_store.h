#pragma once
// SQL of 市民投诉建议 (manual §9.2): citizen_feedback (scoped by the receiving org), its SMS codes and
// the handling limit (migration 0027).
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
  long long insert(db::Conn& c, const NewFeedback& f, long long now) const;
  void assign(db::Conn& c, long long id, long long orgId, const std::string& orgPath, long long now) const;
  void reply(db::Conn& c, long long id, const std::string& text, long long by, long long now) const;
  void close(db::Conn& c, long long id, long long now) const;

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
