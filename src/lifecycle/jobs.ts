// Jobs and bundles: the definitions tasks are created from.
import type { Queryable, Row } from "../db/index.js";
import { bundleFromRow, iso, isUuid, jobFromRow } from "./rows.js";
import { checkBundleRegistered, checkJobFields, type CheckedJobFields, type JobRuleReason } from "./job-rules.js";
import type { Bundle, DatasetGrant, Job, JsonValue, LifecycleContext, Refused, Runtime, S3Grants } from "./types.js";

export interface JobDefinition {
  dagName: string;
  name: string;
  runtime: Runtime;
  operator: string;
  bundleSha256: string;
  config?: { [key: string]: JsonValue };
  /** The configuration as JSON text (an object); takes precedence over `config`, stored as written. */
  configJson?: string;
  /** 0/undefined means the CONTRACT default. */
  maxAttempts?: number;
  timeoutSeconds?: number;
  leaseTtlSeconds?: number;
  maxConcurrency?: number;
  retryBaseSeconds?: number;
  retryMaxSeconds?: number;
  orgId?: string;
  inputs?: { datasetUuid: string; allVersions?: boolean }[];
  datasetGrants?: DatasetGrant[];
  s3Grants?: S3Grants;
}

/** Why `text` cannot be a job configuration (a JSON object), or null. */
function configJsonProblem(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? null : "config_json must be a JSON object";
  } catch {
    return "config_json is not valid JSON";
  }
}

export const JOB_DEFAULTS = {
  maxAttempts: 3,
  timeoutSeconds: 900,
  leaseTtlSeconds: 120,
  maxConcurrency: 0,
  retryBaseSeconds: 30,
  retryMaxSeconds: 600,
} as const;

const orDefault = (v: number | undefined, d: number): number => (v === undefined || v === 0 ? d : v);

export type RegisterJobResult = { ok: true; job: Job; created: boolean } | Refused<JobRuleReason>;

/** The definition with CONTRACT defaults applied, as the job-rules check it. */
export function resolvedJobFields(def: JobDefinition): CheckedJobFields {
  return {
    dagName: def.dagName,
    name: def.name,
    runtime: def.runtime,
    bundleSha256: def.bundleSha256,
    config: def.config ?? {},
    timeoutSeconds: orDefault(def.timeoutSeconds, JOB_DEFAULTS.timeoutSeconds),
    leaseTtlSeconds: orDefault(def.leaseTtlSeconds, JOB_DEFAULTS.leaseTtlSeconds),
    maxAttempts: orDefault(def.maxAttempts, JOB_DEFAULTS.maxAttempts),
    retryBaseSeconds: orDefault(def.retryBaseSeconds, JOB_DEFAULTS.retryBaseSeconds),
    retryMaxSeconds: orDefault(def.retryMaxSeconds, JOB_DEFAULTS.retryMaxSeconds),
    inputs: def.inputs ?? [],
  };
}

/**
 * Creates the job, or updates the one with the same (dag_name, name); one transaction. Refuses
 * what could never run (job-rules.ts): an unregistered bundle, a timeout beyond the token cap, a
 * config no task payload can carry.
 */
