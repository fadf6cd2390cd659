#!/usr/bin/env bash
# The province-scale benchmark of baoan (see bench/README.md).
#
#   bench/run.sh [DIR]        DIR holds bench.db (made by bench/generate.sh when missing); default bench/data
#
# Works on a copy of DIR/bench.db (DIR/run.db), so every run starts from the same data (the import
# adds guards). Starts `baoan serve` on 127.0.0.1 (a free port), creates through the API the officers
# whose data scope is one 派出所, one 分局, 咸阳市 and ~100 000 guards (a custom scope of several cities,
# for the export; its list is measured too), signs them in with Bearer tokens, then measures with wrk
# and curl. In the same run it starts nginx (`return 200`, its own config on a free port) and the Node
# peer (bench/peer: Fastify + better-sqlite3 on a copy of the same database, 1 process and a 2-worker
# cluster) and prints baoan's figures against theirs. Every figure is printed with its target and
# PASS/MISS, then a summary table; raw outputs go to DIR/results-<time>/.
#
# Settings (environment): BENCH_RUNS (3) BENCH_DURATION seconds per wrk run (5) BENCH_WARMUP (2)
# BENCH_CONNECTIONS (8) BENCH_THREADS (2) BENCH_EXPORT_TARGET rows (100000) BENCH_IMPORT_ROWS (10000)
# BENCH_HEAVY_RUNS export/import repetitions (3) BENCH_MIXED_SECONDS (180) BENCH_MIXED_CONNECTIONS (32)
# BAOAN (server binary) BAOAN_ARGS (extra `baoan serve` flags, e.g. "--handlers pool");
# BENCH_WAIT_LOAD=L waits (at most BENCH_WAIT_SECONDS, default 1800) until the 1-minute load average is
# below L before measuring.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bench/lib/serve.sh"
BENCH=$ROOT/bench
DIR=${1:-$BENCH/data}
BAOAN=${BAOAN:-$ROOT/build/release/server/baoan}
LIB=$BENCH/lib/benchlib.py
QB=$BENCH/.build/baoan_query_bench
RUNS=${BENCH_RUNS:-3}
DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-2}
CONNS=${BENCH_CONNECTIONS:-8}
THREADS=${BENCH_THREADS:-2}
EXPORT_TARGET=${BENCH_EXPORT_TARGET:-100000}
IMPORT_ROWS=${BENCH_IMPORT_ROWS:-10000}
HEAVY_RUNS=${BENCH_HEAVY_RUNS:-3}
MIXED_SECONDS=${BENCH_MIXED_SECONDS:-180}
MIXED_CONNS=${BENCH_MIXED_CONNECTIONS:-32}
read -r -a SERVE_ARGS <<<"${BAOAN_ARGS:-}"
ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Admin@2026}
NEW_PASSWORD='Bench@2026x'

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------------------------------ tools
need() { command -v "$1" >/dev/null 2>&1; }
missing=()
for t in wrk jq curl sqlite3; do need "$t" || missing+=("$t"); done
[[ -x /usr/sbin/nginx ]] || need nginx || missing+=(nginx)
if ((${#missing[@]})); then
  say "installing ${missing[*]} (apt-get)"
  apt-get install -y "${missing[@]}" >/dev/null || die "could not install ${missing[*]}"
fi
need python3 || die "python3 is required (xlsx file, statistics)"
need node && need npm || die "node and npm (Node 20) are required for the peer (bench/peer)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ------------------------------------------------------------------------------------------ data
"$BENCH/generate.sh" "$DIR"
DIR=$(cd "$DIR" && pwd)
bench_wait_quiet say
OUT=$DIR/results-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
exec > >(tee "$OUT/run.log") 2>&1

# ------------------------------------------------------------------------------------------ build
# The server: build when the sources changed; keep the existing binary if the tree does not build
# right now (others work in the same checkout). Then the in-process query timer is linked against
# the same build's libraries (bench/CMakeLists.txt), and the server binary is copied into OUT, so
# that a rebuild by someone else during the run cannot mix two versions of the code.
if ! (cd "$ROOT" && cmake --preset release >/dev/null && ninja -C build/release baoan >/dev/null); then
  [[ -x $BAOAN ]] || die "the server does not build and $BAOAN is missing"
  say "WARNING: the server tree does not build now; benchmarking the existing $BAOAN"
fi
if ! { cmake -S "$BENCH" -B "$BENCH/.build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBAOAN_BUILD_DIR="$ROOT/build/release" >/dev/null &&
  ninja -C "$BENCH/.build" baoan_query_bench >/dev/null; }; then
  die "could not build bench/.build/baoan_query_bench"
fi
cp -p "$BAOAN" "$OUT/baoan"
cp -p "$QB" "$OUT/baoan_query_bench"
BAOAN=$OUT/baoan QB=$OUT/baoan_query_bench
VERSION=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')
if [[ -n $(cd "$ROOT" && git status --porcelain -- server 2>/dev/null || true) ]]; then VERSION+=" + uncommitted changes under server/"; fi

# The Node peer's packages (package-lock.json): installed again only when the lock changed. better-sqlite3
# is compiled from source against the installed Node's headers (no download of prebuilt binaries).
PEER=$BENCH/peer
if [[ ! -f $PEER/node_modules/.bench-lock || ! -d $PEER/node_modules/better-sqlite3 ]] ||
  ! cmp -s "$PEER/package-lock.json" "$PEER/node_modules/.bench-lock"; then
  say "installing the peer's packages (npm ci in bench/peer; compiles better-sqlite3, a few minutes)"
  (cd "$PEER" && npm_config_nodedir=/usr npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in bench/peer failed"
  cp "$PEER/package-lock.json" "$PEER/node_modules/.bench-lock"
fi

RUNDB=$DIR/run.db
rm -f "$RUNDB" "$RUNDB-wal" "$RUNDB-shm"
sqlite3 "$DIR/bench.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null  # the file alone is then the whole database
cp "$DIR/bench.db" "$RUNDB"
URL="sqlite3://db=$RUNDB"
"$BAOAN" migrate --db "$URL" >/dev/null
TSV=$OUT/results.tsv
: >"$TSV"
q() { sqlite3 -readonly "$RUNDB" "$@"; }

# ------------------------------------------------------------------------------------------ machine
say "== machine"
{
  say "date:   $(date -Iseconds)"
  say "cpu:    $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  say "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  say "kernel: $(uname -r); sqlite $(sqlite3 --version | cut -d' ' -f1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  say "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start — the machine is shared with other work"
  say "server: build/release/server/baoan at $VERSION, built $(date -Iseconds -r "$BAOAN") (copied to $BAOAN)"
  say "data:   $(q "SELECT (SELECT COUNT(*) FROM orgs) || ' orgs, ' || (SELECT COUNT(*) FROM companies) || ' companies, ' || (SELECT COUNT(*) FROM guards) || ' guards'"), $(du -h "$RUNDB" | cut -f1)"
  say "wrk:    $RUNS runs × ${DURATION}s (after ${WARMUP}s warm-up), $CONNS connections, $THREADS threads; median of the runs"
} | tee "$OUT/machine.txt"

# ------------------------------------------------------------------------------------------ scopes
# The largest 派出所 and 分局 by guards (the worst case of their kind), 咸阳市, the province, and a set
# of cities whose guards add up closest to the export target.
read -r STATION STATION_N < <(q "SELECT g.org_l4, COUNT(*) FROM guards g JOIN orgs o ON o.id = g.org_l4 WHERE o.type = 'police_station' GROUP BY g.org_l4 ORDER BY 2 DESC, 1 LIMIT 1" | tr '|' ' ')
read -r BUREAU BUREAU_N < <(q "SELECT g.org_l3, COUNT(*) FROM guards g JOIN orgs o ON o.id = g.org_l3 WHERE o.type = 'district_bureau' GROUP BY g.org_l3 ORDER BY 2 DESC, 1 LIMIT 1" | tr '|' ' ')
CITY=$(q "SELECT id FROM orgs WHERE name = '咸阳市公安局' AND type = 'city_bureau'")
[[ -n ${STATION:-} && -n ${BUREAU:-} && -n $CITY ]] || die "the database lacks a 派出所, a 分局 or 咸阳市公安局: was it seeded with --whole-province?"
CITY_N=$(q "SELECT COUNT(*) FROM guards WHERE org_l2 = $CITY")
PROVINCE_N=$(q "SELECT COUNT(*) FROM guards")
read -r EXPORT_ORGS EXPORT_N < <(q "SELECT org_l2, COUNT(*) FROM guards WHERE org_l2 IS NOT NULL GROUP BY org_l2" | tr '|' ' ' | python3 "$LIB" subset "$EXPORT_TARGET")
orgname() { q "SELECT name FROM orgs WHERE id = $1"; }
orgpath() { q "SELECT path FROM orgs WHERE id = $1"; }
STATION_NAME=$(orgname "$STATION"); BUREAU_NAME=$(orgname "$BUREAU"); CITY_NAME=$(orgname "$CITY")
STATION_COMPANIES=$(q "SELECT COUNT(*) FROM companies WHERE org_id = $STATION")
EXPORT_NAMES=$(for o in ${EXPORT_ORGS//,/ }; do orgname "$o"; done | paste -sd'+')
EXPORT_PATHS=$(for o in ${EXPORT_ORGS//,/ }; do orgpath "$o"; done | paste -sd',')
NAME2=张伟
NAME3=$(q "SELECT name FROM guards WHERE length(name) = 3 GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT 1")
IDPART=$(q "SELECT substr(id_no, 7, 8) FROM guards WHERE id = (SELECT MIN(id) + (MAX(id) - MIN(id)) / 2 FROM guards)")
say "== scopes"
say "派出所 $STATION_NAME (id $STATION, supervises $STATION_COMPANIES companies): $STATION_N guards"
say "分局   $BUREAU_NAME (id $BUREAU): $BUREAU_N guards"
say "市     $CITY_NAME (id $CITY): $CITY_N guards"
say "省     陕西省公安厅 (admin, 全部数据): $PROVINCE_N guards"
say "export $EXPORT_NAMES (custom scope, orgs $EXPORT_ORGS): $EXPORT_N guards"
say "search name=$NAME2 ($(q "SELECT COUNT(*) FROM guards WHERE name >= '$NAME2' AND name < '$NAME2'||char(1114111)") prefix matches), name=$NAME3 ($(q "SELECT COUNT(*) FROM guards WHERE name = '$NAME3'") exact), idNo=$IDPART (birth date digits of a guard)"

BIG_NAME=秦安保安服务集团有限公司
IFS='|' read -r BIG_ID BIG_ACCOUNT BIG_MOBILE < <(q "SELECT id, credit_code, legal_mobile FROM companies WHERE name = '$BIG_NAME'")
[[ -n ${BIG_ID:-} ]] || die "the database has no $BIG_NAME: make it with bench/generate.sh (BENCH_BIG_COMPANY, default 60000)"
BIG_N=$(q "SELECT COUNT(*) FROM guards WHERE employer_kind = 'company' AND employer_id = $BIG_ID")
BIG_EMPLOYED=$(q "SELECT COUNT(*) FROM guards WHERE employer_kind = 'company' AND employer_id = $BIG_ID AND employed = 1")
BIG_LI=$(q "SELECT COUNT(*) FROM guards WHERE employer_kind = 'company' AND employer_id = $BIG_ID AND name >= '李' AND name < '李'||char(1114111)")
QIN_N=$(q "SELECT COUNT(*) FROM guards WHERE employer_name LIKE '%秦%'")
say "big    $BIG_NAME (id $BIG_ID, portal account $BIG_ACCOUNT): $BIG_N guards, $BIG_EMPLOYED employed, $BIG_LI named 李…; companyName=秦 matches $QIN_N guards"

# ------------------------------------------------------------------------------------------ direct
# The list query in-process (GuardStore::list through the server's db::Database: COUNT + first page),
# before the server starts so nothing competes with it.
say "== direct: the same queries in-process (bench/.build/baoan_query_bench, median of up to 200 calls)"
"$QB" --db "$URL" --runs 200 --max-seconds 4 \
  "station|$(orgpath "$STATION")" "bureau|$(orgpath "$BUREAU")" "city|$(orgpath "$CITY")" "province|all" "custom|$EXPORT_PATHS" \
  "name2|all|name=$NAME2" "name3|all|name=$NAME3" "idno|all|idNo=$IDPART" \
  "portal|none|employer=$BIG_ID|employed=true" "portalname|none|employer=$BIG_ID|name=李|page=2" "companyname|all|companyName=秦|page=3" \
  "export|$EXPORT_PATHS|mode=each" >"$OUT/direct.txt"
grep '^RESULT' "$OUT/direct.txt" | sed 's/^RESULT /  /'
direct_ms() { awk -v k="$1" '$1 == "RESULT" && $2 == k { for (i = 3; i <= NF; i++) if ($i ~ /^median_us=/) { sub("median_us=", "", $i); printf "%.3f", $i / 1000 } }' "$OUT/direct.txt"; }
plan_of() { awk -v k="$1" '($1 == "SQL" || $1 == "PLAN") && $2 == k { $2 = ""; print "    " $0 }' "$OUT/direct.txt"; }

# ------------------------------------------------------------------------------------------ servers
freeport() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT=$(freeport)
BASE=http://127.0.0.1:$PORT
"$BAOAN" serve --db "$URL" --listen "127.0.0.1:$PORT" --login-rate-per-minute 1000000 --session-idle-seconds 86400 \
  --log-level warn "${SERVE_ARGS[@]}" >"$OUT/server.log" 2>&1 &
SERVER=$!
NGINX_PID='' PEER1='' PEER2=''
stop_pid() {
  if [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
  fi
}
stop_server() { stop_pid "${SERVER:-}"; }
stop_all() { stop_server; stop_pid "$NGINX_PID"; stop_pid "$PEER1"; stop_pid "$PEER2"; }
trap stop_all EXIT
trap 'exit 130' INT TERM
wait_http() {  # URL PID LABEL
  for i in $(seq 1 150); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited"
    ((i < 150)) || die "$3 did not answer within 15 s"
    sleep 0.1
  done
}
wait_http "$BASE/api/v1/health" "$SERVER" "the server ($(tail -3 "$OUT/server.log"))"
rss() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER/status"; }  # kB
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
say "== server pid $SERVER on $BASE, RSS $(($(rss VmRSS) / 1024)) MB; $(grep -o 'listening on.*' "$OUT/server.log" | head -1)"

# api METHOD PATH TOKEN [JSON] → body on stdout; dies unless 2xx.
api() {
  local method=$1 path=$2 token=$3 body=${4:-} out code
  out=$(mktemp)
  local args=(-sS --max-time 120 -o "$out" -w '%{http_code}' -X "$method" "$BASE$path")
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  code=$(curl "${args[@]}") || { rm -f "$out"; die "$method $path: curl failed"; }
  if [[ $code != 2* ]]; then
    printf 'bench: %s %s → %s: %s\n' "$method" "$path" "$code" "$(head -c 400 "$out")" >&2
    rm -f "$out"
    exit 1
  fi
  cat "$out"
  rm -f "$out"
}
login() { api POST /api/v1/auth/login "" "{\"account\":\"$1\",\"password\":\"$2\"}"; }
ADMIN=$(login admin "$ADMIN_PASSWORD" | jq -r .token)

# A first sign-in with the initial password 123456: the forced change needs the SMS code, which the
# built-in gateway records (read as admin); then sign in again. Prints the Bearer token.
activate() {
  local account=$1 mobile=$2 first token code
  first=$(login "$account" 123456)
  token=$(jq -r .token <<<"$first")
  if [[ $(jq -r .mustChangePassword <<<"$first") == true ]]; then
    api POST /api/v1/auth/sms-code "$token" '{"purpose":"change_password"}' >/dev/null
    code=$(api GET "/api/v1/sms-messages?mobile=$mobile&size=50" "$ADMIN" |
      jq -r '[.items[] | select(.purpose == "verification_code")] | max_by(.id) | .content' | grep -o '[0-9]\{6\}' | head -1)
    [[ -n $code ]] || die "no SMS code for $mobile"
    api POST /api/v1/auth/change-password "$token" \
      "{\"oldPassword\":\"123456\",\"newPassword\":\"$NEW_PASSWORD\",\"smsCode\":\"$code\"}" >/dev/null
    token=$(login "$account" "$NEW_PASSWORD" | jq -r .token)
  fi
  printf '%s' "$token"
}

say "== officers (created through the API as admin) and company accounts"
ROLE=$(api POST /api/v1/roles "$ADMIN" '{"orgId":1,"name":"基准测试·保安员查看导出","permissions":["guard:view","guard:export"],"dataScope":{"kind":"org_and_below"}}' | jq -r .id)
EXPORT_ROLE=$(api POST /api/v1/roles "$ADMIN" "{\"orgId\":1,\"name\":\"基准测试·导出约10万\",\"permissions\":[\"guard:view\",\"guard:export\"],\"dataScope\":{\"kind\":\"custom\",\"orgIds\":[$EXPORT_ORGS]}}" | jq -r .id)
officer() {  # ACCOUNT NAME ORG ROLE N → token
  local mobile idno
  mobile=$(printf '199000000%02d' "$5")
  idno=$(python3 "$LIB" idno 610402 19850101 "$((2 * $5 + 1))")
  api POST /api/v1/users "$ADMIN" "{\"account\":\"$1\",\"name\":\"$2\",\"isPolice\":true,\"policeNo\":\"BN00$5\",\"idNo\":\"$idno\",\"orgId\":$3,\"mobile\":\"$mobile\",\"roleIds\":[$4]}" >/dev/null
  activate "$1" "$mobile"
}
T_STATION=$(officer bench_station 基准派出所民警 "$STATION" "$ROLE" 11)
T_BUREAU=$(officer bench_bureau 基准分局民警 "$BUREAU" "$ROLE" 12)
T_CITY=$(officer bench_city 基准市局民警 "$CITY" "$ROLE" 13)
T_EXPORT=$(officer bench_export 基准导出民警 1 "$EXPORT_ROLE" 14)
T_BIG=$(activate "$BIG_ACCOUNT" "$BIG_MOBILE")
CO=$(q "SELECT id || '|' || credit_code || '|' || legal_mobile || '|' || name FROM companies WHERE status = 'active' AND initialized = 1 AND id <> $BIG_ID ORDER BY id LIMIT 1")
IFS='|' read -r CO_ID CO_ACCOUNT CO_MOBILE CO_NAME <<<"$CO"
T_COMPANY=$(activate "$CO_ACCOUNT" "$CO_MOBILE")
say "bench_station ($STATION_NAME), bench_bureau ($BUREAU_NAME), bench_city ($CITY_NAME): org_and_below; bench_export: custom $EXPORT_NAMES; admin: province; portal: $BIG_NAME and $CO_NAME (the import)"

# Each endpoint answers 200 with the expected total before it is measured.
LIST=/api/v1/guards?page=1\&size=20
check_total() {  # TOKEN PATH EXPECTED LABEL
  local total
  total=$(api GET "$2" "$1" | jq -r .total)
  [[ -z $3 || $total == "$3" ]] || die "$4: total $total, expected $3 (scope not as intended)"
  printf '%s' "$total"
}
check_total "$T_STATION" "$LIST" "$STATION_N" 派出所 >/dev/null
check_total "$T_BUREAU" "$LIST" "$BUREAU_N" 分局 >/dev/null
check_total "$T_CITY" "$LIST" "$CITY_N" 咸阳市 >/dev/null
check_total "$ADMIN" "$LIST" "$PROVINCE_N" 省 >/dev/null
check_total "$T_EXPORT" "$LIST" "$EXPORT_N" 指定机构 >/dev/null
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
S_NAME2="$LIST&name=$(urlq "$NAME2")"
S_NAME3="$LIST&name=$(urlq "$NAME3")"
S_ID="$LIST&idNo=$IDPART"
N_NAME2=$(check_total "$ADMIN" "$S_NAME2" "" name2)
N_NAME3=$(check_total "$ADMIN" "$S_NAME3" "" name3)
N_ID=$(check_total "$ADMIN" "$S_ID" "" idNo)
B_PORTAL="/api/v1/portal/guards?employed=true&size=20"
B_PORTALNAME="/api/v1/portal/guards?name=$(urlq 李)&page=2"
B_COMPANYNAME="/api/v1/guards?companyName=$(urlq 秦)&page=3"
check_total "$T_BIG" "$B_PORTAL" "$BIG_EMPLOYED" "portal employed" >/dev/null
check_total "$T_BIG" "$B_PORTALNAME" "$BIG_LI" "portal name" >/dev/null
check_total "$ADMIN" "$B_COMPANYNAME" "$QIN_N" "companyName" >/dev/null

# The peer's copy of the database, now that the sessions of every token above are in it.
PEERDB=$DIR/peer.db
rm -f "$PEERDB" "$PEERDB-wal" "$PEERDB-shm"
sqlite3 "$RUNDB" ".backup '$PEERDB'"

# ------------------------------------------------------------------------------------------ wrk
judge() {  # VALUE OP LIMIT → PASS/MISS (a value that is not a number, e.g. none-finished, misses)
  [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo MISS; return; }
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? (v <= l) : (v >= l); print ok ? "PASS" : "MISS" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$TSV"; }
# One wrk run: KEY RUN THREADS CONNS DURATION URL [TOKEN]
wrk_one() {
  local key=$1 run=$2 t=$3 c=$4 d=$5 url=$6 token=${7:-} hdr=()
  [[ -n $token ]] && hdr=(-H "Authorization: Bearer $token")
  timeout $((d + 30)) wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s --latency "${hdr[@]}" "$url" >"$OUT/wrk-$key-$run.txt"
}
# wrk_runs KEY TOKEN PATH → "rps p50 p99 errors runs" (median of the runs)
wrk_runs() {
  local key=$1 token=$2 path=$3
  wrk_one "$key" warmup "$THREADS" "$CONNS" "$WARMUP" "$BASE$path" "$token"
  for r in $(seq 1 "$RUNS"); do wrk_one "$key" "run$r" "$THREADS" "$CONNS" "$DURATION" "$BASE$path" "$token"; done
  python3 "$LIB" wrk "$OUT"/wrk-"$key"-run*.txt
}
# One connection, one thread: the latency of a request that does not queue behind others.
wrk_single() {
  wrk_one "$1" c1 1 1 "$DURATION" "$BASE$3" "$2"
  python3 "$LIB" wrk "$OUT/wrk-$1-c1.txt"
}
errnote() { (($1 > 0)) && printf ' (%s non-2xx/socket errors!)' "$1" || true; }

# ------------------------------------------------------------------------------------------ nginx
# nginx `return 200` on a free port with its own configuration (no access log), and baoan's /health,
# in alternating runs of wrk -t2 -c64 (the comparison of issue 10 §5).
NGINX_DIR=$OUT/nginx
mkdir -p "$NGINX_DIR"
NGINX_PORT=$(freeport)
cat >"$NGINX_DIR/nginx.conf" <<EOF
worker_processes auto;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $NGINX_DIR/body;
  proxy_temp_path $NGINX_DIR/proxy;
  fastcgi_temp_path $NGINX_DIR/fastcgi;
  uwsgi_temp_path $NGINX_DIR/uwsgi;
  scgi_temp_path $NGINX_DIR/scgi;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 200; } }
}
EOF
"$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' >"$NGINX_DIR/stdout.log" 2>&1 &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/" "$NGINX_PID" "nginx ($(cat "$NGINX_DIR/error.log" 2>/dev/null))"
say "== nginx (return 200, $(nproc) workers) against GET /api/v1/health, wrk -t2 -c64, $RUNS alternating runs of ${DURATION}s"
wrk_one nginx warmup 2 64 "$WARMUP" "http://127.0.0.1:$NGINX_PORT/"
wrk_one health64 warmup 2 64 "$WARMUP" "$BASE/api/v1/health"
for r in $(seq 1 "$RUNS"); do
  wrk_one nginx "run$r" 2 64 "$DURATION" "http://127.0.0.1:$NGINX_PORT/"
  wrk_one health64 "run$r" 2 64 "$DURATION" "$BASE/api/v1/health"
done
read -r N_RPS _ _ N_ERR _ < <(python3 "$LIB" wrk "$OUT"/wrk-nginx-run*.txt)
read -r H_RPS H50 H99 H_ERR _ < <(python3 "$LIB" wrk "$OUT"/wrk-health64-run*.txt)
# The floor of one request over loopback with this wrk: nginx's answer at one connection. nginx stays
# up for the peer comparison below, where it is the ceiling any server reaches on this machine.
wrk_one nginx c1 1 1 "$DURATION" "http://127.0.0.1:$NGINX_PORT/"
read -r _ FLOOR50 _ _ _ < <(python3 "$LIB" wrk "$OUT/wrk-nginx-c1.txt")
NGINX_RATIO=$(ratio "$H_RPS" "$N_RPS")
res=$(judge "$NGINX_RATIO" ">=" 0.5)
say "nginx: $N_RPS req/s$(errnote "$N_ERR"); GET /api/v1/health: $H_RPS req/s, p50 $H50 ms, p99 $H99 ms$(errnote "$H_ERR") → health / nginx = $NGINX_RATIO (target ≥ 0.5: $res)"
record "nginx return 200 req/s (wrk -c64)" "$N_RPS" "" ""
record "health req/s (wrk -c64) ÷ nginx" "$H_RPS (×$NGINX_RATIO)" "≥ 0.5 × nginx" "$res"

say "== guard list, first page with total (GET $LIST)"
for scope in station bureau city province custom; do
  case $scope in
    station) tok=$T_STATION label="派出所 $STATION_NAME ($STATION_N)" ;;
    bureau) tok=$T_BUREAU label="分局 $BUREAU_NAME ($BUREAU_N)" ;;
    city) tok=$T_CITY label="咸阳市 ($CITY_N)" ;;
    province) tok=$ADMIN label="全省 ($PROVINCE_N)" ;;
    custom) tok=$T_EXPORT label="指定机构 $EXPORT_NAMES ($EXPORT_N, the export officer)" ;;
  esac
  read -r rps p50 p99 errs n < <(wrk_runs "list-$scope" "$tok" "$LIST")
  read -r _ s50 s99 _ _ < <(wrk_single "list-$scope" "$tok" "$LIST")
  d=$(direct_ms "$scope")
  ratio1=$(ratio "$s50" "$d")
  res_rps=$(judge "$rps" ">=" 6000)
  res_c1=$(judge "$ratio1" "<=" 2)
  res_p99=$(judge "$p99" "<=" 20)
  say "$label: $rps req/s (target ≥ 6000: $res_rps), p50 $p50 ms, p99 $p99 ms (≤ 20 ms: $res_p99)$(errnote "$errs"); 1 connection: p50 $s50 ms, p99 $s99 ms"
  above=$(awk -v a="$s50" -v f="$FLOOR50" 'BEGIN { printf "%.3f", (a > f ? a - f : 0) }')
  say "    direct in-process $d ms → 1-connection p50 / direct = $ratio1 (target ≤ 2: $res_c1); above nginx's $FLOOR50 ms round trip: $above ms = ×$(ratio "$above" "$d") direct"
  record "list $label req/s at $CONNS conn" "$rps" "≥ 6000" "$res_rps"
  record "list $label p50 / p99 ms at $CONNS conn" "$p50 / $p99" "p99 ≤ 20" "$res_p99"
  record "list $label 1-conn p50 ms ÷ direct ms" "$s50 ÷ $d = $ratio1" "≤ 2" "$res_c1"
  record "list $label 1-conn p50 above nginx's 1-conn p50 ($FLOOR50 ms) ÷ direct" "$above ÷ $d = $(ratio "$above" "$d")" "" ""
done

say "== searches as admin (province scope)"
for s in name2 name3 idno; do
  case $s in
    name2) path=$S_NAME2 label="name=$NAME2 (2 chars, $N_NAME2 hits)" ;;
    name3) path=$S_NAME3 label="name=$NAME3 (3 chars, $N_NAME3 hits)" ;;
    idno) path=$S_ID label="idNo=$IDPART (8 digits, $N_ID hits)" ;;
  esac
  read -r rps p50 p99 errs n < <(wrk_runs "search-$s" "$ADMIN" "$path")
  read -r _ s50 s99 _ _ < <(wrk_single "search-$s" "$ADMIN" "$path")
  res=$(judge "$p99" "<=" 30)
  say "$label: $rps req/s, p50 $p50 ms, p99 $p99 ms (target ≤ 30 ms: $res)$(errnote "$errs"); 1 connection: p50 $s50 ms, p99 $s99 ms; direct $(direct_ms "$s") ms"
  record "search $label req/s" "$rps" "" ""
  record "search $label p50 / p99 ms" "$p50 / $p99" "p99 ≤ 30" "$res"
  record "search $label 1-connection p50 ms; direct ms" "$s50; $(direct_ms "$s")" "" ""
