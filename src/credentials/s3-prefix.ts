// Canonical S3 prefixes (CONTRACT §4): the only shape a capability token or a session policy may
// carry. Deny by default: an input is either already canonical and accepted as is, or refused with
// a machine-readable reason. Nothing is repaired (no lowercasing, no slash appending, no
// percent-decoding), because a "fixed" prefix is one the caller did not ask for: `s3://b/a` might
// name an object, and silently widening it to the directory `a/` would grant more than intended.
//
// Decisions written down here:
// - `%` is refused outright rather than decoded and rechecked. S3 keys are not percent-decoded by
//   S3, so `%2e%2e` is a literal key segment there, but other tools (URL parsers, proxies, SDK
//   presigners) may decode it; refusing removes the ambiguity and no dataset layout needs `%`.
// - Only a conservative ASCII character set is allowed in key prefixes. Anything else (non-ASCII
//   look-alikes such as U+FF0F FULLWIDTH SOLIDUS or U+2024 ONE DOT LEADER, whitespace, control
//   characters, `$` which starts an IAM policy variable `${...}`, quotes, brackets) is refused.
// - Segments made only of dots (`.`, `..`, `...`) are refused: S3 keeps them literally, but
//   anything that normalizes paths would not.

/** A prefix that passed every rule; its `uri` is the canonical `s3://bucket/key/prefix/` form. */
export interface CanonicalS3Prefix {
  /** `s3://bucket/key/prefix/`, byte-identical to the accepted input. */
  readonly uri: string;
  readonly bucket: string;
  /** The key prefix inside the bucket, without a leading slash, always ending in `/`. */
  readonly keyPrefix: string;
}

export type S3PrefixRefusalReason =
  | "not_a_string"
  | "too_long"
  | "control_character"
  | "non_ascii"
  | "backslash"
  | "percent_encoding"
  | "wildcard"
  | "scheme_invalid"
  | "bucket_missing"
  | "bucket_invalid"
  | "prefix_missing"
  | "prefix_not_directory"
  | "empty_segment"
  | "dot_segment"
  | "character_not_allowed";

export type S3PrefixResult =
  | { readonly ok: true; readonly prefix: CanonicalS3Prefix }
  | { readonly ok: false; readonly reason: S3PrefixRefusalReason; readonly input: string };

const SCHEME = "s3://";
/** S3 object keys are at most 1024 bytes; a prefix of a key cannot be longer. */
const MAX_KEY_PREFIX_LENGTH = 1024;
const MAX_URI_LENGTH = SCHEME.length + 63 + 1 + MAX_KEY_PREFIX_LENGTH;

// Characters allowed in one key segment: letters, digits and a few punctuation marks that real
// dataset layouts use (`dt=2025-01-01`, `v1.2`, `a+b`, `user@x`, `12:00`, `a,b`, `~tmp`, `!x`).
const SEGMENT_PATTERN = /^[A-Za-z0-9._\-=+@,:~!]+$/;

// Current S3 general-purpose bucket naming rules.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
// Access point aliases, Object Lambda aliases, multi-region access points and directory buckets
// (which need s3express ARNs, not arn:aws:s3:::) are not plain buckets.
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** True when `name` is a valid S3 general-purpose bucket name. */
export function isValidBucketName(name: string): boolean {
  if (!BUCKET_PATTERN.test(name)) return false;
  if (name.includes("..")) return false;
  if (IPV4_LIKE.test(name)) return false;
  if (RESERVED_BUCKET_PREFIXES.some((p) => name.startsWith(p))) return false;
  if (RESERVED_BUCKET_SUFFIXES.some((s) => name.endsWith(s))) return false;
  return true;
}

function refuse(input: string, reason: S3PrefixRefusalReason): S3PrefixResult {
  return { ok: false, reason, input };
}

/**
 * Validates one `s3://bucket/prefix/` string. Accepts only the canonical form; returns a typed
 * refusal reason otherwise. Never throws.
 */
export function canonicalizeS3Prefix(input: unknown): S3PrefixResult {
  if (typeof input !== "string") return refuse(String(input), "not_a_string");
  if (input.length > MAX_URI_LENGTH) return refuse(input, "too_long");
  // Character-class checks come first so that a trick hidden anywhere (even in the scheme) is
  // reported for what it is.
  for (const ch of input) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0x9f)) {
      return refuse(input, "control_character");
    }
  }
  for (const ch of input) {
    if ((ch.codePointAt(0) ?? 0) > 0x7e) return refuse(input, "non_ascii");
  }
  if (input.includes("\\")) return refuse(input, "backslash");
  if (input.includes("%")) return refuse(input, "percent_encoding");
  if (input.includes("*") || input.includes("?")) return refuse(input, "wildcard");

  if (!input.startsWith(SCHEME)) return refuse(input, "scheme_invalid");
  const rest = input.slice(SCHEME.length);
  const slash = rest.indexOf("/");
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (bucket.length === 0) return refuse(input, "bucket_missing");
  if (!isValidBucketName(bucket)) return refuse(input, "bucket_invalid");

  const keyPrefix = slash === -1 ? "" : rest.slice(slash + 1);
  // `s3://bucket` and `s3://bucket/` would grant the whole bucket: a prefix is mandatory.
  if (keyPrefix.length === 0) return refuse(input, "prefix_missing");
  if (keyPrefix.length > MAX_KEY_PREFIX_LENGTH) return refuse(input, "too_long");
  if (!keyPrefix.endsWith("/")) return refuse(input, "prefix_not_directory");

  const segments = keyPrefix.slice(0, -1).split("/");
  for (const segment of segments) {
    if (segment.length === 0) return refuse(input, "empty_segment");
    if (/^\.+$/.test(segment)) return refuse(input, "dot_segment");
    if (!SEGMENT_PATTERN.test(segment)) return refuse(input, "character_not_allowed");
  }
  return { ok: true, prefix: { uri: input, bucket, keyPrefix } };
}

/** Thrown by {@link canonicalizeS3Prefixes} when any prefix is refused. */
export class S3PrefixRefusedError extends Error {
  override readonly name = "S3PrefixRefusedError";
  constructor(
    readonly reason: S3PrefixRefusalReason,
    /** Index of the refused entry in the input list. */
    readonly index: number,
  ) {
    // The input itself is not echoed: it may come from an untrusted caller.
    super(`S3 prefix #${index} refused: ${reason}`);
  }
}

/**
 * Canonicalizes a list of prefixes: every entry must be accepted (one refusal refuses the list),
 * duplicates are removed and the result is sorted, so equal grants always serialize identically.
 */
export function canonicalizeS3Prefixes(inputs: readonly unknown[]): CanonicalS3Prefix[] {
  const byUri = new Map<string, CanonicalS3Prefix>();
  inputs.forEach((input, index) => {
    const result = canonicalizeS3Prefix(input);
    if (!result.ok) throw new S3PrefixRefusedError(result.reason, index);
    byUri.set(result.prefix.uri, result.prefix);
  });
  return [...byUri.values()].sort((a, b) => compareStrings(a.uri, b.uri));
}

/** Code-unit order, independent of locale (all accepted prefixes are ASCII). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
