// The bundle manifest (`bundle_manifest.json` at the zip root) and its strict validator
// (CONTRACT §7). The same validator runs when a bundle is built and, again, inside the runner on
// untrusted bytes, so every rule here is a security rule: reject anything unexpected.

export const MANIFEST_FILE_NAME = "bundle_manifest.json";
export const MANIFEST_SCHEMA_VERSION = 1;

export const BUNDLE_RUNTIMES = ["node", "python", "rust"] as const;
export type BundleRuntime = (typeof BUNDLE_RUNTIMES)[number];

/** The entrypoint a `rust` bundle must declare: the runner executes it directly. */
export const RUST_ENTRYPOINT = "bootstrap";

export const BUNDLE_LIMITS = {
  /** Size of bundle_manifest.json itself. */
  maxManifestBytes: 1024 * 1024,
  maxFiles: 1000,
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  /** Length of one path, in UTF-16 code units. */
  maxPathLength: 1024,
  maxEnvAllowlist: 256,
} as const;

export const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

export interface BundleFileEntry {
  path: string;
  /** 64 lowercase hex. */
  sha256: string;
  bytes: number;
}

export interface BundleManifest {
  schema_version: 1;
  runtime: BundleRuntime;
  entrypoint: string;
  files: BundleFileEntry[];
  env_allowlist?: string[];
}

/** Why a bundle was refused; `reason` is stable and machine-readable, `message` is safe to show. */
export type BundleRejectReason =
  | "bundle_hash_mismatch"
  | "zip_invalid"
  | "manifest_missing"
  | "manifest_too_large"
  | "manifest_invalid"
  | "entry_undeclared"
  | "entry_unsafe_path"
  | "entry_missing"
  | "entry_duplicate"
  | "entry_not_regular_file"
  | "entry_size_mismatch"
  | "entry_hash_mismatch"
  | "source_invalid";

export class BundleError extends Error {
  constructor(
    readonly reason: BundleRejectReason,
    message: string,
  ) {
    super(message);
    this.name = "BundleError";
  }
}

function invalid(message: string): BundleError {
  return new BundleError("manifest_invalid", message);
}

/** Quotes an untrusted string for an error message: bounded, control characters escaped. */
export function quoteUntrusted(value: string): string {
  const shown = value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return JSON.stringify(shown);
}

/**
 * Throws unless `path` is a safe relative file path: non-empty, no leading `/`, no trailing `/`,
 * no empty, `.` or `..` segment, no backslash, no NUL or other control character, bounded length.
 */
