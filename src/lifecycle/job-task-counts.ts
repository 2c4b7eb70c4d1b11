// A job's tasks counted by state, for GetJob.
import type { LifecycleContext, TaskState } from "./types.js";

export type TaskCounts = Record<TaskState, number>;

export async function jobTaskCounts(ctx: LifecycleContext, jobId: string): Promise<TaskCounts> {
  const counts: TaskCounts = { QUEUED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELED: 0 };
  const rows = await ctx.db.query(`SELECT state, count(*)::bigint AS n FROM tasks WHERE job_id = $1 GROUP BY state`, [jobId]);
  for (const row of rows) counts[String(row.state) as TaskState] = Number(row.n);
  return counts;
}
