// PauseJob / ResumeJob: flip jobs.paused. The acquire loop and worker claims skip paused jobs
// (their tasks stay QUEUED); pausing twice is not an error.
import { sql } from "drizzle-orm";
import { bare, prepare } from "../db/statements.js";
import { jobs } from "./tables.js";
import { loadJob } from "./jobs.js";
import { iso, isUuid } from "./rows.js";
import type { Job, LifecycleContext, Refused } from "./types.js";

export type SetJobPausedResult = { ok: true; job: Job } | Refused<"not_found">;

const SET_PAUSED = prepare<{ jobId: string; paused: boolean; now: string }>(
  "set_job_paused",
  (p) => sql`UPDATE ${jobs} SET ${bare(jobs.paused)} = ${p.paused}, ${bare(jobs.updatedAt)} = ${p.now}
    WHERE ${jobs.jobId} = ${p.jobId} RETURNING ${jobs.jobId} AS job_id`,
);

export async function setJobPaused(ctx: LifecycleContext, jobId: string, paused: boolean): Promise<SetJobPausedResult> {
  if (!isUuid(jobId)) return { ok: false, reason: "not_found", message: "unknown job" };
  return ctx.db.transaction(async (tx): Promise<SetJobPausedResult> => {
    const [row] = await SET_PAUSED.run(tx, { jobId, paused, now: iso(ctx.clock.now()) });
    if (!row) return { ok: false, reason: "not_found", message: "unknown job" };
    const job = await loadJob(tx, { jobId });
    if (!job) throw new Error("job vanished in its own transaction");
    return { ok: true, job };
  });
}
