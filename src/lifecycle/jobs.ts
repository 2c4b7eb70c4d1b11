// Jobs and bundles: the definitions tasks are created from.
import { sql } from "drizzle-orm";
import type { Queryable, Row } from "../db/index.js";
import { bare, bareList, prepare, selection } from "../db/statements.js";
import { bundles, bundleSelection, jobInputs, jobs, jobSelection } from "./tables.js";
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
type UpsertJobParams = {
  dagName: string;
  name: string;
  runtime: string;
  operator: string;
  config: string;
  bundleSha256: string;
  maxAttempts: number;
  timeoutSeconds: number;
  leaseTtlSeconds: number;
  maxConcurrency: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  orgId: string;
  datasetGrants: string;
  s3Grants: string;
  now: string;
};

/** Columns RegisterJob writes; a re-registration replaces every one but identity, pause and created_at. */
const REGISTERED_COLUMNS = [
  jobs.runtime,
  jobs.operator,
  jobs.config,
  jobs.bundleSha256,
  jobs.maxAttempts,
  jobs.timeoutSeconds,
  jobs.leaseTtlSeconds,
  jobs.maxConcurrency,
  jobs.retryBaseSeconds,
  jobs.retryMaxSeconds,
  jobs.orgId,
  jobs.datasetGrants,
  jobs.s3Grants,
  jobs.updatedAt,
];

const UPSERT_JOB = prepare<UpsertJobParams>(
  "upsert_job",
  (p) => sql`INSERT INTO ${jobs} (${bareList(jobs.dagName, jobs.name, ...REGISTERED_COLUMNS, jobs.createdAt)})
       VALUES (${p.dagName}, ${p.name}, ${p.runtime}, ${p.operator}, ${p.config}::jsonb, ${p.bundleSha256}, ${p.maxAttempts},
         ${p.timeoutSeconds}, ${p.leaseTtlSeconds}, ${p.maxConcurrency}, ${p.retryBaseSeconds}, ${p.retryMaxSeconds}, ${p.orgId},
         ${p.datasetGrants}::jsonb, ${p.s3Grants}::jsonb, ${p.now}, ${p.now})
       ON CONFLICT (${bareList(jobs.dagName, jobs.name)}) DO UPDATE SET
         ${sql.join(REGISTERED_COLUMNS.map((c) => sql`${bare(c)} = EXCLUDED.${bare(c)}`), sql`, `)}
       RETURNING ${jobSelection(jobs)}, (xmax = 0) AS inserted`,
);
const DELETE_JOB_INPUTS = prepare<{ jobId: string }>(
  "delete_job_inputs",
  (p) => sql`DELETE FROM ${jobInputs} WHERE ${jobInputs.jobId} = ${p.jobId}`,
);
const INSERT_JOB_INPUTS = prepare<{ jobId: string; inputs: string }>(
  "insert_job_inputs",
  (p) => sql`INSERT INTO ${jobInputs} (${bareList(jobInputs.jobId, jobInputs.datasetUuid, jobInputs.allVersions)})
         SELECT ${p.jobId}::uuid, x.dataset_uuid, x.all_versions
         FROM jsonb_to_recordset(${p.inputs}::jsonb) AS x(dataset_uuid uuid, all_versions boolean)
         ON CONFLICT (${bareList(jobInputs.jobId, jobInputs.datasetUuid)}) DO UPDATE SET
           ${bare(jobInputs.allVersions)} = EXCLUDED.${bare(jobInputs.allVersions)}`,
);

export async function registerJob(ctx: LifecycleContext, def: JobDefinition): Promise<RegisterJobResult> {
  const violation = checkJobFields(resolvedJobFields(def));
  if (violation) return { ok: false, ...violation };
  const configText = def.configJson ? configJsonProblem(def.configJson) : null;
  if (configText) return { ok: false, reason: "invalid_argument", message: configText };
  const now = iso(ctx.clock.now());
  return ctx.db.transaction(async (tx): Promise<RegisterJobResult> => {
    const missingBundle = await checkBundleRegistered(tx, def.bundleSha256);
    if (missingBundle) return { ok: false, ...missingBundle };
    const [row] = await UPSERT_JOB.run(tx, {
      dagName: def.dagName,
      name: def.name,
      runtime: def.runtime,
      operator: def.operator,
      // Postgres keeps JSON numbers as numeric: the text's integers stay exact.
      config: def.configJson || JSON.stringify(def.config ?? {}),
      bundleSha256: def.bundleSha256,
      maxAttempts: orDefault(def.maxAttempts, JOB_DEFAULTS.maxAttempts),
      timeoutSeconds: orDefault(def.timeoutSeconds, JOB_DEFAULTS.timeoutSeconds),
      leaseTtlSeconds: orDefault(def.leaseTtlSeconds, JOB_DEFAULTS.leaseTtlSeconds),
      maxConcurrency: def.maxConcurrency ?? 0,
      retryBaseSeconds: orDefault(def.retryBaseSeconds, JOB_DEFAULTS.retryBaseSeconds),
      retryMaxSeconds: orDefault(def.retryMaxSeconds, JOB_DEFAULTS.retryMaxSeconds),
      orgId: def.orgId ?? "",
      datasetGrants: JSON.stringify(def.datasetGrants ?? []),
      s3Grants: JSON.stringify(def.s3Grants ?? { read_prefixes: [], write_prefixes: [] }),
      now,
    });
    if (!row) throw new Error("job upsert returned no row");
    const jobId = String(row.job_id);
    await DELETE_JOB_INPUTS.run(tx, { jobId });
    const inputs = (def.inputs ?? []).map((i) => ({ dataset_uuid: i.datasetUuid, all_versions: i.allVersions ?? false }));
    if (inputs.length > 0)
      await INSERT_JOB_INPUTS.run(tx, { jobId, inputs: JSON.stringify(inputs) });
    const job = jobFromRow(row, inputs.map((i) => ({ datasetUuid: i.dataset_uuid, allVersions: i.all_versions })));
    return { ok: true, job, created: Boolean(row.inserted) };
  });
}

