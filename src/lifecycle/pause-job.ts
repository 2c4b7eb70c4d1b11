// PauseJob / ResumeJob: flip jobs.paused. The acquire loop and worker claims skip paused jobs
// (their tasks stay QUEUED); pausing twice is not an error.
import { loadJob } from "./jobs.js";
import { iso, isUuid } from "./rows.js";
import type { Job, LifecycleContext, Refused } from "./types.js";

export type SetJobPausedResult = { ok: true; job: Job } | Refused<"not_found">;

export async function setJobPaused(ctx: LifecycleContext, jobId: string, paused: boolean): Promise<SetJobPausedResult> {
  if (!isUuid(jobId)) return { ok: false, reason: "not_found", message: "unknown job" };
  return ctx.db.transaction(async (tx): Promise<SetJobPausedResult> => {
    const [row] = await tx.query(`UPDATE jobs SET paused = $2, updated_at = $3 WHERE job_id = $1 RETURNING job_id`, [
      jobId,
      paused,
      iso(ctx.clock.now()),
    ]);
    if (!row) return { ok: false, reason: "not_found", message: "unknown job" };
    const job = await loadJob(tx, { jobId });
    if (!job) throw new Error("job vanished in its own transaction");
    return { ok: true, job };
  });
}
