// Worker claims and the job-level limits (issue 10 §3): max_concurrency holds for claims as it does
// for acquisition, even when claims race each other and the acquire loop; a FAILED task waiting for
// its retry says so (RETRY_PENDING, with next_retry_at); a paused job's tasks are neither claimed
// nor acquired until it is resumed.
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  acquireTasks,
  claimTask,
  completeTask,
  createTask,
  type ClaimTaskResult,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

describeEachBackend("worker claim limits", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  const running = async (jobId: string) => Number((await db.query(`SELECT count(*)::int AS n FROM tasks WHERE job_id = $1 AND state = 'RUNNING'`, [jobId]))[0]?.n);

  async function queue(jobId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const created = await createTask(ctx, { jobId });
      if (!created.ok) throw new Error(created.reason);
      ids.push(created.task.taskId);
    }
    return ids;
  }

  const reasons = (claims: ClaimTaskResult[]) => claims.map((c) => (c.claimed ? "CLAIMED" : c.reason)).sort();

  describe("max_concurrency", () => {
    it("lets concurrent claims of a capped job's tasks lease exactly the cap; the rest answer CONCURRENCY_LIMIT", async () => {
      const job = await makeJob(ctx, { runtime: "worker", maxConcurrency: 3 });
      const ids = await queue(job.jobId, 12);
      const claims = await Promise.all(ids.map((taskId, i) => claimTask(ctx, { taskId, workerId: `w${i}` })));
      expect(reasons(claims)).toEqual([...Array(3).fill("CLAIMED"), ...Array(9).fill("CONCURRENCY_LIMIT")].sort());
      expect(await running(job.jobId)).toBe(3);
      // Refused tasks stay QUEUED with no attempt; a finished attempt makes room for one more claim.
      const refused = ids.filter((_, i) => !claims[i]?.claimed);
      expect(Number((await db.query(`SELECT count(*)::int AS n FROM tasks WHERE state = 'QUEUED'`))[0]?.n)).toBe(9);
      const won = claims.find((c) => c.claimed);
      if (!won?.claimed) throw new Error("no claim won");
      await completeTask(ctx, { ...won.lease, status: "COMPLETED" });
      const again = await Promise.all(refused.map((taskId) => claimTask(ctx, { taskId, workerId: "late" })));
      expect(again.filter((c) => c.claimed)).toHaveLength(1);
      expect(await running(job.jobId)).toBe(3);
    });

    it("never exceeds the cap when claims race the acquire loop on one job", async () => {
      for (let round = 0; round < 5; round++) {
        const job = await makeJob(ctx, { name: `raced_${round}`, runtime: "lambda", maxConcurrency: 2 });
        const ids = await queue(job.jobId, 6);
        const [claims, acquired1, acquired2] = await Promise.all([
          Promise.all(ids.map((taskId, i) => claimTask(ctx, { taskId, workerId: `w${i}` }))),
          acquireTasks(ctx, { limit: 10, workerId: "lambda:a" }),
          acquireTasks(ctx, { limit: 10, workerId: "lambda:b" }),
        ]);
        const leased = claims.filter((c) => c.claimed).length + acquired1.length + acquired2.length;
        expect({ round, leased, running: await running(job.jobId) }).toEqual({ round, leased: 2, running: 2 });
        await db.query(`UPDATE tasks SET state = 'CANCELED', lease_token = NULL, lease_expires_at = NULL WHERE job_id = $1`, [job.jobId]);
      }
    });
  });

  describe("a FAILED task", () => {
    it("waiting for its retry answers RETRY_PENDING with next_retry_at; a dead one answers COMPLETED", async () => {
      const job = await makeJob(ctx, { runtime: "worker", maxAttempts: 2, retryBaseSeconds: 10 });
      const [taskId] = await queue(job.jobId, 1);
      if (taskId === undefined) throw new Error("no task");
      const first = await claimTask(ctx, { taskId, workerId: "w" });
      if (!first.claimed) throw new Error("claim");
      await completeTask(ctx, { ...first.lease, status: "FAILED", retryable: true, errorMessage: "boom" });
      const [row] = await db.query(`SELECT next_retry_at FROM tasks WHERE task_id = $1`, [taskId]);
      const nextRetryAt = new Date(String(row?.next_retry_at instanceof Date ? row.next_retry_at.toISOString() : row?.next_retry_at));
      expect(await claimTask(ctx, { taskId, workerId: "w" })).toEqual({ claimed: false, reason: "RETRY_PENDING", nextRetryAt });
      expect(nextRetryAt.getTime()).toBeGreaterThan(clock.now().getTime());

      // Attempt 2 of 2 fails: no retry is pending, the task is over.
      await db.query(`UPDATE tasks SET state = 'QUEUED', attempt = 2, next_retry_at = NULL WHERE task_id = $1`, [taskId]);
      const second = await claimTask(ctx, { taskId, workerId: "w" });
      if (!second.claimed) throw new Error("claim 2");
      await completeTask(ctx, { ...second.lease, status: "FAILED", retryable: true, errorMessage: "boom" });
      expect(await claimTask(ctx, { taskId, workerId: "w" })).toEqual({ claimed: false, reason: "COMPLETED" });
    });
  });

  describe("a paused job", () => {
    it("has its tasks refused to workers with JOB_PAUSED (capped or not) and claimable again once resumed", async () => {
      const free = await makeJob(ctx, { name: "free", runtime: "worker" });
      const capped = await makeJob(ctx, { name: "capped", runtime: "worker", maxConcurrency: 5 });
      const ids = [...(await queue(free.jobId, 1)), ...(await queue(capped.jobId, 1))];
      await db.query(`UPDATE jobs SET paused = true`);
      for (const taskId of ids) expect(await claimTask(ctx, { taskId, workerId: "w" })).toEqual({ claimed: false, reason: "JOB_PAUSED" });
      expect(Number((await db.query(`SELECT count(*)::int AS n FROM task_attempts`))[0]?.n)).toBe(0);
      await db.query(`UPDATE jobs SET paused = false`);
      for (const taskId of ids) expect(await claimTask(ctx, { taskId, workerId: "w" })).toMatchObject({ claimed: true });
    });

    it("acquires nothing (capped or not) while other jobs keep acquiring, and all of it once resumed", async () => {
      const paused = await makeJob(ctx, { name: "paused" });
      const pausedCapped = await makeJob(ctx, { name: "paused_capped", maxConcurrency: 3 });
      const other = await makeJob(ctx, { name: "other" });
      const pausedIds = await queue(paused.jobId, 3);
      const cappedIds = await queue(pausedCapped.jobId, 2);
      await queue(other.jobId, 2);
      await db.query(`UPDATE jobs SET paused = true WHERE job_id IN ($1, $2)`, [paused.jobId, pausedCapped.jobId]);
      const leases = await acquireTasks(ctx, { limit: 10, workerId: "lambda" });
      expect(leases.map((l) => l.jobId)).toEqual([other.jobId, other.jobId]);
      expect(await acquireTasks(ctx, { limit: 10, workerId: "lambda" })).toEqual([]);
      await db.query(`UPDATE jobs SET paused = false`);
      const resumed = await acquireTasks(ctx, { limit: 10, workerId: "lambda" });
      expect(resumed.map((l) => l.taskId).sort()).toEqual([...pausedIds, ...cappedIds].sort());
    });
  });
});
