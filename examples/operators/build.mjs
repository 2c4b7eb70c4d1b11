#!/usr/bin/env node
// Builds the example operators into bundle directories under examples/operators/dist/:
//   ts/main.mjs          esbuild: the operator, the SDK, gen/ts and their npm deps in one file
//   python/main.py       + the SDK's standard-library modules (bundle mode needs no protobuf)
//   rust/bootstrap       cargo (debug profile, symbols stripped), sharing CARGO_TARGET_DIR with
//                        the other Rust suites so CI compiles the dependency graph once
// Publish a directory with publishBundle(store, dir, { runtime, entrypoint }) (src/bundle/publish.ts).
// Usage: node examples/operators/build.mjs [ts] [python] [rust]   (default: all three)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../..");
const DIST = join(HERE, "dist");
export const BUNDLES = {
  ts: { dir: join(DIST, "ts"), runtime: "node", entrypoint: "main.mjs" },
  python: { dir: join(DIST, "python"), runtime: "python", entrypoint: "main.py" },
  rust: { dir: join(DIST, "rust"), runtime: "rust", entrypoint: "bootstrap" },
};
// Bundle mode imports only these (see sdk/python/src/trace_dispatcher_sdk/bundle.py).
const PYTHON_SDK_BUNDLE_MODULES = ["__init__.py", "errors.py", "_wire.py", "bundle.py", "query.py"];

function fresh(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

async function buildTs() {
  fresh(BUNDLES.ts.dir);
  await build({
    entryPoints: [join(HERE, "ts/main.ts")],
    outfile: join(BUNDLES.ts.dir, "main.mjs"),
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // CommonJS dependencies inside an ESM file still call require() for Node built-ins.
    banner: { js: 'import { createRequire as __traceCreateRequire } from "node:module"; const require = __traceCreateRequire(import.meta.url);' },
    logLevel: "warning",
  });
}

function buildPython() {
  const dir = BUNDLES.python.dir;
  fresh(dir);
  copyFileSync(join(HERE, "python/main.py"), join(dir, "main.py"));
  mkdirSync(join(dir, "trace_dispatcher_sdk"));
  for (const name of PYTHON_SDK_BUNDLE_MODULES) {
    copyFileSync(join(ROOT, "sdk/python/src/trace_dispatcher_sdk", name), join(dir, "trace_dispatcher_sdk", name));
  }
}

export function cargoTargetDir() {
  return process.env.CARGO_TARGET_DIR || join(process.env.CARGO_HOME || join(homedir(), ".cargo"), "target-trace-dispatcher");
}

function buildRust() {
  fresh(BUNDLES.rust.dir);
  const target = cargoTargetDir();
  // Only the final link gets strip: every dependency stays shared with `cargo test`.
  execFileSync(
    "cargo",
    ["rustc", "--locked", "--manifest-path", join(ROOT, "sdk/rust/Cargo.toml"), "-p", "trace-example-operator", "--bin", "bootstrap", "--", "-C", "strip=symbols"],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CARGO_TARGET_DIR: target } },
  );
  copyFileSync(join(target, "debug/bootstrap"), join(BUNDLES.rust.dir, "bootstrap"));
}

const wanted = process.argv.slice(2);
const all = wanted.length === 0;
if (all || wanted.includes("ts")) await buildTs();
if (all || wanted.includes("python")) buildPython();
if (all || wanted.includes("rust")) buildRust();
