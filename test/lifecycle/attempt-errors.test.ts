// Every way an attempt can end unsuccessfully fills task_attempts.error_category and retryable
// (issue 11 §1): as the reporter sent them for completions, written by the Dispatcher for the
// failures it decides itself (reaper, definitive invoke error).
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  acquireTasks,
  cancelTask,
  completeTask,
  completeTasks,
  createTask,
  failInvoke,
  reapExpired,
  type CompleteTaskInput,
  type Lease,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";
const V1 = "22222222-2222-4222-8222-222222222222";

describeEachBackend("attempt error category and retryable", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  async function running(maxAttempts = 3): Promise<Lease> {
    const job = await makeJob(ctx, { leaseTtlSeconds: 60, timeoutSeconds: 600, maxAttempts });
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error(created.reason);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!lease) throw new Error("not acquired");
    return lease;
  }

  const fence = (lease: Lease) => ({ taskId: lease.taskId, attempt: lease.attempt, leaseToken: lease.leaseToken });

  async function attemptRow(lease: Lease) {
    const [row] = await db.query(`SELECT outcome, error, error_category, retryable FROM task_attempts WHERE task_id = $1 AND attempt = $2`, [
      lease.taskId,
      lease.attempt,
    ]);
    return row;
  }

  it("stores an SDK's exception type and its non-retryable flag (plain completion, fast path)", async () => {
    const lease = await running();
    const result = await completeTask(ctx, {
      ...fence(lease),
      status: "FAILED",
      errorMessage: "NonRetryableError: config needs dataset_uuid",
      errorCategory: "NonRetryableError",
      retryable: false,
    });
    expect(result.ok && result.state === "FAILED" && result.nextRetryAt === null).toBe(true);
    expect(await attemptRow(lease)).toMatchObject({
      outcome: "failed",
      error: "NonRetryableError: config needs dataset_uuid",
      error_category: "NonRetryableError",
      retryable: false,
    });
  });

  it("stores the runner's category on the full path (a completion with outputs, batched)", async () => {
    const lease = await running();
    const input: CompleteTaskInput = {
      ...fence(lease),
      status: "FAILED",
      outputs: [{ name: "partial", value: 1 }],
      errorMessage: "entrypoint_crashed: exit code 1: ModuleNotFoundError: No module named 'x'",
      errorCategory: "entrypoint_crashed",
      retryable: true,
    };
    const [result] = await completeTasks(ctx, [input]);
    expect(result?.ok && result.nextRetryAt !== null).toBe(true);
    expect(await attemptRow(lease)).toMatchObject({ outcome: "failed", error_category: "entrypoint_crashed", retryable: true });
  });

  it("a FAILED completion without a category is stored as unspecified", async () => {
    const lease = await running();
    await completeTask(ctx, { ...fence(lease), status: "FAILED", errorMessage: "boom", retryable: true });
    expect(await attemptRow(lease)).toMatchObject({ error_category: "unspecified", retryable: true });
  });

  it("a late completion replaces the reaper's timed_out with the reported failure", async () => {
    const lease = await running();
    clock.advance(61);
    await reapExpired(ctx, { limit: 10 });
    expect(await attemptRow(lease)).toMatchObject({ outcome: "timed_out", error: "lease expired", error_category: "timed_out", retryable: true });
    const late = await completeTask(ctx, { ...fence(lease), status: "FAILED", errorMessage: "ValueError: bad", errorCategory: "ValueError", retryable: false });
    expect(late.ok).toBe(true);
    expect(await attemptRow(lease)).toMatchObject({ outcome: "failed", error_category: "ValueError", retryable: false });
  });

  it("a definitive invoke error is invoke_failed and retryable", async () => {
    const lease = await running();
    await failInvoke(ctx, { taskId: lease.taskId, attempt: lease.attempt, error: "function not found" });
    expect(await attemptRow(lease)).toMatchObject({ outcome: "invoke_failed", error_category: "invoke_failed", retryable: true });
  });

  it("a canceled attempt is recorded as canceled, not retryable", async () => {
    const lease = await running();
    await cancelTask(ctx, lease.taskId, "operator said so");
    const result = await completeTask(ctx, { ...fence(lease), status: "CANCELED" });
    expect(result.ok && result.state === "CANCELED").toBe(true);
    expect(await attemptRow(lease)).toMatchObject({ outcome: "canceled", error_category: "canceled", retryable: false });
  });

  it("a successful attempt records no category", async () => {
    const lease = await running();
    await completeTask(ctx, { ...fence(lease), status: "COMPLETED", events: [{ datasetUuid: DS, datasetVersion: V1, cursor: 1n }] });
    expect(await attemptRow(lease)).toMatchObject({ outcome: "completed", error_category: null, retryable: null });
  });

  it("refuses a malformed category and changes nothing", async () => {
    const lease = await running();
    for (const errorCategory of ["has space", "x".repeat(129), "new\nline"]) {
      const result = await completeTask(ctx, { ...fence(lease), status: "FAILED", errorMessage: "m", errorCategory });
      expect(result).toMatchObject({ ok: false, reason: "invalid_argument" });
    }
    expect(await attemptRow(lease)).toMatchObject({ outcome: null, error_category: null, retryable: null });
  });

  it("the category is part of the completion: a repeat is a duplicate, a different category is task_finished", async () => {
    const lease = await running();
    const input: CompleteTaskInput = { ...fence(lease), status: "FAILED", errorMessage: "E: x", errorCategory: "E", retryable: false };
    expect(await completeTask(ctx, input)).toMatchObject({ ok: true, duplicate: false });
    expect(await completeTask(ctx, input)).toMatchObject({ ok: true, duplicate: true });
    expect(await completeTask(ctx, { ...input, errorCategory: "F" })).toMatchObject({ ok: false, reason: "task_finished" });
  });
});

