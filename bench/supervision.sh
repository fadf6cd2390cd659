#!/usr/bin/env bash
# Tasks, emergency tasks, the §8 statistics and the §9 supervision lists at province scale (issues 14 and 15;
# bench/README.md, "Tasks, statistics and supervision lists"):
#
#   bench/supervision.sh                    # data: DIR/supervision.db, made from generate.sh's DIR/bench.db
#   BENCH_WAIT_LOAD=1 bench/supervision.sh  # first wait (at most BENCH_WAIT_SECONDS, default 1800) for load < 1
#   BENCH_DATA=DIR BENCH_N=100 BAOAN=…      # data directory (bench/data), requests per figure, server binary
#
# DIR/supervision.db is bench.db (3 000 companies, 360 000 guards) after `baoan migrate` and the SQL files of
# bench/supervision/ (deterministic: hashes of row numbers; times relative to the moment of generation):
# approval/cases.sql (CASES=50000 cases of the eight organisation types) and supervision/case_log.sql (their
# engine log), tasks.sql (TASKS=20000 company tasks with their guards), emergency.sql (a running and an
# ended emergency task per city), inspections.sql (INSPECTIONS=20000 with rectifications), feedback.sql
# (FEEDBACK=30000 citizen complaints/suggestions/inquiries) and flagged.sql (FLAGGED_PERMILLE=10: 1 % of the
# guards flagged). It is reused while its recipe (the SQL files, the sizes, bench.db's generation) is unchanged
# and it is less than BENCH_REUSE_HOURS (24) old: the tasks' and emergency tasks' states follow the clock.
#
# Serves a copy on a free port and runs supervision/measure.mjs: first page with total and one filtered search
# of /tasks, /inspections, /feedback, /flagged-persons; /stats/tasks for every groupBy; the §8 endpoints;
# emergency-task nearby guards; as the province admin, a 咸阳 city officer and a 渭城分局 officer; p50/p99
# of BENCH_N sequential requests each, the target, PASS/MISS; every total checked against SQL first.
# Needs sqlite3, node and server/tests/api's node_modules. Do not run while /work/QUIET exists on a shared machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
DATA=${BENCH_DATA:-$ROOT/bench/data}
CASES=${CASES:-50000}
TASKS=${TASKS:-20000}
INSPECTIONS=${INSPECTIONS:-20000}
FEEDBACK=${FEEDBACK:-30000}
FLAGGED_PERMILLE=${FLAGGED_PERMILLE:-10}
REUSE_HOURS=${BENCH_REUSE_HOURS:-24}
"$ROOT/bench/generate.sh" "$DATA"
DATA=$(cd "$DATA" && pwd)
DB=$DATA/supervision.db

SQL=(approval/cases.sql supervision/case_log.sql supervision/tasks.sql supervision/emergency.sql supervision/inspections.sql
     supervision/feedback.sql supervision/flagged.sql)
recipe=$( (cd "$ROOT/bench" && sha256sum "${SQL[@]}"; cat "$DATA/bench.db.generated" 2>/dev/null;
           echo "$CASES $TASKS $INSPECTIONS $FEEDBACK $FLAGGED_PERMILLE") | sha256sum | cut -c1-16)
reuse=
if [[ -f $DB && -f $DB.generated ]]; then
  read -r old_recipe old_now _ <"$DB.generated" || true
  age_h=$(( ($(date +%s) - ${old_now:-0} / 1000) / 3600 ))
  if [[ $old_recipe == "$recipe" ]] && ((age_h < REUSE_HOURS)); then reuse=1; fi
fi
if [[ -n $reuse ]]; then
  echo "reusing $DB (made ${age_h} h ago; $(cut -d' ' -f3- "$DB.generated"))"
else
  echo "making $DB from bench.db: $CASES cases, $TASKS tasks, $INSPECTIONS inspections, $FEEDBACK feedback, $FLAGGED_PERMILLE ‰ flagged"
  TMP=$DB.tmp
  rm -f "$TMP" "$TMP-wal" "$TMP-shm"
  trap 'rm -f "$TMP" "$TMP-wal" "$TMP-shm"' EXIT
  t0=$(date +%s)
  cp "$DATA/bench.db" "$TMP"
  "$BAOAN" migrate --db "sqlite3://db=$TMP" >/dev/null
  now=$(($(date +%s) * 1000))
  for f in "${SQL[@]}"; do
    t=$(date +%s.%N)
    sed -e "s/:CASES/$CASES/g" -e "s/:TASKS/$TASKS/g" -e "s/:INSPECTIONS/$INSPECTIONS/g" -e "s/:FEEDBACK/$FEEDBACK/g" \
        -e "s/:PERMILLE/$FLAGGED_PERMILLE/g" -e "s/:NOW/$now/g" "$ROOT/bench/$f" | sqlite3 -bail "$TMP"
    echo "  $f: $(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  done
  sqlite3 "$TMP" "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  mv "$TMP" "$DB"
  rm -f "$TMP-wal" "$TMP-shm"
  trap - EXIT
  echo "$recipe $now made in $(($(date +%s) - t0)) s on $(date -Iseconds)" >"$DB.generated"
  echo "$DB: $(cut -d' ' -f3- "$DB.generated") — $(du -h "$DB" | cut -f1)"
fi

bench_workdir
cp "$DB" "$work/bench.db"
db="sqlite3://db=$work/bench.db"
"$BAOAN" migrate --db "$db" >/dev/null
bench_serve "$db"
bench_wait_quiet
bench_machine
echo "data: $(sqlite3 -readonly "$work/bench.db" "SELECT (SELECT COUNT(*) FROM companies) || ' companies, ' || (SELECT COUNT(*) FROM guards)
  || ' guards, ' || (SELECT COUNT(*) FROM applications) || ' cases, ' || (SELECT COUNT(*) FROM tasks) || ' tasks ('
  || (SELECT COUNT(*) FROM task_guards) || ' guards sent), ' || (SELECT COUNT(*) FROM emergency_tasks) || ' emergency tasks, '
  || (SELECT COUNT(*) FROM inspections) || ' inspections, ' || (SELECT COUNT(*) FROM citizen_feedback) || ' feedback, '
  || (SELECT COUNT(*) FROM flagged_persons) || ' flagged persons'")"
BAOAN_URL="http://127.0.0.1:$port" BENCH_DB="$work/bench.db" node "$ROOT/bench/supervision/measure.mjs"
