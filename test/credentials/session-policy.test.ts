// Session policy derived only from the token's s3 prefixes (CONTRACT §4).
import { describe, expect, it } from "vitest";

import { buildSessionPolicy, STS_SESSION_POLICY_MAX_CHARS } from "../../src/credentials/session-policy.js";

describe("buildSessionPolicy", () => {
  it("grants GetObject on read prefixes, PutObject on write prefixes, ListBucket only under an s3:prefix condition", () => {
    const result = buildSessionPolicy({
      readPrefixes: ["s3://data-bucket/datasets/x/", "s3://data-bucket/datasets/a/", "s3://ref-bucket/ref/"],
      writePrefixes: ["s3://out-bucket/tasks/t1/"],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadObjects",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: [
            "arn:aws:s3:::data-bucket/datasets/a/*",
            "arn:aws:s3:::data-bucket/datasets/x/*",
            "arn:aws:s3:::ref-bucket/ref/*",
          ],
        },
        {
          Sid: "WriteObjects",
          Effect: "Allow",
          Action: ["s3:PutObject"],
          Resource: ["arn:aws:s3:::out-bucket/tasks/t1/*"],
        },
        {
          Sid: "ListBucket0",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: ["arn:aws:s3:::data-bucket"],
          Condition: { StringLike: { "s3:prefix": ["datasets/a/*", "datasets/x/*"] } },
        },
        {
          Sid: "ListBucket1",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: ["arn:aws:s3:::out-bucket"],
          Condition: { StringLike: { "s3:prefix": ["tasks/t1/*"] } },
        },
        {
          Sid: "ListBucket2",
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: ["arn:aws:s3:::ref-bucket"],
          Condition: { StringLike: { "s3:prefix": ["ref/*"] } },
        },
      ],
    });
    expect(result.json).toBe(JSON.stringify(result.document));
    expect(result.json).not.toMatch(/\s/);
  });

  it("never grants a bucket-wide or wildcard resource", () => {
    const result = buildSessionPolicy({ readPrefixes: ["s3://b-1/a/"], writePrefixes: ["s3://b-2/c/d/"] });
    if (!result.ok) throw new Error("expected a policy");
    for (const statement of result.document.Statement) {
      for (const resource of statement.Resource) {
        expect(resource).not.toMatch(/^arn:aws:s3:::\*|:::[^/]+\/\*$/);
      }
      if (statement.Action.includes("s3:ListBucket")) expect(statement.Condition?.StringLike["s3:prefix"]).toBeDefined();
      else expect(statement.Resource.every((r) => /^arn:aws:s3:::[a-z0-9.-]+\/.+\/\*$/.test(r))).toBe(true);
    }
  });

  it("is deterministic: order and duplicates of the input do not change the bytes", () => {
    const a = buildSessionPolicy({ readPrefixes: ["s3://b-1/x/", "s3://b-2/y/", "s3://b-1/a/"], writePrefixes: ["s3://b-3/o/"] });
    const b = buildSessionPolicy({
      readPrefixes: ["s3://b-1/a/", "s3://b-1/x/", "s3://b-2/y/", "s3://b-1/a/"],
      writePrefixes: ["s3://b-3/o/", "s3://b-3/o/"],
    });
    expect(a.ok && b.ok && a.json === b.json).toBe(true);
  });

  it("omits the read or write statement when that list is empty", () => {
    const readOnly = buildSessionPolicy({ readPrefixes: ["s3://b-1/a/"], writePrefixes: [] });
    const writeOnly = buildSessionPolicy({ readPrefixes: [], writePrefixes: ["s3://b-1/a/"] });
    if (!readOnly.ok || !writeOnly.ok) throw new Error("expected policies");
    expect(readOnly.document.Statement.map((s) => s.Sid)).toEqual(["ReadObjects", "ListBucket0"]);
    expect(writeOnly.document.Statement.map((s) => s.Sid)).toEqual(["WriteObjects", "ListBucket0"]);
  });

  it("uses the configured partition", () => {
    const result = buildSessionPolicy({ readPrefixes: ["s3://b-1/a/"], writePrefixes: [] }, { partition: "aws-cn" });
    if (!result.ok) throw new Error("expected a policy");
    expect(result.json).toContain('"arn:aws-cn:s3:::b-1/a/*"');
    expect(() => buildSessionPolicy({ readPrefixes: ["s3://b-1/a/"], writePrefixes: [] }, { partition: "*" })).toThrow();
  });

  it("refuses a grant without prefixes", () => {
    expect(buildSessionPolicy({ readPrefixes: [], writePrefixes: [] })).toEqual({ ok: false, reason: "no_prefixes" });
  });

  it("refuses a non-canonical prefix instead of widening it", () => {
    expect(buildSessionPolicy({ readPrefixes: ["s3://b-1/a/"], writePrefixes: ["s3://b-1/"] })).toEqual({
      ok: false,
      reason: "prefix_refused",
      list: "write_prefixes",
      index: 0,
      prefixReason: "prefix_missing",
    });
    expect(buildSessionPolicy({ readPrefixes: ["s3://b-1/*"], writePrefixes: [] })).toMatchObject({
      ok: false,
      reason: "prefix_refused",
      list: "read_prefixes",
      prefixReason: "wildcard",
    });
  });

  it("refuses clearly when the document exceeds STS's 2048-character limit", () => {
    const many = Array.from({ length: 40 }, (_, i) => `s3://data-bucket/datasets/dataset-number-${i}/`);
    const result = buildSessionPolicy({ readPrefixes: many, writePrefixes: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("policy_too_large");
    if (result.reason !== "policy_too_large") return;
    expect(result.limit).toBe(STS_SESSION_POLICY_MAX_CHARS);
    expect(result.length).toBeGreaterThan(STS_SESSION_POLICY_MAX_CHARS);
  });

  it("accepts a document right up to the limit", () => {
    let count = 1;
    const grant = (n: number) => ({ readPrefixes: Array.from({ length: n }, (_, i) => `s3://data-bucket/p${i}/`), writePrefixes: [] });
    while (buildSessionPolicy(grant(count + 1)).ok) count += 1;
    const last = buildSessionPolicy(grant(count));
    expect(last.ok && last.json.length <= STS_SESSION_POLICY_MAX_CHARS).toBe(true);
    expect(buildSessionPolicy(grant(count + 1))).toMatchObject({ ok: false, reason: "policy_too_large" });
  });
});
