// The direct SigV4 presigner must produce exactly the URL the AWS SDK's getSignedUrl produces for
// the same client, object, signing date and expiry, and the embedded store must accept it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { startLocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3GetPresigner } from "../../src/objectstore/presign.js";
import { createS3Client, presignGet, putObject } from "../../src/objectstore/s3.js";
import { verifySigV4 } from "../../src/objectstore/sigv4.js";

const baseCredentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const credentialVariants = {
  "long-term keys": baseCredentials,
  "session credentials": { ...baseCredentials, sessionToken: "FwoGZXIvYXdzE/session+token=with/odd&chars" },
};

// Addressing as the S3Client would do it: path-style and virtual-hosted, AWS and custom endpoints.
const addressings: Record<string, { region: string; endpoint?: string; forcePathStyle?: boolean }> = {
  "custom endpoint, path-style": { region: "us-east-1", endpoint: "http://127.0.0.1:9000", forcePathStyle: true },
  "AWS, virtual-hosted": { region: "us-east-1" },
  "AWS eu-west-1, virtual-hosted": { region: "eu-west-1" },
  "AWS, path-style": { region: "ap-southeast-2", forcePathStyle: true },
  "custom endpoint with a base path, virtual-hosted": { region: "us-east-1", endpoint: "https://minio.example.com:9443/base", forcePathStyle: false },
  "custom endpoint on the default port, path-style": { region: "us-west-2", endpoint: "https://storage.example.com", forcePathStyle: true },
};

const keys = [
  "bundles/ab12cd.zip",
  "with space/and  two spaces.zip",
  "ünïcödé/ファイル 🎉.zip",
  "plus+equals=amp&.zip",
  "~tilde/x~y-_.zip",
  "reserved!'()*[]{}#?@$,;:.zip",
  "/leading//double-slash/",
  "percent%20literal.zip",
];

const signingDate = new Date("2026-11-27T16:00:07.123Z");

function client(addressing: (typeof addressings)[string], credentials: (typeof credentialVariants)[keyof typeof credentialVariants]): S3Client {
  return createS3Client({ ...addressing, credentials });
}

function sdkUrl(c: S3Client, bucket: string, key: string, expiresIn: number, date = signingDate): Promise<string> {
  return getSignedUrl(c, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn, signingDate: date });
}

function verify(url: string, credentials: { accessKeyId: string; secretAccessKey: string }, now: Date) {
  const parsed = new URL(url);
  return verifySigV4({ method: "GET", path: parsed.pathname, query: parsed.searchParams, headers: { host: parsed.host } }, credentials, now);
}

