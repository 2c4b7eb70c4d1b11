// Every transition and every refusal of CONTRACT §2/§4, on PGlite and (when available) Postgres.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  MAX_TASK_PAYLOAD_BYTES,
  acquireTasks,
  cancelTask,
  claimTask,
  completeTask,
  createCompletionBatcher,
  createTask,
  failInvoke,
  getTask,
  heartbeat,
  loadInvocation,
  publishBuffer,
  reapExpired,
  recordEvents,
  requeueDueRetries,
  routeEvent,
  type DatasetEvent,
  type Lease,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { describeEachBackend, truncateAll } from "../support/databases.js";
import { makeJob, ManualClock, testContext, useLifecycle } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";
const V1 = "22222222-2222-4222-8222-222222222222";
const V2 = "33333333-3333-4333-8333-333333333333";
const cursorEvent = (cursor: bigint, version = V1): DatasetEvent => ({ datasetUuid: DS, datasetVersion: version, cursor });

describeEachBackend("lifecycle transitions", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params))[0]?.n);

  async function queuedTask(overrides: Parameters<typeof makeJob>[1] = {}) {
    const job = await makeJob(ctx, { leaseTtlSeconds: 60, timeoutSeconds: 600, retryBaseSeconds: 10, ...overrides });
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error(created.reason);
    return { job, task: created.task };
  }

  async function runningTask(overrides: Parameters<typeof makeJob>[1] = {}) {
    const { job, task } = await queuedTask(overrides);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!lease || lease.taskId !== task.taskId) throw new Error("not acquired");
    return { job, task, lease };
  }

  describe("create", () => {
    it("queues attempt 1 and is idempotent on (job, dedupe_key)", async () => {
      const job = await makeJob(ctx);
      const other = await makeJob(ctx);
      const a = await createTask(ctx, { jobId: job.jobId, dedupeKey: "k", inputs: [cursorEvent(7n)] });
      const b = await createTask(ctx, { jobId: job.jobId, dedupeKey: "k" });
      const c = await createTask(ctx, { jobId: other.jobId, dedupeKey: "k" });
      const d = await createTask(ctx, { jobId: job.jobId });
      expect(a.ok && a.created && a.task.state === "QUEUED" && a.task.attempt === 1).toBe(true);
      expect(a.ok && a.task.inputs).toEqual([cursorEvent(7n)]);
      expect(b.ok && !b.created && a.ok && b.task.taskId === a.task.taskId).toBe(true);
      expect(c.ok && c.created && a.ok && c.task.taskId !== a.task.taskId).toBe(true);
      expect(d.ok && d.created).toBe(true);
      expect(await count(`SELECT count(*) AS n FROM tasks`)).toBe(3);
    });

    it("writes a wakeup outbox row for worker runtime only", async () => {
      const worker = await makeJob(ctx, { runtime: "worker" });
      const lambda = await makeJob(ctx);
      await createTask(ctx, { jobId: worker.jobId });
      await createTask(ctx, { jobId: lambda.jobId });
      const rows = await db.query(`SELECT kind, payload FROM outbox`);
      expect(rows.map((r) => r.kind)).toEqual(["wakeup"]);
      expect(Object.keys(rows[0]?.payload as object).sort()).toEqual(["attempt", "task_id"]);
    });

    it("refuses unknown jobs, malformed events and oversized payloads", async () => {
      expect(await createTask(ctx, { jobId: randomUUID() })).toMatchObject({ ok: false, reason: "not_found" });
      const job = await makeJob(ctx);
      const bad = await createTask(ctx, { jobId: job.jobId, inputs: [{ datasetUuid: DS, datasetVersion: V1 }] });
      expect(bad).toMatchObject({ ok: false, reason: "invalid_argument" });
      const partition = { datasetUuid: DS, datasetVersion: V1, partitionKey: "0-10", start: 0n, end: 10n };
      expect((await createTask(ctx, { jobId: job.jobId, inputs: [partition] })).ok).toBe(true);
      const wrongKey = { ...partition, partitionKey: "0-11" };
      expect(await createTask(ctx, { jobId: job.jobId, inputs: [wrongKey] })).toMatchObject({ reason: "invalid_argument" });
      // A config no task could carry is refused at registration; one that fits alone is refused
      // at task creation once inputs (or params) push it over.
      await expect(makeJob(ctx, { config: { blob: "x".repeat(990_000) } })).rejects.toThrow(/payload_too_large/);
      const big = await makeJob(ctx, { config: { blob: "x".repeat(MAX_TASK_PAYLOAD_BYTES - 20) } });
      expect(await createTask(ctx, { jobId: big.jobId, inputs: [partition] })).toMatchObject({ ok: false, reason: "payload_too_large" });
      expect(await createTask(ctx, { jobId: big.jobId, params: { p: "x".repeat(20) } })).toMatchObject({ ok: false, reason: "payload_too_large" });
      expect(await count(`SELECT count(*) AS n FROM tasks WHERE job_id = $1`, [big.jobId])).toBe(0);
    });
  });

  describe("acquire", () => {
    it("leases QUEUED lambda tasks with an attempt row and an invoke row holding no token", async () => {
      const { task } = await queuedTask();
      const worker = await makeJob(ctx, { runtime: "worker" });
      await createTask(ctx, { jobId: worker.jobId });
      const leases = await acquireTasks(ctx, { limit: 10, workerId: "lambda:runner" });
      expect(leases).toHaveLength(1);
      const lease = leases[0] as Lease;
      expect(lease).toMatchObject({ taskId: task.taskId, attempt: 1, runtime: "lambda" });
      expect(lease.leaseExpiresAt.getTime()).toBe(clock.now().getTime() + 60_000);
      const got = await getTask(ctx, task.taskId);
      expect(got?.task).toMatchObject({ state: "RUNNING", leaseToken: lease.leaseToken, workerId: "lambda:runner" });
      expect(got?.attempts).toMatchObject([{ attempt: 1, workerId: "lambda:runner", outcome: null }]);
      const outbox = await db.query(`SELECT kind, payload, task_id, attempt FROM outbox WHERE kind = 'invoke'`);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ kind: "invoke", task_id: task.taskId, attempt: 1 });
      expect(JSON.stringify(outbox[0]?.payload)).not.toContain(lease.leaseToken);
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w" })).toEqual([]);
    });

    it("stops leasing while too many invokes are undelivered (backpressure)", async () => {
      const job = await makeJob(ctx);
      for (let i = 0; i < 5; i++) await createTask(ctx, { jobId: job.jobId });
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w", maxPendingInvokes: 2 })).toHaveLength(2);
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w", maxPendingInvokes: 2 })).toHaveLength(0);
      await db.query(`UPDATE outbox SET status = 'done'`);
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w", maxPendingInvokes: 2 })).toHaveLength(2);
    });

    it("caps leases at the job's timeout", async () => {
      await queuedTask({ leaseTtlSeconds: 120, timeoutSeconds: 30 });
      const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w" });
      expect(lease?.leaseExpiresAt.getTime()).toBe(clock.now().getTime() + 30_000);
    });

    it("honours max_concurrency", async () => {
      const job = await makeJob(ctx, { maxConcurrency: 2 });
      for (let i = 0; i < 5; i++) await createTask(ctx, { jobId: job.jobId });
      const free = await makeJob(ctx);
      await createTask(ctx, { jobId: free.jobId });
      const first = await acquireTasks(ctx, { limit: 10, workerId: "w" });
      expect(first.filter((l) => l.jobId === job.jobId)).toHaveLength(2);
      expect(first.filter((l) => l.jobId === free.jobId)).toHaveLength(1);
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w" })).toEqual([]);
      const done = first.find((l) => l.jobId === job.jobId) as Lease;
      await completeTask(ctx, { ...done, status: "COMPLETED" });
      expect(await acquireTasks(ctx, { limit: 10, workerId: "w" })).toHaveLength(1);
    });

    it("never starts a lease before the task's last change (a stale clock reading leases nothing)", async () => {
      const { lease } = await runningTask();
      clock.advance(30);
      await completeTask(ctx, { ...lease, status: "FAILED", retryable: true, errorMessage: "boom" });
      clock.advance(3600);
      await requeueDueRetries(ctx, { limit: 10 });
      // Another process whose `now` was read before that requeue (a statement that waited in a
      // reconnecting pool, or a process paused in between): its lease would start in the past,
      // before attempt 1 ended, and be born expired.
      const stale = testContext(db, new ManualClock(clock.now().getTime() - 60_000));
      expect(await acquireTasks(stale, { limit: 10, workerId: "stale" })).toEqual([]);
      expect(await count(`SELECT count(*) AS n FROM tasks WHERE task_id = $1 AND state = 'QUEUED'`, [lease.taskId])).toBe(1);
      const [fresh] = await acquireTasks(ctx, { limit: 10, workerId: "fresh" });
      expect(fresh).toMatchObject({ taskId: lease.taskId, attempt: 2 });
      const [first, second] = await db.query<{ started_at: Date; ended_at: Date | null }>(
        `SELECT started_at, ended_at FROM task_attempts WHERE task_id = $1 ORDER BY attempt`,
        [lease.taskId],
      );
      expect(new Date(second!.started_at).getTime()).toBeGreaterThanOrEqual(new Date(first!.ended_at!).getTime());
    });

    it("mints a fresh lease token for every acquisition", async () => {
      const { lease } = await runningTask();
      await completeTask(ctx, { ...lease, status: "FAILED", retryable: true, errorMessage: "boom" });
      clock.advance(3600);
      await requeueDueRetries(ctx, { limit: 10 });
      const [again] = await acquireTasks(ctx, { limit: 1, workerId: "w" });
      expect(again).toMatchObject({ taskId: lease.taskId, attempt: 2 });
      expect(again?.leaseToken).not.toBe(lease.leaseToken);
    });
  });

  describe("worker claim", () => {
    it("leases a queued task once; later claims say why not", async () => {
      const job = await makeJob(ctx, { runtime: "worker" });
      const created = await createTask(ctx, { jobId: job.jobId });
      if (!created.ok) throw new Error("create");
      const id = created.task.taskId;
      const won = await claimTask(ctx, { taskId: id, workerId: "ecs-1" });
      expect(won).toMatchObject({ claimed: true, lease: { attempt: 1, taskId: id }, task: { state: "RUNNING", workerId: "ecs-1" } });
      expect(await claimTask(ctx, { taskId: id, workerId: "ecs-2" })).toEqual({ claimed: false, reason: "ALREADY_RUNNING" });
      expect(await claimTask(ctx, { taskId: randomUUID(), workerId: "x" })).toEqual({ claimed: false, reason: "NOT_FOUND" });
      expect(await claimTask(ctx, { taskId: "nope", workerId: "x" })).toEqual({ claimed: false, reason: "NOT_FOUND" });
      if (!won.claimed) throw new Error("claim");
      await completeTask(ctx, { ...won.lease, status: "COMPLETED" });
      expect(await claimTask(ctx, { taskId: id, workerId: "x" })).toEqual({ claimed: false, reason: "COMPLETED" });
      const other = await createTask(ctx, { jobId: job.jobId });
      if (!other.ok) throw new Error("create");
      await cancelTask(ctx, other.task.taskId);
      expect(await claimTask(ctx, { taskId: other.task.taskId, workerId: "x" })).toEqual({ claimed: false, reason: "CANCELED" });
    });

    it("lets exactly one of many concurrent claims win", async () => {
      const job = await makeJob(ctx, { runtime: "worker" });
      const created = await createTask(ctx, { jobId: job.jobId });
      if (!created.ok) throw new Error("create");
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => claimTask(ctx, { taskId: created.task.taskId, workerId: `w${i}` })),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      expect(claims.filter((c) => !c.claimed && c.reason === "ALREADY_RUNNING")).toHaveLength(7);
      expect(await count(`SELECT count(*) AS n FROM task_attempts`)).toBe(1);
    });

    // A Dispatcher that read its clock, was paused, and runs the claim after another process
    // claimed, failed and re-queued the task (what the chaos audit caught): attempt 2 must not start
    // before attempt 1 ended, nor carry a lease born expired. The worker still gets its task.
    describe.each([
      ["an uncapped job", 0],
      ["a capped job", 2],
    ])("whose clock reading predates the task's last change, for %s", (_, maxConcurrency) => {
      async function requeuedAfterAttempt1() {
        const job = await makeJob(ctx, { runtime: "worker", maxConcurrency, leaseTtlSeconds: 60, timeoutSeconds: 600, retryBaseSeconds: 10 });
        const created = await createTask(ctx, { jobId: job.jobId });
        if (!created.ok) throw new Error("create");
        const first = await claimTask(ctx, { taskId: created.task.taskId, workerId: "w1" });
        if (!first.claimed) throw new Error("claim");
        clock.advance(30);
        await completeTask(ctx, { ...first.lease, status: "FAILED", retryable: true, errorMessage: "boom" });
        clock.advance(3600);
        await requeueDueRetries(ctx, { limit: 10 });
        return created.task.taskId;
      }

      async function attemptTimes(taskId: string) {
        return db.query<{ started_at: Date; ended_at: Date | null }>(`SELECT started_at, ended_at FROM task_attempts WHERE task_id = $1 ORDER BY attempt`, [taskId]);
      }

      it("claims with a fresh reading", async () => {
        const taskId = await requeuedAfterAttempt1();
        const readings = [new Date(clock.now().getTime() - 60_000), clock.now()];
        const paused = testContext(db, { now: () => readings.shift() ?? clock.now() });
        const won = await claimTask(paused, { taskId, workerId: "paused" });
        expect(won).toMatchObject({ claimed: true, lease: { attempt: 2, leaseExpiresAt: new Date(clock.now().getTime() + 60_000) } });
        const [first, second] = await attemptTimes(taskId);
        expect(new Date(second!.started_at)).toEqual(clock.now());
        expect(new Date(second!.started_at).getTime()).toBeGreaterThanOrEqual(new Date(first!.ended_at!).getTime());
      });

      it("starts no earlier than the last change when every reading is behind it (another process's clock runs ahead)", async () => {
        const taskId = await requeuedAfterAttempt1();
        const [requeued] = await db.query<{ updated_at: Date }>(`SELECT updated_at FROM tasks WHERE task_id = $1`, [taskId]);
        const behind = testContext(db, new ManualClock(clock.now().getTime() - 5));
        const won = await claimTask(behind, { taskId, workerId: "behind" });
        expect(won).toMatchObject({ claimed: true, lease: { attempt: 2 } });
        const [, second] = await attemptTimes(taskId);
        expect(new Date(second!.started_at)).toEqual(new Date(requeued!.updated_at));
        expect(await claimTask(behind, { taskId, workerId: "late" })).toEqual({ claimed: false, reason: "ALREADY_RUNNING" });
      });
    });
  });

  describe("heartbeat", () => {
    it("renews the lease (capped by the timeout) and reports cancel_requested", async () => {
      const { lease } = await runningTask({ leaseTtlSeconds: 60, timeoutSeconds: 100 });
      clock.advance(30);
      expect(await heartbeat(ctx, lease)).toEqual({ ok: true, leaseExpiresAt: new Date(clock.now().getTime() + 60_000), cancelRequested: false });
      clock.advance(50);
      const capped = await heartbeat(ctx, lease);
      expect(capped.ok && capped.leaseExpiresAt.getTime()).toBe(clock.now().getTime() + 20_000);
      await cancelTask(ctx, lease.taskId, "operator");
      expect(await heartbeat(ctx, lease)).toMatchObject({ ok: true, cancelRequested: true });
    });

    it("refuses with not_found, stale_attempt, lease_mismatch, task_finished, canceled", async () => {
      const { lease } = await runningTask();
      expect(await heartbeat(ctx, { ...lease, taskId: randomUUID() })).toEqual({ ok: false, reason: "not_found" });
      expect(await heartbeat(ctx, { ...lease, attempt: 2 })).toEqual({ ok: false, reason: "stale_attempt" });
      expect(await heartbeat(ctx, { ...lease, leaseToken: randomUUID() })).toEqual({ ok: false, reason: "lease_mismatch" });
      expect(await heartbeat(ctx, { ...lease, leaseToken: "not-a-uuid" })).toEqual({ ok: false, reason: "lease_mismatch" });
      await completeTask(ctx, { ...lease, status: "COMPLETED" });
      expect(await heartbeat(ctx, lease)).toEqual({ ok: false, reason: "task_finished" });
      const second = await runningTask();
      await cancelTask(ctx, second.lease.taskId);
      await completeTask(ctx, { ...second.lease, status: "CANCELED" });
      expect(await heartbeat(ctx, second.lease)).toEqual({ ok: false, reason: "canceled" });
    });
  });

  describe("complete", () => {
    const published = (makeCurrent: boolean, version = V1) => [{ datasetUuid: DS, datasetVersion: version, makeCurrent }];

    it("COMPLETED records outputs, events, published versions and route rows; clears the lease", async () => {
      const { lease } = await runningTask();
      const result = await completeTask(ctx, {
        ...lease,
        status: "COMPLETED",
        events: [cursorEvent(1n), cursorEvent(2n), cursorEvent(1n)],
        outputs: [{ name: "rows", value: { n: 3 } }],
        datasetsPublished: published(true),
      });
      expect(result).toMatchObject({ ok: true, duplicate: false, state: "COMPLETED", routedEvents: 2 });
      const got = await getTask(ctx, lease.taskId);
      expect(got?.task).toMatchObject({ state: "COMPLETED", leaseToken: null, leaseExpiresAt: null });
      expect(got?.attempts[0]).toMatchObject({ outcome: "completed", endedAt: clock.now() });
      expect(await db.query(`SELECT name, value FROM task_outputs`)).toEqual([{ name: "rows", value: { n: 3 } }]);
      expect(await db.query(`SELECT current_version FROM datasets WHERE dataset_uuid = $1`, [DS])).toEqual([{ current_version: V1 }]);
      expect(await count(`SELECT count(*) AS n FROM task_events`)).toBe(2);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'route_event'`)).toBe(2);
    });

    it("answers a repeated completion as a duplicate without writing; a different one is refused", async () => {
      const { lease } = await runningTask();
      const completion = { ...lease, status: "COMPLETED" as const, events: [cursorEvent(1n)], datasetsPublished: published(false) };
      await completeTask(ctx, completion);
      const before = await db.query(`SELECT updated_at FROM tasks`);
      const outboxBefore = await count(`SELECT count(*) AS n FROM outbox`);
      clock.advance(5);
      expect(await completeTask(ctx, completion)).toMatchObject({ ok: true, duplicate: true });
      expect(await db.query(`SELECT updated_at FROM tasks`)).toEqual(before);
      expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
      expect(await completeTask(ctx, { ...lease, status: "FAILED", errorMessage: "x" })).toMatchObject({
        ok: false,
        reason: "task_finished",
      });
    });

    it("FAILED retryable schedules a retry with backoff; non-retryable or last attempt is terminal", async () => {
      const a = await runningTask({ retryBaseSeconds: 10, retryMaxSeconds: 600 });
      const r = await completeTask(ctx, { ...a.lease, status: "FAILED", retryable: true, errorMessage: "flaky" });
      // attempt 1: min(600, 10 * 2^0) * uniform(0.5, 1.5) with random() = 0.5 → 10 s
      expect(r).toMatchObject({ ok: true, state: "FAILED", nextRetryAt: new Date(clock.now().getTime() + 10_000) });
      expect((await getTask(ctx, a.lease.taskId))?.task).toMatchObject({ state: "FAILED", lastError: "flaky" });
      await truncateAll(db);
      const b = await runningTask();
      expect(await completeTask(ctx, { ...b.lease, status: "FAILED", retryable: false })).toMatchObject({ state: "FAILED", nextRetryAt: null });
      await truncateAll(db);
      const c = await runningTask({ maxAttempts: 1 });
      expect(await completeTask(ctx, { ...c.lease, status: "FAILED", retryable: true })).toMatchObject({ state: "FAILED", nextRetryAt: null });
    });

    it("CANCELED completes as CANCELED; FAILED after a cancel request does not retry", async () => {
      const a = await runningTask();
      expect(await completeTask(ctx, { ...a.lease, status: "CANCELED" })).toMatchObject({ ok: true, state: "CANCELED" });
      await truncateAll(db);
      const b = await runningTask();
      await cancelTask(ctx, b.lease.taskId);
      expect(await completeTask(ctx, { ...b.lease, status: "FAILED", retryable: true })).toMatchObject({ state: "CANCELED" });
    });

    it("accepts a late completion after reap and after re-queue, until a newer attempt is acquired", async () => {
      const { lease } = await runningTask({ leaseTtlSeconds: 10, retryBaseSeconds: 1 });
      clock.advance(11);
      expect(await reapExpired(ctx, { limit: 10 })).toHaveLength(1);
      expect(await completeTask(ctx, { ...lease, status: "COMPLETED" })).toMatchObject({ ok: true, state: "COMPLETED" });
      const got = await getTask(ctx, lease.taskId);
      expect(got?.attempts).toMatchObject([{ attempt: 1, outcome: "completed" }]);

      await truncateAll(db);
      const second = await runningTask({ leaseTtlSeconds: 10, retryBaseSeconds: 1 });
      clock.advance(11);
      await reapExpired(ctx, { limit: 10 });
      clock.advance(5);
      expect(await requeueDueRetries(ctx, { limit: 10 })).toMatchObject([{ attempt: 2 }]);
      expect(await completeTask(ctx, { ...second.lease, status: "COMPLETED" })).toMatchObject({ ok: true, state: "COMPLETED" });
      expect((await getTask(ctx, second.lease.taskId))?.task).toMatchObject({ state: "COMPLETED", attempt: 1 });

      await truncateAll(db);
      const third = await runningTask({ leaseTtlSeconds: 10, retryBaseSeconds: 1 });
      clock.advance(11);
      await reapExpired(ctx, { limit: 10 });
      clock.advance(5);
      await requeueDueRetries(ctx, { limit: 10 });
      const [newer] = await acquireTasks(ctx, { limit: 1, workerId: "w2" });
      expect(newer?.attempt).toBe(2);
      const outboxBefore = await count(`SELECT count(*) AS n FROM outbox`);
      expect(await completeTask(ctx, { ...third.lease, status: "COMPLETED", events: [cursorEvent(9n)] })).toEqual({
        ok: false,
        reason: "stale_attempt",
      });
      expect(await count(`SELECT count(*) AS n FROM outbox`)).toBe(outboxBefore);
      expect(await count(`SELECT count(*) AS n FROM task_events`)).toBe(0);
      expect((await getTask(ctx, third.lease.taskId))?.task).toMatchObject({ state: "RUNNING", attempt: 2 });
    });

    it("refuses not_found, lease_mismatch, stale_attempt, canceled, invalid_argument", async () => {
      const { lease } = await runningTask();
      expect(await completeTask(ctx, { ...lease, taskId: randomUUID(), status: "COMPLETED" })).toEqual({ ok: false, reason: "not_found" });
      expect(await completeTask(ctx, { ...lease, leaseToken: randomUUID(), status: "COMPLETED" })).toEqual({
        ok: false,
        reason: "lease_mismatch",
      });
      expect(await completeTask(ctx, { ...lease, attempt: 3, status: "COMPLETED" })).toEqual({ ok: false, reason: "stale_attempt" });
      expect(
        await completeTask(ctx, { ...lease, status: "COMPLETED", outputs: [{ name: "a", value: 1 }, { name: "a", value: 2 }] }),
      ).toMatchObject({ ok: false, reason: "invalid_argument" });
      const { lease: reaped } = await runningTask({ leaseTtlSeconds: 5 });
      clock.advance(6);
      await reapExpired(ctx, { limit: 10 });
      await cancelTask(ctx, reaped.taskId);
      expect(await completeTask(ctx, { ...reaped, status: "COMPLETED" })).toEqual({ ok: false, reason: "canceled" });
    });
  });

  describe("events and buffer publishes", () => {
    it("records events deduplicated per producer with one route row per new event", async () => {
      const { lease } = await runningTask();
      expect(await recordEvents(ctx, { ...lease, events: [cursorEvent(1n), cursorEvent(1n)] })).toEqual({
        ok: true,
        accepted: 2,
        inserted: 1,
      });
      expect(await recordEvents(ctx, { ...lease, events: [cursorEvent(1n), cursorEvent(2n)] })).toEqual({
        ok: true,
        accepted: 2,
        inserted: 1,
      });
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'route_event'`)).toBe(2);
      expect(await recordEvents(ctx, { ...lease, leaseToken: randomUUID(), events: [] })).toMatchObject({ reason: "lease_mismatch" });
      await completeTask(ctx, { ...lease, status: "COMPLETED" });
      expect(await recordEvents(ctx, { ...lease, events: [cursorEvent(3n)] })).toEqual({ ok: false, reason: "task_finished" });
    });

    it("publishes a buffer once per (task, attempt, batch_uri)", async () => {
      const { lease } = await runningTask();
      const batch = { ...lease, batchUri: "s3://buf/a/1.parquet", contentType: "application/x", batchSizeBytes: 10, dedupeScope: "s" };
      expect(await publishBuffer(ctx, batch)).toEqual({ ok: true, duplicate: false });
      expect(await publishBuffer(ctx, batch)).toEqual({ ok: true, duplicate: true });
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'buffer_publish'`)).toBe(1);
      expect(await publishBuffer(ctx, { ...batch, leaseToken: randomUUID() })).toMatchObject({ reason: "lease_mismatch" });
      await completeTask(ctx, { ...lease, status: "COMPLETED" });
      expect(await publishBuffer(ctx, batch)).toEqual({ ok: true, duplicate: true });
      expect(await publishBuffer(ctx, { ...batch, batchUri: "s3://buf/a/2.parquet" })).toEqual({ ok: false, reason: "task_finished" });
    });
  });

  describe("routing", () => {
    it("creates consumer tasks idempotently, only for the current version unless all_versions", async () => {
      const { lease } = await runningTask();
      const consumer = await makeJob(ctx, { inputs: [{ datasetUuid: DS }] });
      const auditor = await makeJob(ctx, { runtime: "worker", inputs: [{ datasetUuid: DS, allVersions: true }] });
      await completeTask(ctx, {
        ...lease,
        status: "COMPLETED",
        events: [cursorEvent(5n, V2), cursorEvent(6n, V1)],
        datasetsPublished: [{ datasetUuid: DS, datasetVersion: V1, makeCurrent: true }],
      });
      const events = await db.query(`SELECT id, dataset_version FROM task_events ORDER BY id`);
      const oldVersion = await routeEvent(ctx, Number(events[0]?.id));
      expect(oldVersion).toMatchObject({ ok: true, consumers: 2, routed: 1 });
      const current = await routeEvent(ctx, Number(events[1]?.id));
      expect(current).toMatchObject({ ok: true, consumers: 2, routed: 2 });
      expect(current.ok && current.createdTaskIds).toHaveLength(2);
      const again = await routeEvent(ctx, Number(events[1]?.id));
      expect(again.ok && again.createdTaskIds).toEqual([]);
      const tasks = await db.query(`SELECT job_id, dedupe_key, inputs FROM tasks WHERE job_id IN ($1, $2) ORDER BY dedupe_key`, [
        consumer.jobId,
        auditor.jobId,
      ]);
      expect(tasks.filter((t) => t.job_id === consumer.jobId).map((t) => t.dedupe_key)).toEqual([`evt:${DS}:${V1}:6`]);
      expect(tasks.filter((t) => t.job_id === auditor.jobId).map((t) => t.dedupe_key).sort()).toEqual(
        [`evt:${DS}:${V1}:6`, `evt:${DS}:${V2}:5`].sort(),
      );
      expect(tasks.find((t) => t.job_id === consumer.jobId)?.inputs).toEqual([{ dataset_uuid: DS, dataset_version: V1, cursor: "6" }]);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'wakeup'`)).toBe(2);
      expect(await routeEvent(ctx, 999_999)).toMatchObject({ ok: false, reason: "not_found" });
    });
  });

  describe("reap and retry", () => {
    it("reaps expired leases into retry, terminal or canceled; leaves live ones", async () => {
      const retry = await runningTask({ leaseTtlSeconds: 10, retryBaseSeconds: 20 });
      const last = await runningTask({ leaseTtlSeconds: 10, maxAttempts: 1 });
      const canceled = await runningTask({ leaseTtlSeconds: 10 });
      await cancelTask(ctx, canceled.lease.taskId);
      const live = await runningTask({ leaseTtlSeconds: 100 });
      clock.advance(10);
      expect(await reapExpired(ctx, { limit: 10 })).toEqual([]); // not yet: expiry must be in the past
      clock.advance(1);
      const reaped = await reapExpired(ctx, { limit: 10 });
      const byId = new Map(reaped.map((r) => [r.taskId, r]));
      expect(byId.get(retry.lease.taskId)).toMatchObject({ state: "FAILED", nextRetryAt: new Date(clock.now().getTime() + 20_000) });
      expect(byId.get(last.lease.taskId)).toMatchObject({ state: "FAILED", nextRetryAt: null });
      expect(byId.get(canceled.lease.taskId)).toMatchObject({ state: "CANCELED" });
      expect(byId.has(live.lease.taskId)).toBe(false);
      const attempt = (await getTask(ctx, retry.lease.taskId))?.attempts[0];
      expect(attempt).toMatchObject({ outcome: "timed_out", endedAt: clock.now() });
      expect((await getTask(ctx, retry.lease.taskId))?.task).toMatchObject({ leaseToken: null, leaseExpiresAt: null });
    });

    it("re-queues due retries with attempt + 1 and a wakeup for worker runtime", async () => {
      const lambda = await runningTask({ retryBaseSeconds: 10 });
      await completeTask(ctx, { ...lambda.lease, status: "FAILED", retryable: true });
      const workerJob = await makeJob(ctx, { runtime: "worker", retryBaseSeconds: 100 });
      const created = await createTask(ctx, { jobId: workerJob.jobId });
      if (!created.ok) throw new Error("create");
      const claim = await claimTask(ctx, { taskId: created.task.taskId, workerId: "ecs" });
      if (!claim.claimed) throw new Error("claim");
      await completeTask(ctx, { ...claim.lease, status: "FAILED", retryable: true });
      clock.advance(9);
      expect(await requeueDueRetries(ctx, { limit: 10 })).toEqual([]);
      clock.advance(1);
      expect(await requeueDueRetries(ctx, { limit: 10 })).toEqual([{ taskId: lambda.lease.taskId, attempt: 2, runtime: "lambda" }]);
      clock.advance(100);
      const wakeupsBefore = await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'wakeup'`);
      expect(await requeueDueRetries(ctx, { limit: 10 })).toEqual([{ taskId: claim.lease.taskId, attempt: 2, runtime: "worker" }]);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'wakeup'`)).toBe(wakeupsBefore + 1);
      expect((await getTask(ctx, lambda.lease.taskId))?.task).toMatchObject({ state: "QUEUED", attempt: 2, nextRetryAt: null });
    });
  });

  describe("cancel and invoke failure", () => {
    it("cancels QUEUED and FAILED at once, flags RUNNING, leaves finished tasks", async () => {
      const { task } = await queuedTask();
      expect(await cancelTask(ctx, task.taskId, "no longer needed")).toMatchObject({
        ok: true,
        outcome: "canceled",
        task: { state: "CANCELED", cancelReason: "no longer needed" },
      });
      const failed = await runningTask();
      await completeTask(ctx, { ...failed.lease, status: "FAILED", retryable: true });
      expect(await cancelTask(ctx, failed.lease.taskId)).toMatchObject({ outcome: "canceled", task: { state: "CANCELED", nextRetryAt: null } });
      const running = await runningTask();
      expect(await cancelTask(ctx, running.lease.taskId)).toMatchObject({
        outcome: "cancel_requested",
        task: { state: "RUNNING", cancelRequested: true },
      });
      await completeTask(ctx, { ...running.lease, status: "CANCELED" });
      expect(await cancelTask(ctx, running.lease.taskId)).toMatchObject({ outcome: "already_finished" });
      expect(await cancelTask(ctx, randomUUID())).toEqual({ ok: false, reason: "not_found" });
    });

    it("fails an attempt whose invoke failed definitively, with the retry policy", async () => {
      const { lease } = await runningTask({ retryBaseSeconds: 10 });
      expect(await loadInvocation(ctx, lease)).toMatchObject({ task: { taskId: lease.taskId }, lease: { leaseToken: lease.leaseToken } });
      expect(await failInvoke(ctx, { taskId: lease.taskId, attempt: 2, error: "x" })).toEqual({ ok: false, reason: "stale_attempt" });
      expect(await failInvoke(ctx, { taskId: lease.taskId, attempt: 1, error: "ResourceNotFoundException" })).toMatchObject({
        ok: true,
        state: "FAILED",
        nextRetryAt: new Date(clock.now().getTime() + 10_000),
      });
      expect((await getTask(ctx, lease.taskId))?.attempts[0]).toMatchObject({ outcome: "invoke_failed", error: "ResourceNotFoundException" });
      expect(await loadInvocation(ctx, lease)).toBeNull();
      expect(await failInvoke(ctx, { taskId: lease.taskId, attempt: 1, error: "x" })).toEqual({ ok: false, reason: "task_finished" });
    });
  });
});

