// The route_event outbox consumer: turns a recorded dataset event into tasks of the jobs whose
// inputs name that dataset.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { bare, bareList, prepare, selection } from "../db/statements.js";
import { MAX_TASK_PAYLOAD_BYTES } from "./payload-size.js";
import { iso } from "./rows.js";
import { datasets, j, jobInputs, jobs, outbox, taskEvents, tasks } from "./tables.js";
import { OUTBOX_CHANNEL, TASKS_CHANNEL, type LifecycleContext, type Refused } from "./types.js";

export type RouteEventResult =
  | {
      ok: true;
      /** Jobs consuming the dataset. */
      consumers: number;
      /** Consumers the event was routed to (current version, or all_versions). */
      routed: number;
      /** Tasks created now; the rest already existed (idempotent redelivery). */
      createdTaskIds: string[];
      /**
       * Consumers whose task would break the payload-size rule (job config + the event): no task
       * is created for them; the caller fails the route_event row so an operator sees it.
       */
      oversized: { jobId: string; bytes: number }[];
    }
  | Refused<"not_found">;

const ji = alias(jobInputs, "ji");
const d = alias(datasets, "d");

const ROUTE_EVENT = prepare<{ eventId: number; now: string; maxPayloadBytes: number }>(
  "route_event",
  (p) => sql`WITH e AS (
       SELECT ${selection({
         dataset_uuid: taskEvents.datasetUuid,
         dataset_version: taskEvents.datasetVersion,
         event_key: taskEvents.eventKey,
         cursor: taskEvents.cursor,
         partition_key: taskEvents.partitionKey,
         range_start: taskEvents.rangeStart,
         range_end: taskEvents.rangeEnd,
       })} FROM ${taskEvents} WHERE ${taskEvents.id} = ${p.eventId}
     ), consumers AS (
       SELECT ${j.jobId} AS job_id, ${j.runtime} AS runtime, ${j.maxAttempts} AS max_attempts,
         (${ji.allVersions} OR ${d.currentVersion} IS NULL OR ${d.currentVersion} = e.dataset_version) AS eligible,
         octet_length(${j.config}::text) AS config_bytes,
         'evt:' || e.dataset_uuid || ':' || e.dataset_version || ':' || e.event_key AS dedupe_key,
         jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
           'dataset_uuid', e.dataset_uuid, 'dataset_version', e.dataset_version, 'cursor', e.cursor,
           'partition_key', e.partition_key, 'start', e.range_start, 'end', e.range_end))) AS inputs
       FROM e
       JOIN ${jobInputs} ${ji} ON ${ji.datasetUuid} = e.dataset_uuid
       JOIN ${jobs} ${j} ON ${j.jobId} = ${ji.jobId}
       LEFT JOIN ${datasets} ${d} ON ${d.datasetUuid} = e.dataset_uuid
     ), sized AS (
       SELECT consumers.*, config_bytes + octet_length(inputs::text) + octet_length('{}'::jsonb::text) AS payload_bytes FROM consumers
     ), ins AS (
       INSERT INTO ${tasks} (${bareList(
         tasks.jobId,
         tasks.runtime,
         tasks.state,
         tasks.attempt,
         tasks.maxAttempts,
         tasks.dedupeKey,
         tasks.inputs,
         tasks.queuedAt,
         tasks.createdAt,
         tasks.updatedAt,
       )})
       SELECT job_id, runtime, 'QUEUED', 1, max_attempts, dedupe_key, inputs, ${p.now}::timestamptz, ${p.now}::timestamptz, ${p.now}::timestamptz
       FROM sized
       WHERE eligible AND payload_bytes <= ${p.maxPayloadBytes}
       ON CONFLICT (${bareList(tasks.jobId, tasks.dedupeKey)}) WHERE ${bare(tasks.dedupeKey)} IS NOT NULL DO NOTHING
       RETURNING ${selection({ task_id: tasks.taskId, attempt: tasks.attempt, runtime: tasks.runtime })}
     ), wake AS (
       INSERT INTO ${outbox} (${bareList(outbox.kind, outbox.payload, outbox.taskId, outbox.attempt, outbox.nextAttemptAt, outbox.createdAt, outbox.updatedAt)})
       SELECT 'wakeup', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, ${p.now}, ${p.now}, ${p.now}
       FROM ins WHERE runtime = 'worker'
     )
     SELECT 'event' AS kind, NULL::uuid AS task_id, NULL::text AS runtime,
       (SELECT count(*) FROM consumers)::int AS consumers, (SELECT count(*) FROM consumers WHERE eligible)::int AS routed
     FROM e
     UNION ALL
     SELECT 'task', task_id, pg_notify(CASE runtime WHEN 'lambda' THEN '${sql.raw(TASKS_CHANNEL)}' ELSE '${sql.raw(OUTBOX_CHANNEL)}' END,
       runtime)::text, 0, 0 FROM ins
     UNION ALL
     SELECT 'oversized', job_id, NULL, payload_bytes::int, 0 FROM sized WHERE eligible AND payload_bytes > ${p.maxPayloadBytes}`,
);

/**
 * One statement: for every job with an input edge on the event's dataset, create its task with
 * dedupe key evt:{dataset_uuid}:{dataset_version}:{cursor|partition_key} and the event as input.
 * Only events of the dataset's current version are routed unless the edge says all_versions;
 * a dataset with no recorded current version routes everything (there is nothing to compare).
 * Unrouted events stay in task_events for audit. The payload-size rule (payload-size.ts) holds
 * here as on every creation path: a consumer whose config plus the event is over the limit gets
 * no task and is reported in `oversized`.
 */
export async function routeEvent(ctx: LifecycleContext, eventId: number): Promise<RouteEventResult> {
  const now = iso(ctx.clock.now());
  const rows = await ROUTE_EVENT.run(ctx.db, { eventId, now, maxPayloadBytes: MAX_TASK_PAYLOAD_BYTES });
  const head = rows.find((r) => r.kind === "event");
  if (!head) return { ok: false, reason: "not_found", message: "event not found" };
  const created = rows.filter((r) => r.kind === "task");
  if (created.length > 0) ctx.onOutboxWritten?.(["wakeup"]);
  return {
    ok: true,
    consumers: Number(head.consumers),
    routed: Number(head.routed),
    createdTaskIds: created.map((r) => String(r.task_id)),
    oversized: rows.filter((r) => r.kind === "oversized").map((r) => ({ jobId: String(r.task_id), bytes: Number(r.consumers) })),
  };
}
