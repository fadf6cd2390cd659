#pragma once
// `baoan seed --demo`: 问题人员 of §9.3 (seed_flagged.cpp). Called after the registry demo and the
// watch list are seeded.
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct FlaggedSummary {
  long long screened = 0, flagged = 0, opinions = 0;
};

// Two more watch-list entries on demo guards (besides seedWatchList's three), a screening change for
// every watch-listed guard, screened at once through the screening service (so the demo shows its
// flagged persons right after the seed; the other guards' changes are the worker's), and police
// opinions on two of them: 责令辞退 and 继续观察.
FlaggedSummary seedDemoFlagged(db::Database& db, const Config& cfg);

}  // namespace baoan::app