describe("direct SigV4 GET presigner", () => {
  for (const [addressingName, addressing] of Object.entries(addressings)) {
    for (const [credentialName, credentials] of Object.entries(credentialVariants)) {
      it(`produces the SDK's URL: ${addressingName}, ${credentialName}`, async () => {
        const c = client(addressing, credentials);
        const presigner = createS3GetPresigner(c);
        for (const key of keys) {
          for (const expiresIn of [1, 120, 604_800]) {
            const direct = await presigner.presignGet({ bucket: "trace-bundles", key, signingDate, expiresIn });
            expect(direct, key).toBe(await sdkUrl(c, "trace-bundles", key, expiresIn));
          }
          // The embedded store's verifier accepts it until it expires, and not after.
          const url = await presigner.presignGet({ bucket: "trace-bundles", key, signingDate, expiresIn: 120 });
          expect(url).not.toBeNull();
          expect(verify(url ?? "", credentials, new Date(signingDate.getTime() + 1000)), key).toEqual({ ok: true });
          expect(verify(url ?? "", credentials, new Date(signingDate.getTime() + 121_000)), key).toEqual({ ok: false, reason: "expired" });
          expect(verify(url ?? "", { ...credentials, secretAccessKey: "other" }, signingDate), key).toEqual({ ok: false, reason: "bad_signature" });
        }
      });
    }
  }

  it("addresses a bucket that cannot be a host name (dots) path-style, as the SDK does", async () => {
    const c = client(addressings["AWS, virtual-hosted"] ?? { region: "us-east-1" }, baseCredentials);
    const direct = await createS3GetPresigner(c).presignGet({ bucket: "my.dotted.bucket", key: "a b.zip", signingDate, expiresIn: 60 });
    expect(direct).toBe(await sdkUrl(c, "my.dotted.bucket", "a b.zip", 60));
    expect(direct).toMatch(/^https:\/\/s3\.us-east-1\.amazonaws\.com\/my\.dotted\.bucket\/a%20b\.zip\?/);
  });

  it("stays equal to the SDK across signing dates (the cached signing key follows the date)", async () => {
    const c = client(addressings["AWS, virtual-hosted"] ?? { region: "us-east-1" }, credentialVariants["session credentials"]);
    const presigner = createS3GetPresigner(c);
    for (const date of [signingDate, new Date("2026-11-28T00:00:00Z"), new Date("2026-11-27T23:59:59.999Z"), signingDate]) {
      const direct = await presigner.presignGet({ bucket: "b", key: "k.zip", signingDate: date, expiresIn: 300 });
      expect(direct).toBe(await sdkUrl(c, "b", "k.zip", 300, date));
    }
  });

  it("reuses a URL only for the same object, signing second and expiry (the URL cache never answers for other inputs)", async () => {
    const c = client(addressings["AWS, virtual-hosted"] ?? { region: "us-east-1" }, credentialVariants["session credentials"]);
    const presigner = createS3GetPresigner(c);
    const cases: [string, string, Date, number][] = [
      ["b", "k.zip", signingDate, 300],
      ["b", "k.zip", new Date(signingDate.getTime() + 500), 300], // same second: the same URL
      ["b", "k.zip", new Date(signingDate.getTime() + 1000), 300], // next second
      ["b", "k.zip", signingDate, 301],
      ["b", "other.zip", signingDate, 300],
      ["b2", "k.zip", signingDate, 300],
      ["b", "k.zip", signingDate, 300],
    ];
    const urls: string[] = [];
    for (const [bucket, key, date, expiresIn] of cases) {
      const direct = await presigner.presignGet({ bucket, key, signingDate: date, expiresIn });
      expect(direct).toBe(await sdkUrl(c, bucket, key, expiresIn, date));
      urls.push(direct ?? "");
    }
    expect(urls[1]).toBe(urls[0]);
    expect(new Set(urls).size).toBe(5);
  });

  // The invoker presigns once per task: only the first call of a presigner may wait on a promise.
  it("answers in place once the bucket's endpoint and the credentials are known, with the URL the SDK signs", async () => {
    const c = client(addressings["AWS, virtual-hosted"] ?? { region: "us-east-1" }, credentialVariants["session credentials"]);
    const presigner = createS3GetPresigner(c);
    const first = presigner.presignGet({ bucket: "b", key: "k.zip", signingDate, expiresIn: 300 });
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(await sdkUrl(c, "b", "k.zip", 300));
    const warm = presigner.presignGet({ bucket: "b", key: "other.zip", signingDate, expiresIn: 300 });
    expect(warm).toBe(await sdkUrl(c, "b", "other.zip", 300));
    // Another bucket's endpoint is not known yet: that one call waits again.
    expect(presigner.presignGet({ bucket: "b2", key: "k.zip", signingDate, expiresIn: 300 })).toBeInstanceOf(Promise);
  });

  it("resolves credentials from the client's provider and caches them until shortly before they expire", async () => {
    function countingClient(expiresInMs: number) {
      const counter = { calls: 0 };
      const c = new S3Client({
        region: "us-east-1",
        credentials: async () => {
          counter.calls++;
          const n = counter.calls;
          return { accessKeyId: `AKID${n}`, secretAccessKey: "s", sessionToken: `t${n}`, expiration: new Date(Date.now() + expiresInMs) };
        },
      });
      return { counter, presigner: createS3GetPresigner(c) };
    }
    const sign = (presigner: ReturnType<typeof createS3GetPresigner>) =>
      presigner.presignGet({ bucket: "b", key: "k.zip", signingDate, expiresIn: 60 });

    const fresh = countingClient(3_600_000);
    await Promise.all([sign(fresh.presigner), sign(fresh.presigner)]);
    expect(await sign(fresh.presigner)).toContain("X-Amz-Credential=AKID1%2F");
    expect(fresh.counter.calls).toBe(1);

    // Credentials within minutes of expiring are fetched again for each URL, and the new ones sign.
    // (The SDK's own provider wrapper may itself call the provider more than once; count growth.)
    const expiring = countingClient(60_000);
    const first = await sign(expiring.presigner);
    const afterFirst = expiring.counter.calls;
    const second = await sign(expiring.presigner);
    expect(expiring.counter.calls).toBeGreaterThan(afterFirst);
    expect(first).toContain(`X-Amz-Credential=AKID${afterFirst}%2F`);
    expect(second).toContain(`X-Amz-Credential=AKID${expiring.counter.calls}%2F`);
    expect(second).toContain(`X-Amz-Security-Token=t${expiring.counter.calls}&`);
  });

  it("declines buckets whose endpoint needs another auth scheme (S3 Express), leaving them to the SDK", async () => {
    const c = client({ region: "us-west-2" }, baseCredentials);
    expect(await createS3GetPresigner(c).presignGet({ bucket: "bundles--usw2-az1--x-s3", key: "k.zip", signingDate, expiresIn: 60 })).toBeNull();
  });

  it("refuses an empty key", async () => {
    const c = client({ region: "us-east-1" }, baseCredentials);
    await expect(createS3GetPresigner(c).presignGet({ bucket: "b", key: "", signingDate, expiresIn: 60 })).rejects.toThrow(/empty/);
  });

  it("serves objects with awkward keys from the embedded store through presignGet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "presign-"));
    const credentials = { accessKeyId: "local", secretAccessKey: "local-secret" };
    const store = await startLocalS3({ credentials, dataDir: dir });
    try {
      const c = createS3Client({ region: "us-east-1", endpoint: store.url, credentials });
      for (const key of ["with space/ünï 🎉.zip", "plus+equals=.zip", "~tilde/x~y.zip", "reserved!'()*.zip"]) {
        await putObject(c, { bucket: "bundles", key }, Buffer.from(key));
        const now = new Date();
        const url = await presignGet(c, { bucket: "bundles", key }, now, new Date(now.getTime() + 60_000));
        expect(url).toBe(await sdkUrl(c, "bundles", key, 60, now));
        const response = await fetch(url);
        expect(response.status, key).toBe(200);
        expect(await response.text()).toBe(key);
      }
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
