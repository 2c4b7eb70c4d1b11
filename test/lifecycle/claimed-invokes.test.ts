// Invoke rows written already claimed by the acquiring process (acquireTasks' claimInvokesFor):
// the lease comes back with its claimed row, no other drain can take the row while the claim
// holds, and once it lapses (the acquiring process died) any drain delivers it, as after a claim.
import { expect, it } from "vitest";
import { acquireTasks, claimOutbox, createTask } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { lifecycleSuite, makeJob } from "../support/lifecycle.js";

describeEachBackend("invoke rows claimed at acquisition", (backend) => {
  const suite = lifecycleSuite(backend);

  it.each([
    ["an uncapped job", 0],
    ["a capped job", 5],
  ])("come back with the leases of %s and stay hidden from other drains until the claim lapses", async (_, maxConcurrency) => {
    const { db, ctx, clock } = suite;
    const job = await makeJob(ctx, { maxConcurrency });
    for (let i = 0; i < 3; i++) await createTask(ctx, { jobId: job.jobId });
    const leases = await acquireTasks(ctx, { limit: 3, workerId: "w", claimInvokesFor: 5 });
    expect(leases).toHaveLength(3);
    const until = new Date(clock.now().getTime() + 5000);
    for (const lease of leases) {
      expect(lease.invoke).toMatchObject({ kind: "invoke", taskId: lease.taskId, attempt: lease.attempt, status: "pending", claimedUntil: until });
      expect(lease.invoke?.payload).toEqual({ task_id: lease.taskId, attempt: lease.attempt });
    }
    const stored = await db.query(`SELECT id, task_id, claimed_until, next_attempt_at FROM outbox WHERE kind = 'invoke' ORDER BY id`);
    expect(stored.map((r) => Number(r.id)).sort()).toEqual(leases.map((l) => l.invoke?.id).sort());
    expect(await claimOutbox(ctx, { kinds: ["invoke"], limit: 10 })).toEqual([]);
    clock.advance(5);
    const reclaimed = await claimOutbox(ctx, { kinds: ["invoke"], limit: 10 });
    expect(reclaimed.map((r) => r.taskId).sort()).toEqual(leases.map((l) => l.taskId).sort());
  });

  it("are not claimed unless asked: any drain takes them at once", async () => {
    const { ctx } = suite;
    const job = await makeJob(ctx);
    await createTask(ctx, { jobId: job.jobId });
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w" });
    expect(lease?.invoke).toBeUndefined();
    expect((await claimOutbox(ctx, { kinds: ["invoke"], limit: 10 })).map((r) => r.taskId)).toEqual([lease?.taskId]);
  });
});