done

say "== a big company: $BIG_NAME, $BIG_N guards"
for s in portal portalname companyname; do
  case $s in
    portal) tok=$T_BIG path=$B_PORTAL label="portal list employed=true ($BIG_EMPLOYED)" ;;
    portalname) tok=$T_BIG path=$B_PORTALNAME label="portal name=李 page 2 ($BIG_LI)" ;;
    companyname) tok=$ADMIN path=$B_COMPANYNAME label="police companyName=秦 page 3 ($QIN_N)" ;;
  esac
  read -r rps p50 p99 errs n < <(wrk_runs "big-$s" "$tok" "$path")
  read -r _ s50 s99 _ _ < <(wrk_single "big-$s" "$tok" "$path")
  res=$(judge "$p99" "<=" 10)
  say "$label: $rps req/s, p50 $p50 ms, p99 $p99 ms (target ≤ 10 ms: $res)$(errnote "$errs"); 1 connection: p50 $s50 ms, p99 $s99 ms; direct $(direct_ms "$s") ms"
  record "big company $label req/s" "$rps" "" ""
  record "big company $label p50 / p99 ms at $CONNS conn" "$p50 / $p99" "p99 ≤ 10" "$res"
  record "big company $label 1-conn p50 ms; direct ms" "$s50; $(direct_ms "$s")" "" ""
