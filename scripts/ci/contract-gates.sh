#!/usr/bin/env bash
# Contract gates, run by scripts/test-all.sh (and by hand before pushing a proto change):
#   1. buf lint                 (buf.yaml: STANDARD + COMMENTS)
#   2. buf breaking             against the contract as of the last release (rule set FILE, which
#                               includes WIRE_JSON): the newest v* tag reachable from HEAD; without
#                               one, main at the merge base (a branch's whole series at once, so a
#                               break spread over several commits cannot land); on main itself with
#                               no tag, the previous commit. BUF_BREAKING_AGAINST overrides the
#                               reference, e.g. '.git#tag=v1.2.0'
#   3. generated code is fresh  `npm run generate` must leave gen/ unchanged, with no new files
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
  baseline=""
  if tag=$(git describe --tags --abbrev=0 --match 'v*' HEAD 2>/dev/null); then
    baseline=$(git rev-parse "$tag^{commit}"); what="release $tag"
  else
    for main in main origin/main; do
      if base=$(git merge-base HEAD "$main" 2>/dev/null) && [ "$base" != "$(git rev-parse HEAD)" ]; then
        baseline=$base; what="$main at the merge base"; break
      fi
    done
    if [ -z "$baseline" ] && git rev-parse --verify --quiet HEAD~1 >/dev/null; then
      baseline=$(git rev-parse HEAD~1); what="the previous commit"
    fi
  fi
  if [ -z "$baseline" ]; then
    echo "no release, merge base or previous commit: nothing to compare against (skipped)"
  elif ! git cat-file -e "$baseline:proto" 2>/dev/null; then
    echo "$what has no proto/: nothing to compare against (skipped)"
  else
    echo "against $what (${baseline:0:12})"
    "$buf" breaking --against ".git#ref=$baseline"
  fi
fi

echo "-- generated code is fresh"
npm run --silent generate
if ! git diff --exit-code --stat -- gen/; then
  echo "gen/ is stale: run 'npm run generate' and commit the result together with its proto/config change" >&2
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
