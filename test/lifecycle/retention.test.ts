// History retention (src/lifecycle/retention.ts): finished tasks older than the period go, with
// every row that references them, in bounded batches; live tasks, tasks whose outbox rows are not
// done, and recent tasks stay, whatever else is true of them.
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  acquireTasks,
  cancelTask,
  claimOutbox,
  completeTask,
  createTask,
  markOutboxDone,
  markOutboxFailed,
  createLifecycleContext,
  OUTBOX_KINDS,
  publishBuffer,
  pruneOutbox,
  retryTask,
  type CompleteTaskInput,
  type Lease,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { deleteExpiredHistory, TASK_CHILDREN } from "../../src/lifecycle/retention.js";
import { getTableName } from "drizzle-orm";
import { startDispatcher } from "../../src/dispatcher/dispatcher.js";
import { createLogger } from "../../src/log/logger.js";
import { MetricsRegistry } from "../../src/metrics/registry.js";
import { describeEachBackend } from "../support/databases.js";
import { recordingDatabase, type RecordedStatement } from "../support/recording-database.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";
const V1 = "22222222-2222-4222-8222-222222222222";
const DAY_SECONDS = 86_400;
const CHILD_TABLES = [
  ["task_attempts", "task_id"],
  ["task_retries", "task_id"],
  ["task_events", "producer_task_id"],
  ["task_outputs", "task_id"],
  ["dataset_versions_published", "task_id"],
  ["buffer_publishes", "task_id"],
] as const;

