// The bundle module on its own: manifest rules and caps, the reproducible builder, extraction.

import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBundle } from "../../src/bundle/build.js";
import { sha256Hex } from "../../src/bundle/hash.js";
import { BUNDLE_LIMITS, BundleError, parseManifest, validateBundlePath, validateManifest } from "../../src/bundle/manifest.js";
import { extractBundle, openBundle } from "../../src/bundle/open.js";
import { readZipDirectory } from "../../src/bundle/zip.js";

const HASH = "a".repeat(64);
const manifest = (overrides: Record<string, unknown> = {}) => ({
  schema_version: 1,
  runtime: "node",
  entrypoint: "main.mjs",
  files: [{ path: "main.mjs", sha256: HASH, bytes: 1 }],
  ...overrides,
});

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  return "accepted";
}

describe("manifest validation", () => {
  it("accepts a minimal manifest and normalizes file order", () => {
    const files = [
      { path: "z.mjs", sha256: HASH, bytes: 1 },
      { path: "main.mjs", sha256: HASH, bytes: 1 },
    ];
    expect(validateManifest(manifest({ files, env_allowlist: ["API_URL"] })).files.map((file) => file.path)).toEqual(["main.mjs", "z.mjs"]);
  });

  it.each([
    ["", "empty path"],
    ["../x", "'..' segment"],
    ["a/../../x", "'..' segment"],
    ["./x", "'.' segment"],
    ["a/./x", "'.' segment"],
    ["/etc/passwd", "absolute"],
    ["a\\b", "backslash"],
    ["a\u0000b", "control character"],
    ["a\nb", "control character"],
    ["dir/", "ends with '/'"],
    ["a//b", "empty segment"],
    ["x".repeat(BUNDLE_LIMITS.maxPathLength + 1), "too long"],
  ])("refuses the path %j", (path, message) => {
    expect(rejection(() => validateBundlePath(path))).toContain(message);
  });

  it.each([
    ["an unknown top-level field", manifest({ hooks: [] }), 'unknown field "hooks"'],
    ["an unknown file field", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: 1, mode: 493 }] }), 'unknown field "mode" in files[0]'],
    ["schema_version 2", manifest({ schema_version: 2 }), "schema_version must be 1"],
    ["an unknown runtime", manifest({ runtime: "ruby" }), "runtime must be one of"],
    ["an unlisted entrypoint", manifest({ entrypoint: "other.mjs" }), "is not listed"],
    ["a rust entrypoint other than bootstrap", manifest({ runtime: "rust" }), 'entrypoint must be "bootstrap"'],
    ["an uppercase hash", manifest({ files: [{ path: "main.mjs", sha256: HASH.toUpperCase(), bytes: 1 }] }), "64 lowercase hex"],
    ["negative bytes", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: -1 }] }), "non-negative integer"],
    ["fractional bytes", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: 1.5 }] }), "non-negative integer"],
    ["a file over 32 MiB", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: BUNDLE_LIMITS.maxFileBytes + 1 }] }), "exceeds 33554432 bytes"],
    [
      "files over 256 MiB in total",
      manifest({ files: Array.from({ length: 9 }, (_, index) => ({ path: index === 0 ? "main.mjs" : `f${index}`, sha256: HASH, bytes: BUNDLE_LIMITS.maxFileBytes })) }),
      "in total",
    ],
    [
      "more than 1000 files",
      manifest({ files: Array.from({ length: 1001 }, (_, index) => ({ path: index === 0 ? "main.mjs" : `f${index}`, sha256: HASH, bytes: 0 })) }),
      "more than 1000 files",
    ],
    ["a duplicate path", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: 1 }, { path: "main.mjs", sha256: HASH, bytes: 1 }] }), "duplicate path"],
    ["a path that is a file and a directory", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: 1 }, { path: "main.mjs/x", sha256: HASH, bytes: 1 }] }), "both a file and a directory"],
    ["the manifest listed as a file", manifest({ files: [{ path: "main.mjs", sha256: HASH, bytes: 1 }, { path: "bundle_manifest.json", sha256: HASH, bytes: 1 }] }), "must not be listed"],
    ["a lowercase env name", manifest({ env_allowlist: ["home"] }), "does not match"],
    ["a repeated env name", manifest({ env_allowlist: ["A", "A"] }), "repeats A"],
    ["env_allowlist not an array", manifest({ env_allowlist: "A" }), "not an array"],
    ["a JSON array", [], "not a JSON object"],
  ])("refuses %s", (_name, value, message) => {
    expect(rejection(() => validateManifest(value))).toContain(message);
  });

  it("caps the manifest's size and requires UTF-8 JSON", () => {
    expect(rejection(() => parseManifest(new Uint8Array(BUNDLE_LIMITS.maxManifestBytes + 1)))).toContain("manifest_too_large");
    expect(rejection(() => parseManifest(new Uint8Array([0xff, 0xfe])))).toContain("not valid UTF-8");
    expect(rejection(() => parseManifest(new TextEncoder().encode("{")))).toContain("not valid JSON");
  });
});

