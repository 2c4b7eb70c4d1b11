export {
  BUNDLE_LIMITS,
  BUNDLE_RUNTIMES,
  BundleError,
  ENV_NAME_PATTERN,
  MANIFEST_FILE_NAME,
  MANIFEST_SCHEMA_VERSION,
  RUST_ENTRYPOINT,
  parseManifest,
  serializeManifest,
  validateBundlePath,
  validateManifest,
  type BundleFileEntry,
  type BundleManifest,
  type BundleRejectReason,
  type BundleRuntime,
} from "./manifest.js";
export { buildBundle, type BuildBundleOptions, type BuiltBundle, type BundleSourceFiles } from "./build.js";
export { extractBundle, openBundle, type OpenedBundle } from "./open.js";
export { sha256Hex } from "./hash.js";
export { readZipDirectory, readZipEntry, type ZipEntry } from "./zip.js";
