#!/usr/bin/env bash
# The approval scenario of issue 11 at province scale (bench/README.md, "Approvals"):
#
#   bench/approval.sh            # CASES=50000 BENCH_REQUESTS=400 BENCH_LIST_REQUESTS=200 BAOAN=build/release/server/baoan
#   BENCH_WAIT_LOAD=1 bench/approval.sh   # first wait (at most BENCH_WAIT_SECONDS, default 1800) for load < 1
#
# Makes a fresh SQLite database (migrate, seed --demo: its officers, chains and demo cases), adds
# CASES cases of the eight organisation business types in realistic proportions and states
# (approval/cases.sql), serves it on a free port and runs approval/measure.mjs: 待办 first page with
# total for the city handler and the province section chief (p99 ≤ 20 ms), the §5 list pages of every
# type (first page, page 2, page 50, key search) at city and province scope (p99 ≤ 20 ms), 同意
# (p99 ≤ 30 ms), licence PDFs (≤ 150 ms) and one xlsx export. Needs sqlite3, node and
# server/tests/api's node_modules (npm ci there).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
CASES=${CASES:-50000}
bench_workdir
db="sqlite3://db=$work/bench.db"
t0=$(date +%s)
"$BAOAN" migrate --db "$db" >/dev/null
"$BAOAN" seed --demo --db "$db" >/dev/null
now=$(($(date +%s) * 1000))
sed -e "s/:CASES/$CASES/g" -e "s/:NOW/$now/g" "$ROOT/bench/approval/cases.sql" | sqlite3 "$work/bench.db"
sqlite3 "$work/bench.db" "ANALYZE;"
echo "database: $(sqlite3 "$work/bench.db" 'SELECT COUNT(*) FROM applications') cases, made in $(($(date +%s) - t0)) s"
bench_serve "$db"
bench_wait_quiet
bench_machine
BAOAN_URL="http://127.0.0.1:$port" node "$ROOT/bench/approval/measure.mjs"