describeEachBackend("history retention", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
    jobId = undefined;
  });

  let jobId: string | undefined;
  async function queued(): Promise<string> {
    jobId ??= (await makeJob(ctx, { leaseTtlSeconds: 3600, timeoutSeconds: 3600 })).jobId;
    clock.advance(1); // acquisition order is queued_at: one task per second
    const created = await createTask(ctx, { jobId });
    if (!created.ok) throw new Error(created.reason);
    return created.task.taskId;
  }
  async function running(): Promise<Lease> {
    const taskId = await queued();
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!lease || lease.taskId !== taskId) throw new Error("not acquired");
    return lease;
  }
  async function finished(completion: Omit<CompleteTaskInput, "taskId" | "attempt" | "leaseToken">, before?: (lease: Lease) => Promise<void>): Promise<string> {
    const lease = await running();
    await before?.(lease);
    const done = await completeTask(ctx, { taskId: lease.taskId, attempt: lease.attempt, leaseToken: lease.leaseToken, ...completion });
    if (!done.ok) throw new Error(done.reason);
    return lease.taskId;
  }
  /** Delivers every due outbox row, as the drain would. */
  async function drain(): Promise<void> {
    const rows = await claimOutbox(ctx, { kinds: OUTBOX_KINDS, limit: 1000 });
    await markOutboxDone(ctx, rows.map((r) => r.id));
  }
  const rowsOf = async (taskId: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const [table, column] of [["tasks", "task_id"], ...CHILD_TABLES]) {
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [taskId]);
      counts[table] = Number(row?.n);
    }
    return counts;
  };

  it("deletes expired finished tasks and all their rows, batch by batch, and nothing live, undelivered or recent", async () => {
    // Day 0. Finished for good: a completion with everything a task can leave, a cancellation,
    // a dead failure (after an operator retry).
    const full = await finished(
      {
        status: "COMPLETED",
        events: [{ datasetUuid: DS, datasetVersion: V1, cursor: 1n }],
        outputs: [{ name: "rows", value: 3 }],
        datasetsPublished: [{ datasetUuid: DS, datasetVersion: V1, makeCurrent: true }],
      },
      async (lease) => {
        const published = await publishBuffer(ctx, { ...lease, batchUri: "s3://b/1.parquet", contentType: "application/parquet", batchSizeBytes: 10, dedupeScope: "s" });
        expect(published.ok).toBe(true);
      },
    );
    const canceled = await queued();
    expect((await cancelTask(ctx, canceled, "not needed")).ok).toBe(true);
    const dead = await finished({ status: "FAILED", retryable: false, errorMessage: "boom" });
    expect((await retryTask(ctx, { taskId: dead, requestedBy: "ops", reason: "try again" })).ok).toBe(true);
    const [again] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!again) throw new Error("retry not acquired");
    expect((await completeTask(ctx, { taskId: again.taskId, attempt: again.attempt, leaseToken: again.leaseToken, status: "FAILED", retryable: false })).ok).toBe(true);
    // Live: waiting for its retry, running, queued.
    const retrying = await finished({ status: "FAILED", retryable: true });
    const runningTask = (await running()).taskId;
    await drain();
    // Finished, but an outbox row is not done: events not yet routed (pending), a dead route (failed).
    const unrouted = await finished({ status: "COMPLETED", events: [{ datasetUuid: DS, datasetVersion: V1, cursor: 2n }] });
    const deadRoute = await finished({ status: "COMPLETED", events: [{ datasetUuid: DS, datasetVersion: V1, cursor: 3n }] });
    for (const row of await claimOutbox(ctx, { kinds: OUTBOX_KINDS, limit: 1000 })) {
      if (row.kind !== "route_event") await markOutboxDone(ctx, [row.id]);
      else if (row.taskId === deadRoute) await markOutboxFailed(ctx, row.id, "handler refused", row);
    }
    // Created on day 0, finished on day 31: recent. And one never acquired at all.
    const lateFinisher = await queued();
    const stillQueued = await queued();
    expect(await rowsOf(unrouted)).toMatchObject({ tasks: 1 });

    clock.advance(31 * DAY_SECONDS);
    const [late] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    expect(late?.taskId).toBe(lateFinisher);
    if (!late) throw new Error("unreachable");
    expect((await completeTask(ctx, { taskId: late.taskId, attempt: late.attempt, leaseToken: late.leaseToken, status: "COMPLETED" })).ok).toBe(true);
    const recent = await queued();
    expect((await cancelTask(ctx, recent, "recent")).ok).toBe(true);

    const before = await rowsOf(full);
    expect(before).toEqual({ tasks: 1, task_attempts: 1, task_retries: 0, task_events: 1, task_outputs: 1, dataset_versions_published: 1, buffer_publishes: 1 });
    expect((await rowsOf(dead)).task_retries).toBe(1);

    // Batches of 2: 2, then 1, then nothing left to do.
    const olderThan = new Date(clock.now().getTime() - 30 * DAY_SECONDS * 1000);
    const batches: number[] = [];
    for (let i = 0; i < 5; i++) batches.push(await deleteExpiredHistory(ctx, { olderThan, limit: 2 }));
    expect(batches).toEqual([2, 1, 0, 0, 0]);

    for (const gone of [full, canceled, dead]) {
      expect(await rowsOf(gone)).toEqual({ tasks: 0, task_attempts: 0, task_retries: 0, task_events: 0, task_outputs: 0, dataset_versions_published: 0, buffer_publishes: 0 });
    }
    const left = await db.query<{ task_id: string }>(`SELECT task_id FROM tasks ORDER BY task_id`);
    expect(left.map((r) => r.task_id).sort()).toEqual([retrying, runningTask, unrouted, deadRoute, lateFinisher, stillQueued, recent].sort());
    // The kept finished tasks kept their history too.
    expect(await rowsOf(unrouted)).toMatchObject({ tasks: 1, task_attempts: 1, task_events: 1 });
  });

  it("a task locked by a transition in progress is skipped, not waited for", async () => {
    const taskId = await finished({ status: "COMPLETED" });
    await drain();
    clock.advance(31 * DAY_SECONDS);
    const olderThan = new Date(clock.now().getTime() - 30 * DAY_SECONDS * 1000);
    if (backend.name === "pglite") return; // one connection: no concurrent transaction to hold the lock
    const other = await backend.connect();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = other.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM tasks WHERE task_id = $1 FOR UPDATE`, [taskId]);
        locked();
        await held;
      });
      await isLocked;
      expect(await deleteExpiredHistory(ctx, { olderThan })).toBe(0);
      release();
      await holder;
      expect(await deleteExpiredHistory(ctx, { olderThan })).toBe(1);
    } finally {
      await other.close();
    }
  });

  it("a limit of 0 deletes nothing", async () => {
    await finished({ status: "COMPLETED" });
    await drain();
    clock.advance(31 * DAY_SECONDS);
    expect(await deleteExpiredHistory(ctx, { olderThan: clock.now(), limit: 0 })).toBe(0);
    expect(await db.query(`SELECT 1 FROM tasks`)).toHaveLength(1);
  });
});

describeEachBackend("history retention loop", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  let clock: ManualClock;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  it("the dispatcher deletes expired history in batches, counts it, and keeps the rest", async () => {
    const job = await makeJob(ctx, { leaseTtlSeconds: 3600, timeoutSeconds: 3600 });
    const finishedIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await createTask(ctx, { jobId: job.jobId });
      if (!created.ok) throw new Error(created.reason);
      const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
      if (!lease) throw new Error("not acquired");
      expect((await completeTask(ctx, { taskId: lease.taskId, attempt: lease.attempt, leaseToken: lease.leaseToken, status: "COMPLETED" })).ok).toBe(true);
      finishedIds.push(lease.taskId);
    }
    await markOutboxDone(ctx, (await claimOutbox(ctx, { kinds: ["invoke"], limit: 100 })).map((r) => r.id));
    clock.advance(31 * DAY_SECONDS);
    const recent = await createTask(ctx, { jobId: job.jobId });
    if (!recent.ok) throw new Error(recent.reason);

    const metrics = new MetricsRegistry();
    const dispatcher = await startDispatcher({
      db,
      logger: createLogger({ level: "error" }),
      clock,
      metrics,
      options: {
        workerId: "lambda:test",
        loops: { acquire: false, drain: false, reap: false, retry: false },
        historyRetentionMs: 30 * DAY_SECONDS * 1000,
        retentionBatch: 2,
        retentionIntervalMs: 600_000,
      },
    });
    try {
      // 2 + 2 + 1: three steps back to back, then the loop sleeps for its interval.
      for (let i = 0; i < 400 && (await db.query(`SELECT 1 FROM tasks`)).length > 1; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await dispatcher.stop();
    }
    expect((await db.query<{ task_id: string }>(`SELECT task_id FROM tasks`)).map((r) => r.task_id)).toEqual([recent.task.taskId]);
    expect(await metrics.render()).toMatch(/^dispatcher_history_deleted_total 5$/m);
  });
});

describeEachBackend("outbox prune loop", (backend) => {
  let db: Database;
  let clock: ManualClock;
  useLifecycle(backend, (d, _c, k) => {
    db = d;
    clock = k;
  });

  it("deletes every done row older than the outbox retention, batch after batch, and nothing else", async () => {
    const at = (hoursAgo: number) => new Date(clock.now().getTime() - hoursAgo * 3_600_000).toISOString();
    const insert = (count: number, status: string, hoursAgo: number) =>
      db.query(
        `INSERT INTO outbox (kind, status, created_at, updated_at, next_attempt_at) SELECT 'invoke', $1, $2, $2, $2 FROM generate_series(1, ${count})`,
        [status, at(hoursAgo)],
      );
    await insert(25, "done", 30); // past the 1-day retention: 3 batches of 10
    await insert(3, "done", 2); // done, but recent
    await insert(2, "pending", 30);
    await insert(1, "failed", 30); // dead rows wait for an operator, whatever their age
    const dispatcher = await startDispatcher({
      db,
      logger: createLogger({ level: "error" }),
      clock,
      options: {
        workerId: "lambda:test",
        loops: { acquire: false, drain: false, retry: false },
        reapIntervalMs: 600_000,
        outboxPruneBatch: 10,
        outboxPruneIntervalMs: 600_000,
      },
    });
    try {
      for (let i = 0; i < 400 && (await db.query(`SELECT 1 FROM outbox`)).length > 6; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await dispatcher.stop();
    }
    const left = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status ORDER BY status`);
    expect(left.map((r) => [r.status, Number(r.n)])).toEqual([
      ["done", 3],
      ["failed", 1],
      ["pending", 2],
    ]);
  });
});

