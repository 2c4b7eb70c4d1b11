// The hot statements (acquire, reap, retry, outbox claim, heartbeat) are planned on their partial
// indexes over a realistic table: many finished rows, few live ones. The statements are the real
// ones, recorded while the lifecycle functions run, then EXPLAINed with the same parameters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Queryable, Row } from "../../src/db/index.js";
import { acquireTasks, claimOutbox, completeTasks, heartbeat, heartbeats, loadInvocation, loadInvocations, reapExpired, releaseAttempts, requeueDueRetries } from "../../src/lifecycle/index.js";
import { createLifecycleContext } from "../../src/lifecycle/context.js";
import { describeEachBackend, type TestBackend } from "../support/databases.js";
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

/** Records the statements `run` issues and EXPLAINs the first that `pick` selects. */
async function planOf(db: Database, run: (ctx: ReturnType<typeof createLifecycleContext>) => Promise<unknown>, pick: (r: Recorded) => boolean): Promise<string> {
  const log: Recorded[] = [];
  await run(createLifecycleContext(recording(db, log)));
  const statement = log.find(pick);
  if (!statement) throw new Error("no statement recorded");
  return explain(db, statement);
}

/** A database whose tasks table holds 20k finished tasks of one job. */
async function withHistory(backend: TestBackend): Promise<{ db: Database; jobId: string }> {
  const db = await backend.open();
  const job = await makeJob(testContext(db));
  await db.query(
    `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, created_at, updated_at, queued_at)
     SELECT $1, 'lambda', 'COMPLETED', 1, 3, now(), now(), now() FROM generate_series(1, 20000)`,
    [job.jobId],
  );
  return { db, jobId: job.jobId };
}

describeEachBackend("hot query plans", (backend) => {
  let db: Database;
  beforeAll(async () => {
    const history = await withHistory(backend);
    db = history.db;
    const jobId = history.jobId;
    // 20k finished tasks and outbox rows, a hundred of each live kind.
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, lease_token, lease_expires_at, started_at)
       SELECT $1, 'lambda', 'RUNNING', 1, 3, gen_random_uuid(), now() + interval '1 hour', now() FROM generate_series(1, 100)`,
      [jobId],
    );
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, next_retry_at)
       SELECT $1, 'lambda', 'FAILED', 1, 3, now() + interval '1 hour' FROM generate_series(1, 100)`,
      [jobId],
    );
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts) SELECT $1, 'lambda', 'QUEUED', 1, 3 FROM generate_series(1, 100)`,
      [jobId],
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

// A statement that finds its task by task_id must read that task's primary-key entry however many
// tasks run. The partial RUNNING indexes are tiny when ANALYZE last ran (few tasks running), so
// the planner costed a scan of tasks_running_job_idx at one row and chose it over the primary key:
// every heartbeat then read the entry of every running task (the history bench printed that plan;
// here, 2,000 running tasks the statistics do not know).
describeEachBackend("task-keyed statements under statistics taken before a burst of leases", (backend) => {
  let db: Database;
  let running: { taskId: string; attempt: number; leaseToken: string }[] = [];
  beforeAll(async () => {
    const history = await withHistory(backend);
    db = history.db;
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts) SELECT $1, 'lambda', 'QUEUED', 1, 3 FROM generate_series(1, 2000)`,
      [history.jobId],
    );
    await db.query(`ANALYZE`);
    const rows = await db.query<{ task_id: string; attempt: number; lease_token: string }>(
      `UPDATE tasks SET state = 'RUNNING', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '1 hour', started_at = now()
       WHERE state = 'QUEUED' RETURNING task_id, attempt, lease_token`,
    );
    await db.query(`INSERT INTO task_attempts (task_id, attempt, lease_token, worker_id, started_at) SELECT task_id, attempt, lease_token, 'w', now() FROM tasks WHERE state = 'RUNNING'`);
    running = rows.map((r) => ({ taskId: String(r.task_id), attempt: Number(r.attempt), leaseToken: String(r.lease_token) }));
  });
  afterAll(async () => {
    await db.close();
  });

  it("heartbeats, delivery binding, the invocation loads, grouped completions and release read the primary key", async () => {
    const [first, second] = running;
    if (!first || !second) throw new Error("nothing running");
    const plans = {
      heartbeat: await planOf(db, (ctx) => heartbeat(ctx, first), (r) => r.text.startsWith('UPDATE "tasks"')),
      bindDelivery: await planOf(db, (ctx) => heartbeat(ctx, { ...second, deliveryId: "d-1" }), (r) => r.text.startsWith('UPDATE "tasks"')),
      loadInvocation: await planOf(db, (ctx) => loadInvocation(ctx, first), (r) => r.text.includes("jsonb_to_recordset")),
      // The invoke drain's batch: each key looked up on its own (a join read every running entry).
      loadInvocations: await planOf(db, (ctx) => loadInvocations(ctx, running.slice(2, 34)), (r) => r.text.includes("jsonb_to_recordset")),
      // The grouped writes join their key list the same way: each listed task found by its key.
      heartbeats: await planOf(db, (ctx) => heartbeats(ctx, running.slice(34, 66)), (r) => r.text.includes("jsonb_to_recordset")),
      completions: await planOf(db, (ctx) => completeTasks(ctx, running.slice(66, 98).map((l) => ({ ...l, status: "COMPLETED" as const }))), (r) => r.text.includes("jsonb_to_recordset")),
      release: await planOf(db, (ctx) => releaseAttempts(ctx, running.slice(98, 130), "bench"), (r) => r.text.includes("jsonb_to_recordset")),
    };
    if (process.env.PRINT_PLANS) for (const [name, plan] of Object.entries(plans)) console.log(`-- ${name}\n${plan}\n`);
    for (const plan of Object.values(plans)) {
      expect(plan).toContain("tasks_pkey");
      expect(plan).not.toContain("tasks_running_");
      expect(plan).not.toMatch(/Seq Scan on tasks\b/);
    }
  });
});
