// Lambda leases commit with synchronous_commit off for their own transaction only: the setting
// must never stay on the pooled connection, or completions on it would commit without a flush.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { acquireTasks, createTask } from "../../src/lifecycle/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { makeJob, testContext } from "../support/lifecycle.js";

const serverUrl = postgresServerUrl();

describe.skipIf(serverUrl === null)("acquire commit (real Postgres, one connection)", () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await createFreshPostgresDatabase(serverUrl ?? "");
    drop = fresh.drop;
    // One connection: every statement below runs on the connection the acquire used.
    db = await openDatabase({ url: fresh.url, maxConnections: 1 });
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  const syncCommit = async () => (await db.query<{ v: string }>(`SELECT current_setting('synchronous_commit') AS v`))[0]?.v;

  it("leases with async commit and leaves the connection's synchronous_commit untouched", async () => {
    const ctx = testContext(db);
    const capped = await makeJob(ctx, { name: "capped", maxConcurrency: 1 });
    const open = await makeJob(ctx, { name: "open" });
    for (const job of [capped, open]) expect((await createTask(ctx, { jobId: job.jobId })).ok).toBe(true);
    // The test server runs with synchronous_commit off; this session asks for durable commits.
    await db.query(`SET synchronous_commit = on`);
    expect(await syncCommit()).toBe("on");

    // Both paths: the one-statement uncapped lease and the transactional capped one.
    const leases = await acquireTasks(ctx, { limit: 10, workerId: "w" });
    expect(leases.map((l) => l.jobId).sort()).toEqual([capped.jobId, open.jobId].sort());
    expect(await syncCommit()).toBe("on");
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE state = 'RUNNING'`);
    expect(row?.n).toBe(2);
  });
});
