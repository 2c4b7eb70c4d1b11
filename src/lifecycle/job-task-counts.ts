// A job's tasks counted by state, for GetJob.
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { tasks } from "./tables.js";
import type { LifecycleContext, TaskState } from "./types.js";

export type TaskCounts = Record<TaskState, number>;

const COUNTS = prepare<{ jobId: string }>(
  "job_task_counts",
  (p) => sql`SELECT ${tasks.state} AS state, count(*)::bigint AS n FROM ${tasks} WHERE ${tasks.jobId} = ${p.jobId} GROUP BY ${tasks.state}`,
);

export async function jobTaskCounts(ctx: LifecycleContext, jobId: string): Promise<TaskCounts> {
  const counts: TaskCounts = { QUEUED: 0, RUNNING: 0, COMPLETED: 0, FAILED: 0, CANCELED: 0 };
  const rows = await COUNTS.run(ctx.db, { jobId });
  for (const row of rows) counts[String(row.state) as TaskState] = Number(row.n);
  return counts;
}
