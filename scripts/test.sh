#!/usr/bin/env bash
# The second command of the README: every test — unit, API over HTTP on SQLite and PostgreSQL, the
# authorisation matrix and OpenAPI lint, the web app's type check, lint and unit tests, the same unit
# and the main API suites under ASan/UBSan, a bounded fuzz run of the spreadsheet import, and the browser
# end-to-end tests.
#
# Independent stages run side by side in three lanes (the machine has 2 cores; the ASan build is the
# longest single step):
#   main lane   unit → api-sqlite → openapi-lint → web-check → e2e
#   lane asan   asan build → unit-asan → api-sqlite-asan (the whole API suite on SQLite, under ASan/UBSan)
#   lane pg     unit-postgresql → api-postgresql → fuzz
# Every stage prints "N passed, N failed, N skipped" and its time; a skipped test fails its stage
# (none is expected). The last line sums them up.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
logdir=$(mktemp -d /tmp/baoan-test.XXXXXX)
started=$(date +%s)

set -e
scripts/install-deps.sh --test
scripts/build.sh release
(cd server/tests/api && npm ci --no-audit --no-fund --loglevel=error)
set +e
echo "[install and build took $(($(date +%s) - started)) s]"

# ---------------------------------------------------------------------------------------------- stages
# Each stage writes "<passed> <failed> <skipped> <seconds>" to $logdir/<stage>.result and its output
# to $logdir/<stage>.log; the summary is printed at the end in a fixed order.
finish_stage() {  # stage started passed failed skipped
  local secs=$(($(date +%s) - $2))
  echo "$3 $4 $5 $secs" >"$logdir/$1.result"
  echo "[$1 took $secs s] $1: $3 passed, $4 failed, $5 skipped"
}

count_line() {  # log → "passed failed skipped" from its last "N passed, N failed[, N skipped]" line
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
  local p f s
  p=$(sed -n 's/^\([0-9]*\) passed.*/\1/p' <<<"$line"); f=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$line")
  s=$(sed -n 's/.* \([0-9]*\) skipped.*/\1/p' <<<"$line")
  echo "${p:-0} ${f:-0} ${s:-0}"
}

gtest_stage() {  # stage binary
  local t0; t0=$(date +%s)
  local out="$logdir/$1.log"
  "$2" >"$out" 2>&1; local rc=$?
  local pass fail skip
  pass=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
  fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
  skip=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
  pass=${pass:-0}; fail=${fail:-0}; skip=${skip:-0}
  if ((rc != 0 && fail == 0)); then fail=1; fi
  finish_stage "$1" "$t0" "$pass" "$fail" "$skip"
}

cmd_stage() {  # stage command… — the command prints its own "N passed, N failed, N skipped" last
  local stage=$1; shift
  local t0; t0=$(date +%s)
  local out="$logdir/$stage.log"
  "$@" >"$out" 2>&1; local rc=$?
  local pass fail skip
  read -r pass fail skip < <(count_line "$out")
  if ((rc != 0 && fail == 0)); then fail=1; fi
  finish_stage "$stage" "$t0" "$pass" "$fail" "$skip"
}

api() {  # env… — the HTTP API suite (server/tests/api/run.mjs)
  (cd server/tests/api && env "$@" node run.mjs)
}

# Under ASan/UBSan: the whole API suite on SQLite. Until stop 19 only the suites where memory errors were
# most likely ran here (the whole suite cost ~25 minutes under the sanitizers and took CI past its budget);
# with unity builds and the API suite's cheap password hashing (run.mjs) the whole of it takes a few minutes
# beside the main lane, so every module — tasks, map, statistics, supervision included — runs under ASan.
api_asan() {  # env…
  (cd server/tests/api && env "$@" node run.mjs)
}

start_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster 15 main start || { echo "could not start PostgreSQL 15"; return 1; }
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  runuser -u postgres -- psql -q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baoan') THEN CREATE ROLE baoan LOGIN PASSWORD 'baoan' CREATEDB; END IF; END \$\$;" >/dev/null
}

openapi_lint() {
  (cd server/tests/api && npx --no-install redocly lint --config redocly.yaml "$root/docs/openapi.yaml") &&
    echo "1 passed, 0 failed, 0 skipped" || echo "0 passed, 1 failed, 0 skipped"
}

release_bin="$root/build/release/server/baoan"

lane_asan() {
  local t0; t0=$(date +%s)
  if BAOAN_SKIP_WEB=1 scripts/build.sh asan >"$logdir/asan-build.log" 2>&1; then
    finish_stage asan-build "$t0" 1 0 0
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
    gtest_stage unit-asan build/asan/server/baoan_unit_tests
    cmd_stage api-sqlite-asan api_asan BAOAN_BIN="$root/build/asan/server/baoan" BAOAN_TEST_DB=sqlite
  else
    finish_stage asan-build "$t0" 0 1 0
  fi
}

lane_pg() {
  local t0; t0=$(date +%s)
  if start_postgres >"$logdir/postgres.log" 2>&1; then
    # the database layer on a real PostgreSQL: deadlock and serialization retries, types, statements
    gtest_stage unit-postgresql build/release/server/baoan_pg_tests
    cmd_stage api-postgresql api BAOAN_BIN="$release_bin" BAOAN_TEST_DB=postgresql
  else
    finish_stage unit-postgresql "$t0" 0 1 0
    finish_stage api-postgresql "$t0" 0 1 0
  fi
  cmd_stage fuzz server/fuzz/run.sh 60
}

lane_main() {
  gtest_stage unit build/release/server/baoan_unit_tests
  cmd_stage api-sqlite api BAOAN_BIN="$release_bin" BAOAN_TEST_DB=sqlite
  cmd_stage openapi-lint openapi_lint
  cmd_stage web-check web/scripts/check.sh
  cmd_stage e2e env BAOAN_BIN="$release_bin" web/e2e/run.sh
}

lane_asan &
asan_pid=$!
lane_pg &
pg_pid=$!
lane_main
wait "$pg_pid" "$asan_pid"

# --------------------------------------------------------------------------------------------- summary
echo
total_pass=0; total_fail=0; total_skip=0; failed_stages=()
for stage in unit unit-postgresql api-sqlite api-postgresql openapi-lint web-check asan-build unit-asan api-sqlite-asan fuzz e2e; do
  if [[ ! -f "$logdir/$stage.result" ]]; then
    echo "$stage: did not run"; failed_stages+=("$stage"); total_fail=$((total_fail + 1)); continue
  fi
  read -r p f s secs <"$logdir/$stage.result"
  echo "$stage: $p passed, $f failed, $s skipped ($secs s)"
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
  if ((f > 0 || s > 0)); then
    failed_stages+=("$stage")
    echo "---- $stage (tail of $logdir/$stage.log)"
    grep -E 'not ok|✖|FAILED|Failure|Sanitizer|Error|expected|skipped' "$logdir/$stage.log" | head -40
  fi
done
echo "[all stages took $(($(date +%s) - started)) s]"
if ((${#failed_stages[@]})); then echo "failed stages: ${failed_stages[*]} (logs in $logdir; a skipped test fails its stage)"; fi
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
((total_fail == 0 && total_skip == 0))