describeEachBackend("grouped completions", (backend) => {
  it("completeTasks/createCompletionBatcher give each input its own single-call result", async () => {
    const db = await backend.open();
    await truncateAll(db);
    const clock = new ManualClock();
    const ctx = testContext(db, clock, () => 0.5);
    const job = await makeJob(ctx, { retryBaseSeconds: 10 });
    for (let i = 0; i < 6; i++) await createTask(ctx, { jobId: job.jobId });
    const leases = await acquireTasks(ctx, { limit: 10, workerId: "w" });
    const [a, b, c, d, e, f] = leases as [Lease, Lease, Lease, Lease, Lease, Lease];
    await completeTask(ctx, { ...f, status: "COMPLETED" });
    const batcher = createCompletionBatcher(ctx);
    const results = await Promise.all([
      batcher.complete({ ...a, status: "COMPLETED", events: [cursorEvent(1n)], datasetsPublished: [{ datasetUuid: DS, datasetVersion: V1, makeCurrent: true }] }),
      batcher.complete({ ...b, status: "FAILED", retryable: true, errorMessage: "x" }),
      batcher.complete({ ...c, leaseToken: randomUUID(), status: "COMPLETED" }),
      batcher.complete({ ...d, status: "CANCELED" }),
      batcher.complete({ ...d, status: "CANCELED" }), // same task twice: next round, duplicate
      batcher.complete({ ...e, status: "COMPLETED", datasetsPublished: [{ datasetUuid: DS, datasetVersion: V2, makeCurrent: true }] }),
      batcher.complete({ ...f, status: "COMPLETED" }),
      batcher.complete({ ...a, taskId: randomUUID(), status: "COMPLETED" }),
    ]);
    expect(results).toEqual([
      { ok: true, duplicate: false, state: "COMPLETED", nextRetryAt: null, routedEvents: 1 },
      { ok: true, duplicate: false, state: "FAILED", nextRetryAt: new Date(clock.now().getTime() + 10_000), routedEvents: 0 },
      { ok: false, reason: "lease_mismatch" },
      { ok: true, duplicate: false, state: "CANCELED", nextRetryAt: null, routedEvents: 0 },
      { ok: true, duplicate: true, state: "CANCELED", nextRetryAt: null, routedEvents: 0 },
      { ok: true, duplicate: false, state: "COMPLETED", nextRetryAt: null, routedEvents: 0 },
      { ok: true, duplicate: true, state: "COMPLETED", nextRetryAt: null, routedEvents: 0 },
      { ok: false, reason: "not_found" },
    ]);
    // Two completions made DS current in one batch: the later one wins.
    expect(await db.query(`SELECT current_version FROM datasets`)).toEqual([{ current_version: V2 }]);
    expect((await getTask(ctx, c.taskId))?.task.state).toBe("RUNNING");
  });
});
