// Opening an untrusted bundle: everything is checked in memory before a single byte is written,
// then extraction re-checks each file as it writes it into a private directory.

import { constants as fsConstants } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { sha256Hex } from "./hash.js";
import {
  BUNDLE_LIMITS,
  BundleError,
  MANIFEST_FILE_NAME,
  parseManifest,
  quoteUntrusted,
  validateBundlePath,
  type BundleFileEntry,
  type BundleManifest,
} from "./manifest.js";
import { assertRegularFileEntry, readZipDirectory, readZipEntry, type ZipEntry } from "./zip.js";

export interface OpenedBundle {
  /** SHA-256 of the zip (64 lowercase hex). */
  sha256: string;
  manifest: BundleManifest;
  zip: Uint8Array;
  /** Zip entry of every declared file, by path. */
  entries: ReadonlyMap<string, ZipEntry>;
}

/**
 * Verifies a bundle zip completely without writing anything: the zip's SHA-256 against
 * `expectedSha256` (first, before parsing a single byte), the central directory, the manifest,
 * that the entries are exactly the declared files plus the manifest (no undeclared, missing,
 * duplicate, directory or symlink entry), and every file's size and hash.
 */
export function openBundle(zip: Uint8Array, expectedSha256?: string): OpenedBundle {
  const sha256 = sha256Hex(zip);
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    throw new BundleError("bundle_hash_mismatch", "bundle bytes do not match bundle_sha256");
  }

  const allEntries = readZipDirectory(zip);
  if (allEntries.length > BUNDLE_LIMITS.maxFiles + 1) {
    throw new BundleError("manifest_invalid", `archive has more than ${BUNDLE_LIMITS.maxFiles} files`);
  }
  const byName = new Map<string, ZipEntry>();
  for (const entry of allEntries) {
    if (byName.has(entry.name)) throw new BundleError("entry_duplicate", `duplicate entry ${quoteUntrusted(entry.name)}`);
    byName.set(entry.name, entry);
    assertRegularFileEntry(entry);
  }

  const manifestEntry = byName.get(MANIFEST_FILE_NAME);
  if (manifestEntry === undefined) throw new BundleError("manifest_missing", `${MANIFEST_FILE_NAME} not found at the archive root`);
  if (manifestEntry.uncompressedSize > BUNDLE_LIMITS.maxManifestBytes) {
    throw new BundleError("manifest_too_large", `${MANIFEST_FILE_NAME} exceeds ${BUNDLE_LIMITS.maxManifestBytes} bytes`);
  }
  const manifest = parseManifest(readZipEntry(zip, manifestEntry, BUNDLE_LIMITS.maxManifestBytes));

  const declared = new Map<string, BundleFileEntry>(manifest.files.map((file) => [file.path, file]));
  const entries = new Map<string, ZipEntry>();
  for (const entry of allEntries) {
    if (entry.name === MANIFEST_FILE_NAME) continue;
    try {
      validateBundlePath(entry.name);
    } catch {
      throw new BundleError("entry_unsafe_path", `entry name ${quoteUntrusted(entry.name)} is not a safe relative path`);
    }
    const file = declared.get(entry.name);
    if (file === undefined) throw new BundleError("entry_undeclared", `entry ${quoteUntrusted(entry.name)} is not declared in the manifest`);
    if (entry.uncompressedSize !== file.bytes) {
      throw new BundleError("entry_size_mismatch", `entry ${quoteUntrusted(entry.name)} size differs from the manifest`);
    }
    entries.set(entry.name, entry);
  }
  for (const file of manifest.files) {
    if (!entries.has(file.path)) throw new BundleError("entry_missing", `declared file ${quoteUntrusted(file.path)} is not in the archive`);
  }

  const opened: OpenedBundle = { sha256, manifest, zip, entries };
  for (const file of manifest.files) readVerifiedFile(opened, file);
  return opened;
}

function readVerifiedFile(bundle: OpenedBundle, file: BundleFileEntry): Uint8Array {
  const entry = bundle.entries.get(file.path);
  if (entry === undefined) throw new BundleError("entry_missing", `declared file ${quoteUntrusted(file.path)} is not in the archive`);
  const data = readZipEntry(bundle.zip, entry, file.bytes);
  if (data.byteLength !== file.bytes) {
    throw new BundleError("entry_size_mismatch", `file ${quoteUntrusted(file.path)} size differs from the manifest`);
  }
  if (sha256Hex(data) !== file.sha256) {
    throw new BundleError("entry_hash_mismatch", `file ${quoteUntrusted(file.path)} hash differs from the manifest`);
  }
  return data;
}

/**
 * Writes every declared file under `workDir` (which must exist, be private and empty),
 * re-checking size and hash. Files are created exclusively (O_EXCL|O_NOFOLLOW), mode 0600;
 * a rust bundle's `bootstrap` gets 0700. Modes stored in the zip are ignored.
 */
export async function extractBundle(bundle: OpenedBundle, workDir: string): Promise<void> {
  const root = resolve(workDir);
  for (const file of bundle.manifest.files) {
    const data = readVerifiedFile(bundle, file);
    const target = resolve(root, file.path);
    if (!target.startsWith(root + sep)) throw new BundleError("entry_unsafe_path", `path ${quoteUntrusted(file.path)} escapes the work directory`);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const executable = bundle.manifest.runtime === "rust" && file.path === bundle.manifest.entrypoint;
    const handle = await open(
      target,
      fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW,
      executable ? 0o700 : 0o600,
    );
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  }
}
