// UpdateJob: change an existing job's bundle, config or limits. The merged definition passes the
// same rules as RegisterJob (job-rules.ts) before anything is written; one transaction, the job
// row locked so two updates cannot interleave their merges.
import { eq, sql } from "drizzle-orm";
import { prepare, runSql } from "../db/statements.js";
import { jobs } from "./tables.js";
import { checkBundleRegistered, checkJobFields, type JobRuleReason } from "./job-rules.js";
import { loadJob } from "./jobs.js";
import { iso, isUuid } from "./rows.js";
import type { Job, JsonValue, LifecycleContext, Refused } from "./types.js";

/** Fields to change; undefined keeps the stored value. */
export interface JobPatch {
  bundleSha256?: string;
  operator?: string;
  config?: { [key: string]: JsonValue };
  maxAttempts?: number;
  timeoutSeconds?: number;
  leaseTtlSeconds?: number;
  maxConcurrency?: number;
  retryBaseSeconds?: number;
  retryMaxSeconds?: number;
}

export type UpdateJobResult = { ok: true; job: Job } | Refused<JobRuleReason | "not_found">;

const LOCK_JOB = prepare<{ jobId: string }>(
  "update_job_lock",
  (p) => sql`SELECT ${jobs.jobId} AS job_id FROM ${jobs} WHERE ${jobs.jobId} = ${p.jobId} FOR NO KEY UPDATE`,
);

export async function updateJob(ctx: LifecycleContext, jobId: string, patch: JobPatch): Promise<UpdateJobResult> {
  if (!isUuid(jobId)) return { ok: false, reason: "not_found", message: "unknown job" };
  for (const [field, value] of Object.entries(patch))
    if (typeof value === "number" && (!Number.isInteger(value) || value < (field === "maxConcurrency" ? 0 : 1)))
      return { ok: false, reason: "invalid_argument", message: `${field} must be ${field === "maxConcurrency" ? "0 or more" : "1 or more"}` };
  return ctx.db.transaction(async (tx): Promise<UpdateJobResult> => {
    const [locked] = await LOCK_JOB.run(tx, { jobId });
    if (!locked) return { ok: false, reason: "not_found", message: "unknown job" };
    const current = await loadJob(tx, { jobId });
    if (!current) return { ok: false, reason: "not_found", message: "unknown job" };
    const next: Job = { ...current, ...definedOnly(patch) };
    const violation = checkJobFields(next);
    if (violation) return { ok: false, ...violation };
    if (next.bundleSha256 !== current.bundleSha256) {
      const missing = await checkBundleRegistered(tx, next.bundleSha256);
      if (missing) return { ok: false, ...missing };
    }
    // The query builder fits a plain UPDATE: rendered here, run in this transaction.
    await runSql(
      tx,
      ctx.db.drizzle
        .update(jobs)
        .set({
          bundleSha256: next.bundleSha256,
          operator: next.operator,
          config: sql`${JSON.stringify(next.config)}::jsonb`,
          maxAttempts: next.maxAttempts,
          timeoutSeconds: next.timeoutSeconds,
          leaseTtlSeconds: next.leaseTtlSeconds,
          maxConcurrency: next.maxConcurrency,
          retryBaseSeconds: next.retryBaseSeconds,
          retryMaxSeconds: next.retryMaxSeconds,
          updatedAt: sql`${iso(ctx.clock.now())}::timestamptz`,
        })
        .where(eq(jobs.jobId, jobId)),
    );
    const job = await loadJob(tx, { jobId });
    if (!job) throw new Error("job vanished under lock");
    return { ok: true, job };
  });
}

function definedOnly(patch: JobPatch): Partial<Job> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Job>;
}