done

# ------------------------------------------------------------------------------------------ peer
# The Node peer (bench/peer/server.mjs) on its copy of the database: 1 process and a 2-worker cluster,
# both started now; baoan and the two are measured in turn, run after run.
P1_PORT=$(freeport) P2_PORT=$(freeport)
PEER_DB=$PEERDB PEER_PORT=$P1_PORT PEER_WORKERS=1 node "$PEER/server.mjs" >"$OUT/peer1.log" 2>&1 &
PEER1=$!
PEER_DB=$PEERDB PEER_PORT=$P2_PORT PEER_WORKERS=2 node "$PEER/server.mjs" >"$OUT/peer2.log" 2>&1 &
PEER2=$!
wait_http "http://127.0.0.1:$P1_PORT/api/v1/health" "$PEER1" "the peer ($(tail -3 "$OUT/peer1.log"))"
wait_http "http://127.0.0.1:$P2_PORT/api/v1/health" "$PEER2" "the peer cluster ($(tail -3 "$OUT/peer2.log"))"
say "== the Node peer (Fastify $(jq -r .version "$PEER/node_modules/fastify/package.json") + better-sqlite3 $(jq -r .version "$PEER/node_modules/better-sqlite3/package.json"), Node $(node --version)), 1 process and 2 workers"
# The same request gives the same body (health: all but the time).
same=yes
for who in admin station; do
  tok=$ADMIN; [[ $who == station ]] && tok=$T_STATION
  for path in "$LIST" "/api/v1/guards?page=3&size=7"; do
    curl -sf -H "Authorization: Bearer $tok" "$BASE$path" >"$OUT/same-baoan.json"
    for port in $P1_PORT $P2_PORT; do
      curl -sf -H "Authorization: Bearer $tok" "http://127.0.0.1:$port$path" >"$OUT/same-peer.json"
      cmp -s "$OUT/same-baoan.json" "$OUT/same-peer.json" || { same=no; say "DIFFERENT: $who $path (port $port): see $OUT/same-*.json"; }
    done
  done
