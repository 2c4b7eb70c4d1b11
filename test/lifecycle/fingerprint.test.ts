// The completion fingerprint stored with every ended attempt: a repeated completion is a
// duplicate only when its fingerprint matches, including fingerprints written by earlier versions.
// Pinned here as the SHA-256 of the completion's canonical JSON, whichever path computes it (the
// common message-less completion is hashed once per process and then remembered).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completionFingerprint, type CompleteTaskInput } from "../../src/lifecycle/index.js";

const fence = { taskId: "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001", attempt: 1, leaseToken: "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0002" };
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const canonical = (status: string, retryable: boolean, message = "") =>
  `{"datasets_published":[],"error_message":${JSON.stringify(message)},"events":[],"outputs":[],"retryable":${retryable},"status":"${status}"}`;

describe("completion fingerprint", () => {
  it.each(["COMPLETED", "FAILED", "CANCELED"] as const)("of a plain %s completion is the hash of its canonical JSON, every time", (status) => {
    for (let i = 0; i < 2; i++) {
      expect(completionFingerprint({ ...fence, status })).toBe(sha256(canonical(status, false)));
      expect(completionFingerprint({ ...fence, status, retryable: false, errorMessage: "" })).toBe(sha256(canonical(status, false)));
      expect(completionFingerprint({ ...fence, status, retryable: true })).toBe(sha256(canonical(status, true)));
    }
  });

  it("of a completion with a message or a category is its own", () => {
    const failed: CompleteTaskInput = { ...fence, status: "FAILED", retryable: true, errorMessage: "boom" };
    expect(completionFingerprint(failed)).toBe(sha256(canonical("FAILED", true, "boom")));
    const categorized = completionFingerprint({ ...failed, errorMessage: "", errorCategory: "user_error" });
    expect(categorized).toBe(sha256(`{"datasets_published":[],"error_category":"user_error","error_message":"","events":[],"outputs":[],"retryable":true,"status":"FAILED"}`));
  });
});
