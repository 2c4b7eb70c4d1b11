#!/usr/bin/env node
// `npm run build`: the production build in dist/ (what `npm start`, `serve`, the Docker image and
// the local invoker run with plain node).
//   1. tsc -p tsconfig.build.json   src/ and gen/ts → dist/src, dist/gen/ts (+ source maps)
//   2. runtime files tsc does not emit, copied to where the compiled code looks for them:
//      the SQL migrations (dist/src/db/migrations) and the sample DAG's bundles (dist/examples/bundles)
//   3. the operator console (scripts/build-console.mjs → dist/console-ui)
//   4. the CLI entry made executable (package.json "bin")
// The Lambda runner zip stays separate: `npm run build:runner`.
// `--out-dir DIR` builds elsewhere (the production-install test builds into a temp package).
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outFlag = process.argv.indexOf("--out-dir");
if (outFlag >= 0 && !process.argv[outFlag + 1]) {
  process.stderr.write("usage: node scripts/build.mjs [--out-dir DIR]\n");
  process.exit(2);
}
const dist = outFlag < 0 ? join(root, "dist") : resolve(process.argv[outFlag + 1]);

// A stale dist/src could keep a deleted module importable; the runner zip (build:runner) is kept.
for (const dir of ["src", "gen", "examples"]) rmSync(join(dist, dir), { recursive: true, force: true });
const tsc = join(root, "node_modules/typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", dist], { stdio: "inherit" });
cpSync(join(root, "src/db/migrations"), join(dist, "src/db/migrations"), { recursive: true });
for (const sample of ["node", "python"]) {
  cpSync(join(root, "examples/bundles", sample), join(dist, "examples/bundles", sample), { recursive: true });
}
// The console build writes dist/console-ui of this checkout (atomically); another --out-dir gets a copy.
execFileSync(process.execPath, [join(root, "scripts/build-console.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
if (dist !== join(root, "dist")) cpSync(join(root, "dist/console-ui"), join(dist, "console-ui"), { recursive: true });
chmodSync(join(dist, "src/cli/main.js"), 0o755);