done
[[ $(curl -sf "$BASE/api/v1/health" | jq -c 'del(.time)') == $(curl -sf "http://127.0.0.1:$P1_PORT/api/v1/health" | jq -c 'del(.time)') ]] || same=no
say "list bodies byte-identical (admin and 派出所 officer, two pages, both peers), health the same but its time: $same"
record "peer: list JSON byte-identical to baoan's" "$same" "yes" "$([[ $same == yes ]] && echo PASS || echo MISS)"
declare -A PR
for fig in health-c1 health-c8 list-c1 list-c8; do
  case $fig in
    health-*) path=/api/v1/health tok='' whos="baoan peer1 peer2 nginx" ;;
    list-*) path=$LIST tok=$ADMIN whos="baoan peer1 peer2" ;;
  esac
  if [[ $fig == *-c1 ]]; then t=1 c=1; else t=$THREADS c=$CONNS; fi
  for who in $whos; do
    case $who in nginx) url=http://127.0.0.1:$NGINX_PORT/ ;; baoan) url=$BASE$path ;; peer1) url=http://127.0.0.1:$P1_PORT$path ;; peer2) url=http://127.0.0.1:$P2_PORT$path ;; esac
    wrk_one "peer-$fig-$who" warmup "$t" "$c" "$WARMUP" "$url" "$tok"
  done
  for r in $(seq 1 "$RUNS"); do
    for who in $whos; do
      case $who in nginx) url=http://127.0.0.1:$NGINX_PORT/ ;; baoan) url=$BASE$path ;; peer1) url=http://127.0.0.1:$P1_PORT$path ;; peer2) url=http://127.0.0.1:$P2_PORT$path ;; esac
      wrk_one "peer-$fig-$who" "run$r" "$t" "$c" "$DURATION" "$url" "$tok"
    done
  done
  for who in $whos; do
    read -r rps p50 p99 errs _ < <(python3 "$LIB" wrk "$OUT"/wrk-peer-"$fig"-"$who"-run*.txt)
    PR[$fig-$who]=$rps
    say "$fig $who: $rps req/s, p50 $p50 ms, p99 $p99 ms$(errnote "$errs")"
  done
  r1=$(ratio "${PR[$fig-baoan]}" "${PR[$fig-peer1]}")
  r2=$(ratio "${PR[$fig-baoan]}" "${PR[$fig-peer2]}")
  res=$(judge "$r2" ">=" 1.5)
  say "    $fig: baoan ÷ peer = ×$r1 (1 process), ×$r2 (2 workers; target ≥ 1.5: $res)"
  record "$fig baoan ÷ peer (1 process / 2 workers)" "${PR[$fig-baoan]} req/s: ×$r1 / ×$r2" "≥ 1.5 × 2 workers" "$res"
  if [[ $fig == health-* ]]; then
    # nginx answering `return 200` is the most any server gets from this wrk on these cores
    rn=$(ratio "${PR[$fig-nginx]}" "${PR[$fig-peer2]}")
    say "    $fig: nginx ÷ peer (2 workers) = ×$rn: the ceiling of the ratio on this machine; baoan ÷ nginx = ×$(ratio "${PR[$fig-baoan]}" "${PR[$fig-nginx]}")"
    record "$fig nginx ÷ peer (2 workers), the ceiling; baoan ÷ nginx" "${PR[$fig-nginx]} req/s: ×$rn; ×$(ratio "${PR[$fig-baoan]}" "${PR[$fig-nginx]}")" "" ""
  fi
