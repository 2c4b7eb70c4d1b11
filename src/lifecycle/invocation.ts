// What the invoker (and the worker claim) needs to build a TaskInvocation payload at send time.
import type { Row } from "../db/index.js";
import { bundleFromRow, isUuid, jobFromRow, taskColumns, taskFromRow } from "./rows.js";
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
const JOB_COLUMNS = [
  "job_id",
  "dag_name",
  "name",
  "runtime",
  "operator",
  "config",
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
const BUNDLE_COLUMNS = ["sha256", "storage_uri", "size_bytes", "runtime", "created_at"];
const JOB_PREFIX = "job__";
const BUNDLE_PREFIX = "bundle__";

const prefixed = (alias: string, prefix: string, columns: readonly string[]): string =>
  columns.map((c) => `${alias}.${c} AS ${prefix}${c}`).join(", ");

function unprefixed(row: Row, prefix: string, columns: readonly string[]): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[`${prefix}${c}`];
  return out;
}

const INVOCATION_COLUMNS = `${taskColumns("t")}, ${prefixed("j", JOB_PREFIX, JOB_COLUMNS)}, j.config::text AS ${JOB_PREFIX}config_text,
  ${prefixed("b", BUNDLE_PREFIX, BUNDLE_COLUMNS)}`;
const INVOCATION_JOINS = `JOIN jobs j ON j.job_id = t.job_id
  LEFT JOIN bundles b ON b.sha256 = j.bundle_sha256`;

// One round trip: the task's live lease, its job, and (LEFT JOIN) its bundle.
const LOAD_INVOCATION_SQL = `SELECT ${INVOCATION_COLUMNS}
  FROM tasks t
  ${INVOCATION_JOINS}
  WHERE t.task_id = $1 AND t.attempt = $2 AND t.state = 'RUNNING'`;

// The same for many attempts at once: the invoke drain loads a whole claimed batch in one statement.
const LOAD_INVOCATIONS_SQL = `SELECT ${INVOCATION_COLUMNS}
  FROM jsonb_to_recordset($1::jsonb) AS k(task_id uuid, attempt int)
  JOIN tasks t ON t.task_id = k.task_id AND t.attempt = k.attempt
  ${INVOCATION_JOINS}
  WHERE t.state = 'RUNNING'`;

function invocationFromRow(row: Row): Invocation | null {
  const task = taskFromRow(row);
  if (!task.leaseToken || !task.leaseExpiresAt) return null;
  const job = jobFromRow(unprefixed(row, JOB_PREFIX, [...JOB_COLUMNS, "config_text"]), []);
  const bundle = row[`${BUNDLE_PREFIX}sha256`] == null ? null : bundleFromRow(unprefixed(row, BUNDLE_PREFIX, BUNDLE_COLUMNS));
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
  const [row] = await ctx.db.query(LOAD_INVOCATION_SQL, [input.taskId, input.attempt]);
  return row ? invocationFromRow(row) : null;
}

/** loadInvocation for many attempts in one statement; results in the order of `inputs`. */
export async function loadInvocations(ctx: LifecycleContext, inputs: readonly { taskId: string; attempt: number }[]): Promise<(Invocation | null)[]> {
  // Keys that cannot name an attempt match nothing (as in loadInvocation) and must not fail the batch.
  const keys = inputs.filter((i) => isUuid(i.taskId) && Number.isInteger(i.attempt) && i.attempt > 0 && i.attempt <= 2_147_483_647).map((i) => ({ task_id: i.taskId, attempt: i.attempt }));
  if (keys.length === 0) return inputs.map(() => null);
  const rows = await ctx.db.query(LOAD_INVOCATIONS_SQL, [JSON.stringify(keys)]);
  const found = new Map<string, Invocation>();
  for (const row of rows) {
    const invocation = invocationFromRow(row);
    if (invocation) found.set(`${invocation.task.taskId}/${invocation.lease.attempt}`, invocation);
  }
  return inputs.map((i) => found.get(`${i.taskId}/${i.attempt}`) ?? null);
}
