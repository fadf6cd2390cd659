# Shared by the bench scripts (sourced): a private work folder removed on exit, the server on a free
# port, the wait for a quiet machine and the line that says what the figures were taken on.
#
#   source "$ROOT/bench/lib/serve.sh"
#   bench_workdir                        # $work, and an EXIT trap that stops $server and removes $work
#   bench_serve "$db" [serve options…]   # $port, $server; returns once /health answers
#   bench_wait_quiet [say-function]      # with BENCH_WAIT_LOAD=L: wait (≤ BENCH_WAIT_SECONDS, 1800) for load < L
#   bench_machine                        # "machine: N cores, CPU, load …"

bench_workdir() {
  work=$(mktemp -d)
  server=
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_serve() {
  local db=$1
  shift
  port=$(bench_free_port)
  "$BAOAN" serve --db "$db" --listen "127.0.0.1:$port" --data-dir "$work/data" "$@" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
}

bench_wait_quiet() {
  local say=${1:-echo}
  [[ -n ${BENCH_WAIT_LOAD:-} ]] || return 0
  local waited=0
  until awk -v l="$BENCH_WAIT_LOAD" '{ exit !($1 < l) }' /proc/loadavg || ((waited >= ${BENCH_WAIT_SECONDS:-1800})); do
    sleep 10
    waited=$((waited + 10))
  done
  "$say" "waited ${waited}s for the load average to fall below $BENCH_WAIT_LOAD: $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
