// Task creation, reads and operator cancellation.
import type { Queryable } from "../db/index.js";
import { MAX_TASK_PAYLOAD_BYTES, payloadTooLargeMessage } from "./payload-size.js";
import { eventToJson, iso, isUuid, TASK_COLUMNS, taskColumns, taskFromRow, validateEvent } from "./rows.js";
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
  const rows = await ctx.db.query(
    `WITH job AS (
       -- The payload carries the config twice: as an object and as the config_json string (escaped).
       SELECT job_id, runtime, max_attempts,
         octet_length(config::text) + octet_length(to_jsonb(config::text)::text) + octet_length($3::jsonb::text)
           + octet_length($6::jsonb::text) AS payload_bytes
       FROM jobs WHERE job_id = $1
     ), ins AS (
       INSERT INTO tasks (job_id, runtime, state, attempt, max_attempts, dedupe_key, inputs, params, queued_at, created_at, updated_at)
       SELECT job_id, runtime, 'QUEUED', 1, max_attempts, $2, $3::jsonb, $6::jsonb, $4, $4, $4 FROM job
       WHERE job.payload_bytes <= $5
       ON CONFLICT (job_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING ${TASK_COLUMNS}
     ), wake AS (
       INSERT INTO outbox (kind, payload, task_id, attempt, next_attempt_at, created_at, updated_at)
       SELECT 'wakeup', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, $4, $4, $4
       FROM ins WHERE runtime = 'worker'
     )
     SELECT ins.*, true AS created,
       pg_notify(CASE ins.runtime WHEN 'lambda' THEN '${TASKS_CHANNEL}' ELSE '${OUTBOX_CHANNEL}' END, ins.runtime)::text AS notified
     FROM ins
     UNION ALL
     SELECT NULL, job.job_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       false, CASE WHEN job.payload_bytes <= $5 THEN 'fits' ELSE job.payload_bytes::text END
     FROM job WHERE NOT EXISTS (SELECT 1 FROM ins)`,
    [input.jobId, dedupeKey, inputsJson, now, MAX_TASK_PAYLOAD_BYTES, paramsJson],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: "not_found", message: "job not found" };
  if (row.created) {
    const task = taskFromRow(row);
    if (task.runtime === "worker") ctx.onOutboxWritten?.(["wakeup"]);
    return { ok: true, task, created: true };
  }
  if (row.notified !== "fits") return { ok: false, reason: "payload_too_large", message: payloadTooLargeMessage(Number(row.notified)) };
  // Conflict on the dedupe key: the existing task is the answer.
  const [existing] = await ctx.db.query(`SELECT ${TASK_COLUMNS} FROM tasks WHERE job_id = $1 AND dedupe_key = $2`, [
    input.jobId,
    dedupeKey,
  ]);
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
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.jobId) {
    if (!isUuid(input.jobId)) return { ok: true, tasks: [], nextPageToken: "" };
    params.push(input.jobId);
    where.push(`job_id = $${params.length}`);
  }
  if (input.states && input.states.length > 0) {
    if (input.states.some((s) => !STATES.includes(s))) return { ok: false, reason: "invalid_argument", message: "unknown state" };
    where.push(`state IN (${input.states.map((s) => `'${s}'`).join(", ")})`);
  }
  if (input.createdAfter) {
    params.push(iso(input.createdAfter));
    where.push(`created_at >= $${params.length}::timestamptz`);
  }
  if (input.createdBefore) {
    params.push(iso(input.createdBefore));
    where.push(`created_at < $${params.length}::timestamptz`);
  }
  if (input.hasError !== undefined) where.push(input.hasError ? `last_error IS NOT NULL AND last_error <> ''` : `(last_error IS NULL OR last_error = '')`);
  if (input.pageToken) {
    const cursor = decodePageToken(input.pageToken);
    if (!cursor) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    params.push(cursor.createdAt, cursor.taskId);
    where.push(`(created_at, task_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(pageSize + 1);
  const rows = await ctx.db.query(
    `SELECT ${TASK_COLUMNS} FROM tasks ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY created_at DESC, task_id DESC LIMIT $${params.length}`,
    params,
  );
  const tasks = rows.slice(0, pageSize).map(taskFromRow);
  const last = tasks[tasks.length - 1];
  const nextPageToken = rows.length > pageSize && last ? encodePageToken(iso(last.createdAt), last.taskId) : "";
  return { ok: true, tasks, nextPageToken };
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

/**
 * QUEUED/FAILED → CANCELED at once; RUNNING → cancel_requested (seen by the next heartbeat);
 * COMPLETED/CANCELED are left as they are. One transaction.
 */
export async function cancelTask(ctx: LifecycleContext, taskId: string, reason = ""): Promise<CancelTaskResult> {
  if (!isUuid(taskId)) return { ok: false, reason: "not_found" };
  const now = iso(ctx.clock.now());
  return ctx.db.transaction(async (tx: Queryable) => {
    const [current] = await tx.query(`SELECT state FROM tasks WHERE task_id = $1 FOR NO KEY UPDATE`, [taskId]);
    if (!current) return { ok: false, reason: "not_found" } as const;
    const state = String(current.state) as TaskState;
    let outcome: "canceled" | "cancel_requested" | "already_finished";
    let rows;
    if (state === "QUEUED" || state === "FAILED") {
      outcome = "canceled";
      rows = await tx.query(
        `UPDATE tasks SET state = 'CANCELED', next_retry_at = NULL, cancel_reason = $2, updated_at = $3
         WHERE task_id = $1 RETURNING ${TASK_COLUMNS}`,
        [taskId, reason, now],
      );
    } else if (state === "RUNNING") {
      outcome = "cancel_requested";
      rows = await tx.query(
        `UPDATE tasks SET cancel_requested = true, cancel_reason = $2, updated_at = $3 WHERE task_id = $1 RETURNING ${TASK_COLUMNS}`,
        [taskId, reason, now],
      );
    } else {
      outcome = "already_finished";
      rows = await tx.query(`SELECT ${taskColumns("t")} FROM tasks t WHERE task_id = $1`, [taskId]);
    }
    const [row] = rows;
    if (!row) throw new Error("task vanished under lock");
    return { ok: true, task: taskFromRow(row), outcome } as const;
  });
}
