#!/usr/bin/env node
// `npm run bench [-- <name> [args]]`: compiles src/, gen/ts and bench/ with the production build's
// settings into dist-bench/ (tsconfig.bench.json), copies the SQL migrations beside the compiled
// code as scripts/build.mjs does, then runs bench/main.js with plain node.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist-bench");
rmSync(out, { recursive: true, force: true });
process.stderr.write("compiling the benchmarks (tsc -p tsconfig.bench.json)…\n");
execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.bench.json")], { stdio: "inherit" });
cpSync(join(root, "src/db/migrations"), join(out, "src/db/migrations"), { recursive: true });
const run = spawnSync(process.execPath, ["--enable-source-maps", join(out, "bench/main.js"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
