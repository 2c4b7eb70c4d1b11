// The contract version (proto/VERSION) this SDK was built against and speaks. scripts/build.mjs
// refuses to build when it differs from proto/VERSION or from the @trace/dispatcher-proto
// dependency, so the three cannot drift.
export const CONTRACT_VERSION = "0.2.0";
