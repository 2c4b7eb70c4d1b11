#!/usr/bin/env bash
# Proves the Python packages as we ship them (issue 15, section 3):
#   1. builds trace-dispatcher-proto (gen/python) and trace-dispatcher-sdk (sdk/python) into wheels
#      and sdists with `python -m build --no-isolation` (the pinned build tools in .venv; offline),
#      from copies of the source trees so the repository is left clean;
#   2. creates a fresh venv in a temp dir and installs ONLY those artifacts (`--no-index
#      --find-links dist`) on top of the pinned runtime dependencies from PyPI; one per Python of
#      the supported range found here (python3, and 3.12/3.13/3.14 when installed, e.g. by pyenv);
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

# An interpreter of version X.Y, or nothing: a direct install first (pyenv's shims answer for
# versions that are installed but not selected, then fail), checked by running it.
find_python() {
  local found
  for found in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1" 2>/dev/null | sort -V) \
    $(command -v "python$1" 2>/dev/null || true); do
    if "$found" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$1'.split('.'))))" 2>/dev/null; then
      echo "$found"
      return
    fi
  done
}

# One fresh venv per interpreter in the supported range that this machine has (python3 always).
venvs=()
for version in default 3.12 3.13 3.14; do
  if [ "$version" = default ]; then interpreter=python3; else interpreter=$(find_python "$version"); fi
  [ -n "$interpreter" ] || { echo "python$version: not on this machine, not tested"; continue; }
  venv="$work/venv-$("$interpreter" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  [ -d "$venv" ] && continue
  "$interpreter" -m venv "$venv"
  # shellcheck disable=SC2086 # one requirement per word
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $runtime_deps
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --find-links "$dist" trace-dispatcher-sdk
  "$venv/bin/python" -m pip check >/dev/null
  venvs+=("$venv")
  echo "$(basename "$venv"): the wheels installed into a fresh venv"
done
all_venvs=$(IFS=:; echo "${venvs[*]}")

# Below the range: pip must refuse the wheels (test_dists.py), proving requires-python is set.
TRACE_PY_TOO_OLD=$(find_python 3.10) TRACE_PY_DIST="$dist" TRACE_PY_VENV="${venvs[0]}" TRACE_PY_VENVS="$all_venvs" \
  "$py" -m pytest -q -p no:cacheprovider test/sdk-install/python
