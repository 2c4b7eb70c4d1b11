// A strict reader for the zip central directory. We parse it ourselves (rather than letting a
// library extract) because the runner must see everything a hostile archive can say before any
// byte is written: entry names exactly as stored, external attributes (symlinks), flags
// (encryption), declared sizes, and local headers that disagree with the central directory.

import { Inflate } from "fflate";
import { BundleError } from "./manifest.js";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;

export const ZIP_METHOD_STORED = 0;
export const ZIP_METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const HOST_UNIX = 3;
const UNIX_FILE_TYPE_MASK = 0o170000;
const UNIX_REGULAR_FILE = 0o100000;
const DOS_DIRECTORY_BIT = 0x10;

export interface ZipEntry {
  /** The name as stored (decoded as strict UTF-8). */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  externalAttributes: number;
  hostSystem: number;
  /** Offset of this entry's central directory header (lets tests craft lying archives). */
  centralHeaderOffset: number;
  localHeaderOffset: number;
}

function zipInvalid(message: string): BundleError {
  return new BundleError("zip_invalid", message);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeName(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw zipInvalid("entry name is not valid UTF-8");
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - EOCD_MIN_BYTES - MAX_COMMENT_BYTES);
  for (let offset = view.byteLength - EOCD_MIN_BYTES; offset >= earliest; offset--) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  throw zipInvalid("end of central directory not found");
}

/**
 * Lists every entry of the central directory. Refuses multi-disk and zip64 archives (bundles are
 * capped far below 4 GiB), and any entry whose header does not fit the archive.
 */
export function readZipDirectory(zip: Uint8Array): ZipEntry[] {
  if (zip.byteLength < EOCD_MIN_BYTES) throw zipInvalid("archive too short");
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const diskNumber = view.getUint16(eocd + 4, true);
  const centralDisk = view.getUint16(eocd + 6, true);
  const entriesOnDisk = view.getUint16(eocd + 8, true);
  const entryCount = view.getUint16(eocd + 10, true);
  const centralSize = view.getUint32(eocd + 12, true);
  const centralOffset = view.getUint32(eocd + 16, true);
  if (diskNumber !== 0 || centralDisk !== 0 || entriesOnDisk !== entryCount) throw zipInvalid("multi-disk archives are not supported");
  if (entryCount === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) throw zipInvalid("zip64 archives are not supported");
  if (centralOffset + centralSize > eocd) throw zipInvalid("central directory out of bounds");

  const entries: ZipEntry[] = [];
  let offset = centralOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + CENTRAL_HEADER_BYTES > centralOffset + centralSize) throw zipInvalid("central directory truncated");
    if (view.getUint32(offset, true) !== CENTRAL_SIGNATURE) throw zipInvalid("bad central directory signature");
    const versionMadeBy = view.getUint16(offset + 4, true);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const externalAttributes = view.getUint32(offset + 38, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    const end = offset + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
    if (end > centralOffset + centralSize) throw zipInvalid("central directory entry out of bounds");
    const name = decodeName(zip.subarray(offset + CENTRAL_HEADER_BYTES, offset + CENTRAL_HEADER_BYTES + nameLength));
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      uncompressedSize,
      externalAttributes,
      hostSystem: versionMadeBy >>> 8,
      centralHeaderOffset: offset,
      localHeaderOffset,
    });
    offset = end;
  }
  return entries;
}

/**
 * Throws unless the entry is a plain regular file we can read: no directory, symlink or other
 * special type in its attributes, not encrypted, stored or deflated.
 */
export function assertRegularFileEntry(entry: ZipEntry): void {
  const shown = JSON.stringify(entry.name.slice(0, 120));
  if (entry.name.endsWith("/") || (entry.externalAttributes & DOS_DIRECTORY_BIT) !== 0) {
    throw new BundleError("entry_not_regular_file", `entry ${shown} is a directory`);
  }
  if (entry.hostSystem === HOST_UNIX) {
    const fileType = (entry.externalAttributes >>> 16) & UNIX_FILE_TYPE_MASK;
    if (fileType !== 0 && fileType !== UNIX_REGULAR_FILE) {
      throw new BundleError("entry_not_regular_file", `entry ${shown} is not a regular file (symlink or special file)`);
    }
  }
  if ((entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) !== 0) throw zipInvalid(`entry ${shown} is encrypted`);
  if (entry.method !== ZIP_METHOD_STORED && entry.method !== ZIP_METHOD_DEFLATE) {
    throw zipInvalid(`entry ${shown} uses unsupported compression method ${entry.method}`);
  }
}

const INFLATE_CHUNK_BYTES = 16 * 1024;

/**
 * Returns the entry's uncompressed bytes, refusing to produce more than `maxBytes` (so a
 * decompression bomb costs at most that much memory) and checking the local header agrees with
 * the central directory.
 */
export function readZipEntry(zip: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  assertRegularFileEntry(entry);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local = entry.localHeaderOffset;
  const shown = JSON.stringify(entry.name.slice(0, 120));
  if (local + LOCAL_HEADER_BYTES > zip.byteLength || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
    throw zipInvalid(`entry ${shown} has no valid local header`);
  }
  const nameLength = view.getUint16(local + 26, true);
  const extraLength = view.getUint16(local + 28, true);
  const dataStart = local + LOCAL_HEADER_BYTES + nameLength + extraLength;
  if (dataStart + entry.compressedSize > zip.byteLength) throw zipInvalid(`entry ${shown} data out of bounds`);
  if (decodeName(zip.subarray(local + LOCAL_HEADER_BYTES, local + LOCAL_HEADER_BYTES + nameLength)) !== entry.name) {
    throw zipInvalid(`entry ${shown} has a different name in its local header`);
  }
  const compressed = zip.subarray(dataStart, dataStart + entry.compressedSize);

  if (entry.method === ZIP_METHOD_STORED) {
    if (compressed.byteLength > maxBytes) throw new BundleError("entry_size_mismatch", `entry ${shown} is larger than declared`);
    return compressed.slice();
  }

  const chunks: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.byteLength;
    if (produced > maxBytes) throw new BundleError("entry_size_mismatch", `entry ${shown} inflates beyond its declared size`);
    chunks.push(chunk.slice());
  });
  try {
    if (compressed.byteLength === 0) inflater.push(new Uint8Array(0), true);
    for (let start = 0; start < compressed.byteLength; start += INFLATE_CHUNK_BYTES) {
      const end = Math.min(start + INFLATE_CHUNK_BYTES, compressed.byteLength);
      inflater.push(compressed.subarray(start, end), end === compressed.byteLength);
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw zipInvalid(`entry ${shown} is not valid deflate data`);
  }
  const out = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