describe("buildBundle", () => {
  it("is reproducible: the same files in any order give the same bytes", async () => {
    const options = { runtime: "node" as const, entrypoint: "main.mjs", envAllowlist: ["API_URL"] };
    const first = await buildBundle({ "main.mjs": "console.log('{}')", "lib/b.mjs": "b", "1": "one" }, options);
    const second = await buildBundle({ "1": "one", "lib/b.mjs": "b", "main.mjs": "console.log('{}')" }, options);
    expect(Buffer.from(first.zip).equals(Buffer.from(second.zip))).toBe(true);
    expect(first.sha256).toBe(sha256Hex(first.zip));
    expect(readZipDirectory(first.zip).map((entry) => entry.name)).toEqual(["bundle_manifest.json", "1", "lib/b.mjs", "main.mjs"]);
    expect(first.manifest).toEqual({
      schema_version: 1,
      runtime: "node",
      entrypoint: "main.mjs",
      files: [
        { path: "1", sha256: sha256Hex(new TextEncoder().encode("one")), bytes: 3 },
        { path: "lib/b.mjs", sha256: sha256Hex(new TextEncoder().encode("b")), bytes: 1 },
        { path: "main.mjs", sha256: sha256Hex(new TextEncoder().encode("console.log('{}')")), bytes: 17 },
      ],
      env_allowlist: ["API_URL"],
    });
  });

  it("builds from a directory and refuses symlinks and a hand-written manifest in it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-src-"));
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "main.py"), "print('{}')");
    writeFileSync(join(dir, "lib", "util.py"), "X = 1");
    const built = await buildBundle(dir, { runtime: "python", entrypoint: "main.py" });
    expect(built.manifest.files.map((file) => file.path)).toEqual(["lib/util.py", "main.py"]);

    symlinkSync("/etc/passwd", join(dir, "passwd"));
    await expect(buildBundle(dir, { runtime: "python", entrypoint: "main.py" })).rejects.toMatchObject({ reason: "source_invalid" });
    const other = mkdtempSync(join(tmpdir(), "bundle-src-"));
    writeFileSync(join(other, "main.py"), "");
    writeFileSync(join(other, "bundle_manifest.json"), "{}");
    await expect(buildBundle(other, { runtime: "python", entrypoint: "main.py" })).rejects.toMatchObject({ reason: "source_invalid" });
  });

  it("refuses options the manifest rules forbid", async () => {
    await expect(buildBundle({ "main.mjs": "" }, { runtime: "node", entrypoint: "missing.mjs" })).rejects.toMatchObject({ reason: "manifest_invalid" });
    await expect(buildBundle({ "../main.mjs": "" }, { runtime: "node", entrypoint: "../main.mjs" })).rejects.toMatchObject({ reason: "manifest_invalid" });
  });
});

describe("extractBundle", () => {
  it("writes the declared files privately; only a rust bootstrap is executable", async () => {
    const built = await buildBundle({ bootstrap: "#!/bin/sh\necho '{}'\n", "data/config.json": "{}" }, { runtime: "rust", entrypoint: "bootstrap" });
    const workDir = mkdtempSync(join(tmpdir(), "bundle-extract-"));
    await extractBundle(openBundle(built.zip, built.sha256), workDir);
    expect(statSync(join(workDir, "bootstrap")).mode & 0o777).toBe(0o700);
    expect(statSync(join(workDir, "data/config.json")).mode & 0o777).toBe(0o600);
    expect(statSync(join(workDir, "data")).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(workDir, "data/config.json"), "utf8")).toBe("{}");
  });
});
