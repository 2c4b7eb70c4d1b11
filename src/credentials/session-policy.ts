// Session policy for `sts:AssumeRole` (CONTRACT §4), derived only from a token's `s3` prefixes.
// The role's own policy is the ceiling; this session policy narrows it to exactly the task's
// prefixes. Output is deterministic (sorted, deduplicated, fixed key order) so that the same grant
// always produces the same bytes, which keeps it testable and auditable.

import {
  canonicalizeS3Prefixes,
  compareStrings,
  S3PrefixRefusedError,
  type CanonicalS3Prefix,
  type S3PrefixRefusalReason,
} from "./s3-prefix.js";

/** STS refuses a plaintext session policy longer than this many characters. */
export const STS_SESSION_POLICY_MAX_CHARS = 2048;

export interface S3Grant {
  readonly readPrefixes: readonly string[];
  readonly writePrefixes: readonly string[];
}

export interface SessionPolicyOptions {
  /** ARN partition: "aws" (default), "aws-cn", "aws-us-gov". */
  readonly partition?: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: { readonly StringLike: { readonly "s3:prefix": readonly string[] } };
}

export interface SessionPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export type SessionPolicyRefusal =
  /** The grant has no prefixes at all: never answer with an empty or wildcard policy. */
  | { readonly reason: "no_prefixes" }
  /** A prefix is not canonical (should not happen for tokens we minted; defence in depth). */
  | {
      readonly reason: "prefix_refused";
      readonly list: "read_prefixes" | "write_prefixes";
      readonly index: number;
      readonly prefixReason: S3PrefixRefusalReason;
    }
  /** The minified document exceeds STS's 2048-character limit. */
  | { readonly reason: "policy_too_large"; readonly length: number; readonly limit: number };

export type SessionPolicyResult =
  | { readonly ok: true; readonly document: SessionPolicyDocument; readonly json: string }
  | ({ readonly ok: false } & SessionPolicyRefusal);

const PARTITION_PATTERN = /^aws(-[a-z]+)*$/;

/**
 * Builds the session policy for a grant: `s3:GetObject` on read prefixes, `s3:PutObject` on write
 * prefixes, and `s3:ListBucket` per bucket restricted by an `s3:prefix` StringLike condition to the
 * union of both lists. Never throws for bad input; returns a typed refusal instead.
 */
export function buildSessionPolicy(grant: S3Grant, options: SessionPolicyOptions = {}): SessionPolicyResult {
  const partition = options.partition ?? "aws";
  if (!PARTITION_PATTERN.test(partition)) throw new Error(`invalid ARN partition ${JSON.stringify(partition)}`);

  const read = canonicalizeList(grant.readPrefixes, "read_prefixes");
  if (!read.ok) return read;
  const write = canonicalizeList(grant.writePrefixes, "write_prefixes");
  if (!write.ok) return write;
  if (read.prefixes.length === 0 && write.prefixes.length === 0) return { ok: false, reason: "no_prefixes" };

  const objectArn = (p: CanonicalS3Prefix) => `arn:${partition}:s3:::${p.bucket}/${p.keyPrefix}*`;
  const statements: PolicyStatement[] = [];
  if (read.prefixes.length > 0) {
    statements.push({
      Sid: "ReadObjects",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: read.prefixes.map(objectArn),
    });
  }
  if (write.prefixes.length > 0) {
    statements.push({
      Sid: "WriteObjects",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: write.prefixes.map(objectArn),
    });
  }

  // ListBucket is a bucket-level action: without the s3:prefix condition it would list the whole
  // bucket, so one statement per bucket carries exactly that bucket's prefixes.
  const listPrefixesByBucket = new Map<string, Set<string>>();
  for (const p of [...read.prefixes, ...write.prefixes]) {
    const set = listPrefixesByBucket.get(p.bucket) ?? new Set<string>();
    set.add(`${p.keyPrefix}*`);
    listPrefixesByBucket.set(p.bucket, set);
  }
  const buckets = [...listPrefixesByBucket.keys()].sort(compareStrings);
  buckets.forEach((bucket, index) => {
    statements.push({
      Sid: `ListBucket${index}`,
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: [`arn:${partition}:s3:::${bucket}`],
      Condition: { StringLike: { "s3:prefix": [...(listPrefixesByBucket.get(bucket) ?? [])].sort(compareStrings) } },
    });
  });

  const document: SessionPolicyDocument = { Version: "2012-10-17", Statement: statements };
  const json = JSON.stringify(document);
  if (json.length > STS_SESSION_POLICY_MAX_CHARS) {
    return { ok: false, reason: "policy_too_large", length: json.length, limit: STS_SESSION_POLICY_MAX_CHARS };
  }
  return { ok: true, document, json };
}

function canonicalizeList(
  list: readonly string[],
  name: "read_prefixes" | "write_prefixes",
): { ok: true; prefixes: CanonicalS3Prefix[] } | ({ ok: false } & SessionPolicyRefusal) {
  try {
    return { ok: true, prefixes: canonicalizeS3Prefixes(list) };
  } catch (error) {
    if (error instanceof S3PrefixRefusedError) {
      return { ok: false, reason: "prefix_refused", list: name, index: error.index, prefixReason: error.reason };
    }
    throw error;
  }
}
