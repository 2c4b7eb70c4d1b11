#!/usr/bin/env bash
# Installs the pinned code generators and contract-test tools that `npm run generate` and
# scripts/ci/contract-gates.sh need, skipping whatever is already installed at the pinned version.
#
#   .venv/                   python3 -m venv; pip install -r scripts/ci/requirements-codegen.txt
#                            (protoc via grpcio-tools, protoc-gen-connectrpc, build, pytest);
#                            packages we moved away from are uninstalled (retired_python below)
#   ~/.cargo/bin/            cargo install --locked --version X protoc-gen-buffa,
#                            connectrpc-codegen (its binary is protoc-gen-connect-rust)
#
# npm-side generators (buf, protoc-gen-es, protoplugin) are pinned in package.json (npm ci).
# `--check` only verifies the pins and exits non-zero with instructions if something is off.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=install
if [ "${1:-}" = "--check" ]; then mode=check; fi

# Pinned cargo plugins: crate version binary. protoc-gen-buffa 0.9.2 emits code for buffa 0.9.2 and
# protoc-gen-connect-rust (connectrpc-codegen 0.9.0) for connectrpc 0.9.x: the versions gen/rust
# depends on (scripts/generate.mjs).
cargo_plugins=(
  "protoc-gen-buffa 0.9.2 protoc-gen-buffa"
  "connectrpc-codegen 0.9.0 protoc-gen-connect-rust"
)
requirements=scripts/ci/requirements-codegen.txt
# Packages an older .venv may still hold and that must go: connect-python 0.9 installs the same
# `connectrpc` module as its successor connectrpc, so leaving it would leave stale files behind.
retired_python=(connect-python protoc-gen-connect-python)
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
problems=0

python_pins_ok() {
  [ -x .venv/bin/python ] || return 1
  .venv/bin/python - "$requirements" "${retired_python[@]}" <<'EOF'
import sys
from importlib.metadata import PackageNotFoundError, version

bad = []
for name in sys.argv[2:]:
    try:
        bad.append(f"{name} (retired, found {version(name)})")
    except PackageNotFoundError:
        pass
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, pinned = line.split("==")
    try:
        found = version(name)
    except PackageNotFoundError:
        found = None
    if found != pinned:
        bad.append(f"{name}=={pinned} (found {found})")
if bad:
    print("python pins not satisfied: " + ", ".join(bad), file=sys.stderr)
    sys.exit(1)
EOF
}

cargo_plugin_ok() { # crate version binary
  local installed
  installed=$(cargo install --list 2>/dev/null | grep -E "^$1 v" | head -n1 || true)
  [ "$installed" = "$1 v$2:" ] && [ -x "$cargo_home/bin/$3" ]
}

# ---- Python ----
if python_pins_ok 2>/dev/null; then
  echo "python tools: pinned versions present in .venv"
elif [ "$mode" = check ]; then
  python_pins_ok || true
  problems=1
else
  [ -x .venv/bin/python ] || python3 -m venv .venv
  for name in "${retired_python[@]}"; do
    if .venv/bin/python -m pip show --quiet "$name" >/dev/null 2>&1; then
      # connect-python owns files of the `connectrpc` module too: remove connectrpc with it (and
      # with its generator, harmlessly); the pins below reinstall connectrpc whole.
      .venv/bin/python -m pip uninstall --quiet --disable-pip-version-check -y "$name" connectrpc
    fi
  done
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  python_pins_ok
  echo "python tools: installed into .venv"
fi

# ---- Rust ----
for entry in "${cargo_plugins[@]}"; do
  read -r name version binary <<<"$entry"
  if cargo_plugin_ok "$name" "$version" "$binary"; then
    echo "$name $version: installed"
  elif [ "$mode" = check ]; then
    echo "$name $version: missing or at another version" >&2
    problems=1
  else
    # A shared target dir lets the second plugin reuse the first one's dependencies.
    CARGO_TARGET_DIR="${CODEGEN_CARGO_TARGET_DIR:-${TMPDIR:-/tmp}/trace-codegen-cargo-target}" \
      cargo install --quiet --locked --version "$version" "$name"
    echo "$name $version: installed"
  fi
done

if [ "$problems" -ne 0 ]; then
  echo "code generators are missing or not at their pinned versions: run scripts/ci/install-codegen.sh" >&2
  exit 1
fi
