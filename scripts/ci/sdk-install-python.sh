#!/usr/bin/env bash
# Proves the Python packages as we ship them (issue 15, section 3):
#   1. builds trace-dispatcher-proto (gen/python) and trace-dispatcher-sdk (sdk/python) into wheels
#      and sdists with `python -m build --no-isolation` (the pinned build tools in .venv; offline),
#      from copies of the source trees so the repository is left clean;
#   2. creates a fresh venv in a temp dir and installs ONLY those artifacts (`--no-index
#      --find-links dist`) on top of the pinned runtime dependencies from PyPI;
#   3. runs test/sdk-install/python with the repository's pytest: the wheels' contents and metadata,
#      sdist -> wheel equality, and an operator run from the fresh venv against a live Dispatcher.
# Needs .venv (scripts/ci/install-codegen.sh); TEST_DATABASE_URL as for sdk/python/tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=.venv/bin/python
work=$(mktemp -d "${TMPDIR:-/tmp}/trace-sdk-python.XXXXXX")
trap 'rm -rf "$work"' EXIT
dist="$work/dist"

for source in gen/python sdk/python; do
  copy="$work/src/$(basename "$(dirname "$source")")"
  mkdir -p "$copy"
  cp -R "$source/." "$copy"
  find "$copy" \( -name __pycache__ -o -name build -o -name '*.egg-info' \) -prune -exec rm -rf {} +
  if ! "$py" -m build --no-isolation --sdist --wheel --outdir "$dist" "$copy" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "building $source failed" >&2
    exit 1
  fi
done
ls "$dist"

# The runtime dependencies at the versions pinned for the repository's own .venv (one list of pins).
runtime_deps=$(grep -E '^(protobuf|connectrpc|pyqwest|protobuf-py|protobuf-py-ext|protobuf-py-pure|opentelemetry-api|typing_extensions)==' \
  scripts/ci/requirements-codegen.txt)
python3 -m venv "$work/venv"
# shellcheck disable=SC2086 # one requirement per word
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check $runtime_deps
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --find-links "$dist" trace-dispatcher-sdk
"$work/venv/bin/python" -m pip check

TRACE_PY_DIST="$dist" TRACE_PY_VENV="$work/venv" "$py" -m pytest -q -p no:cacheprovider test/sdk-install/python