export function validateBundlePath(path: string): void {
  const shown = quoteUntrusted(path);
  if (path.length === 0) throw invalid("empty path");
  if (path.length > BUNDLE_LIMITS.maxPathLength) throw invalid(`path too long: ${shown}`);
  if (path.includes("\\")) throw invalid(`path contains a backslash: ${shown}`);
  // NUL and every other C0/C1 control character: never meaningful in a file name.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) throw invalid(`path contains a control character: ${shown}`);
  if (path.startsWith("/")) throw invalid(`path is absolute: ${shown}`);
  if (path.endsWith("/")) throw invalid(`path ends with '/': ${shown}`);
  for (const segment of path.split("/")) {
    if (segment === "") throw invalid(`path has an empty segment: ${shown}`);
    if (segment === "." || segment === "..") throw invalid(`path has a '${segment}' segment: ${shown}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw invalid(`unknown field ${quoteUntrusted(key)} in ${where}`);
  }
}

function validateFileEntry(value: unknown, index: number): BundleFileEntry {
  const where = `files[${index}]`;
  if (!isPlainObject(value)) throw invalid(`${where} is not an object`);
  rejectUnknownKeys(value, ["path", "sha256", "bytes"], where);
  const { path, sha256, bytes } = value;
  if (typeof path !== "string") throw invalid(`${where}.path is not a string`);
  validateBundlePath(path);
  if (path === MANIFEST_FILE_NAME) throw invalid(`${MANIFEST_FILE_NAME} must not be listed in files`);
  if (typeof sha256 !== "string" || !SHA256_HEX_PATTERN.test(sha256)) {
    throw invalid(`${where}.sha256 is not 64 lowercase hex`);
  }
  if (typeof bytes !== "number" || !Number.isSafeInteger(bytes) || bytes < 0) {
    throw invalid(`${where}.bytes is not a non-negative integer`);
  }
  if (bytes > BUNDLE_LIMITS.maxFileBytes) {
    throw invalid(`${where} (${quoteUntrusted(path)}) exceeds ${BUNDLE_LIMITS.maxFileBytes} bytes`);
  }
  return { path, sha256, bytes };
}

/** Validates an already-parsed manifest value; returns a normalized copy (files sorted by path). */
export function validateManifest(value: unknown): BundleManifest {
  if (!isPlainObject(value)) throw invalid("manifest is not a JSON object");
  rejectUnknownKeys(value, ["schema_version", "runtime", "entrypoint", "files", "env_allowlist"], "manifest");

  if (value.schema_version !== MANIFEST_SCHEMA_VERSION) {
    throw invalid(`schema_version must be ${MANIFEST_SCHEMA_VERSION}`);
  }
  const runtime = value.runtime;
  if (typeof runtime !== "string" || !(BUNDLE_RUNTIMES as readonly string[]).includes(runtime)) {
    throw invalid(`runtime must be one of ${BUNDLE_RUNTIMES.join(", ")}`);
  }

  if (!Array.isArray(value.files)) throw invalid("files is not an array");
  if (value.files.length > BUNDLE_LIMITS.maxFiles) throw invalid(`more than ${BUNDLE_LIMITS.maxFiles} files`);
  const files = value.files.map((entry, index) => validateFileEntry(entry, index));
  const paths = new Set<string>();
  let totalBytes = 0;
  for (const file of files) {
    if (paths.has(file.path)) throw invalid(`duplicate path ${quoteUntrusted(file.path)}`);
    paths.add(file.path);
    totalBytes += file.bytes;
  }
  if (totalBytes > BUNDLE_LIMITS.maxTotalBytes) throw invalid(`files exceed ${BUNDLE_LIMITS.maxTotalBytes} bytes in total`);
  // A path that is both a file and a directory of another file cannot be extracted.
  for (const path of paths) {
    const segments = path.split("/");
    for (let depth = 1; depth < segments.length; depth++) {
      const parent = segments.slice(0, depth).join("/");
      if (paths.has(parent)) throw invalid(`path ${quoteUntrusted(parent)} is both a file and a directory`);
    }
  }

  const entrypoint = value.entrypoint;
  if (typeof entrypoint !== "string") throw invalid("entrypoint is not a string");
  validateBundlePath(entrypoint);
  if (!paths.has(entrypoint)) throw invalid(`entrypoint ${quoteUntrusted(entrypoint)} is not listed in files`);
  if (runtime === "rust" && entrypoint !== RUST_ENTRYPOINT) {
    throw invalid(`a rust bundle's entrypoint must be "${RUST_ENTRYPOINT}"`);
  }

  const manifest: BundleManifest = {
    schema_version: MANIFEST_SCHEMA_VERSION,
    runtime: runtime as BundleRuntime,
    entrypoint,
    files: [...files].sort((a, b) => compareBundlePaths(a.path, b.path)),
  };
  if (value.env_allowlist !== undefined) {
    const list = value.env_allowlist;
    if (!Array.isArray(list)) throw invalid("env_allowlist is not an array");
    if (list.length > BUNDLE_LIMITS.maxEnvAllowlist) {
      throw invalid(`env_allowlist has more than ${BUNDLE_LIMITS.maxEnvAllowlist} names`);
    }
    const names = new Set<string>();
    for (const name of list) {
      if (typeof name !== "string" || !ENV_NAME_PATTERN.test(name)) {
        throw invalid(`env_allowlist entry ${quoteUntrusted(String(name))} does not match ${ENV_NAME_PATTERN.source}`);
      }
      if (names.has(name)) throw invalid(`env_allowlist repeats ${name}`);
      names.add(name);
    }
    manifest.env_allowlist = [...names];
  }
  return manifest;
}

/** Parses and validates the raw bytes of bundle_manifest.json (size-capped, strict UTF-8). */
export function parseManifest(bytes: Uint8Array): BundleManifest {
  if (bytes.byteLength > BUNDLE_LIMITS.maxManifestBytes) {
    throw new BundleError("manifest_too_large", `${MANIFEST_FILE_NAME} exceeds ${BUNDLE_LIMITS.maxManifestBytes} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid(`${MANIFEST_FILE_NAME} is not valid UTF-8`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`${MANIFEST_FILE_NAME} is not valid JSON`);
  }
  return validateManifest(value);
}

/** The canonical serialization: fixed key order, files sorted, trailing newline. */
export function serializeManifest(manifest: BundleManifest): Uint8Array {
  const canonical: Record<string, unknown> = {
    schema_version: manifest.schema_version,
    runtime: manifest.runtime,
    entrypoint: manifest.entrypoint,
    files: [...manifest.files]
      .sort((a, b) => compareBundlePaths(a.path, b.path))
      .map((file) => ({ path: file.path, sha256: file.sha256, bytes: file.bytes })),
  };
  if (manifest.env_allowlist !== undefined) canonical.env_allowlist = manifest.env_allowlist;
  return new TextEncoder().encode(`${JSON.stringify(canonical, null, 2)}\n`);
}

/** Byte-wise (UTF-16 code unit) order; locale-independent so builds are reproducible. */
export function compareBundlePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
