// RetryTask: an operator re-queues a FAILED (dead or waiting) or CANCELED task. The task gets a
// new attempt number (unless its current attempt never started, e.g. canceled while QUEUED), the
// retry is recorded with who asked and why, and the same side effects as a scheduled retry follow
// (wake-up outbox row for workers, NOTIFY for acquirers). The payload-size rule is checked again:
// the job's config may have grown since the task was created. One transaction.
import { sql } from "drizzle-orm";
import { bare, bareList, prepare } from "../db/statements.js";
import { a, j, jobs, outbox, t, taskAttempts, taskRetries, tasks, taskSelection } from "./tables.js";
import { MAX_TASK_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE, payloadTooLargeMessage } from "./payload-size.js";
import { iso, isUuid, taskFromRow } from "./rows.js";
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

const LOCK_CURRENT = prepare<{ taskId: string }>(
  "retry_task_lock",
  (p) => sql`SELECT ${t.state} AS state, ${t.attempt} AS attempt,
         octet_length(${j.config}::text) + octet_length(${t.inputs}::text) + octet_length(${t.params}::text) AS payload_bytes,
         EXISTS (SELECT 1 FROM ${taskAttempts} ${a} WHERE ${a.taskId} = ${t.taskId} AND ${a.attempt} = ${t.attempt}) AS attempt_started
       FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId} WHERE ${t.taskId} = ${p.taskId} FOR NO KEY UPDATE OF ${t}`,
);
const REQUEUE = prepare<{ taskId: string; attempt: number; now: string }>(
  "retry_task_requeue",
  (p) => sql`UPDATE ${tasks} SET ${bare(tasks.state)} = 'QUEUED', ${bare(tasks.attempt)} = ${p.attempt}, ${bare(tasks.nextRetryAt)} = NULL,
         ${bare(tasks.cancelRequested)} = false, ${bare(tasks.cancelReason)} = NULL, ${bare(tasks.queuedAt)} = ${p.now}, ${bare(tasks.updatedAt)} = ${p.now}
       WHERE ${tasks.taskId} = ${p.taskId} RETURNING ${taskSelection(tasks)}`,
);
const RECORD_RETRY = prepare<{ taskId: string; attempt: number; requestedBy: string; reason: string; previousState: string; now: string }>(
  "retry_task_record",
  (p) => sql`INSERT INTO ${taskRetries} (${bareList(
    taskRetries.taskId,
    taskRetries.attempt,
    taskRetries.requestedBy,
    taskRetries.reason,
    taskRetries.previousState,
    taskRetries.createdAt,
  )}) VALUES (${p.taskId}, ${p.attempt}, ${p.requestedBy}, ${p.reason}, ${p.previousState}, ${p.now})`,
);
const WAKEUP = prepare<{ taskId: string; attempt: number; now: string }>(
  "retry_task_wakeup",
  (p) => sql`INSERT INTO ${outbox} (${bareList(outbox.kind, outbox.payload, outbox.taskId, outbox.attempt, outbox.nextAttemptAt, outbox.createdAt, outbox.updatedAt)})
         VALUES ('wakeup', jsonb_build_object('task_id', ${p.taskId}::uuid, 'attempt', ${p.attempt}::int), ${p.taskId}, ${p.attempt}, ${p.now}, ${p.now}, ${p.now})`,
);
const NOTIFY = prepare<{ channel: string; payload: string }>("retry_task_notify", (p) => sql`SELECT pg_notify(${p.channel}, ${p.payload})`);

export async function retryTask(ctx: LifecycleContext, input: RetryTaskInput): Promise<RetryTaskResult> {
  if (!input.requestedBy.trim()) return { ok: false, reason: "invalid_argument", message: "requested_by is required" };
  if (!isUuid(input.taskId)) return { ok: false, reason: "not_found", message: "unknown task" };
  const now = iso(ctx.clock.now());
  const result = await ctx.db.transaction(async (tx): Promise<RetryTaskResult> => {
    const [current] = await LOCK_CURRENT.run(tx, { taskId: input.taskId });
    if (!current) return { ok: false, reason: "not_found", message: "unknown task" };
    const state = String(current.state) as TaskState;
    if (!RETRYABLE_STATES.includes(state))
      return { ok: false, reason: "not_retryable", message: `only FAILED or CANCELED tasks can be retried; this one is ${state}` };
    const bytes = Number(current.payload_bytes);
    if (bytes > MAX_TASK_PAYLOAD_BYTES) return { ok: false, reason: PAYLOAD_TOO_LARGE, message: payloadTooLargeMessage(bytes) };
    const nextAttempt = Number(current.attempt) + (current.attempt_started ? 1 : 0);
    const [row] = await REQUEUE.run(tx, { taskId: input.taskId, attempt: nextAttempt, now });
    if (!row) throw new Error("task vanished under lock");
    const task = taskFromRow(row);
    await RECORD_RETRY.run(tx, {
      taskId: task.taskId,
      attempt: task.attempt,
      requestedBy: input.requestedBy.trim(),
      reason: input.reason,
      previousState: state,
      now,
    });
    if (task.runtime === "worker") await WAKEUP.run(tx, { taskId: task.taskId, attempt: task.attempt, now });
    await NOTIFY.run(tx, { channel: task.runtime === "lambda" ? TASKS_CHANNEL : OUTBOX_CHANNEL, payload: task.runtime });
    return { ok: true, task };
  });
  if (result.ok && result.task.runtime === "worker") ctx.onOutboxWritten?.(["wakeup"]);
  return result;
}
