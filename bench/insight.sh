#!/usr/bin/env bash
# The map's statistics and 一键搜 at province scale (issue 14; bench/README.md, "Map statistics and search"):
#
#   bench/insight.sh                       # data: bench/generate.sh's bench/data/bench.db (made when missing)
#   BENCH_WAIT_LOAD=1 bench/insight.sh     # first wait (at most BENCH_WAIT_SECONDS, default 1800) for load < 1
#
# Serves a copy of the province database (3 000 companies, 360 000 guards) on a free port and runs
# insight/measure.mjs: GET /stats/guards and /stats/companies for every groupBy (p50/p99 of N requests,
# target p99 ≤ 100 ms at province scope as admin, ≤ 30 ms for a 分局 officer), and 一键搜 (names, whole
# and partial ID numbers and mobiles, company names and credit codes; target p99 ≤ 30 ms). Needs
# sqlite3, node and server/tests/api's node_modules. Do not run while /work/QUIET exists on a shared machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
DATA=${BENCH_DATA:-$ROOT/bench/data}
"$ROOT/bench/generate.sh" "$DATA"
bench_workdir
cp "$DATA/bench.db" "$work/bench.db"
db="sqlite3://db=$work/bench.db"
"$BAOAN" migrate --db "$db" >/dev/null
bench_serve "$db"
bench_wait_quiet
bench_machine
echo "data: $(sqlite3 -readonly "$work/bench.db" "SELECT (SELECT COUNT(*) FROM companies) || ' companies, ' || (SELECT COUNT(*) FROM guards) || ' guards'")"
BAOAN_URL="http://127.0.0.1:$port" node "$ROOT/bench/insight/measure.mjs"
