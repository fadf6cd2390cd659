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

// Every demo guard into the screening queue (§9.3: every guard is screened in the background). The
// generator writes guards in bulk without the change log that the portal, the import and the police
// edit write (industry::GuardStore::logChange); this puts a 'create' change for each guard that has
// none to screen (no create, update or rehire), through that same call, so that the worker of
// `baoan serve` screens the whole demo registry after the start (GET /screening/status shows the
// progress) and flags the watch-listed guards it finds. Called last, after every seed that adds
// guards. Returns the number of guards queued.
long long queueDemoGuardsForScreening(db::Database& db);

}  // namespace baoan::app
