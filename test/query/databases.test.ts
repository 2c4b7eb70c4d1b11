// Hardened databases per dataset version: a fresh connection per query, instances reused only one
// query at a time, an instance that hit a limit retired, and nothing of one query's connection
// visible to the next.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHardenedDatabases, DatasetEmptyError, type HardenedDatabases } from "../../src/query/databases.js";
import { createInstancePool } from "../../src/query/engine.js";
import type { DatasetStager } from "../../src/query/staging.js";
import { parquetBytes } from "./fixture.js";

let dir: string;
let stages = 0;
let releases = 0;
let databases: HardenedDatabases;
const storage = { uri: "s3://bucket-a/v1/", bucket: "bucket-a", keyPrefix: "v1/" };
const empty = { uri: "s3://bucket-a/empty/", bucket: "bucket-a", keyPrefix: "empty/" };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "query-databases-"));
  await writeFile(join(dir, "0.parquet"), await parquetBytes(10, tmpdir()));
  const stager: DatasetStager = {
    async stage(prefix) {
      stages++;
      return { dir: `${dir}/`, glob: prefix.uri === empty.uri ? null : `${dir}/*.parquet`, files: 1, bytes: 0, release: async () => void releases++ };
    },
  };
  databases = createHardenedDatabases({ stager, instances: createInstancePool(1), limits: { memoryMiB: 64, threads: 1 }, maxIdle: 2 });
});
afterAll(async () => {
  await databases?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("hardened databases", () => {
  it("reuses an idle database through a fresh connection that sees only its own view", async () => {
    const before = stages;
    const first = await databases.acquire(storage);
    expect((await first.connection.runAndReadAll("SELECT count(*) FROM dataset")).getRowsJson()).toEqual([["10"]]);
    // Whatever a connection holds (here a temp macro the gate would never allow) dies with it.
    await first.connection.run("CREATE TEMP MACRO leaked() AS 42");
    await first.release(true);
    const second = await databases.acquire(storage);
    expect(stages - before).toBe(1);
    await expect(second.connection.run("SELECT leaked()")).rejects.toThrow();
    await expect(second.connection.run("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled/);
    await expect(second.connection.run("SET threads=8")).rejects.toThrow();
    await second.release(true);
  });

  it("two queries at once get two databases; one that hit a limit is retired", async () => {
    const before = stages;
    const a = await databases.acquire(storage);
    const b = await databases.acquire(storage);
    expect(stages - before).toBe(1); // one idle database reused, one new
    const released = releases;
    await a.release(false);
    expect(releases).toBe(released + 1);
    await b.release(true);
  });

  it("a version without Parquet objects is DatasetEmptyError and leaves nothing behind", async () => {
    const released = releases;
    await expect(databases.acquire(empty)).rejects.toBeInstanceOf(DatasetEmptyError);
    expect(releases).toBe(released + 1);
  });
});
