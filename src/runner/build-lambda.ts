// `npm run build:runner`: bundles the Lambda handler (src/runner/lambda.ts) with its dependencies
// into dist/runner/index.mjs and packs it, reproducibly, into dist/runner.zip.
// Deploy with runtime nodejs24.x and handler "index.handler"; configure TRACE_DISPATCHER_URL.
// Python bundles additionally need a python3 on the function (a layer, TRACE_RUNNER_PYTHON).

import { build } from "esbuild";
import { zipSync } from "fflate";
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256Hex } from "../bundle/hash.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = join(repoRoot, "dist/runner");
const outFile = join(outDir, "index.mjs");
const zipFile = join(repoRoot, "dist/runner.zip");

export async function buildRunnerLambda(): Promise<{ zipFile: string; sha256: string; bytes: number }> {
  await mkdir(outDir, { recursive: true });
  const built = await build({
    entryPoints: [join(repoRoot, "src/runner/lambda.ts")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: "import { createRequire as __traceCreateRequire } from 'node:module'; const require = __traceCreateRequire(import.meta.url);" },
    legalComments: "none",
    logLevel: "warning",
    // In memory: concurrent builds (test files, a developer) must never read a half-written file.
    write: false,
  });
  const code = built.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced no output");
  // Fixed local-time mtime: the same build gives the same zip on any machine or timezone.
  const zip = zipSync({ "index.mjs": [code, { mtime: new Date(1980, 0, 1), os: 3, attrs: (0o100644 << 16) >>> 0 }] }, { level: 9 });
  await writeAtomically(outFile, code);
  await writeAtomically(zipFile, zip);
  return { zipFile, sha256: sha256Hex(zip), bytes: zip.byteLength };
}

/** Readers see the old file or the new one, never a partial write. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, path);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await buildRunnerLambda();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
