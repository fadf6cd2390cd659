#!/usr/bin/env bash
# Background screening throughput of §9.3 (bench/README.md, "Screening"):
#
#   bench/screening.sh                     # GUARDS=10000 BAOAN=build/release/server/baoan
#   BENCH_WAIT_LOAD=1 bench/screening.sh   # first wait (at most BENCH_WAIT_SECONDS, default 1800) for load < 1
#
# A fresh SQLite database (migrate, seed --demo --big-company-guards GUARDS), whose seed leaves every guard's
# record queued as a change to screen (as an import of GUARDS guards leaves them), then `baoan serve` with the local
# provider (the watch list): the worker screens the queue in the background. Prints how long until
# nothing is pending, the guards screened per second (target ≥ 1 000/s), the results kept and the persons
# flagged. Needs sqlite3 and curl. Not while /work/QUIET exists on the shared build machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
GUARDS=${GUARDS:-10000}
TARGET=${TARGET:-1000}
bench_workdir
db="sqlite3://db=$work/bench.db"
q() { sqlite3 "$work/bench.db" "$1"; }
t0=$(date +%s)
"$BAOAN" migrate --db "$db" >/dev/null
"$BAOAN" seed --demo --big-company-guards "$GUARDS" --db "$db" --data-dir "$work/data" >/dev/null
# The queue: the seed's one change per guard (queueDemoGuardsForScreening; the demo's watch-listed guards
# are screened already) and the few changes of the other demo seeds.
queued=$(q "SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL")
checks0=$(q "SELECT COUNT(*) FROM background_checks")
echo "database: $(q "SELECT COUNT(*) FROM guards") guards, $queued changes queued, $(q "SELECT COUNT(*) FROM watch_list") watch-list entries, made in $(($(date +%s) - t0)) s"
bench_wait_quiet
bench_machine
start=$(date +%s%N)
bench_serve "$db" --screening-interval-ms 50
deadline=$((SECONDS + 600))
while :; do
  pending=$(q "SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL" 2>/dev/null || echo busy)
  [[ $pending == 0 ]] && break
  ((SECONDS > deadline)) && { echo "FAIL: $pending changes still pending after 600 s"; exit 1; }
  sleep 0.2
done
end=$(date +%s%N)
ms=$(((end - start) / 1000000))
rate=$((queued * 1000 / (ms > 0 ? ms : 1)))
echo "screened $queued changes in $ms ms (server start included): $rate guards/s"
echo "results kept: $(($(q "SELECT COUNT(*) FROM background_checks") - checks0)) (guard × database), errors: $(q "SELECT COUNT(*) FROM background_checks WHERE result = 'error'"), flagged persons: $(q "SELECT COUNT(*) FROM flagged_persons")"
if ((rate >= TARGET)); then echo "PASS: $rate guards/s ≥ $TARGET"; else echo "MISS: $rate guards/s < $TARGET"; fi
