#pragma once
// SQL of the screening worker (§9.3): the due guard changes (guard_changes of 0002, the worker's
// columns of 0028), claimed by a lease so that several server processes share them.
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::supervision {

struct DueChange {
  long long id = 0;
  long long guardId = 0;
  std::string change;  // create | update | rehire | leave
  int attempts = 0;
};

struct ScreenedGuard {
  long long id = 0;
  std::string idNo, name;
};

struct ScreeningCounts {
  long long pending = 0, done = 0, errors = 0;
};

class ScreeningStore {
 public:
  // Claims at most `limit` changes due at `now`, oldest due first: each one's next_attempt_at moves to
  // `leaseUntil` unless another worker took it meanwhile.
  // Whether any change is due (a read: an idle worker takes no write lock).
  bool anyDue(db::Conn& c, long long now) const;
  std::vector<DueChange> claim(db::Conn& c, long long now, int limit, long long leaseUntil) const;
  std::vector<ScreenedGuard> guards(db::Conn& c, const std::vector<long long>& ids) const;
  void markScreened(db::Conn& c, const std::vector<long long>& changeIds, long long now) const;
  void markFailed(db::Conn& c, long long changeId, int attempts, long long nextAttemptAt, const std::string& error) const;
  // pending: not yet screened; done: screened; errors: pending after at least one failed attempt.
  ScreeningCounts counts(db::Conn& c) const;
};

}  // namespace baoan::supervision
