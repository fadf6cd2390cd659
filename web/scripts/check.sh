#!/usr/bin/env bash
# The web app's static checks and unit tests, one CI stage:
#   1. type check   vue-tsc --noEmit (the SPA and its tests: tsconfig.json; the config files: tsconfig.node.json)
#   2. lint         eslint, recommended rules, no warning allowed
#   3. unit tests   vitest (tests/unit: validators with the server's test vectors, useList, v-permission)
# The type check and the lint count as one check each, plus every vitest test. The last line is
#   N passed, N failed, N skipped
# and the exit status is non-zero when anything failed or was skipped (no test here is meant to skip).
#   web/scripts/check.sh            (from anywhere; installs node_modules with `npm ci` when missing)
set -uo pipefail

web="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$web"

passed=0; failed=0; skipped=0
failures=()

if [[ ! -x node_modules/.bin/vue-tsc || ! -x node_modules/.bin/vitest ]]; then
  echo "== npm ci"
  if ! npm ci --no-audit --no-fund; then
    echo "npm ci failed"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi

step() { # name, command…
  local name="$1"; shift
  echo "== $name: $*"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "✔ $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "✖ $name ($((SECONDS - t0)) s)"
  fi
}

typecheck() { node_modules/.bin/vue-tsc --noEmit -p tsconfig.json && node_modules/.bin/vue-tsc --noEmit -p tsconfig.node.json; }
step "type check" typecheck
step "lint" node_modules/.bin/eslint --max-warnings 0 .

echo "== unit tests: vitest run"
results="$(mktemp -t baoan-vitest.XXXXXX.json)"
trap 'rm -f "$results"' EXIT
t0=$SECONDS
VITE_CONFIG_NATIVE_IGNORE_WARNING=true node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$results"
rc=$?
read -r vp vf vs < <(node -e '
  let r = {}
  try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")) } catch { /* no report: counted below */ }
  const broken = (r.testResults || []).filter((f) => f.status === "failed" && !(f.assertionResults || []).some((a) => a.status === "failed")).length
  console.log(r.numPassedTests || 0, (r.numFailedTests || 0) + broken, (r.numPendingTests || 0) + (r.numTodoTests || 0))
' "$results")
# vitest failed without a failed test to show for it (a config error, a file that does not load)
if [[ $rc -ne 0 && $vf -eq 0 ]]; then vf=1; failures+=("vitest exited $rc"); fi
[[ $vf -gt 0 ]] && failures+=("unit tests")
echo "vitest: $vp passed, $vf failed, $vs skipped ($((SECONDS - t0)) s)"
passed=$((passed + vp)); failed=$((failed + vf)); skipped=$((skipped + vs))

[[ ${#failures[@]} -gt 0 ]] && echo "failed: ${failures[*]}"
[[ $skipped -gt 0 ]] && echo "skipped tests: none is expected here"
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 && $skipped -eq 0 ]]