done
stop_pid "$PEER1"; stop_pid "$PEER2"; stop_pid "$NGINX_PID"; PEER1='' PEER2='' NGINX_PID=''

# ------------------------------------------------------------------------------------------ export
# /health at one connection alone, then while an export runs: long work must not hold up a short
# request (it runs on the worker pool, at a lower priority).
wrk_one health-alone c1 1 1 2 "$BASE/api/v1/health"
read -r HA50 HA99 HAMAX _ < <(python3 "$LIB" wrk-max "$OUT/wrk-health-alone-c1.txt")
say "== export: GET /api/v1/guards/export as bench_export ($EXPORT_NAMES, $EXPORT_N guards)"
ex_secs=() ex_peak=() ex_kept=()
for r in $(seq 1 "$HEAVY_RUNS"); do
  before=$(rss VmRSS)
  reset=yes
  echo 5 >"/proc/$SERVER/clear_refs" 2>/dev/null || reset=no  # resets VmHWM to the current RSS
  # Besides VmHWM, sample VmRSS every 20 ms while the export runs (at most 10 min of samples).
  (max=0; for _ in $(seq 1 30000); do v=$(rss VmRSS); ((v > max)) && max=$v; echo "$max" >"$OUT/rss-max"; sleep 0.02; done) &
  sampler=$!
  curl -sS --max-time 600 -o "$OUT/export.xlsx" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $T_EXPORT" "$BASE/api/v1/guards/export" >"$OUT/export-$r.txt" &
  exporter=$!
  if ((r == 1)); then
    sleep 0.2
    wrk_one health-export c1 1 1 2 "$BASE/api/v1/health"
  fi
  wait "$exporter" || die "the export failed"
  secs=$(cat "$OUT/export-$r.txt")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  [[ ${secs%% *} == 200 ]] || die "export answered ${secs%% *}"
  secs=$(awk -v s="${secs#* }" 'BEGIN { printf "%.2f", s }')
  hwm=$(rss VmHWM) after=$(rss VmRSS) sampled=$(cat "$OUT/rss-max")
  ((sampled > hwm)) && hwm=$sampled
  ex_secs+=("$secs") ex_peak+=("$(mb $((hwm - before)))") ex_kept+=("$(mb $((after - before)))")
  say "run $r: $secs s, server RSS before $(mb "$before") MB, peak $(mb "$hwm") MB (VmHWM$([[ $reset == no ]] && echo ' not reset: since start') and 20 ms samples), after $(mb "$after") MB"
