#!/usr/bin/env node
// Builds the two npm packages of the TypeScript SDK from this repository:
//   sdk/ts-proto  @trace/dispatcher-proto: gen/ts compiled to JavaScript + declarations (dist/v1/)
//   sdk/ts        @trace/dispatcher-sdk: ESM entry points (dist/index.js, lambda.js, bundle.js,
//                 esbuild with code splitting, so all three share one TaskContext and one set of
//                 error classes) + declarations that import the contract by package name
// One tsc run (tsconfig.build.json) compiles both; the Dispatcher's secret scrubber
// (src/log/scrub.ts) is bundled into the SDK's JavaScript, never referenced by path.
//
// Usage: node sdk/ts/scripts/build.mjs [--pack <dir>]
//   --pack: also `npm pack` both packages into <dir> and print {"proto": tgz, "sdk": tgz} as JSON.
// Both package.json files run this script as `prepack`, so `npm pack ./sdk/ts` works by hand too.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const SDK = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(SDK, "../..");
const PROTO = join(ROOT, "sdk/ts-proto");
const ENTRY_POINTS = ["index", "lambda", "bundle"];

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** proto/VERSION, the SDK's CONTRACT_VERSION, the contract package and the SDK's dependency on it agree. */
function checkVersions() {
  const contract = readFileSync(join(ROOT, "proto/VERSION"), "utf8").trim();
  const found = {
    "sdk/ts-proto/package.json version": readJson(join(PROTO, "package.json")).version,
    "sdk/ts/package.json dependency @trace/dispatcher-proto": readJson(join(SDK, "package.json")).dependencies["@trace/dispatcher-proto"],
    "sdk/ts/src/version.ts CONTRACT_VERSION": /CONTRACT_VERSION = "([^"]+)"/.exec(readFileSync(join(SDK, "src/version.ts"), "utf8"))?.[1],
  };
  const wrong = Object.entries(found).filter(([, version]) => version !== contract);
  if (wrong.length > 0) {
    throw new Error(`proto/VERSION is ${contract}, but ${wrong.map(([where, version]) => `${where} is ${version}`).join(", ")}`);
  }
  // The packages ship the runtime versions this repository is tested with (and gen/ts was generated for).
  const root = readJson(join(ROOT, "package.json")).dependencies;
  for (const pkg of [PROTO, SDK]) {
    for (const [name, version] of Object.entries(readJson(join(pkg, "package.json")).dependencies)) {
      if (name in root && root[name] !== version) throw new Error(`${join(pkg, "package.json")}: ${name} is ${version}, the repository uses ${root[name]}`);
    }
  }
}

function tsc(outDir) {
  const args = ["-p", join(SDK, "tsconfig.build.json"), "--outDir", outDir];
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), ...args], { stdio: "inherit" });
}

function buildProto(tscOut) {
  const dist = join(PROTO, "dist");
  rmSync(dist, { recursive: true, force: true });
  cpSync(join(tscOut, "gen/ts/trace/dispatcher/v1"), join(dist, "v1"), { recursive: true });
}

async function buildSdk(tscOut) {
  const dist = join(SDK, "dist");
  rmSync(dist, { recursive: true, force: true });
  await build({
    entryPoints: ENTRY_POINTS.map((name) => join(SDK, "src", `${name}.ts`)),
    outdir: dist,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    target: "node24",
    format: "esm",
    // npm dependencies stay imports (the contract package included); only relative files are bundled.
    packages: "external",
    logLevel: "warning",
  });
  const declarations = join(tscOut, "sdk/ts/src");
  for (const name of readdirSync(declarations).filter((file) => file.endsWith(".d.ts"))) cpSync(join(declarations, name), join(dist, name));
}

function pack(dir) {
  mkdirSync(dir, { recursive: true });
  const tarball = (pkg) => {
    // --ignore-scripts: the build above is what gets packed (prepack would rebuild).
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: pkg, encoding: "utf8" }));
    return join(dir, info.filename);
  };
  return { proto: tarball(PROTO), sdk: tarball(SDK) };
}

checkVersions();
const tscOut = mkdtempSync(join(tmpdir(), "trace-sdk-ts-build-"));
try {
  tsc(tscOut);
  buildProto(tscOut);
  await buildSdk(tscOut);
} finally {
  rmSync(tscOut, { recursive: true, force: true });
}
for (const name of ENTRY_POINTS) if (!existsSync(join(SDK, "dist", `${name}.d.ts`))) throw new Error(`no declarations for ${name}`);
const packIndex = process.argv.indexOf("--pack");
if (packIndex !== -1) {
  const dir = process.argv[packIndex + 1];
  if (!dir) throw new Error("--pack needs a directory");
  process.stdout.write(`${JSON.stringify(pack(resolve(dir)))}\n`);
}
