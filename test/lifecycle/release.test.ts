// Releasing attempts the Dispatcher interrupted at shutdown (src/lifecycle/release.ts): the task
// is QUEUED again, the attempt ends `released`, and the retry budget is untouched.
import { expect, it } from "vitest";
import { acquireTasks, cancelTask, completeTask, createTask, getTask, heartbeat, reapExpired, releaseAttempts, type LifecycleContext } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

const REASON = "released: the Dispatcher stopped while the attempt ran";

describeEachBackend("release at shutdown", (backend) => {
  let ctx: LifecycleContext;
  let clock: ManualClock;
  useLifecycle(backend, (_db, c, k) => {
    ctx = c;
    clock = k;
  });

  async function running(overrides: Parameters<typeof makeJob>[1] = {}) {
    const job = await makeJob(ctx, { leaseTtlSeconds: 60, timeoutSeconds: 600, maxAttempts: 1, ...overrides });
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error(created.reason);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!lease) throw new Error("not acquired");
    return lease;
  }

  it("re-queues the task as the next attempt without spending the budget", async () => {
    const lease = await running();
    expect(await releaseAttempts(ctx, [lease], REASON)).toEqual([{ taskId: lease.taskId, releasedAttempt: 1 }]);
    const released = await getTask(ctx, lease.taskId);
    expect(released?.task).toMatchObject({ state: "QUEUED", attempt: 2, maxAttempts: 2, leaseToken: null, lastError: REASON });
    expect(released?.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, "released"]]);

    // The killed runner's late calls are fenced off.
    expect(await heartbeat(ctx, lease)).toMatchObject({ ok: false });
    // The one real attempt the job allows still runs, and its failure is final: the release
    // gave the attempt back, it did not add a retry.
    const [again] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    expect(again).toMatchObject({ taskId: lease.taskId, attempt: 2 });
    if (!again) throw new Error("not re-acquired");
    expect(await completeTask(ctx, { ...again, status: "FAILED", errorMessage: "boom", retryable: true })).toMatchObject({ ok: true, state: "FAILED", nextRetryAt: null });
  });

  it("without a release the reaper spends the attempt (what shutdown used to do)", async () => {
    const lease = await running();
    clock.advance(61);
    expect(await reapExpired(ctx, { limit: 10 })).toMatchObject([{ taskId: lease.taskId, state: "FAILED", nextRetryAt: null }]);
    expect((await getTask(ctx, lease.taskId))?.attempts.map((a) => a.outcome)).toEqual(["timed_out"]);
  });

  it("releases nothing the fence does not match: wrong token, ended attempt, cancel requested", async () => {
    const wrongToken = await running();
    expect(await releaseAttempts(ctx, [{ ...wrongToken, leaseToken: crypto.randomUUID() }], REASON)).toEqual([]);
    expect((await getTask(ctx, wrongToken.taskId))?.task).toMatchObject({ state: "RUNNING", attempt: 1 });

    const completed = await running();
    await completeTask(ctx, { ...completed, status: "COMPLETED" });
    expect(await releaseAttempts(ctx, [completed], REASON)).toEqual([]);
    expect((await getTask(ctx, completed.taskId))?.task.state).toBe("COMPLETED");

    const canceling = await running();
    await cancelTask(ctx, canceling.taskId, "stop");
    expect(await releaseAttempts(ctx, [canceling], REASON)).toEqual([]);
    expect((await getTask(ctx, canceling.taskId))?.task).toMatchObject({ state: "RUNNING", cancelRequested: true });
  });
});
