// RetryTask: an operator re-queues a FAILED (dead or waiting) or CANCELED task. The task gets a
// new attempt number (unless its current attempt never started, e.g. canceled while QUEUED), the
// retry is recorded with who asked and why, and the same side effects as a scheduled retry follow
// (wake-up outbox row for workers, NOTIFY for acquirers). The payload-size rule is checked again:
// the job's config may have grown since the task was created. One transaction.
import { MAX_TASK_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE, payloadTooLargeMessage } from "./payload-size.js";
import { iso, isUuid, TASK_COLUMNS, taskFromRow } from "./rows.js";
import { OUTBOX_CHANNEL, TASKS_CHANNEL, type LifecycleContext, type Refused, type Task, type TaskState } from "./types.js";

export interface RetryTaskInput {
  taskId: string;
  requestedBy: string;
  reason: string;
}

export type RetryTaskResult =
  | { ok: true; task: Task }
  | Refused<"not_found" | "invalid_argument" | "not_retryable" | typeof PAYLOAD_TOO_LARGE>;

const RETRYABLE_STATES: readonly TaskState[] = ["FAILED", "CANCELED"];

export async function retryTask(ctx: LifecycleContext, input: RetryTaskInput): Promise<RetryTaskResult> {
  if (!input.requestedBy.trim()) return { ok: false, reason: "invalid_argument", message: "requested_by is required" };
  if (!isUuid(input.taskId)) return { ok: false, reason: "not_found", message: "unknown task" };
  const now = iso(ctx.clock.now());
  const result = await ctx.db.transaction(async (tx): Promise<RetryTaskResult> => {
    const [current] = await tx.query(
      `SELECT t.state, t.attempt,
         octet_length(j.config::text) + octet_length(t.inputs::text) + octet_length(t.params::text) AS payload_bytes,
         EXISTS (SELECT 1 FROM task_attempts a WHERE a.task_id = t.task_id AND a.attempt = t.attempt) AS attempt_started
       FROM tasks t JOIN jobs j ON j.job_id = t.job_id WHERE t.task_id = $1 FOR NO KEY UPDATE OF t`,
      [input.taskId],
    );
    if (!current) return { ok: false, reason: "not_found", message: "unknown task" };
    const state = String(current.state) as TaskState;
    if (!RETRYABLE_STATES.includes(state))
      return { ok: false, reason: "not_retryable", message: `only FAILED or CANCELED tasks can be retried; this one is ${state}` };
    const bytes = Number(current.payload_bytes);
    if (bytes > MAX_TASK_PAYLOAD_BYTES) return { ok: false, reason: PAYLOAD_TOO_LARGE, message: payloadTooLargeMessage(bytes) };
    const nextAttempt = Number(current.attempt) + (current.attempt_started ? 1 : 0);
    const [row] = await tx.query(
      `UPDATE tasks SET state = 'QUEUED', attempt = $2, next_retry_at = NULL, cancel_requested = false, cancel_reason = NULL,
         queued_at = $3, updated_at = $3
       WHERE task_id = $1 RETURNING ${TASK_COLUMNS}`,
      [input.taskId, nextAttempt, now],
    );
    if (!row) throw new Error("task vanished under lock");
    const task = taskFromRow(row);
    await tx.query(
      `INSERT INTO task_retries (task_id, attempt, requested_by, reason, previous_state, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [task.taskId, task.attempt, input.requestedBy.trim(), input.reason, state, now],
    );
    if (task.runtime === "worker")
      await tx.query(
        `INSERT INTO outbox (kind, payload, task_id, attempt, next_attempt_at, created_at, updated_at)
         VALUES ('wakeup', jsonb_build_object('task_id', $1::uuid, 'attempt', $2::int), $1, $2, $3, $3, $3)`,
        [task.taskId, task.attempt, now],
      );
    await tx.query(`SELECT pg_notify($1, $2)`, [task.runtime === "lambda" ? TASKS_CHANNEL : OUTBOX_CHANNEL, task.runtime]);
    return { ok: true, task };
  });
  if (result.ok && result.task.runtime === "worker") ctx.onOutboxWritten?.(["wakeup"]);
  return result;
}
