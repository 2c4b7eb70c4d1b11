// GetTask: a task with everything an operator needs to understand it (attempt history, outputs,
// emitted events and the tasks routing created from them, buffer publishes, wake-ups, operator
// retries, undelivered outbox rows), read as ONE snapshot: a REPEATABLE READ transaction, so a
// concurrent claim can never show a QUEUED task with a running attempt.
import type { Queryable, Row } from "../db/index.js";
import { loadJob } from "./jobs.js";
import { OUTBOX_COLUMNS } from "./outbox.js";
import { attemptFromRow, eventFromJson, isUuid, outboxFromRow, TASK_COLUMNS, taskFromRow, type StoredEvent } from "./rows.js";
import type { Attempt, DatasetEvent, Job, JsonValue, LifecycleContext, OutboxRow, Task } from "./types.js";

export interface TaskView {
  task: Task;
  job: Job | null;
  attempts: Attempt[];
  outputs: { attempt: number; name: string; value: JsonValue }[];
  events: { attempt: number; event: DatasetEvent; routedTaskIds: string[]; createdAt: Date }[];
  bufferPublishes: {
    attempt: number;
    batchUri: string;
    contentType: string;
    batchSizeBytes: number;
    dedupeScope: string;
    createdAt: Date;
  }[];
  wakeups: { attempt: number; visibleAt: Date; receives: number; createdAt: Date }[];
  retries: { attempt: number; requestedBy: string; reason: string; previousState: string; createdAt: Date }[];
  outbox: OutboxRow[];
}

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export async function getTaskView(ctx: LifecycleContext, taskId: string): Promise<TaskView | null> {
  if (!isUuid(taskId)) return null;
  return ctx.db.transaction(async (tx) => {
    // Must be the transaction's first statement: the snapshot is taken at the first query.
    await tx.query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const [row] = await tx.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE task_id = $1`, [taskId]);
    if (!row) return null;
    const task = taskFromRow(row);
    return {
      task,
      job: await loadJob(tx, `job_id = $1`, [task.jobId]),
      ...(await history(tx, taskId)),
    };
  });
}

async function history(tx: Queryable, taskId: string): Promise<Omit<TaskView, "task" | "job">> {
  const attempts = await tx.query(
    `SELECT task_id, attempt, worker_id, started_at, ended_at, outcome, error, error_category, retryable, delivery_id
     FROM task_attempts WHERE task_id = $1 ORDER BY attempt`,
    [taskId],
  );
  const outputs = await tx.query(`SELECT attempt, name, value FROM task_outputs WHERE task_id = $1 ORDER BY attempt, name`, [taskId]);
  // Routing names the tasks it creates evt:{dataset}:{version}:{event_key} (route.ts), per consuming job.
  const events = await tx.query(
    `SELECT e.attempt, e.dataset_uuid, e.dataset_version, e.cursor, e.partition_key, e.range_start, e.range_end, e.created_at,
       COALESCE((SELECT array_agg(r.task_id::text ORDER BY r.task_id) FROM tasks r
         WHERE r.dedupe_key = 'evt:' || e.dataset_uuid || ':' || e.dataset_version || ':' || e.event_key), '{}') AS routed
     FROM task_events e WHERE e.producer_task_id = $1 ORDER BY e.id`,
    [taskId],
  );
  const buffers = await tx.query(
    `SELECT attempt, batch_uri, content_type, batch_size_bytes, dedupe_scope, created_at FROM buffer_publishes WHERE task_id = $1 ORDER BY id`,
    [taskId],
  );
  const wakeups = await tx.query(`SELECT attempt, visible_at, receives, created_at FROM wakeup_queue WHERE task_id = $1 ORDER BY id`, [taskId]);
  const retries = await tx.query(
    `SELECT attempt, requested_by, reason, previous_state, created_at FROM task_retries WHERE task_id = $1 ORDER BY id`,
    [taskId],
  );
  const outbox = await tx.query(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE task_id = $1 AND status <> 'done' ORDER BY id`, [taskId]);
  return {
    attempts: attempts.map(attemptFromRow),
    outputs: outputs.map((r: Row) => ({ attempt: Number(r.attempt), name: String(r.name), value: (r.value ?? null) as JsonValue })),
    events: events.map((r: Row) => ({
      attempt: Number(r.attempt),
      event: eventFromJson(storedEvent(r)),
      routedTaskIds: (r.routed as string[]).map(String),
      createdAt: date(r.created_at),
    })),
    bufferPublishes: buffers.map((r: Row) => ({
      attempt: Number(r.attempt),
      batchUri: String(r.batch_uri),
      contentType: String(r.content_type),
      batchSizeBytes: Number(r.batch_size_bytes),
      dedupeScope: String(r.dedupe_scope),
      createdAt: date(r.created_at),
    })),
    wakeups: wakeups.map((r: Row) => ({
      attempt: Number(r.attempt),
      visibleAt: date(r.visible_at),
      receives: Number(r.receives),
      createdAt: date(r.created_at),
    })),
    retries: retries.map((r: Row) => ({
      attempt: Number(r.attempt),
      requestedBy: String(r.requested_by),
      reason: String(r.reason),
      previousState: String(r.previous_state),
      createdAt: date(r.created_at),
    })),
    outbox: outbox.map(outboxFromRow),
  };
}

function storedEvent(r: Row): StoredEvent {
  const e: StoredEvent = { dataset_uuid: String(r.dataset_uuid), dataset_version: String(r.dataset_version) };
  if (r.cursor != null) e.cursor = String(r.cursor);
  if (r.partition_key != null) e.partition_key = String(r.partition_key);
  if (r.range_start != null) e.start = String(r.range_start);
  if (r.range_end != null) e.end = String(r.range_end);
  return e;
}
