#!/usr/bin/env bash
# The cost of GET /screening/status (§9.3) at province scale (bench/README.md, "Screening"):
#
#   bench/screening_status.sh              # ROWS=300000 PENDING=2000 ERRORS=100 RUNS=20
#   PG_CONNINFO='host=127.0.0.1 user=baoan password=baoan' bench/screening_status.sh   # also PostgreSQL
#
# guard_changes as a province has it after a few years (ROWS changes, all screened but PENDING, ERRORS of
# those after a failed attempt), with the indexes of migrations 0002, 0028 and 0030, in a scratch SQLite
# file (and a scratch PostgreSQL database when PG_CONNINFO is set). Times, warm (a first run dropped), the average of RUNS runs
# of the status's statements: before (0028: COUNT(*) of the whole table for done) and after (0030: the
# counter screening_counters.done; pending and errors over the unscreened rows only).
set -euo pipefail
ROWS=${ROWS:-300000}
PENDING=${PENDING:-2000}
ERRORS=${ERRORS:-100}
RUNS=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
screened=$((ROWS - PENDING))

schema="CREATE TABLE guard_changes (id INTEGER PRIMARY KEY, guard_id BIGINT NOT NULL, change TEXT NOT NULL, at BIGINT NOT NULL,
  by_user BIGINT, screened_at BIGINT, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL DEFAULT 0, last_error TEXT);
CREATE INDEX guard_changes_pending ON guard_changes(screened_at, id);
CREATE INDEX guard_changes_due ON guard_changes(screened_at, next_attempt_at, id);
CREATE TABLE screening_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);"
row="i, 'update', 1700000000000 + i, CASE WHEN i <= $screened THEN 1700000000000 + i END,
  CASE WHEN i > $((ROWS - ERRORS)) THEN 1 ELSE 0 END, CASE WHEN i > $((ROWS - ERRORS)) THEN 'timeout' END"
after="INSERT INTO screening_counters (name, value) SELECT 'done', COUNT(*) FROM guard_changes WHERE screened_at IS NOT NULL;
CREATE INDEX guard_changes_unscreened ON guard_changes(attempts) WHERE screened_at IS NULL;"
pending="SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL"
errors="SELECT COUNT(*) FROM guard_changes WHERE screened_at IS NULL AND attempts > 0"
doneBefore="SELECT COUNT(*) FROM guard_changes"
doneAfter="SELECT value FROM screening_counters WHERE name = 'done'"

# ms per run of each statement, from the CLI's own timers (.timer / \timing), averaged over RUNS.
avg() { awk '{ s += $1; n++ } END { printf "%.3f", s / n }'; }
sqliteMs() {
  for _ in $(seq $((RUNS + 1))); do printf '.timer on\n%s;\n' "$1"; done | sqlite3 "$work/s.db" |
    sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' | sed 1d | awk '{ print $1 * 1000 }' | avg
}
sqlite3 "$work/s.db" "$schema
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO guard_changes (guard_id, change, at, screened_at, attempts, last_error) SELECT $row FROM n; ANALYZE;"
echo "SQLite, $ROWS changes ($PENDING pending, $ERRORS errors), ms per statement (warm, average of $RUNS):"
b1=$(sqliteMs "$pending"); b2=$(sqliteMs "$errors"); b3=$(sqliteMs "$doneBefore")
sqlite3 "$work/s.db" "$after ANALYZE;"
a1=$(sqliteMs "$pending"); a2=$(sqliteMs "$errors"); a3=$(sqliteMs "$doneAfter")
echo "  before: pending $b1, errors $b2, done (COUNT(*) of the table) $b3"
echo "  after:  pending $a1, errors $a2, done (counter) $a3"

[ -z "${PG_CONNINFO:-}" ] && exit 0
dbname="bench_status_$$"
psql "$PG_CONNINFO dbname=postgres" -qc "CREATE DATABASE $dbname" >/dev/null
trap 'psql "$PG_CONNINFO dbname=postgres" -qc "DROP DATABASE IF EXISTS $dbname" >/dev/null; rm -rf "$work"' EXIT
pg() { psql "$PG_CONNINFO dbname=$dbname" -qX "$@"; }
pgMs() {
  for _ in $(seq $((RUNS + 1))); do printf '%s;\n' "$1"; done | pg -c '\timing on' -f - | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' |
    sed 1d | avg
}
pg -c "${schema//INTEGER PRIMARY KEY/BIGSERIAL PRIMARY KEY}" >/dev/null
pg -c "INSERT INTO guard_changes (guard_id, change, at, screened_at, attempts, last_error) SELECT $row FROM generate_series(1, $ROWS) i" \
  -c "VACUUM ANALYZE guard_changes" >/dev/null
echo "PostgreSQL, the same rows:"
b1=$(pgMs "$pending"); b2=$(pgMs "$errors"); b3=$(pgMs "$doneBefore")
pg -c "$after" -c "VACUUM ANALYZE guard_changes" >/dev/null
a1=$(pgMs "$pending"); a2=$(pgMs "$errors"); a3=$(pgMs "$doneAfter")
echo "  before: pending $b1, errors $b2, done (COUNT(*) of the table) $b3"
echo "  after:  pending $a1, errors $a2, done (counter) $a3"
