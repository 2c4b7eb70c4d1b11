// The dispatcher loops in-process: NOTIFY wake-up (polling intervals set far beyond the test's
// patience, so only a notification can explain progress), routing through the outbox, handler
// retry/fail bookkeeping with its alert counter, reaper + retry scheduler, graceful stop.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { startDispatcher, type Dispatcher } from "../../src/dispatcher/dispatcher.js";
import type { OutboxHandlers } from "../../src/dispatcher/handlers.js";
import { acquireTasks, completeTask, createTask, getTask, loadInvocation, type LifecycleContext } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { MetricsRegistry } from "../../src/metrics/registry.js";
import { describeEachBackend, truncateAll } from "../support/databases.js";
import { recordingDatabase, type RecordedStatement } from "../support/recording-database.js";
import { makeJob, ManualClock, testContext } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";
const V1 = "22222222-2222-4222-8222-222222222222";
const NEVER = 600_000; // polling interval no test waits for

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describeEachBackend("dispatcher loops", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  let dispatcher: Dispatcher | undefined;
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", write: (l) => lines.push(l) });

  beforeEach(async () => {
    db = await backend.open();
    await truncateAll(db);
    ctx = testContext(db, { now: () => new Date() });
    lines.length = 0;
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });

  const start = (handlers: OutboxHandlers, extra: Partial<Parameters<typeof startDispatcher>[0]> = {}) =>
    startDispatcher({
      db,
      logger,
      handlers,
      ...extra,
      options: {
        workerId: "lambda:test",
        acquireIntervalMs: NEVER,
        drainIntervalMs: NEVER,
        reapIntervalMs: NEVER,
        retryIntervalMs: NEVER,
        ...extra.options,
      },
    });

  const completingInvoker = (events = false): OutboxHandlers => ({
    invoke: async (row) => {
      const inv = await loadInvocation(ctx, { taskId: row.taskId ?? "", attempt: row.attempt ?? 0 });
      if (!inv) return "done";
      await completeTask(ctx, {
        taskId: inv.task.taskId,
        attempt: inv.lease.attempt,
        leaseToken: inv.lease.leaseToken,
        status: "COMPLETED",
        events: events && inv.task.inputs.length === 0 ? [{ datasetUuid: DS, datasetVersion: V1, cursor: 1n }] : [],
      });
      return "done";
    },
  });

  it("a second invoke drain sends the next batch while the first waits on a slow send", async () => {
    // Batches of 2: the first batch's sends are held until the test lets them go; the second loop
    // must claim and send the other two tasks meanwhile (with one loop they would wait behind).
    // The four invoke rows are there, unclaimed, before the dispatcher starts (leased by another
    // process, say, that does not drain): its drains find them together, two batches of two.
    const job = await makeJob(ctx);
    for (let i = 0; i < 4; i++) await createTask(ctx, { jobId: job.jobId });
    expect(await acquireTasks(ctx, { limit: 4, workerId: "lambda:elsewhere" })).toHaveLength(4);
    const held: (() => void)[] = [];
    const sent: string[] = [];
    dispatcher = await start(
      {
        invoke: async (row) => {
          sent.push(row.taskId ?? "");
          if (sent.length <= 2) await new Promise<void>((resolve) => held.push(resolve));
          return "done";
        },
      },
      { options: { workerId: "lambda:test", loops: { acquire: false }, drainIntervalMs: 50, reapIntervalMs: NEVER, retryIntervalMs: NEVER, drainBatch: 2 } },
    );
    await eventually(async () => sent.length === 4, "all four invokes sent while the first two are held");
    expect(held).toHaveLength(2);
    for (const release of held) release();
  });

  it("acquires on NOTIFY, invokes, and routes emitted events into consumer tasks", async () => {
    dispatcher = await start(completingInvoker(true));
    const producer = await makeJob(ctx);
    const consumer = await makeJob(ctx, { inputs: [{ datasetUuid: DS }] });
    const created = await createTask(ctx, { jobId: producer.jobId });
    if (!created.ok) throw new Error("create");
    await eventually(async () => (await getTask(ctx, created.task.taskId))?.task.state === "COMPLETED", "producer completed");
    await eventually(async () => {
      const rows = await db.query(`SELECT state FROM tasks WHERE job_id = $1`, [consumer.jobId]);
      return rows.length === 1 && rows[0]?.state === "COMPLETED";
    }, "consumer task created by routing and completed");
    expect(await dispatcher.metrics.counter("dispatcher_tasks_acquired_total", "").get()).toBe(2);
  });

  it("retries a handler's { retry }, parks { fail } with a log line and the alert counter", async () => {
    const metrics = new MetricsRegistry();
    let calls = 0;
    dispatcher = await start(
      {
        wakeup: async (row) => {
          calls++;
          return row.attempt === 1 && calls === 1 ? { retry: "queue unavailable" } : { fail: "definitively broken" };
        },
      },
      { metrics },
    );
    const job = await makeJob(ctx, { runtime: "worker" });
    await createTask(ctx, { jobId: job.jobId });
    await eventually(async () => (await db.query(`SELECT tries FROM outbox WHERE tries = 1`)).length === 1, "first try recorded");
    expect((await db.query(`SELECT status, last_error FROM outbox`))[0]).toEqual({ status: "pending", last_error: "queue unavailable" });
    await db.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second'`);
    dispatcher.wakeAcquire();
    await createTask(ctx, { jobId: job.jobId }); // its NOTIFY wakes the wakeup drain
    await eventually(async () => (await db.query(`SELECT 1 FROM outbox WHERE status = 'failed'`)).length === 2, "rows parked");
    expect(await metrics.counter("dispatcher_outbox_failed_total", "").get({ kind: "wakeup" })).toBe(2);
    expect(await metrics.render()).toContain('dispatcher_outbox_failed_total{kind="wakeup"} 2');
    expect(lines.filter((l) => l.includes('"msg":"outbox row failed"'))).toHaveLength(2);
  });

  it("reaps expired leases and re-queues retries on its own", async () => {
    const clock = new ManualClock(Date.now());
    dispatcher = await start({ invoke: async () => "done" }, { clock, options: { workerId: "w", reapIntervalMs: 20, retryIntervalMs: 20 } });
    const job = await makeJob(ctx, { leaseTtlSeconds: 5, retryBaseSeconds: 1 });
    const created = await createTask({ ...ctx, clock }, { jobId: job.jobId });
    if (!created.ok) throw new Error("create");
    await eventually(async () => (await getTask(ctx, created.task.taskId))?.task.state === "RUNNING", "acquired");
    clock.advance(6);
    await eventually(async () => (await getTask(ctx, created.task.taskId))?.attempts[0]?.outcome === "timed_out", "reaped");
    clock.advance(2);
    await eventually(async () => (await getTask(ctx, created.task.taskId))?.task.attempt === 2, "re-queued and re-acquired");
  });

  it("sends a lease's invoke without claiming it from the outbox: the acquisition wrote it claimed", async () => {
    const statements: RecordedStatement[] = [];
    const sent: string[] = [];
    dispatcher = await start(
      {
        invoke: async (row) => {
          sent.push(row.taskId ?? "");
          return "done";
        },
      },
      { db: recordingDatabase(db, statements) },
    );
    const job = await makeJob(ctx);
    const from = statements.length; // the drains' first look at the outbox, at start, came before
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error("create");
    await eventually(async () => (await db.query(`SELECT status FROM outbox WHERE kind = 'invoke'`))[0]?.status === "done", "invoke delivered");
    expect(sent).toEqual([created.task.taskId]);
    const claims = statements.slice(from).filter((s) => s.text.includes("IN ('invoke')") && s.text.includes("SKIP LOCKED"));
    expect(claims).toEqual([]);
  });

  it("leases no more than maxInvokesInFlight ahead of its own sends, and leases again as they end", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const sent: string[] = [];
    dispatcher = await start(
      {
        invoke: async (row) => {
          sent.push(row.taskId ?? "");
          await gate; // the invoker is busy: its runners are all taken
          return "done";
        },
      },
      { options: { workerId: "lambda:test", maxInvokesInFlight: 3 } },
    );
    const job = await makeJob(ctx);
    for (let i = 0; i < 8; i++) await createTask(ctx, { jobId: job.jobId });
    const running = async () => Number((await db.query(`SELECT count(*) AS n FROM tasks WHERE state = 'RUNNING'`))[0]?.n);
    await eventually(async () => sent.length === 3, "three invokes sent");
    // Every creation notified the acquire loop; none of those wake-ups may lease past the cap.
    await createTask(ctx, { jobId: job.jobId });
    await new Promise((r) => setTimeout(r, 200));
    expect(await running()).toBe(3);
    expect(sent).toHaveLength(3);
    release();
    await eventually(async () => (await running()) === 9 && sent.length === 9, "the rest leased and sent once the sends ended");
  });

  it("counts each send until it ends: one slow invoke does not hold back its batch's room", async () => {
    // The backlog is there before the dispatcher starts, so its first acquisition fills the cap.
    const job = await makeJob(ctx);
    for (let i = 0; i < 8; i++) await createTask(ctx, { jobId: job.jobId });
    const gates = new Map<string, () => void>();
    let open = false; // at the end: every send ends at once, so stop() has nothing to wait for
    dispatcher = await start(
      {
        invoke: (row) =>
          new Promise((resolve) => {
            if (open) resolve("done");
            else gates.set(row.taskId ?? "", () => resolve("done"));
          }),
      },
      { options: { workerId: "lambda:test", maxInvokesInFlight: 4 } },
    );
    await eventually(async () => gates.size === 4, "four invokes sent, as one batch");
    const [first, second] = [...gates.values()];
    first?.();
    second?.(); // two of the four end (room for half the cap: lease again); the other two stay on their way
    await eventually(async () => gates.size === 6, "two more leased and sent while the batch's other two still wait");
    await new Promise((r) => setTimeout(r, 100));
    expect(gates.size).toBe(6);
    open = true;
    for (const release of gates.values()) release();
  });

  it("stop() lets an in-flight delivery finish and then takes no more work", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    dispatcher = await start({
      wakeup: async () => {
        started++;
        await gate;
        return "done";
      },
    });
    const job = await makeJob(ctx, { runtime: "worker" });
    await createTask(ctx, { jobId: job.jobId });
    await eventually(async () => started === 1, "delivery started");
    const stopped = dispatcher.stop();
    release();
    await stopped;
    dispatcher = undefined;
    expect((await db.query(`SELECT status FROM outbox`))[0]).toEqual({ status: "done" });
    await createTask(ctx, { jobId: job.jobId });
    await new Promise((r) => setTimeout(r, 100));
    expect(started).toBe(1);
  });
});
