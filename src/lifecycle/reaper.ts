// Time-driven transitions: reaping expired leases and re-queueing failed tasks whose retry is due.
import { sql } from "drizzle-orm";
import { bare, bareList, prepare, selection } from "../db/statements.js";
import { DISPATCHER_CATEGORIES } from "./attempt-error.js";
import { a, j, jobs, outbox, t, taskAttempts, tasks } from "./tables.js";
import { iso, retryDelayMs } from "./rows.js";
import { OUTBOX_CHANNEL, TASKS_CHANNEL, type LifecycleContext, type TaskState } from "./types.js";

export interface ReapedTask {
  taskId: string;
  attempt: number;
  state: TaskState;
  nextRetryAt: Date | null;
  /** When the reaped attempt was leased (its run time, for metrics). */
  startedAt?: Date;
}

const EXPIRED = prepare<{ now: string; limit: number }>(
  "reap_expired",
  (p) => sql`SELECT ${selection({
    task_id: t.taskId,
    attempt: t.attempt,
    max_attempts: t.maxAttempts,
    cancel_requested: t.cancelRequested,
    started_at: t.startedAt,
    retry_base_seconds: j.retryBaseSeconds,
    retry_max_seconds: j.retryMaxSeconds,
  })}
       FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
       WHERE ${t.state} = 'RUNNING' AND ${t.leaseExpiresAt} < ${p.now}
       ORDER BY ${t.leaseExpiresAt}
       LIMIT ${p.limit}
       FOR NO KEY UPDATE OF ${t} SKIP LOCKED`,
);

const REAP = prepare<{ rows: string; now: string; category: string }>(
  "reap",
  (p) => sql`WITH o AS (
         SELECT * FROM jsonb_to_recordset(${p.rows}::jsonb) AS x(task_id uuid, attempt int, state text, next_retry_at timestamptz)
       ), ut AS (
         UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = o.state, ${bare(tasks.leaseToken)} = NULL, ${bare(tasks.leaseExpiresAt)} = NULL,
           ${bare(tasks.nextRetryAt)} = o.next_retry_at, ${bare(tasks.lastError)} = 'lease expired', ${bare(tasks.updatedAt)} = ${p.now}
         FROM o WHERE ${t.taskId} = o.task_id AND ${t.attempt} = o.attempt
       )
       UPDATE ${taskAttempts} ${a} SET ${bare(taskAttempts.endedAt)} = ${p.now}, ${bare(taskAttempts.outcome)} = 'timed_out',
         ${bare(taskAttempts.error)} = 'lease expired', ${bare(taskAttempts.deliveryId)} = ${t.deliveryId},
         ${bare(taskAttempts.errorCategory)} = ${p.category}, ${bare(taskAttempts.retryable)} = true
       FROM o, ${tasks} ${t} WHERE ${a.taskId} = o.task_id AND ${a.attempt} = o.attempt AND ${t.taskId} = o.task_id`,
);

/**
 * RUNNING with lease_expires_at < now → attempt outcome timed_out; the task becomes FAILED with
 * next_retry_at (backoff), terminal FAILED when attempt >= max_attempts, or CANCELED when
 * cancellation had been requested. One transaction per batch; SKIP LOCKED makes reapers safe
 * beside each other and beside completions holding the row.
 */
export async function reapExpired(ctx: LifecycleContext, options: { limit: number }): Promise<ReapedTask[]> {
  const nowDate = ctx.clock.now();
  const now = iso(nowDate);
  return ctx.db.transaction(async (tx) => {
    const expired = await EXPIRED.run(tx, { now, limit: options.limit });
    if (expired.length === 0) return [];
    const reaped: ReapedTask[] = expired.map((r) => {
      const attempt = Number(r.attempt);
      const startedAt = r.started_at === null || r.started_at === undefined ? {} : { startedAt: new Date(r.started_at instanceof Date ? r.started_at : String(r.started_at)) };
      if (r.cancel_requested) return { taskId: String(r.task_id), attempt, state: "CANCELED", nextRetryAt: null, ...startedAt };
      if (attempt >= Number(r.max_attempts)) return { taskId: String(r.task_id), attempt, state: "FAILED", nextRetryAt: null, ...startedAt };
      const delay = retryDelayMs(attempt, Number(r.retry_base_seconds), Number(r.retry_max_seconds), ctx.random);
      return { taskId: String(r.task_id), attempt, state: "FAILED", nextRetryAt: new Date(nowDate.getTime() + delay), ...startedAt };
    });
    const rows = JSON.stringify(
      reaped.map((r) => ({
        task_id: r.taskId,
        attempt: r.attempt,
        state: r.state,
        next_retry_at: r.nextRetryAt ? iso(r.nextRetryAt) : null,
      })),
    );
    await REAP.run(tx, { rows, now, category: DISPATCHER_CATEGORIES.timedOut });
    return reaped;
  });
}

export interface RequeuedTask {
  taskId: string;
  attempt: number;
  runtime: "lambda" | "worker";
}

const REQUEUE_DUE = prepare<{ now: string; limit: number }>(
  "requeue_due_retries",
  (p) => sql`WITH due AS (
       SELECT ${tasks.taskId} AS task_id FROM ${tasks}
       WHERE ${tasks.state} = 'FAILED' AND ${tasks.nextRetryAt} IS NOT NULL AND ${tasks.nextRetryAt} <= ${p.now}
       ORDER BY ${tasks.nextRetryAt}
       LIMIT ${p.limit}
       FOR NO KEY UPDATE SKIP LOCKED
     ), upd AS (
       UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = 'QUEUED', ${bare(tasks.attempt)} = ${t.attempt} + 1, ${bare(tasks.nextRetryAt)} = NULL,
         ${bare(tasks.queuedAt)} = ${p.now}, ${bare(tasks.updatedAt)} = ${p.now}, ${bare(tasks.cancelRequested)} = false
       FROM due WHERE ${t.taskId} = due.task_id
       RETURNING ${selection({ task_id: t.taskId, attempt: t.attempt, runtime: t.runtime })}
     ), wake AS (
       INSERT INTO ${outbox} (${bareList(outbox.kind, outbox.payload, outbox.taskId, outbox.attempt, outbox.nextAttemptAt, outbox.createdAt, outbox.updatedAt)})
       SELECT 'wakeup', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, ${p.now}, ${p.now}, ${p.now}
       FROM upd WHERE runtime = 'worker'
     )
     SELECT task_id, attempt, runtime,
       pg_notify(CASE runtime WHEN 'lambda' THEN '${sql.raw(TASKS_CHANNEL)}' ELSE '${sql.raw(OUTBOX_CHANNEL)}' END, runtime)::text AS notified
     FROM upd`,
);

/**
 * FAILED with next_retry_at <= now → QUEUED with attempt + 1. One statement: worker tasks get
 * their wake-up outbox row, and a NOTIFY wakes acquirers (lambda) or drains (worker) at commit.
 */
export async function requeueDueRetries(ctx: LifecycleContext, options: { limit: number }): Promise<RequeuedTask[]> {
  const now = iso(ctx.clock.now());
  const rows = await REQUEUE_DUE.run(ctx.db, { now, limit: options.limit });
  const requeued = rows.map((r) => ({
    taskId: String(r.task_id),
    attempt: Number(r.attempt),
    runtime: String(r.runtime) as "lambda" | "worker",
  }));
  if (requeued.some((r) => r.runtime === "worker")) ctx.onOutboxWritten?.(["wakeup"]);
  return requeued;
}
