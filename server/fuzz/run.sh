#!/usr/bin/env bash
# Fuzzes the spreadsheet import path (xlsx_import_fuzz.cpp) for a bounded time, as a CI stage:
#
#   server/fuzz/run.sh [seconds]        # default 60
#
# Builds the libFuzzer target with clang-14, ASan and UBSan (CMake preset "fuzz", build/fuzz,
# incremental; the GCC builds are not touched), then runs it for that many seconds on a copy of the
# seed corpus server/fuzz/corpus/ (the committed corpus never grows) with the dictionary xlsx.dict,
# at most 1 GB of RSS (and no single allocation above it), 10 s per input. Any crash, sanitizer
# report, broken contract, timeout or out-of-memory fails the run: its input is kept in
# build/fuzz/artifacts/ and the head of the report is printed. The last line is
# "1 passed, 0 failed" or "0 passed, 1 failed"; the exit status is non-zero on failure.
# Needs clang-14 and libclang-rt-14-dev (scripts/install-deps.sh --test).
set -uo pipefail

SECS=${1:-60}
if ! [[ "$SECS" =~ ^[0-9]+$ ]] || ((SECS < 1)); then
  echo "usage: $0 [seconds]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BUILD=build/fuzz
BIN=$BUILD/server/baoan_fuzz_xlsx_import
ARTIFACTS=$BUILD/artifacts
mkdir -p "$BUILD" "$ARTIFACTS"

fail() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

if command -v ccache >/dev/null; then
  export CMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER:-ccache}
  export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
fi
t0=$(date +%s)
BUILD_LOG=$BUILD/build.log
if ! { cmake --preset fuzz && cmake --build --preset fuzz -j2; } >"$BUILD_LOG" 2>&1; then
  tail -n 30 "$BUILD_LOG"
  fail "fuzz build failed (log: $BUILD_LOG)"
fi
t1=$(date +%s)
echo "fuzz build: $((t1 - t0)) s ($BIN)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/corpus"
cp server/fuzz/corpus/* "$WORK/corpus/"
LOG=$BUILD/fuzz.log

# detect_leaks: a leak is a failure too. -max_len: room for the mutator to grow a part; a 32 KB
# input can still inflate to 32 MB of XML.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  "$BIN" -max_total_time="$SECS" -rss_limit_mb=1024 -timeout=10 -max_len=32768 \
  -dict=server/fuzz/xlsx.dict -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 \
  "$WORK/corpus" >"$LOG" 2>&1
rc=$?
t2=$(date +%s)

runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)
speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)
peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$LOG" | grep -o '[0-9]*$' || true)
cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$LOG" | tail -n 1 || true)
echo "fuzzing: $((t2 - t1)) s, ${runs:-?} inputs, ${speed:-?} exec/s, peak RSS ${peak:-?} MB, $cov (log: $LOG)"

if ((rc != 0)) || grep -qE '^==[0-9]+==ERROR|runtime error:|contract broken|ERROR: libFuzzer' "$LOG"; then
  input=$(grep -Eo 'Test unit written to [^ ]+' "$LOG" | tail -n 1 | sed 's/Test unit written to //')
  echo "FAILED (exit $rc); input: ${input:-none written}"
  grep -nE -m1 '^==[0-9]+==ERROR|runtime error:|contract broken|ERROR: libFuzzer|terminate called|uncaught exception' "$LOG" |
    cut -d: -f1 | { read -r line && sed -n "${line},$((line + 30))p" "$LOG"; } || tail -n 30 "$LOG"
  echo "replay: $BIN ${input:-<input>}"
  fail "the fuzzer found a failure"
fi
echo "1 passed, 0 failed"