const JOB_BY_ID = prepare<{ jobId: string }>(
  "job_by_id",
  (p) => sql`SELECT ${jobSelection(jobs)} FROM ${jobs} WHERE ${jobs.jobId} = ${p.jobId}`,
);
const JOB_BY_NAME = prepare<{ dagName: string; name: string }>(
  "job_by_name",
  (p) => sql`SELECT ${jobSelection(jobs)} FROM ${jobs} WHERE ${jobs.dagName} = ${p.dagName} AND ${jobs.name} = ${p.name}`,
);
const JOB_INPUTS = prepare<{ jobId: string }>(
  "job_inputs",
  (p) => sql`SELECT ${selection({ dataset_uuid: jobInputs.datasetUuid, all_versions: jobInputs.allVersions })}
    FROM ${jobInputs} WHERE ${jobInputs.jobId} = ${p.jobId} ORDER BY ${jobInputs.datasetUuid}`,
);

/** A job with its inputs, by id or by (dag, name); on the database or inside a transaction. */
export async function loadJob(q: Queryable, by: { jobId: string } | { dagName: string; name: string }): Promise<Job | null> {
  const [row] = await ("jobId" in by ? JOB_BY_ID.run(q, by) : JOB_BY_NAME.run(q, by));
  if (!row) return null;
  const inputs = await JOB_INPUTS.run(q, { jobId: String(row.job_id) });
  return jobFromRow(
    row,
    inputs.map((i: Row) => ({ datasetUuid: String(i.dataset_uuid), allVersions: Boolean(i.all_versions) })),
  );
}

export function getJob(ctx: LifecycleContext, jobId: string): Promise<Job | null> {
  if (!isUuid(jobId)) return Promise.resolve(null);
  return loadJob(ctx.db, { jobId });
}

export function getJobByName(ctx: LifecycleContext, dagName: string, name: string): Promise<Job | null> {
  return loadJob(ctx.db, { dagName, name });
}

export interface BundleDefinition {
  sha256: string;
  storageUri: string;
  sizeBytes: number;
  runtime: string;
}

export type RegisterBundleResult = { ok: true; bundle: Bundle; created: boolean } | Refused<"invalid_argument" | "conflict">;

const INSERT_BUNDLE = prepare<{ sha256: string; storageUri: string; sizeBytes: number; runtime: string; now: string }>(
  "insert_bundle",
  (p) => sql`INSERT INTO ${bundles} (${bareList(bundles.sha256, bundles.storageUri, bundles.sizeBytes, bundles.runtime, bundles.createdAt)})
     VALUES (${p.sha256}, ${p.storageUri}, ${p.sizeBytes}, ${p.runtime}, ${p.now})
     ON CONFLICT (${bare(bundles.sha256)}) DO NOTHING RETURNING ${bundleSelection(bundles)}`,
);
const BUNDLE_BY_SHA = prepare<{ sha256: string }>(
  "bundle_by_sha",
  (p) => sql`SELECT ${bundleSelection(bundles)} FROM ${bundles} WHERE ${bundles.sha256} = ${p.sha256}`,
);

/** Records a content-addressed bundle; re-registering the same bytes is a no-op. */
export async function registerBundle(ctx: LifecycleContext, def: BundleDefinition): Promise<RegisterBundleResult> {
  if (!/^[0-9a-f]{64}$/.test(def.sha256)) return { ok: false, reason: "invalid_argument", message: "sha256 must be 64 lowercase hex" };
  if (!["node", "python", "rust"].includes(def.runtime))
    return { ok: false, reason: "invalid_argument", message: "runtime must be node, python or rust" };
  const rows = await INSERT_BUNDLE.run(ctx.db, {
    sha256: def.sha256,
    storageUri: def.storageUri,
    sizeBytes: def.sizeBytes,
    runtime: def.runtime,
    now: iso(ctx.clock.now()),
  });
  if (rows[0]) return { ok: true, bundle: bundleFromRow(rows[0]), created: true };
  const existing = await getBundle(ctx, def.sha256);
  if (!existing) throw new Error("bundle vanished after conflict");
  if (existing.storageUri !== def.storageUri || existing.sizeBytes !== def.sizeBytes || existing.runtime !== def.runtime)
    return { ok: false, reason: "conflict", message: "a bundle with this sha256 is registered with different attributes" };
  return { ok: true, bundle: existing, created: false };
}

export async function getBundle(ctx: LifecycleContext, sha256: string): Promise<Bundle | null> {
  const [row] = await BUNDLE_BY_SHA.run(ctx.db, { sha256 });
  return row ? bundleFromRow(row) : null;
}
