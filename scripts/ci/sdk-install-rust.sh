#!/usr/bin/env bash
# Installs the Rust crates we ship, the way a user outside this repository would, and runs an
# operator built on them against a live Dispatcher (issue 15 §3):
#
#   1. `cargo package` trace-dispatcher-proto (gen/rust) and trace-dispatcher-sdk (sdk/rust): the
#      .crate files `cargo publish` would upload (only what their manifests include).
#   2. A directory registry (cargo's `[source]` replacement for crates.io): the third-party crates
#      of the SDK's lockfile (`cargo vendor`) plus the two .crate files unpacked. No path into the
#      repository and no [patch]: a file missing from a package fails the build below.
#   3. A fresh cargo project in a temp dir depending on `trace-dispatcher-sdk = "=<version>"`: the
#      example operator as its `bootstrap`, the SDK's live suite (heartbeat, events, complete,
#      credentials, cancel, stale attempt, duplicate delivery) and a test that runs the built
#      bootstrap on a claimed task. The live Dispatcher comes from this repository
#      (TRACE_REPO_ROOT, scripts/dev/test-dispatcher.mjs), as in the live suite.
#
# Shares CARGO_TARGET_DIR with the other cargo suites (its work dir lives there too).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cargo/target-trace-dispatcher}"
version=$(tr -d '[:space:]' < proto/VERSION)
# A fixed place beside the shared target dir, rebuilt from scratch every run: cargo keys compiled
# crates on their source's path, so a fixed registry path lets the second run reuse the first's.
work="$CARGO_TARGET_DIR/sdk-install-rust"
rm -rf "$work"
mkdir -p "$work"

# 1. Package. --allow-dirty: a developer's uncommitted edits are what they are testing;
# --no-verify: step 3 builds the packages from their .crate contents anyway.
rm -f "$CARGO_TARGET_DIR"/package/trace-dispatcher-proto-*.crate "$CARGO_TARGET_DIR"/package/trace-dispatcher-sdk-*.crate
cargo package --quiet --locked --allow-dirty --no-verify --manifest-path sdk/rust/Cargo.toml \
  -p trace-dispatcher-proto -p trace-dispatcher-sdk

# 2. The directory registry.
registry="$work/registry"
cargo vendor --quiet --locked --manifest-path sdk/rust/Cargo.toml "$registry" >/dev/null
for name in trace-dispatcher-proto trace-dispatcher-sdk; do
  crate="$CARGO_TARGET_DIR/package/$name-$version.crate"
  tar xzf "$crate" -C "$registry"
  # A directory source needs cargo's checksum file; "files": {} skips per-file checks.
  printf '{"files":{},"package":"%s"}' "$(sha256sum "$crate" | cut -d' ' -f1)" >"$registry/$name-$version/.cargo-checksum.json"
done

# 3. The fresh project.
project="$work/operator"
mkdir -p "$project/src" "$project/tests/support" "$project/.cargo"
cat >"$project/.cargo/config.toml" <<TOML
[source.crates-io]
replace-with = "packaged"

[source.packaged]
directory = "$registry"
TOML
cat >"$project/Cargo.toml" <<TOML
[package]
name = "installed-operator"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[[bin]]
name = "bootstrap"
path = "src/main.rs"

[dependencies]
trace-dispatcher-sdk = "=$version"
serde_json = "1"
tokio = { version = "1", default-features = false, features = ["rt", "macros", "time"] }
TOML
cp examples/operators/rust/src/main.rs "$project/src/main.rs"
cp sdk/rust/tests/live.rs "$project/tests/live.rs"
cp sdk/rust/tests/support/mod.rs "$project/tests/support/mod.rs"
cp scripts/ci/sdk-install-rust/installed_operator.rs "$project/tests/installed_operator.rs"

# From inside the project: cargo reads .cargo/config.toml relative to the working directory.
cd "$project"
TRACE_REPO_ROOT="$root" cargo test --offline
