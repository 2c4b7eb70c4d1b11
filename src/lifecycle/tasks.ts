// Task creation, reads and operator cancellation.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "../db/index.js";
import { bare, bareList, prepare, runSql } from "../db/statements.js";
import { MAX_TASK_PAYLOAD_BYTES, payloadTooLargeMessage } from "./payload-size.js";
import { eventToJson, iso, isUuid, taskFromRow, validateEvent } from "./rows.js";
import { jobs, outbox, tasks, taskSelection } from "./tables.js";
import { getTaskView } from "./task-view.js";
import {
  OUTBOX_CHANNEL,
  TASKS_CHANNEL,
  type Attempt,
  type DatasetEvent,
  type JsonValue,
  type LifecycleContext,
  type Refused,
  type Task,
  type TaskState,
} from "./types.js";


export interface CreateTaskInput {
  jobId: string;
  dedupeKey?: string | null;
  inputs?: DatasetEvent[];
  /** The task's own parameters (a JSON object), passed in its invocation. */
  params?: { [key: string]: JsonValue };
}

export type CreateTaskResult =
  | { ok: true; task: Task; created: boolean }
  | Refused<"not_found" | "invalid_argument" | "payload_too_large">;

type CreateTaskParams = {
  jobId: string;
  dedupeKey: string | null;
  inputs: string;
  now: string;
  maxPayloadBytes: number;
  params: string;
};

/**
 * The task columns of createTask's "not created" row (the UNION ALL arm beside the task): all null
 * but job_id, in taskSelection's order.
 */
const NO_TASK = sql.raw(["NULL", "job.job_id", ...Array.from({ length: 17 }, () => "NULL")].join(", "));

const CREATE_TASK = prepare<CreateTaskParams>(
  "create_task",
  (p) => sql`WITH job AS (
       -- The payload carries the config twice: as an object and as the config_json string (escaped).
       SELECT ${jobs.jobId} AS job_id, ${jobs.runtime} AS runtime, ${jobs.maxAttempts} AS max_attempts,
         octet_length(${jobs.config}::text) + octet_length(to_jsonb(${jobs.config}::text)::text) + octet_length(${p.inputs}::jsonb::text)
           + octet_length(${p.params}::jsonb::text) AS payload_bytes
       FROM ${jobs} WHERE ${jobs.jobId} = ${p.jobId}
     ), ins AS (
       INSERT INTO ${tasks} (${bareList(
         tasks.jobId,
         tasks.runtime,
         tasks.state,
         tasks.attempt,
         tasks.maxAttempts,
         tasks.dedupeKey,
         tasks.inputs,
         tasks.params,
         tasks.queuedAt,
         tasks.createdAt,
         tasks.updatedAt,
       )})
       SELECT job_id, runtime, 'QUEUED', 1, max_attempts, ${p.dedupeKey}, ${p.inputs}::jsonb, ${p.params}::jsonb, ${p.now}, ${p.now}, ${p.now} FROM job
       WHERE job.payload_bytes <= ${p.maxPayloadBytes}
       ON CONFLICT (${bareList(tasks.jobId, tasks.dedupeKey)}) WHERE ${bare(tasks.dedupeKey)} IS NOT NULL DO NOTHING
       RETURNING ${taskSelection(tasks)}
     ), wake AS (
       INSERT INTO ${outbox} (${bareList(outbox.kind, outbox.payload, outbox.taskId, outbox.attempt, outbox.nextAttemptAt, outbox.createdAt, outbox.updatedAt)})
       SELECT 'wakeup', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, ${p.now}, ${p.now}, ${p.now}
       FROM ins WHERE runtime = 'worker'
     )
     SELECT ins.*, true AS created,
       pg_notify(CASE ins.runtime WHEN 'lambda' THEN '${sql.raw(TASKS_CHANNEL)}' ELSE '${sql.raw(OUTBOX_CHANNEL)}' END, ins.runtime)::text AS notified
     FROM ins
     UNION ALL
     SELECT ${NO_TASK}, false, CASE WHEN job.payload_bytes <= ${p.maxPayloadBytes} THEN 'fits' ELSE job.payload_bytes::text END
     FROM job WHERE NOT EXISTS (SELECT 1 FROM ins)`,
);

const TASK_BY_DEDUPE_KEY = prepare<{ jobId: string; dedupeKey: string }>(
  "task_by_dedupe_key",
  (p) => sql`SELECT ${taskSelection(tasks)} FROM ${tasks} WHERE ${tasks.jobId} = ${p.jobId} AND ${tasks.dedupeKey} = ${p.dedupeKey}`,
);

