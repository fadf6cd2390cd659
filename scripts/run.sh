#!/usr/bin/env bash
# The first command of the README: install, build, create the SQLite database with demo data on the
# first run, and serve http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
mkdir -p data
db="sqlite3://db=$PWD/data/baoan.db"
bin=build/release/server/baoan
fresh=0; [[ -f data/baoan.db ]] || fresh=1
"$bin" migrate --db "$db"
if ((fresh)); then "$bin" seed --demo --db "$db"; fi
listen="${BAOAN_LISTEN:-127.0.0.1:8080}"
echo "baoan: open http://$listen (demo accounts: see README.md)"
exec "$bin" serve --db "$db" --listen "$listen" --web web/dist
