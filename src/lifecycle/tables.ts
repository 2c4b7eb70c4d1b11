// The schema's tables as the lifecycle statements name them: the short aliases the statements
// join under (`${tasks} ${t}` renders `"tasks" "t"`, `${t.state}` renders `"t"."state"`) and the
// column lists the row mappers (rows.ts) read, with output names fixed here so a column renamed in
// the database still arrives under the key its mapper reads.
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import { sql, type SQLWrapper } from "drizzle-orm";
import { bundles, jobs, outbox, taskAttempts, tasks } from "../db/schema.js";
import { selection } from "../db/statements.js";

export * from "../db/schema.js";

/** tasks t */
export const t = alias(tasks, "t");
/** tasks r: the RUNNING count's inner scan */
export const r = alias(tasks, "r");
/** jobs j */
export const j = alias(jobs, "j");
/** task_attempts a */
export const a = alias(taskAttempts, "a");
/** task_attempts x: the newest attempt's inner scan */
export const x = alias(taskAttempts, "x");
/** outbox o */
export const o = alias(outbox, "o");
/** bundles b */
export const b = alias(bundles, "b");

/**
 * `state = 'RUNNING'` for a statement that finds ONE task by task_id (a fence, an invocation
 * load), written so the planner cannot answer it from the partial RUNNING indexes. Those indexes
 * are tiny whenever ANALYZE last ran while few tasks ran, so the planner costed a scan of
 * tasks_running_job_idx at one row and chose it over the primary key: each heartbeat then read
 * the entry of every running task to find its own (O(running) per call, until autoanalyze caught
 * up). `IS TRUE` means the same for a NOT NULL column, and no partial index predicate is proven
 * from it, so the task is found by its primary key however many run.
 * Not alone in a statement that JOINS a jsonb list of keys: the planner estimates such a list at
 * 100 rows, and without the partial index it chose a sequential scan of a small tasks table per
 * batch (the history bench at 10,000 finished tasks fell to a third of its throughput). Such a
 * statement uses runningInList, or probes each key on its own (loadInvocations' LATERAL subquery).
 */
export const runningByKey = (x: Columns<"state">) => sql`(${x.state} = 'RUNNING') IS TRUE`;

/**
 * runningByKey for a statement that joins `list`, a jsonb array of objects with a task_id: the
 * tasks are found by `task_id = ANY(…)` on the primary key. The array is computed once (an
 * InitPlan), so the planner costs one probe per listed task instead of a join with the list's
 * 100-row estimate: it neither reads every RUNNING entry when statistics lag (a burst of leases)
 * nor scans a small table whole.
 */
export const runningInList = (x: Columns<"taskId" | "state">, list: SQLWrapper) =>
  sql`${x.taskId} = ANY(ARRAY(SELECT (k->>'task_id')::uuid FROM jsonb_array_elements(${list}::jsonb) k)) AND ${runningByKey(x)}`;

type Columns<K extends string> = { readonly [key in K]: PgColumn };
type TaskKey =
  | "taskId"
  | "jobId"
  | "runtime"
  | "state"
  | "attempt"
  | "maxAttempts"
  | "dedupeKey"
  | "inputs"
  | "leaseToken"
  | "leaseExpiresAt"
  | "workerId"
  | "startedAt"
  | "cancelRequested"
  | "cancelReason"
  | "nextRetryAt"
  | "lastError"
  | "params"
  | "createdAt"
  | "updatedAt";

/** The columns `invocationTaskFromRow` reads: what a payload and its lease need of a task. */
function invocationTaskColumns(x: Columns<TaskKey>) {
  return {
    task_id: x.taskId,
    job_id: x.jobId,
    attempt: x.attempt,
    inputs: x.inputs,
    lease_token: x.leaseToken,
    lease_expires_at: x.leaseExpiresAt,
    worker_id: x.workerId,
    params: x.params,
  };
}

