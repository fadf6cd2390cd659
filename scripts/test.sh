#!/usr/bin/env bash
# The second command of the README: every test — unit, API over HTTP on SQLite and PostgreSQL, the
# OpenAPI lint, the same unit and API tests under ASan/UBSan, and the browser end-to-end tests.
# Each stage prints "N passed, N failed"; the last line sums them up.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
logdir=$(mktemp -d /tmp/baoan-test.XXXXXX)
total_pass=0; total_fail=0; failed_stages=()
started=$(date +%s); stage_start=$started

set -e
scripts/install-deps.sh --test
scripts/build.sh release
(cd server/tests/api && npm ci --no-audit --no-fund --loglevel=error)
set +e
echo "[install and build took $(($(date +%s) - started)) s]"
stage_start=$(date +%s)

record() {  # stage passed failed
  local now; now=$(date +%s)
  echo "[$1 took $((now - stage_start)) s]"
  stage_start=$now
  echo "$1: $2 passed, $3 failed"
  total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
  if (($3 > 0)); then failed_stages+=("$1"); fi
}

gtest_stage() {  # stage binary
  local out="$logdir/$1.log"
  "$2" >"$out" 2>&1; local rc=$?
  local pass fail
  pass=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
  fail=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
  pass=${pass:-0}; fail=${fail:-0}
  if ((rc != 0 && fail == 0)); then fail=1; tail -30 "$out"; fi
  ((fail > 0)) && grep -E '^\[  FAILED  \]|Failure|ERROR|Sanitizer' "$out" | head -40
  record "$1" "$pass" "$fail"
}

node_stage() {  # stage env… — runs the API suite; it prints its own "N passed, N failed" last
  local stage=$1; shift
  local out="$logdir/$stage.log"
  (cd server/tests/api && env "$@" node run.mjs) >"$out" 2>&1; local rc=$?
  local line pass fail
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)
  pass=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); fail=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  pass=${pass:-0}; fail=${fail:-0}
  if ((rc != 0 && fail == 0)); then fail=1; fi
  ((fail > 0)) && { grep -E 'not ok|✖|Error|expected|actual' "$out" | head -60; echo "(full log: $out)"; }
  record "$stage" "$pass" "$fail"
}

start_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_ctlcluster 15 main start || { echo "could not start PostgreSQL 15"; return 1; }
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  runuser -u postgres -- psql -q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'baoan') THEN CREATE ROLE baoan LOGIN PASSWORD 'baoan' CREATEDB; END IF; END \$\$;" >/dev/null
}

gtest_stage unit build/release/server/baoan_unit_tests
node_stage api-sqlite BAOAN_BIN="$root/build/release/server/baoan" BAOAN_TEST_DB=sqlite
if start_postgres; then
  node_stage api-postgresql BAOAN_BIN="$root/build/release/server/baoan" BAOAN_TEST_DB=postgresql
else
  record api-postgresql 0 1
fi

if (cd server/tests/api && npx --no-install redocly lint --config redocly.yaml "$root/docs/openapi.yaml") >"$logdir/lint.log" 2>&1; then
  record openapi-lint 1 0
else
  tail -40 "$logdir/lint.log"; record openapi-lint 0 1
fi

if BAOAN_SKIP_WEB=1 scripts/build.sh asan >"$logdir/asan-build.log" 2>&1; then
  echo "[asan build took $(($(date +%s) - stage_start)) s]"; stage_start=$(date +%s)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  gtest_stage unit-asan build/asan/server/baoan_unit_tests
  node_stage api-sqlite-asan BAOAN_BIN="$root/build/asan/server/baoan" BAOAN_TEST_DB=sqlite
  unset ASAN_OPTIONS UBSAN_OPTIONS
else
  tail -40 "$logdir/asan-build.log"; record asan-build 0 1
fi

e2e_out="$logdir/e2e.log"
BAOAN_BIN="$root/build/release/server/baoan" web/e2e/run.sh >"$e2e_out" 2>&1; e2e_rc=$?
e2e_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$e2e_out" | tail -1)
e2e_pass=$(echo "$e2e_line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); e2e_fail=$(echo "$e2e_line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
e2e_pass=${e2e_pass:-0}; e2e_fail=${e2e_fail:-0}
if ((e2e_rc != 0 && e2e_fail == 0)); then e2e_fail=1; fi
((e2e_fail > 0)) && tail -60 "$e2e_out"
record e2e "$e2e_pass" "$e2e_fail"

echo
echo "[all stages took $(($(date +%s) - started)) s]"
if ((${#failed_stages[@]})); then echo "failed stages: ${failed_stages[*]} (logs in $logdir)"; fi
echo "$total_pass passed, $total_fail failed"
((total_fail == 0))