done
ROWS=$(python3 -c '
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(len(re.findall(rb"<row ", z.read("xl/worksheets/sheet1.xml"))) - 1)' "$OUT/export.xlsx")
[[ $ROWS == "$EXPORT_N" ]] || say "WARNING: the file holds $ROWS rows, the scope $EXPORT_N"
EX_S=$(python3 "$LIB" median "${ex_secs[@]}")
EX_PEAK=$(python3 "$LIB" median "${ex_peak[@]}")
EX_KEPT=$(python3 "$LIB" median "${ex_kept[@]}")
EX_SCALED=$(awk -v s="$EX_S" -v n="$ROWS" 'BEGIN { printf "%.2f", s * 100000 / n }')
EX_RES=$(judge "$EX_SCALED" "<=" 5)
say "export of $ROWS rows ($(du -h "$OUT/export.xlsx" | cut -f1)): median $EX_S s (scaled to 100 000: $EX_SCALED s, target ≤ 5 s: $EX_RES); server RSS growth: peak +$EX_PEAK MB, kept +$EX_KEPT MB; direct query (all rows streamed) $(direct_ms export) ms"
record "export $ROWS rows s (scaled to 100 000)" "$EX_S ($EX_SCALED)" "≤ 5 s" "$EX_RES"
record "export server RSS growth MB (peak / kept)" "+$EX_PEAK / +$EX_KEPT" "(no target)" ""
read -r HE50 HE99 HEMAX HEN < <(python3 "$LIB" wrk-max "$OUT/wrk-health-export-c1.txt")
HE_RES=$(judge "$HE99" "<=" 5)
say "/health at 1 connection alone: p50 $HA50 ms, p99 $HA99 ms, max $HAMAX ms; during the export: p50 $HE50 ms, p99 $HE99 ms, max $HEMAX ms ($HEN requests; target p99 ≤ 5 ms: $HE_RES)"
record "health p50 / p99 / max ms during an export (alone)" "$HE50 / $HE99 / $HEMAX ($HA50 / $HA99 / $HAMAX)" "p99 ≤ 5" "$HE_RES"

# ------------------------------------------------------------------------------------------ import
say "== import: POST /api/v1/portal/guards/import, $IMPORT_ROWS new guards per file, as $CO_NAME ($CO_ACCOUNT)"
im_secs=()
for r in $(seq 1 "$HEAVY_RUNS"); do
  q "SELECT id_no FROM guards" >"$OUT/ids.txt"  # new people only: not in the database, not in earlier files
  made=$(python3 "$LIB" import-xlsx "$OUT/import-$r.xlsx" "$IMPORT_ROWS" "$r" "$OUT/ids.txt")
  curl -sS --max-time 600 -o "$OUT/import-$r.json" -w '%{http_code} %{time_total}' -X POST \
    -H "Authorization: Bearer $T_COMPANY" -H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
    --data-binary @"$OUT/import-$r.xlsx" "$BASE/api/v1/portal/guards/import" >"$OUT/import-$r.txt" &
  importer=$!
  if ((r == 1)); then
    # A list read (it touches no lock) and /health while the import holds SQLite's write lock.
    sleep 0.3
    wrk_one list-import c1 1 1 1 "$BASE$LIST" "$T_STATION"
  fi
  wait "$importer" || die "the import failed"
  res=$(cat "$OUT/import-$r.txt")
  imported=$(jq -r .imported "$OUT/import-$r.json" 2>/dev/null || echo '?')
  [[ ${res%% *} == 200 && $imported == "$made" ]] || die "import answered ${res%% *}, imported $imported of $made: $(head -c 400 "$OUT/import-$r.json")"
  im_secs+=("$(awk -v s="${res#* }" 'BEGIN { printf "%.2f", s }')")
  say "run $r: $imported rows ($(du -h "$OUT/import-$r.xlsx" | cut -f1)) in ${im_secs[-1]} s"
done
rm -f "$OUT/ids.txt" "$OUT/rss-max"
IM_S=$(python3 "$LIB" median "${im_secs[@]}")
IM_RES=$(judge "$IM_S" "<=" 3)
say "import of $IMPORT_ROWS guards: median $IM_S s (target ≤ 3 s: $IM_RES)"
record "import $IMPORT_ROWS guards s" "$IM_S" "≤ 3 s" "$IM_RES"
read -r LI50 LI99 LIMAX LIN < <(python3 "$LIB" wrk-max "$OUT/wrk-list-import-c1.txt")
say "派出所 list at 1 connection during the first import: p50 $LI50 ms, p99 $LI99 ms, max $LIMAX ms ($LIN requests)"
record "派出所 list p50 / p99 / max ms during an import" "$LI50 / $LI99 / $LIMAX" "" ""

# ------------------------------------------------------------------------------------------ mixed
# Reads of both sides and ~10 % writes (new associations, company edits) for $MIXED_SECONDS s at
# $MIXED_CONNS connections (bench/mixed.lua), with the server's RSS sampled every second.
say "== mixed load: ${MIXED_SECONDS}s, $MIXED_CONNS connections, reads of both sides and ~10 % writes (bench/mixed.lua)"
MIXED=$OUT/mixed-requests.tsv
PRES_ID=$(python3 "$LIB" idno 610402 19700101 7)
: >"$MIXED"
mix() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$MIXED"; }
mix 10 GET "$LIST" "$T_STATION" ""
mix 8 GET "$LIST" "$T_BUREAU" ""
mix 10 GET "$LIST" "$T_CITY" ""
mix 12 GET "$LIST" "$ADMIN" ""
mix 8 GET "$S_NAME2" "$ADMIN" ""
mix 6 GET "$S_ID" "$ADMIN" ""
mix 10 GET "$B_COMPANYNAME" "$ADMIN" ""
mix 14 GET "$B_PORTAL" "$T_BIG" ""
mix 10 GET "$B_PORTALNAME" "$T_BIG" ""
mix 2 GET /api/v1/portal/company "$T_BIG" ""
mix 5 POST /api/v1/associations "$ADMIN" "{\"name\":\"基准协会{{n}}\",\"presidentName\":\"张会长\",\"presidentIdNo\":\"$PRES_ID\",\"regionCode\":\"610402\",\"memberCount\":12}"
# Company edits: five companies of 派出所-sized staff, each body as GET returns it (full personal fields
# as admin) with a new contact phone per request.
for cid in $(q "SELECT id FROM companies WHERE id <> $BIG_ID AND status = 'active' ORDER BY id LIMIT 5 OFFSET 10"); do
  body=$(api GET "/api/v1/companies/$cid" "$ADMIN" | jq -c '{orgId, name, creditCode, regAddress, regionCode, regCapital, foundedOn, licenceNo, legalName, legalIdNo, legalMobile, bizAddress, serviceScope, contactName, lng, lat} + {contactPhone: "029-{{phone}}"}')
  mix 1 PUT "/api/v1/companies/$cid" "$ADMIN" "$body"
done
# Each kind answers 2xx once before the load (a write with a body the server refuses would only show
# as errors).
while IFS=$'\t' read -r _ method path token body; do
  body=${body//\{\{n\}\}/0$RANDOM$RANDOM}
  body=${body//\{\{phone\}\}/$(printf '%08d' $RANDOM)}
  api "$method" "$path" "$token" "$body" >/dev/null
done <"$MIXED"
M_START=$(rss VmRSS)
(peak=0; while kill -0 "$SERVER" 2>/dev/null; do v=$(rss VmRSS); ((v > peak)) && peak=$v; echo "$(date +%s) $v $peak" >>"$OUT/mixed-rss.txt"; sleep 1; done) &
rss_sampler=$!
MIXED_FILE=$MIXED timeout $((MIXED_SECONDS + 60)) wrk -t"$THREADS" -c"$MIXED_CONNS" -d"${MIXED_SECONDS}s" --timeout 30s --latency \
  -s "$BENCH/mixed.lua" "$BASE" >"$OUT/wrk-mixed.txt"
kill "$rss_sampler" 2>/dev/null; wait "$rss_sampler" 2>/dev/null || true
M_END=$(rss VmRSS)
M_PEAK=$(awk '{ p = $3 } END { print p }' "$OUT/mixed-rss.txt")
read -r M_RPS M50 M99 M_ERR _ < <(python3 "$LIB" wrk "$OUT/wrk-mixed.txt")
M_RES=$(judge "$M99" "<=" 50)
M_ERR_RES=$([[ $M_ERR == 0 ]] && echo PASS || echo MISS)
M_GROWTH=$(mb $((M_END - M_START)))
say "mixed: $M_RPS req/s, p50 $M50 ms, p99 $M99 ms (target ≤ 50 ms: $M_RES), errors $M_ERR (target 0: $M_ERR_RES); RSS start $(mb "$M_START") MB, end $(mb "$M_END") MB, peak $(mb "$M_PEAK") MB"
record "mixed load req/s, p50 / p99 ms (${MIXED_SECONDS}s, $MIXED_CONNS conn)" "$M_RPS, $M50 / $M99" "p99 ≤ 50" "$M_RES"
record "mixed load errors (non-2xx + socket)" "$M_ERR" "0" "$M_ERR_RES"
record "mixed load RSS MB start / end / peak" "$(mb "$M_START") / $(mb "$M_END") / $(mb "$M_PEAK")" "flat" ""

# ------------------------------------------------------------------------------------------ summary
say "== end: server RSS $(($(rss VmRSS) / 1024)) MB; load $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
stop_server
{
  say "## Summary ($(date -Iseconds))"
  say
  sed 's/^/    /' "$OUT/machine.txt"
  say
  python3 "$LIB" table "$TSV"
  if grep -q $'\tMISS$' "$TSV"; then
    say
    say "Query plans of the list/search queries (EXPLAIN QUERY PLAN of the SQL the store ran, from $OUT/direct.txt):"
    for k in station bureau city province custom name2 name3 idno portal portalname companyname export; do
      say "  $k:"
      plan_of "$k"
    done
  fi
} | tee "$OUT/summary.md"
cp "$OUT/summary.md" "$DIR/last-summary.md"
say "raw outputs: $OUT"