export function invocationTaskSelection(x: Columns<TaskKey>) {
  return selection(invocationTaskColumns(x));
}

/** Every column `taskFromRow` reads, of `tasks` or an alias of it. */
export function taskSelection(x: Columns<TaskKey>) {
  return selection({
    ...invocationTaskColumns(x),
    runtime: x.runtime,
    state: x.state,
    max_attempts: x.maxAttempts,
    dedupe_key: x.dedupeKey,
    started_at: x.startedAt,
    cancel_requested: x.cancelRequested,
    cancel_reason: x.cancelReason,
    next_retry_at: x.nextRetryAt,
    last_error: x.lastError,
    created_at: x.createdAt,
    updated_at: x.updatedAt,
  });
}

type OutboxKey = "id" | "kind" | "payload" | "taskId" | "attempt" | "status" | "tries" | "lastError" | "nextAttemptAt" | "createdAt";

/** Every column `outboxFromRow` reads, of `outbox` or an alias of it. */
export function outboxSelection(x: Columns<OutboxKey>) {
  return selection({
    id: x.id,
    kind: x.kind,
    payload: x.payload,
    task_id: x.taskId,
    attempt: x.attempt,
    status: x.status,
    tries: x.tries,
    last_error: x.lastError,
    next_attempt_at: x.nextAttemptAt,
    created_at: x.createdAt,
  });
}

type JobKey =
  | "jobId"
  | "dagName"
  | "name"
  | "runtime"
  | "operator"
  | "config"
  | "bundleSha256"
  | "maxAttempts"
  | "timeoutSeconds"
  | "leaseTtlSeconds"
  | "maxConcurrency"
  | "retryBaseSeconds"
  | "retryMaxSeconds"
  | "paused"
  | "orgId"
  | "datasetGrants"
  | "s3Grants"
  | "createdAt"
  | "updatedAt";

/**
 * Every column `jobFromRow` reads, of `jobs` or an alias of it, each key after `prefix` (a join
 * that also selects task columns of the same names tells them apart by it). `config_text` is the
 * configuration as stored text: its numerics exact at any size.
 */
export function jobSelection(x: Columns<JobKey>, prefix = "") {
  return selection({
    [`${prefix}job_id`]: x.jobId,
    [`${prefix}dag_name`]: x.dagName,
    [`${prefix}name`]: x.name,
    [`${prefix}runtime`]: x.runtime,
    [`${prefix}operator`]: x.operator,
    [`${prefix}config`]: x.config,
    [`${prefix}config_text`]: sql`${x.config}::text`,
    [`${prefix}bundle_sha256`]: x.bundleSha256,
    [`${prefix}max_attempts`]: x.maxAttempts,
    [`${prefix}timeout_seconds`]: x.timeoutSeconds,
    [`${prefix}lease_ttl_seconds`]: x.leaseTtlSeconds,
    [`${prefix}max_concurrency`]: x.maxConcurrency,
    [`${prefix}retry_base_seconds`]: x.retryBaseSeconds,
    [`${prefix}retry_max_seconds`]: x.retryMaxSeconds,
    [`${prefix}paused`]: x.paused,
    [`${prefix}org_id`]: x.orgId,
    [`${prefix}dataset_grants`]: x.datasetGrants,
    [`${prefix}s3_grants`]: x.s3Grants,
    [`${prefix}created_at`]: x.createdAt,
    [`${prefix}updated_at`]: x.updatedAt,
  });
}

/** Every column `bundleFromRow` reads, each key after `prefix`. */
export function bundleSelection(x: Columns<"sha256" | "storageUri" | "sizeBytes" | "runtime" | "createdAt">, prefix = "") {
  return selection({
    [`${prefix}sha256`]: x.sha256,
    [`${prefix}storage_uri`]: x.storageUri,
    [`${prefix}size_bytes`]: x.sizeBytes,
    [`${prefix}runtime`]: x.runtime,
    [`${prefix}created_at`]: x.createdAt,
  });
}
