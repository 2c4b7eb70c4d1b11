#!/usr/bin/env bash
# Contract gates, run by scripts/test-all.sh (and by hand before pushing a proto change):
#   1. buf lint                 (buf.yaml: STANDARD + COMMENTS)
#   2. buf breaking             against the last release tag's merge base, else main's merge base,
#                               else HEAD^ (scripts/ci/breaking-base.sh; rule set FILE, which includes
#                               WIRE_JSON); BUF_BREAKING_AGAINST overrides it, e.g. '.git#tag=v1.2.0'
#   3. generated code is fresh  `npm run generate` must leave gen/ and the API reference
#                               (docs/openapi.json, docs/api.md) unchanged, with no new files
#   4. gen/python installs      pip install ./gen/python into .venv (the pytest suite imports it)
# Needs scripts/ci/install-codegen.sh to have run (the generators and .venv).
set -euo pipefail
cd "$(dirname "$0")/../.."

buf=node_modules/.bin/buf

echo "-- buf lint"
"$buf" lint

echo "-- buf breaking"
if [ -n "${BUF_BREAKING_AGAINST:-}" ]; then
  "$buf" breaking --against "$BUF_BREAKING_AGAINST"
else
  base=$(bash scripts/ci/breaking-base.sh)
  if [ -z "$base" ]; then
    echo "nothing to compare against (skipped)"
  elif ! git cat-file -e "$base:proto" 2>/dev/null; then
    echo "the base $base has no proto/: nothing to compare against (skipped)"
  else
    "$buf" breaking --against ".git#ref=$base"
  fi
fi

echo "-- generated code is fresh"
npm run --silent generate
if ! git diff --exit-code --stat -- gen/ docs/openapi.json docs/api.md; then
  echo "gen/ or the API reference is stale: run 'npm run generate' and commit the result together with its proto/config change" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- gen/)
if [ -n "$untracked" ]; then
  printf 'gen/ has generated files that are not committed:\n%s\n' "$untracked" >&2
  exit 1
fi

echo "-- gen/python installs"
# No build isolation: the pinned setuptools in .venv builds it offline and reproducibly.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --force-reinstall ./gen/python
rm -rf gen/python/build gen/python/src/*.egg-info
echo "contract gates passed"
