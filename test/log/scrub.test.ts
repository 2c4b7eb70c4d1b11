// The shape-based scrubber (issue 11 §1): one case per secret shape, and what must survive it.
import { describe, expect, it } from "vitest";
import { scrubSecretShapes, scrubSecrets } from "../../src/log/scrub.js";
import { redact } from "../../src/log/logger.js";

const scrub = scrubSecretShapes;

describe("scrubSecretShapes", () => {
  it("secret-shaped key=value pairs, whatever the key's decoration (aws_secret_access_key included)", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    for (const line of [
      `aws_secret_access_key=${secret}`,
      `AWS_SECRET_ACCESS_KEY = ${secret}`,
      `export AWS_SESSION_TOKEN="${secret}"`,
      `{"aws_secret_access_key": "${secret}", "region": "us-east-1"}`,
      `db_password: ${secret}`,
      `x-api-key=${secret}&page=2`,
      `client_secret='${secret}'`,
    ]) {
      const out = scrub(line);
      expect(out, line).not.toContain(secret);
      expect(out, line).toContain("[redacted]");
    }
    expect(scrub(`{"aws_secret_access_key": "${secret}", "region": "us-east-1"}`)).toContain(`"region": "us-east-1"`);
  });

  it("JWTs, bare or inside text", () => {
    const jwt = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ0YXNrOjEifQ.c2lnbmF0dXJlLWJ5dGVz";
    expect(scrub(`calling with ${jwt} now`)).toBe("calling with [redacted] now");
  });

  it("AWS access key ids (long-term and temporary)", () => {
    expect(scrub("key AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A here")).toBe("key [redacted] and [redacted] here");
  });

  it("presigned query strings, with or without their URL", () => {
    const url = "https://b.s3.amazonaws.com/k.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc123";
    expect(scrub(`GET ${url} -> 403`)).toBe("GET https://b.s3.amazonaws.com/k.zip?[redacted] -> 403");
    expect(scrub("params &X-Amz-Signature=abc123def&x=1")).not.toContain("abc123def");
    expect(scrub("https://example.com/list?page=2")).toBe("https://example.com/list?page=2");
  });

  it("private-key blocks, whole or cut by a tail", () => {
    const body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
    expect(scrub(`before\n-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\nafter`)).toBe("before\n[redacted]\nafter");
    expect(scrub(`before\n-----BEGIN RSA PRIVATE KEY-----\n${body}`)).toBe("before\n[redacted]");
    expect(scrub(`${body}\n-----END EC PRIVATE KEY-----\nafter`)).toBe("[redacted]\nafter");
  });

  it("bearer credentials", () => {
    expect(scrub("Authorization: Bearer abcdef123456")).not.toContain("abcdef123456");
  });

  it("keeps what explains a failure: exception lines, tracebacks, ordinary words", () => {
    for (const line of [
      "ModuleNotFoundError: No module named 'trace_dispatcher_sdk._wire'",
      "AuthenticationError: the token was refused",
      'File "/usr/lib/python3.12/tokenize.py", line 5, in <module>',
      "NonRetryableError: config needs dataset_uuid and dataset_version",
    ]) {
      expect(scrub(line)).toBe(line);
    }
  });
});

describe("scrubSecrets and the logger", () => {
  it("removes known secret values by name before shapes", () => {
    expect(scrubSecrets("value=plain-secret-value!", ["plain-secret-value"])).toBe("value=[redacted]!");
  });

  it("the logger scrubs shapes inside free-text fields", () => {
    const out = JSON.stringify(redact({ stderr_tail: "boto: aws_secret_access_key=abcd1234SECRET failed" }));
    expect(out).not.toContain("abcd1234SECRET");
  });
});
