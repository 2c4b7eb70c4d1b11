// Time-driven transitions: reaping expired leases and re-queueing failed tasks whose retry is due.
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
    const expired = await tx.query(
      `SELECT t.task_id, t.attempt, t.max_attempts, t.cancel_requested, t.started_at, j.retry_base_seconds, j.retry_max_seconds
       FROM tasks t JOIN jobs j ON j.job_id = t.job_id
       WHERE t.state = 'RUNNING' AND t.lease_expires_at < $1
       ORDER BY t.lease_expires_at
       LIMIT $2
       FOR NO KEY UPDATE OF t SKIP LOCKED`,
      [now, options.limit],
    );
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
    await tx.query(
      `WITH o AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(task_id uuid, attempt int, state text, next_retry_at timestamptz)
       ), ut AS (
         UPDATE tasks t SET state = o.state, lease_token = NULL, lease_expires_at = NULL, next_retry_at = o.next_retry_at,
           last_error = 'lease expired', updated_at = $2
         FROM o WHERE t.task_id = o.task_id AND t.attempt = o.attempt
       )
       UPDATE task_attempts a SET ended_at = $2, outcome = 'timed_out', error = 'lease expired', delivery_id = t.delivery_id
       FROM o, tasks t WHERE a.task_id = o.task_id AND a.attempt = o.attempt AND t.task_id = o.task_id`,
      [rows, now],
    );
    return reaped;
  });
}

export interface RequeuedTask {
  taskId: string;
  attempt: number;
  runtime: "lambda" | "worker";
}

/**
 * FAILED with next_retry_at <= now → QUEUED with attempt + 1. One statement: worker tasks get
 * their wake-up outbox row, and a NOTIFY wakes acquirers (lambda) or drains (worker) at commit.
 */
export async function requeueDueRetries(ctx: LifecycleContext, options: { limit: number }): Promise<RequeuedTask[]> {
  const now = iso(ctx.clock.now());
  const rows = await ctx.db.query(
    `WITH due AS (
       SELECT task_id FROM tasks
       WHERE state = 'FAILED' AND next_retry_at IS NOT NULL AND next_retry_at <= $1
       ORDER BY next_retry_at
       LIMIT $2
       FOR NO KEY UPDATE SKIP LOCKED
     ), upd AS (
       UPDATE tasks t SET state = 'QUEUED', attempt = t.attempt + 1, next_retry_at = NULL, queued_at = $1, updated_at = $1,
         cancel_requested = false
       FROM due WHERE t.task_id = due.task_id
       RETURNING t.task_id, t.attempt, t.runtime
     ), wake AS (
       INSERT INTO outbox (kind, payload, task_id, attempt, next_attempt_at, created_at, updated_at)
       SELECT 'wakeup', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, $1, $1, $1
       FROM upd WHERE runtime = 'worker'
     )
     SELECT task_id, attempt, runtime,
       pg_notify(CASE runtime WHEN 'lambda' THEN '${TASKS_CHANNEL}' ELSE '${OUTBOX_CHANNEL}' END, runtime)::text AS notified
     FROM upd`,
    [now, options.limit],
  );
  const requeued = rows.map((r) => ({
    taskId: String(r.task_id),
    attempt: Number(r.attempt),
    runtime: String(r.runtime) as "lambda" | "worker",
  }));
  if (requeued.some((r) => r.runtime === "worker")) ctx.onOutboxWritten?.(["wakeup"]);
  return requeued;
}