describeEachBackend("retention and prune plans", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  let clock: ManualClock;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  async function plan(run: (recorded: LifecycleContext) => Promise<unknown>, pick: RegExp): Promise<string> {
    const log: RecordedStatement[] = [];
    await run(createLifecycleContext(recordingDatabase(db, log), { clock }));
    const statement = log.find((r) => pick.test(r.text));
    if (!statement) throw new Error(`no statement matching ${pick}`);
    const rows = await db.query(`EXPLAIN ${statement.text}`, statement.params);
    return rows.map((row) => String(Object.values(row)[0])).join("\n");
  }

  it("find their rows on indexes, never by scanning the history", async () => {
    // 20k finished tasks and done outbox rows of the last day (none expired yet: the common case,
    // every minute), a few live rows.
    const job = await makeJob(ctx);
    await db.query(
      `INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, created_at, updated_at, queued_at)
       SELECT $1, 'lambda', 'COMPLETED', 1, 3, $2::timestamptz - i * interval '1 second', $2, $2 FROM generate_series(1, 20000) i`,
      [job.jobId, clock.now().toISOString()],
    );
    await db.query(`INSERT INTO outbox (kind, status, updated_at) SELECT 'invoke', 'done', $1 FROM generate_series(1, 20000)`, [clock.now().toISOString()]);
    await db.query(`INSERT INTO outbox (kind, status) SELECT 'invoke', 'pending' FROM generate_series(1, 20)`);
    await db.query(`ANALYZE`);
    const dayAgo = new Date(clock.now().getTime() - DAY_SECONDS * 1000);
    const retention = await plan((c) => deleteExpiredHistory(c, { olderThan: dayAgo }), /SKIP LOCKED/i);
    const prune = await plan((c) => pruneOutbox(c, dayAgo), /DELETE/i);
    if (process.env.PRINT_PLANS) console.log(`-- retention\n${retention}\n-- prune\n${prune}`);
    expect(retention).toContain("tasks_created_idx");
    expect(prune).toContain("outbox_done_idx");
    for (const p of [retention, prune]) expect(p).not.toMatch(/Seq Scan on (tasks|outbox)\b/);
  });
});

describeEachBackend("vacuum settings of the live tables", (backend) => {
  it("tasks and outbox always clean their indexes and are vacuumed at 1 % dead rows, not 20 %", async () => {
    const db = await backend.open();
    try {
      const rows = await db.query<{ relname: string; reloptions: string[] }>(
        `SELECT relname, reloptions FROM pg_class WHERE relname IN ('tasks', 'outbox') AND relkind = 'r' ORDER BY relname`,
      );
      expect(rows.map((r) => [r.relname, [...r.reloptions].sort()])).toEqual(
        ["outbox", "tasks"].map((t) => [t, ["autovacuum_analyze_scale_factor=0.02", "autovacuum_vacuum_scale_factor=0.01", "vacuum_index_cleanup=on"]]),
      );
    } finally {
      await db.close();
    }
  });
});

it("deletes from every table that references tasks, as the schema says", () => {
  expect(TASK_CHILDREN.map((c) => `${getTableName(c.table)}.${c.name}`).sort()).toEqual(
    CHILD_TABLES.map(([table, column]) => `${table}.${column}`).sort(),
  );
});
