// Outbox handlers: one per outbox kind, pluggable. The built-in ones deliver to Postgres tables
// (routing, the wake-up queue, the buffer queue); `invoke` is supplied by the Lambda invoker.
import {
  enqueueBuffer,
  enqueueWakeup,
  MAX_TASK_PAYLOAD_BYTES,
  routeEvent,
  type LifecycleContext,
  type OutboxKind,
  type OutboxRow,
} from "../lifecycle/index.js";

export type OutboxHandlerResult = "done" | { retry: string } | { fail: string };
export type OutboxHandler = (row: OutboxRow) => Promise<OutboxHandlerResult>;
export type OutboxHandlers = Partial<Record<OutboxKind, OutboxHandler>>;

/** route_event → tasks of consuming jobs; wakeup → wakeup_queue; buffer_publish → buffer_queue. */
export function builtinOutboxHandlers(ctx: LifecycleContext): OutboxHandlers {
  return {
    route_event: async (row) => {
      const eventId = Number(row.payload.event_id);
      if (!Number.isSafeInteger(eventId)) return { fail: "route_event row without event_id" };
      const result = await routeEvent(ctx, eventId);
      if (!result.ok) return { fail: `event ${eventId} not found` };
      // The other consumers' tasks are created; this row fails visibly (ListOutbox) and a replay
      // after the job's config is fixed creates the rest (routing is idempotent per consumer).
      if (result.oversized.length > 0)
        return {
          fail: `payload_too_large: ${result.oversized
            .map((o) => `job ${o.jobId} (${o.bytes} bytes, limit ${MAX_TASK_PAYLOAD_BYTES})`)
            .join(", ")}`,
        };
      return "done";
    },
    wakeup: async (row) => {
      await enqueueWakeup(ctx, row);
      return "done";
    },
    buffer_publish: async (row) => {
      await enqueueBuffer(ctx, row);
      return "done";
    },
  };
}
