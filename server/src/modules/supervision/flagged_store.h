#pragma once
// SQL of 问题人员 (§9.3): the flagged persons the screening found, their opinions, the portal's view.
// Scoped by the guard's supervising org (the registry's guards table, kGuards).
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"

namespace baoan::supervision {

struct FlaggedRow {
  long long id = 0;
  long long guardId = 0;
  std::string idNo, name;
  std::string companyName;  // the guard's employer (current, or the last one)
  std::string employerKind;
  long long employerId = 0;
  bool employed = false;
  long long orgId = 0;    // the guard's supervising org (the data scope)
  std::string reason;     // 情形
  std::string database;   // the codes of the databases that hit, comma-separated
  std::string report;     // JSON array of the hits
  long long flaggedAt = 0;
  std::string state;      // pending | dismiss | observe | false_positive
  std::optional<std::string> opinion, opinionByName;
  std::optional<long long> opinionAt;
  std::optional<std::string> confirmation, confirmedOn;
  std::optional<long long> confirmedAt;
};

struct FlaggedFilter {
  const core::DataScope* scope = nullptr;  // police side
  std::optional<long long> companyId;      // portal side: the company's own guards
  std::vector<std::string> states;         // any of them; empty = all
  std::string name, idNo, companyName, reason;
};

// A hit of one screening: what the flag shows.
struct FlagHit {
  long long guardId = 0;
  std::string idNo, name, reason, database, report;
};

class FlaggedStore {
 public:
  std::pair<std::vector<FlaggedRow>, long long> list(db::Conn& c, const FlaggedFilter& f, const core::PageRequest& page) const;
  void forEach(db::Conn& c, const FlaggedFilter& f, const std::function<void(const FlaggedRow&)>& fn) const;
  std::optional<FlaggedRow> find(db::Conn& c, long long id) const;
  // The record exists and its guard lies in the scope.
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  // Makes or renews the guard's flag: a new row (pending), a cleared one (false_positive) opened again
  // as pending, an open one gets the latest report. True when a flag was made or opened again.
  bool upsertHit(db::Conn& c, const FlagHit& h, long long now) const;
  void setOpinion(db::Conn& c, long long id, const std::string& state, const std::string& opinion, const std::string& byName,
                  long long now) const;
  void addOpinion(db::Conn& c, long long id, const std::string& action, const std::string& opinion, const std::string& source,
                  const std::optional<std::string>& importKey, std::optional<long long> byUser, const std::string& byName,
                  long long now) const;
  bool hasImportKey(db::Conn& c, long long id, const std::string& key) const;
  void confirm(db::Conn& c, long long id, const std::string& confirmation, const std::string& on, long long now) const;
  // The flagged ones among the guards (state other than false_positive), for lists that show a flag.
  std::vector<long long> flaggedAmong(db::Conn& c, const std::vector<long long>& guardIds) const;
};

// "CASE WHEN EXISTS (…) THEN 1 ELSE 0 END" for a select list: 1 when the guard of alias `g` is flagged
// (one probe of the unique index on flagged_persons.guard_id). For the registry, exam and search lists.
std::string flaggedColumnSql(const std::string& guardIdExpr);

}  // namespace baoan::supervision
