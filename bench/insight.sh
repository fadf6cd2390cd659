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
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
DATA=${BENCH_DATA:-$ROOT/bench/data}
"$ROOT/bench/generate.sh" "$DATA"
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cp "$DATA/bench.db" "$work/bench.db"
db="sqlite3://db=$work/bench.db"
"$BAOAN" migrate --db "$db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BAOAN" serve --db "$db" --listen "127.0.0.1:$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
if [[ -n ${BENCH_WAIT_LOAD:-} ]]; then
  waited=0
  until awk -v l="$BENCH_WAIT_LOAD" '{ exit !($1 < l) }' /proc/loadavg || ((waited >= ${BENCH_WAIT_SECONDS:-1800})); do
    sleep 10
    waited=$((waited + 10))
  done
  echo "waited ${waited}s for the load average to fall below $BENCH_WAIT_LOAD"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $(sqlite3 -readonly "$work/bench.db" "SELECT (SELECT COUNT(*) FROM companies) || ' companies, ' || (SELECT COUNT(*) FROM guards) || ' guards'")"
BAOAN_URL="http://127.0.0.1:$port" node "$ROOT/bench/insight/measure.mjs"
