// Builds a bundle zip reproducibly: the same files and options always give the same bytes (and so
// the same content address), whatever the machine, clock or timezone.

import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Zip, ZipDeflate } from "fflate";
import { sha256Hex } from "./hash.js";
import {
  BundleError,
  MANIFEST_FILE_NAME,
  MANIFEST_SCHEMA_VERSION,
  compareBundlePaths,
  serializeManifest,
  validateManifest,
  type BundleManifest,
  type BundleRuntime,
} from "./manifest.js";
import { openBundle } from "./open.js";

export interface BuildBundleOptions {
  runtime: BundleRuntime;
  /** Relative path of the file to run; must be one of the files ("bootstrap" for rust). */
  entrypoint: string;
  /** Environment variable names the runner may pass through to the entrypoint. */
  envAllowlist?: string[];
}

/** In-memory bundle contents: relative path → bytes (strings are encoded as UTF-8). */
export type BundleSourceFiles = Readonly<Record<string, Uint8Array | string>>;

export interface BuiltBundle {
  /** The zip bytes, ready to upload. */
  zip: Uint8Array;
  /** SHA-256 of `zip`, 64 lowercase hex: the bundle's identity. */
  sha256: string;
  manifest: BundleManifest;
}

/**
 * DOS timestamps have no timezone and fflate reads the local-time fields of the Date, so build
 * it from local fields: every entry then stores 1980-01-01 00:00:00 in any timezone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX_HOST = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const REGULAR_FILE_0755 = (0o100755 << 16) >>> 0;
const DEFLATE_LEVEL = 6;

/** Reads every regular file under `dir`; refuses symlinks and special files rather than following them. */
async function readSourceDir(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const walk = async (current: string): Promise<void> => {
    const names = (await readdir(current)).sort(compareBundlePaths);
    for (const name of names) {
      const full = join(current, name);
      const stats = await lstat(full);
      const path = relative(dir, full).split(sep).join("/");
      if (stats.isDirectory()) await walk(full);
      else if (stats.isFile()) files.set(path, new Uint8Array(await readFile(full)));
      else throw new BundleError("source_invalid", `${JSON.stringify(path)} is not a regular file or directory (symlinks are not bundled)`);
    }
  };
  await walk(dir);
  return files;
}

function sourceFromRecord(files: BundleSourceFiles): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  const out = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(files)) out.set(path, typeof data === "string" ? encoder.encode(data) : data);
  return out;
}

function zipEntries(entries: ReadonlyArray<{ name: string; data: Uint8Array; executable: boolean }>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const { name, data, executable } of entries) {
    const file = new ZipDeflate(name, { level: DEFLATE_LEVEL });
    file.mtime = FIXED_MTIME;
    file.os = UNIX_HOST;
    file.attrs = executable ? REGULAR_FILE_0755 : REGULAR_FILE_0644;
    zip.add(file);
    file.push(data, true);
  }
  zip.end();
  if (failure) throw failure;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Builds a bundle from a directory (walked recursively; symlinks refused) or from in-memory files.
 * Writes bundle_manifest.json first, then the files sorted by path, deflated, with fixed mtimes;
 * the result is re-opened with the runner's own checks before it is returned.
 */
export async function buildBundle(source: string | BundleSourceFiles, options: BuildBundleOptions): Promise<BuiltBundle> {
  const files = typeof source === "string" ? await readSourceDir(source) : sourceFromRecord(source);
  if (files.has(MANIFEST_FILE_NAME)) {
    throw new BundleError("source_invalid", `${MANIFEST_FILE_NAME} is written by the builder; remove it from the sources`);
  }
  const paths = [...files.keys()].sort(compareBundlePaths);
  const manifest = validateManifest({
    schema_version: MANIFEST_SCHEMA_VERSION,
    runtime: options.runtime,
    entrypoint: options.entrypoint,
    files: paths.map((path) => {
      const data = files.get(path) as Uint8Array;
      return { path, sha256: sha256Hex(data), bytes: data.byteLength };
    }),
    ...(options.envAllowlist !== undefined ? { env_allowlist: options.envAllowlist } : {}),
  });
  const zip = zipEntries([
    { name: MANIFEST_FILE_NAME, data: serializeManifest(manifest), executable: false },
    ...paths.map((path) => ({
      name: path,
      data: files.get(path) as Uint8Array,
      executable: manifest.runtime === "rust" && path === manifest.entrypoint,
    })),
  ]);
  const opened = openBundle(zip);
  return { zip, sha256: opened.sha256, manifest: opened.manifest };
}
