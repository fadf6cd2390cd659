#!/usr/bin/env bash
# Builds the server (CMake preset given as $1, default release) and the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
if [[ "${BAOAN_SKIP_WEB:-0}" != 1 ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi
