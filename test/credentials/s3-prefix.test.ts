// Deny-by-default canonicalization of S3 prefixes (CONTRACT §4).
import { describe, expect, it } from "vitest";

import {
  canonicalizeS3Prefix,
  canonicalizeS3Prefixes,
  isValidBucketName,
  S3PrefixRefusedError,
  type S3PrefixRefusalReason,
} from "../../src/credentials/s3-prefix.js";

describe("accepted prefixes", () => {
  it.each([
    ["s3://data-bucket/datasets/", "data-bucket", "datasets/"],
    ["s3://data-bucket/a/b/c/", "data-bucket", "a/b/c/"],
    ["s3://abc/x/", "abc", "x/"],
    ["s3://my.bucket.v2/tasks/dt=2026-01-15/hour=12/", "my.bucket.v2", "tasks/dt=2026-01-15/hour=12/"],
    ["s3://b-1/Mixed_Case-Key.v1/a+b@c,d:e~f!/", "b-1", "Mixed_Case-Key.v1/a+b@c,d:e~f!/"],
    ["s3://b-1/.hidden/", "b-1", ".hidden/"],
    ["s3://b-1/a..b/", "b-1", "a..b/"],
  ])("%s", (input, bucket, keyPrefix) => {
    expect(canonicalizeS3Prefix(input)).toEqual({ ok: true, prefix: { uri: input, bucket, keyPrefix } });
  });
});

