// What the invoker (and the worker claim) needs to build a TaskInvocation payload at send time.
import { sql } from "drizzle-orm";
import type { Row } from "../db/index.js";
import { prepare } from "../db/statements.js";
import { bundleFromRow, isUuid, jobFromRow, taskFromRow } from "./rows.js";
import { b, bundles, bundleSelection, j, jobs, jobSelection, runningByKey, t, tasks, taskSelection } from "./tables.js";
import type { Bundle, Job, LifecycleContext, Task } from "./types.js";

export interface Invocation {
  task: Task;
  /** The job as the payload needs it. `job.inputs` is not loaded (always empty): no payload field uses it. */
  job: Job;
  /** null if the job names a bundle that was never registered (a definitive invoke error). */
  bundle: Bundle | null;
  lease: { attempt: number; leaseToken: string; leaseExpiresAt: Date; workerId: string };
}

// Job and bundle columns share names with task columns (runtime, created_at, ...): they are
// selected under a prefix and handed to their row mappers without it.
const JOB_PREFIX = "job__";
const BUNDLE_PREFIX = "bundle__";
const JOB_KEYS = [
  "job_id",
  "dag_name",
  "name",
  "runtime",
  "operator",
  "config",
  "config_text",
  "bundle_sha256",
  "max_attempts",
  "timeout_seconds",
  "lease_ttl_seconds",
  "max_concurrency",
  "retry_base_seconds",
  "retry_max_seconds",
  "paused",
  "org_id",
  "dataset_grants",
  "s3_grants",
  "created_at",
  "updated_at",
];
const BUNDLE_KEYS = ["sha256", "storage_uri", "size_bytes", "runtime", "created_at"];

function unprefixed(row: Row, prefix: string, keys: readonly string[]): Row {
  const out: Row = {};
  for (const k of keys) out[k] = row[`${prefix}${k}`];
  return out;
}

// One round trip: the task's live lease, its job, and (LEFT JOIN) its bundle.
const LOAD_INVOCATION = prepare<{ taskId: string; attempt: number }>(
  "load_invocation",
  (p) => sql`SELECT ${taskSelection(t)}, ${jobSelection(j, JOB_PREFIX)}, ${bundleSelection(b, BUNDLE_PREFIX)}
  FROM ${tasks} ${t}
  JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
  LEFT JOIN ${bundles} ${b} ON ${b.sha256} = ${j.bundleSha256}
  WHERE ${t.taskId} = ${p.taskId} AND ${t.attempt} = ${p.attempt} AND ${runningByKey(t)}`,
);

// The same for many attempts at once: the invoke drain loads a whole claimed batch in one statement.
const LOAD_INVOCATIONS = prepare<{ keys: string }>(
  "load_invocations",
  (p) => sql`SELECT ${taskSelection(t)}, ${jobSelection(j, JOB_PREFIX)}, ${bundleSelection(b, BUNDLE_PREFIX)}
  FROM jsonb_to_recordset(${p.keys}::jsonb) AS k(task_id uuid, attempt int)
  JOIN ${tasks} ${t} ON ${t.taskId} = k.task_id AND ${t.attempt} = k.attempt
  JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
  LEFT JOIN ${bundles} ${b} ON ${b.sha256} = ${j.bundleSha256}
  WHERE ${t.state} = 'RUNNING'`,
);

function invocationFromRow(row: Row): Invocation | null {
  const task = taskFromRow(row);
  if (!task.leaseToken || !task.leaseExpiresAt) return null;
  const job = jobFromRow(unprefixed(row, JOB_PREFIX, JOB_KEYS), []);
  const bundle = row[`${BUNDLE_PREFIX}sha256`] == null ? null : bundleFromRow(unprefixed(row, BUNDLE_PREFIX, BUNDLE_KEYS));
  return {
    task,
    job,
    bundle,
    lease: { attempt: task.attempt, leaseToken: task.leaseToken, leaseExpiresAt: task.leaseExpiresAt, workerId: task.workerId ?? "" },
  };
}

/**
 * Loads task, job, bundle and the live lease of (task_id, attempt) in one statement, or null when
 * that attempt no longer holds a lease (completed, reaped, canceled, superseded): the invoke is
 * then moot. The outbox row stores only {task_id, attempt}; the lease token is read here, never
 * persisted in the outbox.
 */
export async function loadInvocation(ctx: LifecycleContext, input: { taskId: string; attempt: number }): Promise<Invocation | null> {
  if (!isUuid(input.taskId)) return null;
  const [row] = await LOAD_INVOCATION.run(ctx.db, { taskId: input.taskId, attempt: input.attempt });
  return row ? invocationFromRow(row) : null;
}

/** loadInvocation for many attempts in one statement; results in the order of `inputs`. */
export async function loadInvocations(ctx: LifecycleContext, inputs: readonly { taskId: string; attempt: number }[]): Promise<(Invocation | null)[]> {
  // Keys that cannot name an attempt match nothing (as in loadInvocation) and must not fail the batch.
  const keys = inputs
    .filter((i) => isUuid(i.taskId) && Number.isInteger(i.attempt) && i.attempt > 0 && i.attempt <= 2_147_483_647)
    .map((i) => ({ task_id: i.taskId, attempt: i.attempt }));
  if (keys.length === 0) return inputs.map(() => null);
  const rows = await LOAD_INVOCATIONS.run(ctx.db, { keys: JSON.stringify(keys) });
  const found = new Map<string, Invocation>();
  for (const row of rows) {
    const invocation = invocationFromRow(row);
    if (invocation) found.set(`${invocation.task.taskId}/${invocation.lease.attempt}`, invocation);
  }
  return inputs.map((i) => found.get(`${i.taskId}/${i.attempt}`) ?? null);
}
