#!/usr/bin/env bash
# Creates DIR/bench.db (SQLite) at province scale: `baoan migrate` + `baoan seed --demo --companies 3000
# --guards 300000 --whole-province --big-company-guards 60000` (police orgs for every city of 陕西, a third
# of the companies supervised by a 派出所, names drawn by surname frequency so that common names collide,
# and one company of 60 000 guards, 秦安保安服务集团有限公司 in 秦都区, drawn after the rest).
# An existing DIR/bench.db of that scale is reused. Prints the time it took.
#
#   bench/generate.sh [DIR]            DIR defaults to bench/data
#   BENCH_COMPANIES, BENCH_GUARDS, BENCH_BIG_COMPANY, BENCH_SEED   override the scale (3000, 300000,
#   60000) / the generator's seed (default 2026)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-$ROOT/bench/data}
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
COMPANIES=${BENCH_COMPANIES:-3000}
GUARDS=${BENCH_GUARDS:-300000}
BIG=${BENCH_BIG_COMPANY:-60000}
SEED=${BENCH_SEED:-2026}
WANT_COMPANIES=$((COMPANIES + (BIG > 0 ? 1 : 0)))
WANT_GUARDS=$((GUARDS + BIG))

mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
DB=$DIR/bench.db

if [[ ! -x $BAOAN ]]; then
  echo "building the server ($BAOAN missing)"
  (cd "$ROOT" && cmake --preset release >/dev/null && ninja -C build/release baoan)
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI missing: apt-get install -y sqlite3" >&2; exit 1; }

# The seed's recipe, recorded in DIR/bench.db.generated: a database made with the same one is reused. (The demo
# adds a few companies and guards of its own to the generated ones, so the counts are at least the recipe's.)
RECIPE="baoan seed, $COMPANIES companies, $GUARDS guards, a company of $BIG more, seed $SEED"
if [[ -f $DB ]]; then
  have=$(sqlite3 -readonly "$DB" "SELECT (SELECT COUNT(*) FROM companies) || ' ' || (SELECT COUNT(*) FROM guards)" 2>/dev/null || echo "0 0")
  read -r have_companies have_guards <<<"$have"
  if grep -qF "($RECIPE)" "$DB.generated" 2>/dev/null && ((have_companies >= WANT_COMPANIES && have_guards >= WANT_GUARDS)); then
    echo "reusing $DB ($have_companies companies, $have_guards guards); $(cat "$DB.generated")"
    exit 0
  fi
  echo "$DB holds companies/guards '$have' ($(cat "$DB.generated" 2>/dev/null || echo 'no recipe recorded')), not ($RECIPE): generating it again"
fi

# Build into a temporary file, so that an interrupted run never leaves a half-made database to reuse.
TMP=$DIR/bench.db.tmp
rm -f "$TMP" "$TMP-wal" "$TMP-shm"
trap 'rm -f "$TMP" "$TMP-wal" "$TMP-shm"' EXIT
URL="sqlite3://db=$TMP"
start=$(date +%s.%N)
"$BAOAN" migrate --db "$URL" >/dev/null
"$BAOAN" seed --demo --db "$URL" --companies "$COMPANIES" --guards "$GUARDS" --whole-province \
  --big-company-guards "$BIG" --random-seed "$SEED"
# Fold the WAL into the file so that a plain copy of bench.db is the whole database.
sqlite3 "$TMP" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
end=$(date +%s.%N)
mv "$TMP" "$DB"
rm -f "$TMP-wal" "$TMP-shm"
secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "generated in $secs s on $(date -Iseconds) ($RECIPE)" >"$DB.generated"
echo "$DB: $(cat "$DB.generated") — $(du -h "$DB" | cut -f1)"