describe("refused prefixes", () => {
  const cases: [string, unknown, S3PrefixRefusalReason][] = [
    // traversal and dot segments
    ["parent segment", "s3://data-bucket/a/../b/", "dot_segment"],
    ["leading parent segment", "s3://data-bucket/../", "dot_segment"],
    ["current segment", "s3://data-bucket/a/./b/", "dot_segment"],
    ["only a dot", "s3://data-bucket/./", "dot_segment"],
    ["three dots", "s3://data-bucket/.../", "dot_segment"],
    // bucket
    ["empty bucket", "s3:///prefix/", "bucket_missing"],
    ["no bucket at all", "s3://", "bucket_missing"],
    ["uppercase bucket", "s3://Data-Bucket/prefix/", "bucket_invalid"],
    ["underscore bucket", "s3://data_bucket/prefix/", "bucket_invalid"],
    ["short bucket", "s3://ab/prefix/", "bucket_invalid"],
    ["long bucket", `s3://${"a".repeat(64)}/prefix/`, "bucket_invalid"],
    ["bucket starting with hyphen", "s3://-bucket/prefix/", "bucket_invalid"],
    ["bucket ending with dot", "s3://bucket./prefix/", "bucket_invalid"],
    ["bucket with adjacent dots", "s3://my..bucket/prefix/", "bucket_invalid"],
    ["IP-address bucket", "s3://192.168.1.10/prefix/", "bucket_invalid"],
    ["xn-- bucket", "s3://xn--bucket/prefix/", "bucket_invalid"],
    ["access point alias", "s3://my-ap-abc123-s3alias/prefix/", "bucket_invalid"],
    ["directory bucket", "s3://bucket--usw2-az1--x-s3/prefix/", "bucket_invalid"],
    ["bucket with port", "s3://bucket:443/prefix/", "bucket_invalid"],
    ["bucket with userinfo", "s3://user@bucket/prefix/", "bucket_invalid"],
    // prefix
    ["empty prefix", "s3://data-bucket/", "prefix_missing"],
    ["bucket only", "s3://data-bucket", "prefix_missing"],
    ["missing trailing slash", "s3://data-bucket/prefix", "prefix_not_directory"],
    ["object key", "s3://data-bucket/a/b/file.parquet", "prefix_not_directory"],
    ["double slash", "s3://data-bucket/a//b/", "empty_segment"],
    ["leading double slash", "s3://data-bucket//a/", "empty_segment"],
    ["trailing double slash", "s3://data-bucket/a//", "empty_segment"],
    // wildcards
    ["star", "s3://data-bucket/a/*/", "wildcard"],
    ["star suffix", "s3://data-bucket/a*", "wildcard"],
    ["question mark", "s3://data-bucket/a?/", "wildcard"],
    ["wildcard bucket", "s3://*/a/", "wildcard"],
    // scheme
    ["s3a scheme", "s3a://data-bucket/prefix/", "scheme_invalid"],
    ["s3n scheme", "s3n://data-bucket/prefix/", "scheme_invalid"],
    ["https URL", "https://data-bucket.s3.amazonaws.com/prefix/", "scheme_invalid"],
    ["uppercase scheme", "S3://data-bucket/prefix/", "scheme_invalid"],
    ["no scheme", "data-bucket/prefix/", "scheme_invalid"],
    ["single slash scheme", "s3:/data-bucket/prefix/", "scheme_invalid"],
    ["ARN", "arn:aws:s3:::data-bucket/prefix/", "scheme_invalid"],
    ["leading space", " s3://data-bucket/prefix/", "scheme_invalid"],
    // percent-encoding is refused outright (no decoding)
    ["encoded dots", "s3://data-bucket/%2e%2e/", "percent_encoding"],
    ["encoded uppercase dots", "s3://data-bucket/a/%2E%2E/b/", "percent_encoding"],
    ["encoded slash", "s3://data-bucket/a%2Fb/", "percent_encoding"],
    ["double-encoded", "s3://data-bucket/%252e%252e/", "percent_encoding"],
    ["encoded star", "s3://data-bucket/a%2a/", "percent_encoding"],
    ["lone percent", "s3://data-bucket/100%/", "percent_encoding"],
    // separators and control characters
    ["backslash", "s3://data-bucket/a\\b/", "backslash"],
    ["backslash traversal", "s3://data-bucket/a\\..\\b/", "backslash"],
    ["NUL", "s3://data-bucket/a\u0000/", "control_character"],
    ["newline", "s3://data-bucket/a\n/", "control_character"],
    ["tab", "s3://data-bucket/a\tb/", "control_character"],
    ["DEL", "s3://data-bucket/a\u007f/", "control_character"],
    ["C1 control", "s3://data-bucket/a\u0085/", "control_character"],
    // unicode look-alikes and other non-ASCII
    ["fullwidth solidus", "s3://data-bucket/a\uff0fb/", "non_ascii"],
    ["fullwidth full stops", "s3://data-bucket/\uff0e\uff0e/", "non_ascii"],
    ["one dot leader", "s3://data-bucket/\u2024\u2024/", "non_ascii"],
    ["division slash", "s3://data-bucket/a\u2215b/", "non_ascii"],
    ["cyrillic bucket", "s3://d\u0430ta-bucket/prefix/", "non_ascii"],
    ["zero-width space", "s3://data-bucket/a\u200b/", "non_ascii"],
    ["right-to-left override", "s3://data-bucket/a\u202e/", "non_ascii"],
    ["emoji", "s3://data-bucket/\u{1f600}/", "non_ascii"],
    // IAM policy syntax and other punctuation
    ["policy variable", "s3://data-bucket/${aws:username}/", "character_not_allowed"],
    ["dollar", "s3://data-bucket/a$b/", "character_not_allowed"],
    ["space", "s3://data-bucket/a b/", "character_not_allowed"],
    ["quote", 's3://data-bucket/a"b/', "character_not_allowed"],
    ["hash", "s3://data-bucket/a#b/", "character_not_allowed"],
    ["brackets", "s3://data-bucket/[a]/", "character_not_allowed"],
    ["semicolon", "s3://data-bucket/a;b/", "character_not_allowed"],
    // not a string
    ["number", 42, "not_a_string"],
    ["null", null, "not_a_string"],
    ["array", ["s3://data-bucket/a/"], "not_a_string"],
    // length
    ["over-long key prefix", `s3://data-bucket/${"a/".repeat(513)}`, "too_long"],
  ];

  it.each(cases)("%s: %j -> %s", (_label, input, reason) => {
    const result = canonicalizeS3Prefix(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });
});

describe("isValidBucketName", () => {
  it.each(["abc", "a-b.c", "123", "my.bucket.name", "a".repeat(63)])("accepts %s", (name) => {
    expect(isValidBucketName(name)).toBe(true);
  });
  it.each(["", "ab", "ABC", "a_b", "a..b", "-ab", "ab-", ".ab", "1.2.3.4", "sthree-x", "x.mrap", "x--ol-s3", "amzn-s3-demo-x"])(
    "refuses %j",
    (name) => {
      expect(isValidBucketName(name)).toBe(false);
    },
  );
});

describe("canonicalizeS3Prefixes", () => {
  it("sorts and deduplicates", () => {
    expect(canonicalizeS3Prefixes(["s3://b-2/x/", "s3://b-1/y/", "s3://b-2/x/", "s3://b-1/a/"]).map((p) => p.uri)).toEqual([
      "s3://b-1/a/",
      "s3://b-1/y/",
      "s3://b-2/x/",
    ]);
  });

  it("refuses the whole list when one entry is refused, naming its index but not echoing it", () => {
    let caught: unknown;
    try {
      canonicalizeS3Prefixes(["s3://b-1/ok/", "s3://b-1/../secret-token/"]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(S3PrefixRefusedError);
    expect(caught).toMatchObject({ reason: "dot_segment", index: 1 });
    expect(String((caught as Error).message)).not.toContain("secret-token");
  });

  it("accepts an empty list", () => {
    expect(canonicalizeS3Prefixes([])).toEqual([]);
  });
});
