#include "modules/supervision/screening_store.h"

namespace baoan::supervision {

using db::Query;

namespace {
constexpr const char* kDue =
    "SELECT id, guard_id, change, attempts FROM guard_changes WHERE screened_at IS NULL AND next_attempt_at <= ? "
    "ORDER BY next_attempt_at, id LIMIT ?";
constexpr const char* kAnyDue = "SELECT id FROM guard_changes WHERE screened_at IS NULL AND next_attempt_at <= ? LIMIT 1";
constexpr const char* kClaim =
    "UPDATE guard_changes SET next_attempt_at = ? WHERE id = ? AND screened_at IS NULL AND next_attempt_at <= ?";
constexpr const char* kGuards = "SELECT id, id_no, name FROM guards WHERE id IN ";
// Only unscreened rows: a change whose lease ran out and was screened by another worker is counted once.
constexpr const char* kScreened = "UPDATE guard_changes SET screened_at = ?, last_error = NULL WHERE screened_at IS NULL AND id IN ";
constexpr const char* kCountDone = "UPDATE screening_counters SET value = value + ? WHERE name = 'done'";
constexpr const char* kFailed = "UPDATE guard_changes SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?";
// pending and errors read the unscreened rows only (index guard_changes_unscreened, 0030); done is the
// counter markScreened moves: counting the screened rows would read the whole table on every call.
constexpr const char* kPendingChanges = "SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL";
constexpr const char* kErrors = "SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL AND attempts > 0";
constexpr const char* kDone = "SELECT value FROM screening_counters WHERE name = 'done'";
}  // namespace

bool ScreeningStore::anyDue(db::Conn& c, long long now) const { return c.queryOne(Query(kAnyDue, now)).has_value(); }

std::vector<DueChange> ScreeningStore::claim(db::Conn& c, long long now, int limit, long long leaseUntil) const {
  std::vector<DueChange> due;
  for (const auto& r : c.query(Query(kDue, now, limit)))
    due.push_back({r.i64("id"), r.i64("guard_id"), r.str("change"), static_cast<int>(r.i64("attempts"))});
  std::vector<DueChange> mine;
  for (auto& d : due)
    if (c.exec(Query(kClaim, leaseUntil, d.id, now)) == 1) mine.push_back(std::move(d));
  return mine;
}

std::vector<ScreenedGuard> ScreeningStore::guards(db::Conn& c, const std::vector<long long>& ids) const {
  std::vector<ScreenedGuard> out;
  if (ids.empty()) return out;
  for (const auto& r : c.query(Query(kGuards).appendIdList(ids))) out.push_back({r.i64("id"), r.str("id_no"), r.str("name")});
  return out;
}

void ScreeningStore::markScreened(db::Conn& c, const std::vector<long long>& changeIds, long long now) const {
  if (changeIds.empty()) return;
  const long long moved = c.exec(Query(kScreened, now).appendIdList(changeIds));
  if (moved > 0) c.exec(Query(kCountDone, moved));
}

void ScreeningStore::markFailed(db::Conn& c, long long changeId, int attempts, long long nextAttemptAt, const std::string& error) const {
  c.exec(Query(kFailed, attempts, nextAttemptAt, error, changeId));
}

ScreeningCounts ScreeningStore::counts(db::Conn& c) const {
  ScreeningCounts n;
  n.pending = c.scalar(Query(kPendingChanges));
  n.errors = c.scalar(Query(kErrors));
  n.done = c.scalar(Query(kDone));
  return n;
}

}  // namespace baoan::supervision
