#!/usr/bin/env bash
# A province exam round of issue 13 (bench/README.md, "Exam round"):
#
#   bench/exam.sh                          # CANDIDATES=20000 BAOAN=build/release/server/baoan
#   BENCH_WAIT_LOAD=1 bench/exam.sh        # first wait (at most BENCH_WAIT_SECONDS, default 1800) for load < 1
#
# Makes a fresh SQLite database (migrate, seed --demo), adds CANDIDATES paid registrations of 咸阳
# (exam/registrations.sql), serves it on a free port and runs exam/measure.mjs: 添加人员 and 考场编排 of
# all of them (≤ 2 s), a room's 准考证 PDF (≤ 1 s), 5 000 scores imported (≤ 3 s), a sheet of 10
# certificates (≤ 1 s). Needs sqlite3, node and server/tests/api's node_modules (npm ci there).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
CANDIDATES=${CANDIDATES:-20000}
bench_workdir
db="sqlite3://db=$work/bench.db"
t0=$(date +%s)
"$BAOAN" migrate --db "$db" >/dev/null
"$BAOAN" seed --demo --db "$db" --data-dir "$work/data" >/dev/null
now=$(($(date +%s) * 1000))
sed -e "s/:N\b/$CANDIDATES/g" -e "s/:NOW/$now/g" "$ROOT/bench/exam/registrations.sql" | sqlite3 "$work/bench.db"
echo "database: $(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM exam_registrations WHERE status = 'pending_exam'") candidates waiting, made in $(($(date +%s) - t0)) s"
bench_serve "$db"
bench_wait_quiet
bench_machine
CANDIDATES=$CANDIDATES BAOAN_URL="http://127.0.0.1:$port" node "$ROOT/bench/exam/measure.mjs"
