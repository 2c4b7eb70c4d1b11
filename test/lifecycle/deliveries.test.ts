// CONTRACT §3, "one delivery, and only one, may act for an attempt": the first fenced call binds
// the attempt to its delivery id; any other delivery is refused duplicate_delivery and changes
// nothing. Each scenario asserts the original delivery's outcome is unchanged.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  acquireTasks,
  checkFence,
  completeTask,
  createTask,
  heartbeat,
  publishBuffer,
  reapExpired,
  recordEvents,
  requeueDueRetries,
  type DatasetEvent,
  type Fence,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";
const V1 = "22222222-2222-4222-8222-222222222222";
const event: DatasetEvent = { datasetUuid: DS, datasetVersion: V1, cursor: 1n };

describeEachBackend("deliveries", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  /** One RUNNING attempt (max_attempts 1 unless overridden) and two deliveries of its event. */
  async function running(overrides: Parameters<typeof makeJob>[1] = {}) {
    const job = await makeJob(ctx, { leaseTtlSeconds: 6, timeoutSeconds: 600, maxAttempts: 1, retryBaseSeconds: 1, ...overrides });
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error(created.reason);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "lambda:runner" });
    if (!lease) throw new Error("not acquired");
    const fence: Fence = { taskId: lease.taskId, attempt: lease.attempt, leaseToken: lease.leaseToken };
    return { fence, original: { ...fence, deliveryId: randomUUID() }, duplicate: { ...fence, deliveryId: randomUUID() } };
  }

  const taskRow = async (taskId: string) =>
    (await db.query(`SELECT state, attempt, lease_expires_at, delivery_id, last_error FROM tasks WHERE task_id = $1`, [taskId]))[0];
  const attemptRows = async (taskId: string) =>
    db.query(`SELECT attempt, outcome, error, delivery_id FROM task_attempts WHERE task_id = $1 ORDER BY attempt`, [taskId]);
  const count = async (table: string, taskId: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE ${table === "task_events" ? "producer_task_id" : "task_id"} = $1`, [taskId]))[0]?.n);

  /** Every task-scoped call a duplicate could make, each expected to be refused with `reason`. */
  async function expectEveryCallRefused(fence: Fence, reason: string) {
    expect(await heartbeat(ctx, fence)).toMatchObject({ ok: false, reason });
    expect(await recordEvents(ctx, { ...fence, events: [event] })).toMatchObject({ ok: false, reason });
    expect(
      await publishBuffer(ctx, { ...fence, batchUri: "s3://b/p/dup.parquet", contentType: "application/octet-stream", batchSizeBytes: 1, dedupeScope: "s" }),
    ).toMatchObject({ ok: false, reason });
    expect(await checkFence(ctx, fence)).toBe(reason);
    expect(await completeTask(ctx, { ...fence, status: "FAILED", errorMessage: "bundle_download_failed: 403", retryable: true })).toMatchObject({ ok: false, reason });
    expect(await completeTask(ctx, { ...fence, status: "COMPLETED" })).toMatchObject({ ok: false, reason });
  }

  it("the first call binds the attempt; every call of another delivery is refused and changes nothing", async () => {
    const { original, duplicate } = await running();
    const beat = await heartbeat(ctx, original);
    expect(beat.ok).toBe(true);
    expect((await taskRow(original.taskId))?.delivery_id).toBe(original.deliveryId);
    const before = await taskRow(original.taskId);

    await expectEveryCallRefused(duplicate, "duplicate_delivery");
    // A caller without a delivery id is not the bound delivery either.
    await expectEveryCallRefused({ ...duplicate, deliveryId: "" }, "duplicate_delivery");

    expect(await taskRow(original.taskId)).toEqual(before);
    expect(await count("task_events", original.taskId)).toBe(0);
    expect(await count("buffer_publishes", original.taskId)).toBe(0);
    // The bound delivery goes on as if nothing happened.
    expect(await recordEvents(ctx, { ...original, events: [event] })).toMatchObject({ ok: true, accepted: 1 });
    expect(await checkFence(ctx, original)).toBeNull();
    expect(await completeTask(ctx, { ...original, status: "COMPLETED" })).toMatchObject({ ok: true, duplicate: false, state: "COMPLETED" });
    expect(await attemptRows(original.taskId)).toEqual([{ attempt: 1, outcome: "completed", error: null, delivery_id: original.deliveryId }]);
  });

  it("any fenced call can be the binding one (events, buffer publish, credentials, completion)", async () => {
    for (const bind of ["events", "buffer", "credentials", "complete"] as const) {
      const { original, duplicate } = await running();
      if (bind === "events") expect((await recordEvents(ctx, { ...original, events: [] })).ok).toBe(true);
      if (bind === "buffer")
        expect((await publishBuffer(ctx, { ...original, batchUri: "s3://b/p/1", contentType: "x", batchSizeBytes: 1, dedupeScope: "s" })).ok).toBe(true);
      if (bind === "credentials") expect(await checkFence(ctx, original)).toBeNull();
      if (bind === "complete") expect((await completeTask(ctx, { ...original, status: "COMPLETED" })).ok).toBe(true);
      expect((await taskRow(original.taskId))?.delivery_id).toBe(original.deliveryId);
      expect(await heartbeat(ctx, duplicate)).toMatchObject({ ok: false, reason: "duplicate_delivery" });
    }
  });

  it("concurrent duplicate: of two deliveries racing to bind, exactly one acts", async () => {
    for (let round = 0; round < 10; round++) {
      const { original, duplicate } = await running();
      const [a, b] = await Promise.all([heartbeat(ctx, original), heartbeat(ctx, duplicate)]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      const [winner, loser] = a.ok ? [original, duplicate] : [duplicate, original];
      expect(a.ok ? b : a).toMatchObject({ ok: false, reason: "duplicate_delivery" });
      // The loser's crash report and the winner's success race too: only the winner's lands.
      const [lost, won] = await Promise.all([
        completeTask(ctx, { ...loser, status: "FAILED", errorMessage: "entrypoint_crashed: exit code 1", retryable: true }),
        completeTask(ctx, { ...winner, status: "COMPLETED" }),
      ]);
      expect(lost).toMatchObject({ ok: false, reason: "duplicate_delivery" });
      expect(won).toMatchObject({ ok: true, duplicate: false, state: "COMPLETED" });
      expect((await taskRow(winner.taskId))?.state).toBe("COMPLETED");
    }
  });

  it("late duplicate after the original's first lease (and its bundle URL) expired: refused, the original completes", async () => {
    const { original, duplicate } = await running();
    const first = await heartbeat(ctx, original);
    if (!first.ok) throw new Error(first.reason);
    // The original keeps its lease alive past the first expiry, as a healthy runner does.
    for (let i = 0; i < 3; i++) {
      clock.advance(4);
      expect((await heartbeat(ctx, original)).ok).toBe(true);
    }
    expect(clock.now().getTime()).toBeGreaterThan(first.leaseExpiresAt.getTime());
    await expectEveryCallRefused(duplicate, "duplicate_delivery");
    expect(await reapExpired(ctx, { limit: 10 })).toEqual([]);
    expect(await completeTask(ctx, { ...original, status: "COMPLETED" })).toMatchObject({ ok: true, state: "COMPLETED" });
    expect(await taskRow(original.taskId)).toMatchObject({ state: "COMPLETED", last_error: null });
  });

  it("duplicate after completion: refused duplicate_delivery, even with the identical completion; the outcome stays", async () => {
    const { original, duplicate } = await running();
    expect((await heartbeat(ctx, original)).ok).toBe(true);
    expect(await completeTask(ctx, { ...original, status: "COMPLETED" })).toMatchObject({ ok: true, duplicate: false });
    await expectEveryCallRefused(duplicate, "duplicate_delivery");
    // The original's own repeat is still an idempotent duplicate.
    expect(await completeTask(ctx, { ...original, status: "COMPLETED" })).toMatchObject({ ok: true, duplicate: true });
    expect(await taskRow(original.taskId)).toMatchObject({ state: "COMPLETED", delivery_id: original.deliveryId });
    expect(await attemptRows(original.taskId)).toEqual([{ attempt: 1, outcome: "completed", error: null, delivery_id: original.deliveryId }]);
  });

  it("duplicate after a newer attempt: stale_attempt for the old fence; the new attempt binds its own delivery", async () => {
    const { original, duplicate } = await running({ maxAttempts: 2 });
    expect((await heartbeat(ctx, original)).ok).toBe(true);
    // The bound runner dies: the reaper times the attempt out (as today) and records who it was.
    clock.advance(7);
    expect(await reapExpired(ctx, { limit: 10 })).toHaveLength(1);
    clock.advance(5);
    expect(await requeueDueRetries(ctx, { limit: 10 })).toHaveLength(1);
    const [lease2] = await acquireTasks(ctx, { limit: 1, workerId: "lambda:runner" });
    if (!lease2) throw new Error("attempt 2 not acquired");
    expect((await taskRow(original.taskId))?.delivery_id).toBeNull();
    const second = { taskId: lease2.taskId, attempt: 2, leaseToken: lease2.leaseToken, deliveryId: randomUUID() };
    expect((await heartbeat(ctx, second)).ok).toBe(true);

    await expectEveryCallRefused(duplicate, "stale_attempt");
    await expectEveryCallRefused(original, "stale_attempt");
    await expectEveryCallRefused({ ...second, deliveryId: randomUUID() }, "duplicate_delivery");
    expect(await completeTask(ctx, { ...second, status: "COMPLETED" })).toMatchObject({ ok: true, state: "COMPLETED" });
    expect(await attemptRows(original.taskId)).toEqual([
      { attempt: 1, outcome: "timed_out", error: "lease expired", delivery_id: original.deliveryId },
      { attempt: 2, outcome: "completed", error: null, delivery_id: second.deliveryId },
    ]);
  });

  it("a late completion after the reap is the bound delivery's alone", async () => {
    const { original, duplicate } = await running({ maxAttempts: 1 });
    expect((await heartbeat(ctx, original)).ok).toBe(true);
    clock.advance(7);
    expect(await reapExpired(ctx, { limit: 10 })).toHaveLength(1);
    expect(await completeTask(ctx, { ...duplicate, status: "FAILED", errorMessage: "x", retryable: false })).toMatchObject({
      ok: false,
      reason: "duplicate_delivery",
    });
    expect(await completeTask(ctx, { ...original, status: "COMPLETED" })).toMatchObject({ ok: true, state: "COMPLETED" });
  });

  it("calls without a delivery id work while nothing is bound, and bind nothing", async () => {
    const { fence, duplicate } = await running();
    expect((await heartbeat(ctx, fence)).ok).toBe(true);
    expect((await recordEvents(ctx, { ...fence, events: [event] })).ok).toBe(true);
    expect(await checkFence(ctx, fence)).toBeNull();
    expect((await taskRow(fence.taskId))?.delivery_id).toBeNull();
    expect((await heartbeat(ctx, duplicate)).ok).toBe(true);
    expect(await heartbeat(ctx, fence)).toMatchObject({ ok: false, reason: "duplicate_delivery" });
  });

  describe("refusal order", () => {
    it("a wrong lease token is lease_mismatch whatever the delivery", async () => {
      const { original, duplicate } = await running();
      expect((await heartbeat(ctx, original)).ok).toBe(true);
      expect(await heartbeat(ctx, { ...duplicate, leaseToken: randomUUID() })).toMatchObject({ ok: false, reason: "lease_mismatch" });
    });
  });
});
