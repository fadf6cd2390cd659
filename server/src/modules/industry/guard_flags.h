#pragma once
// 问题人员 (§9.3) as the registry shows them: the flag on a guard (an open record of the screening in
// flagged_persons, migration 0028; a 误报 clears it) — on the police views only.
#include <set>
#include <string>
#include <vector>

#include "db/db.h"
#include "modules/industry/guard_store.h"

namespace baoan::industry {

struct GuardFlag {
  long long id = 0;  // the flagged person's id (/flagged-persons/{id})
  std::string state, reason;
  long long flaggedAt = 0;
};

// The ids among the rows' guards that have an open flag (one probe of the unique guard index each).
std::set<long long> flaggedGuards(db::Conn& c, const std::vector<GuardRow>& rows);
// The open flags of one guard.
std::vector<GuardFlag> guardFlags(db::Conn& c, long long guardId);

}  // namespace baoan::industry
