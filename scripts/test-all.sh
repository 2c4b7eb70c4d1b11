#!/usr/bin/env bash
# Runs every gate and test suite. Starts a throwaway PostgreSQL server unless TEST_DATABASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every `node` below (and every process the suites spawn) is the project's Node 24 from npm ci.
export PATH="$PWD/node_modules/.bin:$PATH"
started=$(date +%s)
step() { echo; echo "== [$(( $(date +%s) - started ))s] $*"; }
# Every suite's output is also kept here, so the run can end with one total over all languages.
suite_log=$(mktemp /tmp/trace-suites.XXXXXX)
suite() { "$@" 2>&1 | tee -a "$suite_log"; }

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  step "start PostgreSQL"
  eval "$(scripts/ci/start-postgres.sh)"
  # A failed run prints the server's log before the data directory goes: a server that died
  # under the suites (stop 13 saw one gone before vitest began) leaves its reason there and nowhere else.
  trap 'status=$?
    if [ "$status" -ne 0 ] && [ -f "$TEST_PGDATA/server.log" ]; then
      echo; echo "== PostgreSQL server log, last 80 lines (the run failed with $status)"
      tail -n 80 "$TEST_PGDATA/server.log"
    fi
    scripts/ci/stop-postgres.sh' EXIT
fi
export TEST_DATABASE_URL

step "contract gates (buf lint, buf breaking, gen/ fresh, gen/python installs)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/ci/contract-gates.sh

step "typecheck"
npx tsc --noEmit -p tsconfig.json
npx tsc -p console/tsconfig.json

step "TS SDK packages build (@trace/dispatcher-proto = proto/VERSION; installed and run by test/sdk/ts-package.test.ts)"
node sdk/ts/scripts/build.mjs

step "infra: synthesized CloudFormation through cfn-lint and checkov (infra/, test/infra)"
bash scripts/ci/infra-lint.sh

step "example operator bundles (esbuild; cargo, sharing the Rust target dir below)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/target-trace-dispatcher}" \
  node examples/operators/build.mjs

step "vitest"
suite npx vitest run

step "chaos, small configuration (600 tasks, 2 Dispatchers; its own PostgreSQL, restarted once)"
# Exits non-zero if any audit invariant is violated; the last stdout line is the JSON summary.
npm run --silent chaos -- --small | tail -n 1

step "pytest: contract vectors and clients (gen/python)"
suite .venv/bin/python -m pytest -q test/contract/python

step "cargo test: contract vectors and Connect client (gen/rust)"
# The target dir lives under ~/.cargo so repeated CI runs on one machine reuse the build.
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/target-trace-dispatcher}" \
  suite cargo test --locked --manifest-path test/contract/rust/Cargo.toml

step "pytest: SDK live suite (sdk/python against a real Dispatcher)"
suite .venv/bin/python -m pytest -q sdk/python/tests

step "Python packages as shipped (mypy --strict; wheels + sdists built, installed alone into a fresh venv, run live)"
# The SDK ships py.typed: its own annotations must hold (gen/python's .pyi stubs come from protoc).
.venv/bin/python -m mypy --strict --cache-dir /dev/null sdk/python/src
suite bash scripts/ci/sdk-install-python.sh

step "cargo test: SDK live suite (sdk/rust against a real Dispatcher, and the example operator)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/target-trace-dispatcher}" \
  suite cargo test --locked --manifest-path sdk/rust/Cargo.toml --workspace
# The SDK without its default `lambda` feature (bundle entrypoint only) must still build.
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/target-trace-dispatcher}" \
  cargo check --quiet --locked --manifest-path sdk/rust/Cargo.toml -p trace-dispatcher-sdk --no-default-features

step "cargo: the packaged Rust crates installed in a fresh project, run against a live Dispatcher"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${CARGO_HOME:-$HOME/.cargo}/target-trace-dispatcher}" \
  suite bash scripts/ci/sdk-install-rust.sh

step "summary over every suite"
node scripts/ci/summarize-tests.mjs "$suite_log"