export async function registerJob(ctx: LifecycleContext, def: JobDefinition): Promise<RegisterJobResult> {
  const violation = checkJobFields(resolvedJobFields(def));
  if (violation) return { ok: false, ...violation };
  const configText = def.configJson ? configJsonProblem(def.configJson) : null;
  if (configText) return { ok: false, reason: "invalid_argument", message: configText };
  const now = iso(ctx.clock.now());
  return ctx.db.transaction(async (tx): Promise<RegisterJobResult> => {
    const missingBundle = await checkBundleRegistered(tx, def.bundleSha256);
    if (missingBundle) return { ok: false, ...missingBundle };
    const [row] = await tx.query(
      `INSERT INTO jobs (dag_name, name, runtime, operator, config, bundle_sha256, max_attempts, timeout_seconds,
         lease_ttl_seconds, max_concurrency, retry_base_seconds, retry_max_seconds, org_id, dataset_grants, s3_grants,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16, $16)
       ON CONFLICT (dag_name, name) DO UPDATE SET runtime = EXCLUDED.runtime, operator = EXCLUDED.operator,
         config = EXCLUDED.config, bundle_sha256 = EXCLUDED.bundle_sha256, max_attempts = EXCLUDED.max_attempts,
         timeout_seconds = EXCLUDED.timeout_seconds, lease_ttl_seconds = EXCLUDED.lease_ttl_seconds,
         max_concurrency = EXCLUDED.max_concurrency, retry_base_seconds = EXCLUDED.retry_base_seconds,
         retry_max_seconds = EXCLUDED.retry_max_seconds, org_id = EXCLUDED.org_id,
         dataset_grants = EXCLUDED.dataset_grants, s3_grants = EXCLUDED.s3_grants, updated_at = EXCLUDED.updated_at
       RETURNING *, config::text AS config_text, (xmax = 0) AS inserted`,
      [
        def.dagName,
        def.name,
        def.runtime,
        def.operator,
        // Postgres keeps JSON numbers as numeric: the text's integers stay exact.
        def.configJson || JSON.stringify(def.config ?? {}),
        def.bundleSha256,
        orDefault(def.maxAttempts, JOB_DEFAULTS.maxAttempts),
        orDefault(def.timeoutSeconds, JOB_DEFAULTS.timeoutSeconds),
        orDefault(def.leaseTtlSeconds, JOB_DEFAULTS.leaseTtlSeconds),
        def.maxConcurrency ?? 0,
        orDefault(def.retryBaseSeconds, JOB_DEFAULTS.retryBaseSeconds),
        orDefault(def.retryMaxSeconds, JOB_DEFAULTS.retryMaxSeconds),
        def.orgId ?? "",
        JSON.stringify(def.datasetGrants ?? []),
        JSON.stringify(def.s3Grants ?? { read_prefixes: [], write_prefixes: [] }),
        now,
      ],
    );
    if (!row) throw new Error("job upsert returned no row");
    const jobId = String(row.job_id);
    await tx.query(`DELETE FROM job_inputs WHERE job_id = $1`, [jobId]);
    const inputs = (def.inputs ?? []).map((i) => ({ dataset_uuid: i.datasetUuid, all_versions: i.allVersions ?? false }));
    if (inputs.length > 0)
      await tx.query(
        `INSERT INTO job_inputs (job_id, dataset_uuid, all_versions)
         SELECT $1, x.dataset_uuid, x.all_versions FROM jsonb_to_recordset($2::jsonb) AS x(dataset_uuid uuid, all_versions boolean)
         ON CONFLICT (job_id, dataset_uuid) DO UPDATE SET all_versions = EXCLUDED.all_versions`,
        [jobId, JSON.stringify(inputs)],
      );
    const job = jobFromRow(row, inputs.map((i) => ({ datasetUuid: i.dataset_uuid, allVersions: i.all_versions })));
    return { ok: true, job, created: Boolean(row.inserted) };
  });
}

export async function loadJob(q: Queryable, where: string, params: unknown[]): Promise<Job | null> {
  const [row] = await q.query(`SELECT *, config::text AS config_text FROM jobs WHERE ${where}`, params);
  if (!row) return null;
  const inputs = await q.query(`SELECT dataset_uuid, all_versions FROM job_inputs WHERE job_id = $1 ORDER BY dataset_uuid`, [
    row.job_id,
  ]);
  return jobFromRow(
    row,
    inputs.map((i: Row) => ({ datasetUuid: String(i.dataset_uuid), allVersions: Boolean(i.all_versions) })),
  );
}

export function getJob(ctx: LifecycleContext, jobId: string): Promise<Job | null> {
  if (!isUuid(jobId)) return Promise.resolve(null);
  return loadJob(ctx.db, `job_id = $1`, [jobId]);
}

export function getJobByName(ctx: LifecycleContext, dagName: string, name: string): Promise<Job | null> {
  return loadJob(ctx.db, `dag_name = $1 AND name = $2`, [dagName, name]);
}

export interface BundleDefinition {
  sha256: string;
  storageUri: string;
  sizeBytes: number;
  runtime: string;
}

export type RegisterBundleResult = { ok: true; bundle: Bundle; created: boolean } | Refused<"invalid_argument" | "conflict">;

/** Records a content-addressed bundle; re-registering the same bytes is a no-op. */
export async function registerBundle(ctx: LifecycleContext, def: BundleDefinition): Promise<RegisterBundleResult> {
  if (!/^[0-9a-f]{64}$/.test(def.sha256)) return { ok: false, reason: "invalid_argument", message: "sha256 must be 64 lowercase hex" };
  if (!["node", "python", "rust"].includes(def.runtime))
    return { ok: false, reason: "invalid_argument", message: "runtime must be node, python or rust" };
  const rows = await ctx.db.query(
    `INSERT INTO bundles (sha256, storage_uri, size_bytes, runtime, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sha256) DO NOTHING RETURNING *`,
    [def.sha256, def.storageUri, def.sizeBytes, def.runtime, iso(ctx.clock.now())],
  );
  if (rows[0]) return { ok: true, bundle: bundleFromRow(rows[0]), created: true };
  const existing = await getBundle(ctx, def.sha256);
  if (!existing) throw new Error("bundle vanished after conflict");
  if (existing.storageUri !== def.storageUri || existing.sizeBytes !== def.sizeBytes || existing.runtime !== def.runtime)
    return { ok: false, reason: "conflict", message: "a bundle with this sha256 is registered with different attributes" };
  return { ok: true, bundle: existing, created: false };
}

export async function getBundle(ctx: LifecycleContext, sha256: string): Promise<Bundle | null> {
  const [row] = await ctx.db.query(`SELECT * FROM bundles WHERE sha256 = $1`, [sha256]);
  return row ? bundleFromRow(row) : null;
}
