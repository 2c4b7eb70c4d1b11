// UpdateJob: change an existing job's bundle, config or limits. The merged definition passes the
// same rules as RegisterJob (job-rules.ts) before anything is written; one transaction, the job
// row locked so two updates cannot interleave their merges.
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

export async function updateJob(ctx: LifecycleContext, jobId: string, patch: JobPatch): Promise<UpdateJobResult> {
  if (!isUuid(jobId)) return { ok: false, reason: "not_found", message: "unknown job" };
  for (const [field, value] of Object.entries(patch))
    if (typeof value === "number" && (!Number.isInteger(value) || value < (field === "maxConcurrency" ? 0 : 1)))
      return { ok: false, reason: "invalid_argument", message: `${field} must be ${field === "maxConcurrency" ? "0 or more" : "1 or more"}` };
  return ctx.db.transaction(async (tx): Promise<UpdateJobResult> => {
    const [locked] = await tx.query(`SELECT job_id FROM jobs WHERE job_id = $1 FOR NO KEY UPDATE`, [jobId]);
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
    await tx.query(
      `UPDATE jobs SET bundle_sha256 = $2, operator = $3, config = $4::jsonb, max_attempts = $5, timeout_seconds = $6,
         lease_ttl_seconds = $7, max_concurrency = $8, retry_base_seconds = $9, retry_max_seconds = $10, updated_at = $11
       WHERE job_id = $1`,
      [
        jobId,
        next.bundleSha256,
        next.operator,
        JSON.stringify(next.config),
        next.maxAttempts,
        next.timeoutSeconds,
        next.leaseTtlSeconds,
        next.maxConcurrency,
        next.retryBaseSeconds,
        next.retryMaxSeconds,
        iso(ctx.clock.now()),
      ],
    );
    const job = await loadJob(tx, { jobId });
    if (!job) throw new Error("job vanished under lock");
    return { ok: true, job };
  });
}

function definedOnly(patch: JobPatch): Partial<Job> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Job>;
}
