// The embedded S3-compatible store and bundle presigning, through the real S3 SDK client.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3, type LocalS3 } from "../../src/objectstore/local-s3.js";
import { bundleKey, createS3Client, presignGet, putObject, redactPresignedUrl } from "../../src/objectstore/s3.js";

const credentials = { accessKeyId: "local", secretAccessKey: "local-secret" };
let store: LocalS3;
let dir: string;
let clock = new Date();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-s3-"));
  store = await startLocalS3({ credentials, dataDir: dir, now: () => clock });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("embedded S3 store", () => {
  it("stores an object and serves it through a presigned URL for that object only", async () => {
    const client = createS3Client({ region: "us-east-1", endpoint: store.url, credentials });
    const body = Buffer.from("zip bytes ✓");
    const location = { bucket: "bundles", key: bundleKey("udf", "ab".repeat(32)) };
    await putObject(client, location, body);
    await putObject(client, { bucket: "bundles", key: "udf/other.zip" }, Buffer.from("other"));

    const now = new Date();
    clock = now;
    const url = await presignGet(client, location, now, new Date(now.getTime() + 120_000));
    expect(url).toContain(`/bundles/udf/${"ab".repeat(32)}.zip?`);
    expect(url).toContain("X-Amz-Expires=120");
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(body);

    // The same signature does not open another object.
    const other = await fetch(url.replace(`${"ab".repeat(32)}.zip`, "other.zip"));
    expect(other.status).toBe(403);
    // Nor does an unsigned request.
    expect((await fetch(`${store.url}/bundles/udf/other.zip`)).status).toBe(403);
    // A tampered signature is refused.
    expect((await fetch(url.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`))).status).toBe(403);
    // After the lease-bound expiry the URL stops working.
    clock = new Date(now.getTime() + 121_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
    clock = new Date();
  });

  it("refuses requests signed with another secret", async () => {
    const client = createS3Client({ region: "us-east-1", endpoint: store.url, credentials: { ...credentials, secretAccessKey: "wrong" } });
    await expect(putObject(client, { bucket: "bundles", key: "x.zip" }, Buffer.from("x"))).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
  });

  it("keeps objects across a restart when backed by a directory", async () => {
    const client = createS3Client({ region: "us-east-1", endpoint: store.url, credentials });
    await putObject(client, { bucket: "b", key: "k/1.zip" }, Buffer.from("persisted"));
    const again = await startLocalS3({ credentials, dataDir: dir });
    try {
      const url = await presignGet(createS3Client({ region: "us-east-1", endpoint: again.url, credentials }), { bucket: "b", key: "k/1.zip" }, new Date(), new Date(Date.now() + 60_000));
      expect(await (await fetch(url)).text()).toBe("persisted");
    } finally {
      await again.close();
    }
  });

  it("redacts the signature of a presigned URL for logs", () => {
    expect(redactPresignedUrl("http://h/b/k.zip?X-Amz-Signature=abc")).toBe("http://h/b/k.zip?<redacted>");
  });
});
