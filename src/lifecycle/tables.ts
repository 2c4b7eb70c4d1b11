// The schema's tables as the lifecycle statements name them: the short aliases the statements
// join under (`${tasks} ${t}` renders `"tasks" "t"`, `${t.state}` renders `"t"."state"`) and the
// column lists the row mappers (rows.ts) read, with output names fixed here so a column renamed in
// the database still arrives under the key its mapper reads.
import { alias, type PgColumn } from "drizzle-orm/pg-core";
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

/** Every column `taskFromRow` reads, of `tasks` or an alias of it. */
export function taskSelection(x: Columns<TaskKey>) {
  return selection({
    task_id: x.taskId,
    job_id: x.jobId,
    runtime: x.runtime,
    state: x.state,
    attempt: x.attempt,
    max_attempts: x.maxAttempts,
    dedupe_key: x.dedupeKey,
    inputs: x.inputs,
    lease_token: x.leaseToken,
    lease_expires_at: x.leaseExpiresAt,
    worker_id: x.workerId,
    started_at: x.startedAt,
    cancel_requested: x.cancelRequested,
    cancel_reason: x.cancelReason,
    next_retry_at: x.nextRetryAt,
    last_error: x.lastError,
    params: x.params,
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
