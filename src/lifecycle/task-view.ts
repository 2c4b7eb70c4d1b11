// GetTask: a task with everything an operator needs to understand it (attempt history, outputs,
// emitted events and the tasks routing created from them, buffer publishes, wake-ups, operator
// retries, undelivered outbox rows), read as ONE snapshot: a REPEATABLE READ transaction, so a
// concurrent claim can never show a QUEUED task with a running attempt.
import { sql } from "drizzle-orm";
import type { Queryable, Row } from "../db/index.js";
import { prepare, selection } from "../db/statements.js";
import { loadJob } from "./jobs.js";
import { attemptFromRow, eventFromJson, isUuid, outboxFromRow, taskFromRow, type StoredEvent } from "./rows.js";
import {
  bufferPublishes,
  outbox as outboxTable,
  outboxSelection,
  r,
  taskAttempts,
  taskEvents,
  taskOutputs,
  taskRetries,
  tasks,
  taskSelection,
  wakeupQueue,
} from "./tables.js";
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

const SNAPSHOT = prepare("task_view_snapshot", () => sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
const TASK = prepare<{ taskId: string }>(
  "task_view_task",
  (p) => sql`SELECT ${taskSelection(tasks)} FROM ${tasks} WHERE ${tasks.taskId} = ${p.taskId}`,
);
const ATTEMPTS = prepare<{ taskId: string }>(
  "task_view_attempts",
  (p) => sql`SELECT ${selection({
    task_id: taskAttempts.taskId,
    attempt: taskAttempts.attempt,
    worker_id: taskAttempts.workerId,
    started_at: taskAttempts.startedAt,
    ended_at: taskAttempts.endedAt,
    outcome: taskAttempts.outcome,
    error: taskAttempts.error,
    error_category: taskAttempts.errorCategory,
    retryable: taskAttempts.retryable,
    delivery_id: taskAttempts.deliveryId,
  })}
     FROM ${taskAttempts} WHERE ${taskAttempts.taskId} = ${p.taskId} ORDER BY ${taskAttempts.attempt}`,
);
const OUTPUTS = prepare<{ taskId: string }>(
  "task_view_outputs",
  (p) => sql`SELECT ${selection({ attempt: taskOutputs.attempt, name: taskOutputs.name, value: taskOutputs.value })}
    FROM ${taskOutputs} WHERE ${taskOutputs.taskId} = ${p.taskId} ORDER BY ${taskOutputs.attempt}, ${taskOutputs.name}`,
);
// Routing names the tasks it creates evt:{dataset}:{version}:{event_key} (route.ts), per consuming job.
const EVENTS = prepare<{ taskId: string }>(
  "task_view_events",
  (p) => sql`SELECT ${selection({
    attempt: taskEvents.attempt,
    dataset_uuid: taskEvents.datasetUuid,
    dataset_version: taskEvents.datasetVersion,
    cursor: taskEvents.cursor,
    partition_key: taskEvents.partitionKey,
    range_start: taskEvents.rangeStart,
    range_end: taskEvents.rangeEnd,
    created_at: taskEvents.createdAt,
  })},
       COALESCE((SELECT array_agg(${r.taskId}::text ORDER BY ${r.taskId}) FROM ${tasks} ${r}
         WHERE ${r.dedupeKey} = 'evt:' || ${taskEvents.datasetUuid} || ':' || ${taskEvents.datasetVersion} || ':' || ${taskEvents.eventKey}),
         '{}') AS routed
     FROM ${taskEvents} WHERE ${taskEvents.producerTaskId} = ${p.taskId} ORDER BY ${taskEvents.id}`,
);
const BUFFERS = prepare<{ taskId: string }>(
  "task_view_buffer_publishes",
  (p) => sql`SELECT ${selection({
    attempt: bufferPublishes.attempt,
    batch_uri: bufferPublishes.batchUri,
    content_type: bufferPublishes.contentType,
    batch_size_bytes: bufferPublishes.batchSizeBytes,
    dedupe_scope: bufferPublishes.dedupeScope,
    created_at: bufferPublishes.createdAt,
  })}
    FROM ${bufferPublishes} WHERE ${bufferPublishes.taskId} = ${p.taskId} ORDER BY ${bufferPublishes.id}`,
);
const WAKEUPS = prepare<{ taskId: string }>(
  "task_view_wakeups",
  (p) => sql`SELECT ${selection({
    attempt: wakeupQueue.attempt,
    visible_at: wakeupQueue.visibleAt,
    receives: wakeupQueue.receives,
    created_at: wakeupQueue.createdAt,
  })}
    FROM ${wakeupQueue} WHERE ${wakeupQueue.taskId} = ${p.taskId} ORDER BY ${wakeupQueue.id}`,
);
const RETRIES = prepare<{ taskId: string }>(
  "task_view_retries",
  (p) => sql`SELECT ${selection({
    attempt: taskRetries.attempt,
    requested_by: taskRetries.requestedBy,
    reason: taskRetries.reason,
    previous_state: taskRetries.previousState,
    created_at: taskRetries.createdAt,
  })}
    FROM ${taskRetries} WHERE ${taskRetries.taskId} = ${p.taskId} ORDER BY ${taskRetries.id}`,
);
const OUTBOX = prepare<{ taskId: string }>(
  "task_view_outbox",
  (p) => sql`SELECT ${outboxSelection(outboxTable)} FROM ${outboxTable}
    WHERE ${outboxTable.taskId} = ${p.taskId} AND ${outboxTable.status} <> 'done' ORDER BY ${outboxTable.id}`,
);

export async function getTaskView(ctx: LifecycleContext, taskId: string): Promise<TaskView | null> {
  if (!isUuid(taskId)) return null;
  return ctx.db.transaction(async (tx) => {
    // Must be the transaction's first statement: the snapshot is taken at the first query.
    await SNAPSHOT.run(tx, {});
    const [row] = await TASK.run(tx, { taskId });
    if (!row) return null;
    const task = taskFromRow(row);
    return {
      task,
      job: await loadJob(tx, { jobId: task.jobId }),
      ...(await history(tx, taskId)),
    };
  });
}

async function history(tx: Queryable, taskId: string): Promise<Omit<TaskView, "task" | "job">> {
  const byTask = { taskId };
  const attempts = await ATTEMPTS.run(tx, byTask);
  const outputs = await OUTPUTS.run(tx, byTask);
  const events = await EVENTS.run(tx, byTask);
  const buffers = await BUFFERS.run(tx, byTask);
  const wakeups = await WAKEUPS.run(tx, byTask);
  const retries = await RETRIES.run(tx, byTask);
  const outbox = await OUTBOX.run(tx, byTask);
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
