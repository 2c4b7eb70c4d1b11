// The data path: objects listed and copied from the S3-compatible store into the cache, a private
// directory of hard links per database, the listing cache, and cache eviction that never breaks a
// directory in use.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalizeS3Prefix, type CanonicalS3Prefix } from "../../src/credentials/s3-prefix.js";
import { startLocalS3, type LocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client, putObject } from "../../src/objectstore/s3.js";
import { createS3DatasetStager } from "../../src/query/staging.js";

const CREDENTIALS = { accessKeyId: "AKIDSTAGING", secretAccessKey: "staging-secret" };
let store: LocalS3;
let work: string;
const s3 = () => createS3Client({ region: "us-east-1", endpoint: store.url, credentials: CREDENTIALS });
const prefix = (uri: string): CanonicalS3Prefix => {
  const result = canonicalizeS3Prefix(uri);
  if (!result.ok) throw new Error(result.reason);
  return result.prefix;
};

beforeAll(async () => {
  store = await startLocalS3({ credentials: CREDENTIALS });
  work = await mkdtemp(join(tmpdir(), "query-staging-"));
  const client = s3();
  await putObject(client, { bucket: "stage-bucket", key: "v1/a.parquet" }, Buffer.alloc(1000, 1), "application/octet-stream");
  await putObject(client, { bucket: "stage-bucket", key: "v1/b.parquet" }, Buffer.alloc(1000, 2), "application/octet-stream");
  await putObject(client, { bucket: "stage-bucket", key: "v1/_SUCCESS" }, Buffer.alloc(1), "application/octet-stream");
  await putObject(client, { bucket: "stage-bucket", key: "v10/x.parquet" }, Buffer.alloc(1000, 3), "application/octet-stream");
  await putObject(client, { bucket: "stage-bucket", key: "v2/c.parquet" }, Buffer.alloc(1500, 4), "application/octet-stream");
});
afterAll(async () => {
  await store?.close();
  await rm(work, { recursive: true, force: true });
});

describe("S3 dataset stager", () => {
  it("links exactly the version's .parquet objects, under names of its own", async () => {
    const stager = createS3DatasetStager({ s3: s3(), workDir: join(work, "a") });
    const staged = await stager.stage(prefix("s3://stage-bucket/v1/"));
    expect((await readdir(staged.dir)).sort()).toEqual(["0.parquet", "1.parquet"]); // not _SUCCESS, not v10/
    expect([staged.files, staged.bytes]).toEqual([2, 2000]);
    await staged.release();
    await expect(readdir(staged.dir)).rejects.toThrow();
  });

  it("evicts the least recently used cache objects past the cap without breaking directories in use", async () => {
    const stager = createS3DatasetStager({ s3: s3(), workDir: join(work, "b"), maxCacheBytes: 2500 });
    const first = await stager.stage(prefix("s3://stage-bucket/v1/"));
    const second = await stager.stage(prefix("s3://stage-bucket/v2/"));
    const cache = await readdir(join(work, "b", "cache"));
    // 3,500 bytes over a 2,500 cap: v1's older object goes, the rest fits.
    expect(cache).toHaveLength(2);
    expect((await readdir(first.dir)).sort()).toEqual(["0.parquet", "1.parquet"]); // still linked
    await first.release();
    await second.release();
  });
});
