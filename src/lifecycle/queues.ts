// Postgres queue tables fed by the outbox drain: wake-ups for queue-woken worker runtimes, and
// buffer pointers for the buffer consumer. Enqueue is idempotent on the producing outbox row, so
// a redelivered outbox row does not enqueue twice.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { bare, bareList, prepare } from "../db/statements.js";
import { iso } from "./rows.js";
import { bufferPublishes, bufferQueue, wakeupQueue } from "./tables.js";
import type { JsonValue, LifecycleContext, OutboxRow } from "./types.js";

export type QueueName = "wakeup_queue" | "buffer_queue";

export interface WakeupMessage {
  id: number;
  taskId: string;
  attempt: number;
  receives: number;
}

const ENQUEUE_WAKEUP = prepare<{ outboxId: number; taskId: string; attempt: number; now: string }>(
  "enqueue_wakeup",
  (p) => sql`INSERT INTO ${wakeupQueue} (${bareList(wakeupQueue.outboxId, wakeupQueue.taskId, wakeupQueue.attempt, wakeupQueue.visibleAt, wakeupQueue.createdAt)})
     VALUES (${p.outboxId}, ${p.taskId}, ${p.attempt}, ${p.now}, ${p.now})
     ON CONFLICT (${bare(wakeupQueue.outboxId)}) DO NOTHING`,
);

const b = alias(bufferPublishes, "b");
const ENQUEUE_BUFFER = prepare<{ outboxId: number; bufferPublishId: number; now: string }>(
  "enqueue_buffer",
  (p) => sql`INSERT INTO ${bufferQueue} (${bareList(bufferQueue.outboxId, bufferQueue.bufferPublishId, bufferQueue.payload, bufferQueue.visibleAt, bufferQueue.createdAt)})
     SELECT ${p.outboxId}::bigint, ${b.id}, jsonb_build_object('task_id', ${b.taskId}, 'attempt', ${b.attempt}, 'batch_uri', ${b.batchUri},
       'content_type', ${b.contentType}, 'batch_size_bytes', ${b.batchSizeBytes}, 'dedupe_scope', ${b.dedupeScope}),
       ${p.now}::timestamptz, ${p.now}::timestamptz
     FROM ${bufferPublishes} ${b} WHERE ${b.id} = ${p.bufferPublishId}
     ON CONFLICT (${bare(bufferQueue.outboxId)}) DO NOTHING`,
);

/** Outbox handler body for `wakeup` rows. */
export async function enqueueWakeup(ctx: LifecycleContext, row: OutboxRow): Promise<void> {
  if (!row.taskId || row.attempt === null) throw new Error("wakeup outbox row without task");
  await ENQUEUE_WAKEUP.run(ctx.db, { outboxId: row.id, taskId: row.taskId, attempt: row.attempt, now: iso(ctx.clock.now()) });
}

/** Outbox handler body for `buffer_publish` rows: copies the pointer into the buffer queue. */
export async function enqueueBuffer(ctx: LifecycleContext, row: OutboxRow): Promise<void> {
  const id = Number(row.payload.buffer_publish_id);
  if (!Number.isSafeInteger(id)) throw new Error("buffer_publish outbox row without buffer_publish_id");
  await ENQUEUE_BUFFER.run(ctx.db, { outboxId: row.id, bufferPublishId: id, now: iso(ctx.clock.now()) });
}

/** Receives up to `limit` visible messages, hiding them for visibilitySeconds (SQS-like). */
export async function receiveWakeups(
  ctx: LifecycleContext,
  options: { limit: number; visibilitySeconds: number },
): Promise<WakeupMessage[]> {
  const rows = await receive(ctx, "wakeup_queue", options);
  return rows.map((r) => ({ id: Number(r.id), taskId: String(r.task_id), attempt: Number(r.attempt), receives: Number(r.receives) }));
}

export async function receiveBuffers(
  ctx: LifecycleContext,
  options: { limit: number; visibilitySeconds: number },
): Promise<{ id: number; payload: { [key: string]: JsonValue }; receives: number }[]> {
  const rows = await receive(ctx, "buffer_queue", options);
  return rows.map((r) => ({ id: Number(r.id), payload: r.payload as { [key: string]: JsonValue }, receives: Number(r.receives) }));
}

type ReceiveParams = { now: string; limit: number; until: string };

/** Receives from one queue table: the visible messages, hidden again until `until`. */
function receiveStatement(name: string, queue: typeof wakeupQueue | typeof bufferQueue) {
  const q = alias(queue, "q");
  return prepare<ReceiveParams>(
    name,
    (p) => sql`UPDATE ${queue} ${q} SET ${bare(queue.visibleAt)} = ${p.until}, ${bare(queue.receives)} = ${q.receives} + 1
     FROM (SELECT ${queue.id} AS id FROM ${queue} WHERE ${queue.visibleAt} <= ${p.now}
           ORDER BY ${queue.visibleAt}, ${queue.id} LIMIT ${p.limit} FOR UPDATE SKIP LOCKED) c
     WHERE ${q.id} = c.id RETURNING ${q}.*`,
  );
}

const RECEIVE: Record<QueueName, ReturnType<typeof receiveStatement>> = {
  wakeup_queue: receiveStatement("receive_wakeups", wakeupQueue),
  buffer_queue: receiveStatement("receive_buffers", bufferQueue),
};

const DELETE: Record<QueueName, ReturnType<typeof prepare<{ id: number }>>> = {
  wakeup_queue: prepare<{ id: number }>("delete_wakeup", (p) => sql`DELETE FROM ${wakeupQueue} WHERE ${wakeupQueue.id} = ${p.id}`),
  buffer_queue: prepare<{ id: number }>("delete_buffer", (p) => sql`DELETE FROM ${bufferQueue} WHERE ${bufferQueue.id} = ${p.id}`),
};

async function receive(ctx: LifecycleContext, queue: QueueName, options: { limit: number; visibilitySeconds: number }) {
  const nowDate = ctx.clock.now();
  return RECEIVE[queue].run(ctx.db, {
    now: iso(nowDate),
    limit: options.limit,
    until: iso(new Date(nowDate.getTime() + options.visibilitySeconds * 1000)),
  });
}

/** Deletes a handled message. */
export async function deleteQueueMessage(ctx: LifecycleContext, queue: QueueName, id: number): Promise<void> {
  await DELETE[queue].run(ctx.db, { id });
}
