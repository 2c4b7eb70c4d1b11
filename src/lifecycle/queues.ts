// Postgres queue tables fed by the outbox drain: wake-ups for queue-woken worker runtimes, and
// buffer pointers for the buffer consumer. Enqueue is idempotent on the producing outbox row, so
// a redelivered outbox row does not enqueue twice.
import { iso } from "./rows.js";
import type { JsonValue, LifecycleContext, OutboxRow } from "./types.js";

export type QueueName = "wakeup_queue" | "buffer_queue";

export interface WakeupMessage {
  id: number;
  taskId: string;
  attempt: number;
  receives: number;
}

/** Outbox handler body for `wakeup` rows. */
export async function enqueueWakeup(ctx: LifecycleContext, row: OutboxRow): Promise<void> {
  if (!row.taskId || row.attempt === null) throw new Error("wakeup outbox row without task");
  await ctx.db.query(
    `INSERT INTO wakeup_queue (outbox_id, task_id, attempt, visible_at, created_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (outbox_id) DO NOTHING`,
    [row.id, row.taskId, row.attempt, iso(ctx.clock.now())],
  );
}

/** Outbox handler body for `buffer_publish` rows: copies the pointer into the buffer queue. */
export async function enqueueBuffer(ctx: LifecycleContext, row: OutboxRow): Promise<void> {
  const id = Number(row.payload.buffer_publish_id);
  if (!Number.isSafeInteger(id)) throw new Error("buffer_publish outbox row without buffer_publish_id");
  await ctx.db.query(
    `INSERT INTO buffer_queue (outbox_id, buffer_publish_id, payload, visible_at, created_at)
     SELECT $1, b.id, jsonb_build_object('task_id', b.task_id, 'attempt', b.attempt, 'batch_uri', b.batch_uri,
       'content_type', b.content_type, 'batch_size_bytes', b.batch_size_bytes, 'dedupe_scope', b.dedupe_scope), $3, $3
     FROM buffer_publishes b WHERE b.id = $2
     ON CONFLICT (outbox_id) DO NOTHING`,
    [row.id, id, iso(ctx.clock.now())],
  );
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

async function receive(ctx: LifecycleContext, queue: QueueName, options: { limit: number; visibilitySeconds: number }) {
  const nowDate = ctx.clock.now();
  return ctx.db.query(
    `UPDATE ${queue} q SET visible_at = $3, receives = q.receives + 1
     FROM (SELECT id FROM ${queue} WHERE visible_at <= $1 ORDER BY visible_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) c
     WHERE q.id = c.id RETURNING q.*`,
    [iso(nowDate), options.limit, iso(new Date(nowDate.getTime() + options.visibilitySeconds * 1000))],
  );
}

/** Deletes a handled message. */
export async function deleteQueueMessage(ctx: LifecycleContext, queue: QueueName, id: number): Promise<void> {
  await ctx.db.query(`DELETE FROM ${queue === "wakeup_queue" ? "wakeup_queue" : "buffer_queue"} WHERE id = $1`, [id]);
}