/**
 * Queues a task; idempotent on (job_id, dedupe_key). One statement: the task row, its `wakeup`
 * outbox row (worker runtime) and the NOTIFY that wakes acquirers commit together.
 */
export async function createTask(ctx: LifecycleContext, input: CreateTaskInput): Promise<CreateTaskResult> {
  if (!isUuid(input.jobId)) return { ok: false, reason: "not_found", message: "job not found" };
  const inputs = input.inputs ?? [];
  for (const e of inputs) {
    const problem = validateEvent(e);
    if (problem) return { ok: false, reason: "invalid_argument", message: problem };
  }
  const dedupeKey = input.dedupeKey ? input.dedupeKey : null;
  const inputsJson = JSON.stringify(inputs.map(eventToJson));
  const paramsJson = JSON.stringify(input.params ?? {});
  const now = iso(ctx.clock.now());
  const rows = await CREATE_TASK.run(ctx.db, {
    jobId: input.jobId,
    dedupeKey,
    inputs: inputsJson,
    now,
    maxPayloadBytes: MAX_TASK_PAYLOAD_BYTES,
    params: paramsJson,
  });
  const row = rows[0];
  if (!row) return { ok: false, reason: "not_found", message: "job not found" };
  if (row.created) {
    const task = taskFromRow(row);
    if (task.runtime === "worker") ctx.onOutboxWritten?.(["wakeup"]);
    return { ok: true, task, created: true };
  }
  if (row.notified !== "fits") return { ok: false, reason: "payload_too_large", message: payloadTooLargeMessage(Number(row.notified)) };
  // Conflict on the dedupe key: the existing task is the answer.
  const [existing] = await TASK_BY_DEDUPE_KEY.run(ctx.db, { jobId: input.jobId, dedupeKey: dedupeKey ?? "" });
  if (!existing) throw new Error("dedupe conflict without an existing task");
  return { ok: true, task: taskFromRow(existing), created: false };
}

/** The task and its attempts, read as one snapshot (see task-view.ts for the full view). */
export async function getTask(ctx: LifecycleContext, taskId: string): Promise<{ task: Task; attempts: Attempt[] } | null> {
  const view = await getTaskView(ctx, taskId);
  return view === null ? null : { task: view.task, attempts: view.attempts };
}

export interface ListTasksInput {
  /** Already resolved by the caller when the job was named by dag/name. */
  jobId?: string;
  /** Inclusive lower bound on created_at. */
  createdAfter?: Date;
  /** Exclusive upper bound on created_at. */
  createdBefore?: Date;
  /** true: only tasks with a last_error; false: only without. */
  hasError?: boolean;
  states?: TaskState[];
  /** 1..500; default 50. */
  pageSize?: number;
  pageToken?: string;
}

export type ListTasksResult = { ok: true; tasks: Task[]; nextPageToken: string } | Refused<"invalid_argument">;

const STATES: readonly TaskState[] = ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELED"];

/** Newest first, keyset-paged on (created_at, task_id). */
export async function listTasks(ctx: LifecycleContext, input: ListTasksInput = {}): Promise<ListTasksResult> {
  const pageSize = input.pageSize === undefined || input.pageSize === 0 ? 50 : input.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
    return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  const where: (SQL | undefined)[] = [];
  if (input.jobId) {
    if (!isUuid(input.jobId)) return { ok: true, tasks: [], nextPageToken: "" };
    where.push(eq(tasks.jobId, input.jobId));
  }
  if (input.states && input.states.length > 0) {
    if (input.states.some((s) => !STATES.includes(s))) return { ok: false, reason: "invalid_argument", message: "unknown state" };
    // From a closed set (checked above): inlined, so the planner sees the states as constants.
    where.push(sql`${tasks.state} IN (${sql.raw(input.states.map((s) => `'${s}'`).join(", "))})`);
  }
  if (input.createdAfter) where.push(gte(tasks.createdAt, sql`${iso(input.createdAfter)}::timestamptz`));
  if (input.createdBefore) where.push(lt(tasks.createdAt, sql`${iso(input.createdBefore)}::timestamptz`));
  if (input.hasError !== undefined)
    where.push(
      input.hasError
        ? sql`${tasks.lastError} IS NOT NULL AND ${tasks.lastError} <> ''`
        : sql`(${tasks.lastError} IS NULL OR ${tasks.lastError} = '')`,
    );
  if (input.pageToken) {
    const cursor = decodePageToken(input.pageToken);
    if (!cursor) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    where.push(sql`(${tasks.createdAt}, ${tasks.taskId}) < (${cursor.createdAt}::timestamptz, ${cursor.taskId}::uuid)`);
  }
  const rows = await runSql(
    ctx.db,
    sql`SELECT ${taskSelection(tasks)} FROM ${tasks} ${where.length ? sql`WHERE ${and(...where)}` : sql``}
     ORDER BY ${desc(tasks.createdAt)}, ${desc(tasks.taskId)} LIMIT ${pageSize + 1}`,
  );
  const page = rows.slice(0, pageSize).map(taskFromRow);
  const last = page[page.length - 1];
  const nextPageToken = rows.length > pageSize && last ? encodePageToken(iso(last.createdAt), last.taskId) : "";
  return { ok: true, tasks: page, nextPageToken };
}

