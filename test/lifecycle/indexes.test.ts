// The hot statements (acquire, reap, retry, outbox claim, heartbeat) are planned on their partial
// indexes over a realistic table: many finished rows, few live ones. The statements are the real
// ones, recorded while the lifecycle functions run, then EXPLAINed with the same parameters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Queryable, Row } from "../../src/db/index.js";
import { acquireTasks, claimOutbox, heartbeat, reapExpired, requeueDueRetries } from "../../src/lifecycle/index.js";
import { createLifecycleContext } from "../../src/lifecycle/context.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, testContext } from "../support/lifecycle.js";

interface Recorded {
  text: string;
  params: readonly unknown[];
}

function recording(db: Database, log: Recorded[]): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: <T extends Row>(text: string, params: readonly unknown[] = []) => {
      log.push({ text, params });
      return q.query<T>(text, params);
    },
  });
  return { ...db, query: wrap(db).query, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

async function explain(db: Database, r: Recorded): Promise<string> {
  const rows = await db.transaction(async (tx) => {
    // Plans only: EXPLAIN without ANALYZE executes nothing.
    return tx.query(`EXPLAIN ${r.text}`, r.params);
  });
  return rows.map((row) => String(Object.values(row)[0])).join("\n");
}

describeEachBackend("hot query plans", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    const ctx = testContext(db);
    const job = await makeJob(ctx);
    // 20k finished tasks and outbox rows, a hundred of each live kind.
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, created_at, updated_at, queued_at)
       SELECT $1, 'lambda', 'COMPLETED', 1, 3, now(), now(), now() FROM generate_series(1, 20000)`,
      [job.jobId],
    );
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, lease_token, lease_expires_at, started_at)
       SELECT $1, 'lambda', 'RUNNING', 1, 3, gen_random_uuid(), now() + interval '1 hour', now() FROM generate_series(1, 100)`,
      [job.jobId],
    );
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, next_retry_at)
       SELECT $1, 'lambda', 'FAILED', 1, 3, now() + interval '1 hour' FROM generate_series(1, 100)`,
      [job.jobId],
    );
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts) SELECT $1, 'lambda', 'QUEUED', 1, 3 FROM generate_series(1, 100)`,
      [job.jobId],
    );
    await db.query(`INSERT INTO outbox (kind, status) SELECT 'invoke', 'done' FROM generate_series(1, 20000)`);
    await db.query(`INSERT INTO outbox (kind, status) SELECT 'invoke', 'pending' FROM generate_series(1, 100)`);
    await db.query(`ANALYZE`);
  });
  afterAll(async () => {
    await db.close();
  });

  it("uses the partial indexes", async () => {
    const log: Recorded[] = [];
    const ctx = createLifecycleContext(recording(db, log));
    const plans: Record<string, string> = {};
    const capture = async (name: string, run: () => Promise<unknown>, pick: (r: Recorded) => boolean) => {
      log.length = 0;
      await run();
      const statement = log.find(pick);
      if (!statement) throw new Error(`no statement recorded for ${name}`);
      plans[name] = await explain(db, statement);
    };
    const leases = await (async () => {
      let got: Awaited<ReturnType<typeof acquireTasks>> = [];
      await capture("acquire", async () => (got = await acquireTasks(ctx, { limit: 10, workerId: "w" })), (r) => r.text.includes("SKIP LOCKED"));
      return got;
    })();
    await capture("reap", () => reapExpired(ctx, { limit: 10 }), (r) => r.text.includes('"lease_expires_at" <'));
    await capture("retry", () => requeueDueRetries(ctx, { limit: 10 }), (r) => r.text.includes('"next_retry_at" <='));
    await capture("outbox claim", () => claimOutbox(ctx, { kinds: ["invoke"], limit: 10 }), (r) => r.text.includes('FROM "outbox"'));
    const lease = leases[0];
    if (!lease) throw new Error("nothing acquired");
    await capture("heartbeat", () => heartbeat(ctx, lease), (r) => r.text.startsWith('UPDATE "tasks"'));
    if (process.env.PRINT_PLANS) for (const [name, plan] of Object.entries(plans)) console.log(`-- ${name}\n${plan}\n`);
    expect(plans.acquire).toContain("tasks_queued_lambda_idx");
    expect(plans.reap).toContain("tasks_running_lease_idx");
    expect(plans.retry).toContain("tasks_retry_due_idx");
    expect(plans["outbox claim"]).toContain("outbox_pending_idx");
    expect(plans.heartbeat).toContain("tasks_pkey");
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan on (tasks|outbox)\b/);
  });
});
