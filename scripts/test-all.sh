#!/usr/bin/env bash
# Runs every gate and test suite. Starts a throwaway PostgreSQL server unless TEST_DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { echo; echo "== [$(( $(date +%s) - started ))s] $*"; }

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "start PostgreSQL"
  eval "$(scripts/ci/start-postgres.sh)"
  trap 'scripts/ci/stop-postgres.sh' EXIT
fi
export TEST_DATABASE_URL

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "vitest"
npx vitest run