function encodePageToken(createdAt: string, taskId: string): string {
  return Buffer.from(JSON.stringify([createdAt, taskId])).toString("base64url");
}

function decodePageToken(token: string): { createdAt: string; taskId: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, taskId] = value as unknown[];
    if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) return null;
    if (typeof taskId !== "string" || !isUuid(taskId)) return null;
    return { createdAt, taskId };
  } catch {
    return null;
  }
}

export type CancelTaskResult =
  | { ok: true; task: Task; outcome: "canceled" | "cancel_requested" | "already_finished" }
  | Refused<"not_found">;

const LOCK_STATE = prepare<{ taskId: string }>(
  "cancel_lock_state",
  (p) => sql`SELECT ${tasks.state} AS state FROM ${tasks} WHERE ${tasks.taskId} = ${p.taskId} FOR NO KEY UPDATE`,
);
const CANCEL_NOW = prepare<{ taskId: string; reason: string; now: string }>(
  "cancel_now",
  (p) => sql`UPDATE ${tasks} SET ${bare(tasks.state)} = 'CANCELED', ${bare(tasks.nextRetryAt)} = NULL, ${bare(tasks.cancelReason)} = ${p.reason},
       ${bare(tasks.updatedAt)} = ${p.now}
     WHERE ${tasks.taskId} = ${p.taskId} RETURNING ${taskSelection(tasks)}`,
);
const REQUEST_CANCEL = prepare<{ taskId: string; reason: string; now: string }>(
  "cancel_request",
  (p) => sql`UPDATE ${tasks} SET ${bare(tasks.cancelRequested)} = true, ${bare(tasks.cancelReason)} = ${p.reason}, ${bare(tasks.updatedAt)} = ${p.now}
     WHERE ${tasks.taskId} = ${p.taskId} RETURNING ${taskSelection(tasks)}`,
);
const TASK_BY_ID = prepare<{ taskId: string }>(
  "task_by_id",
  (p) => sql`SELECT ${taskSelection(tasks)} FROM ${tasks} WHERE ${tasks.taskId} = ${p.taskId}`,
);

/**
 * QUEUED/FAILED → CANCELED at once; RUNNING → cancel_requested (seen by the next heartbeat);
 * COMPLETED/CANCELED are left as they are. One transaction.
 */
export async function cancelTask(ctx: LifecycleContext, taskId: string, reason = ""): Promise<CancelTaskResult> {
  if (!isUuid(taskId)) return { ok: false, reason: "not_found" };
  const now = iso(ctx.clock.now());
  return ctx.db.transaction(async (tx: Queryable) => {
    const [current] = await LOCK_STATE.run(tx, { taskId });
    if (!current) return { ok: false, reason: "not_found" } as const;
    const state = String(current.state) as TaskState;
    let outcome: "canceled" | "cancel_requested" | "already_finished";
    let rows;
    if (state === "QUEUED" || state === "FAILED") {
      outcome = "canceled";
      rows = await CANCEL_NOW.run(tx, { taskId, reason, now });
    } else if (state === "RUNNING") {
      outcome = "cancel_requested";
      rows = await REQUEST_CANCEL.run(tx, { taskId, reason, now });
    } else {
      outcome = "already_finished";
      rows = await TASK_BY_ID.run(tx, { taskId });
    }
    const [row] = rows;
    if (!row) throw new Error("task vanished under lock");
    return { ok: true, task: taskFromRow(row), outcome } as const;
  });
}
