// What the invoker (and the worker claim) needs to build a TaskInvocation payload at send time.
import { bundleFromRow, isUuid, taskFromRow, TASK_COLUMNS } from "./rows.js";
import { getJob } from "./jobs.js";
import type { Bundle, Job, LifecycleContext, Task } from "./types.js";

export interface Invocation {
  task: Task;
  job: Job;
  /** null if the job names a bundle that was never registered (a definitive invoke error). */
  bundle: Bundle | null;
  lease: { attempt: number; leaseToken: string; leaseExpiresAt: Date; workerId: string };
}

/**
 * Loads task, job, bundle and the live lease of (task_id, attempt), or null when that attempt no
 * longer holds a lease (completed, reaped, canceled, superseded): the invoke is then moot.
 * The outbox row stores only {task_id, attempt}; the lease token is read here, never persisted
 * in the outbox.
 */
export async function loadInvocation(ctx: LifecycleContext, input: { taskId: string; attempt: number }): Promise<Invocation | null> {
  if (!isUuid(input.taskId)) return null;
  const [row] = await ctx.db.query(
    `SELECT ${TASK_COLUMNS} FROM tasks WHERE task_id = $1 AND attempt = $2 AND state = 'RUNNING'`,
    [input.taskId, input.attempt],
  );
  if (!row) return null;
  const task = taskFromRow(row);
  if (!task.leaseToken || !task.leaseExpiresAt) return null;
  const job = await getJob(ctx, task.jobId);
  if (!job) return null;
  const [bundleRow] = await ctx.db.query(`SELECT * FROM bundles WHERE sha256 = $1`, [job.bundleSha256]);
  return {
    task,
    job,
    bundle: bundleRow ? bundleFromRow(bundleRow) : null,
    lease: { attempt: task.attempt, leaseToken: task.leaseToken, leaseExpiresAt: task.leaseExpiresAt, workerId: task.workerId ?? "" },
  };
}
