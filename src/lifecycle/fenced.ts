// Task-scoped operations (CONTRACT §4): each fenced by {task_id, attempt, lease_token} and run as
// one transaction (or one statement) that either commits everything or nothing.
//
// Deliveries (CONTRACT §3: one delivery, and only one, may act for an attempt): every call may
// carry the caller's delivery id. The first call of a live attempt that carries one binds the
// attempt to it (tasks.delivery_id, cleared at every acquisition; copied to
// task_attempts.delivery_id when the attempt ends); from then on a call from any other delivery,
// or without one, is refused duplicate_delivery and changes nothing. On the hot paths (heartbeat,
// plain completion) the bind is part of the one conditional UPDATE that is already the fence.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable, Row } from "../db/index.js";
import { bare, bareList, prepare, selection } from "../db/statements.js";
import { DISPATCHER_CATEGORIES, categoryProblem, completionErrorColumns } from "./attempt-error.js";
import { canonicalJson, toDate, eventKey, eventToJson, iso, isUuid, retryDelayMs, sha256Hex, validateEvent } from "./rows.js";
import { boundDelivery, checkDelivery, deliveryParam } from "./deliveries.js";
import {
  a,
  bufferPublishes,
  datasets,
  datasetVersionsPublished,
  j,
  jobs,
  outbox,
  runningByKey,
  runningInList,
  t,
  taskAttempts,
  taskEvents,
  taskOutputs,
  tasks,
  x,
} from "./tables.js";
import { OUTBOX_CHANNEL, type DatasetEvent, type FenceRefusal, type JsonValue, type LifecycleContext, type Refused, type TaskState } from "./types.js";

export interface Fence {
  taskId: string;
  attempt: number;
  leaseToken: string;
  /** The caller's delivery id; empty or absent binds nothing. */
  deliveryId?: string;
}


/**
 * What every fence check reads, per task: the task's state and lease, the named attempt's token,
 * fingerprint and delivery, the newest attempt number, and the job's retry policy.
 */
const FENCE_COLUMNS = selection({
  state: t.state,
  task_attempt: t.attempt,
  task_token: t.leaseToken,
  cancel_requested: t.cancelRequested,
  max_attempts: t.maxAttempts,
  runtime: t.runtime,
  attempt_token: a.leaseToken,
  completion_fingerprint: a.completionFingerprint,
  task_delivery: t.deliveryId,
  attempt_delivery: a.deliveryId,
  latest_attempt: sql`(SELECT max(${x.attempt}) FROM ${taskAttempts} ${x} WHERE ${x.taskId} = ${t.taskId})`,
  retry_base_seconds: j.retryBaseSeconds,
  retry_max_seconds: j.retryMaxSeconds,
});

function fenceStatement(name: string, lock: SQL) {
  return prepare<{ taskId: string; attempt: number }>(
    name,
    (p) => sql`SELECT ${FENCE_COLUMNS}
     FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
     LEFT JOIN ${taskAttempts} ${a} ON ${a.taskId} = ${t.taskId} AND ${a.attempt} = ${p.attempt}
     WHERE ${t.taskId} = ${p.taskId} ${lock}`,
  );
}

const READ_FENCE = fenceStatement("read_fence", sql``);
const READ_FENCE_LOCKED = fenceStatement("read_fence_locked", sql`FOR NO KEY UPDATE OF ${t}`);

/** Everything the fence checks need, read (and, with `lock`, row-locked) in one statement. */
async function readFence(q: Queryable, fence: Fence, lock: "lock" | "" = ""): Promise<Row | null> {
  const [row] = await (lock ? READ_FENCE_LOCKED : READ_FENCE).run(q, { taskId: fence.taskId, attempt: fence.attempt });
  return row ?? null;
}

/**
 * The attempt-level checks shared by every fenced call, in CONTRACT order: the attempt must have
 * been acquired with this token, and no newer attempt may have been acquired since.
 */
function checkAttempt(row: Row | null, fence: Fence): FenceRefusal | null {
  if (!row) return "not_found";
  if (row.attempt_token === null || row.attempt_token === undefined) return "stale_attempt";
  if (String(row.attempt_token) !== fence.leaseToken) return "lease_mismatch";
  if (Number(row.latest_attempt) > fence.attempt) return "stale_attempt";
  return null;
}

const BIND_DELIVERY = prepare<{ taskId: string; attempt: number; leaseToken: string; deliveryId: string }>(
  "bind_delivery",
  (p) => sql`UPDATE ${tasks} SET ${bare(tasks.deliveryId)} = COALESCE(${tasks.deliveryId}, ${p.deliveryId})
     WHERE ${tasks.taskId} = ${p.taskId} AND ${tasks.attempt} = ${p.attempt} AND ${tasks.leaseToken} = ${p.leaseToken}
       AND ${runningByKey(tasks)}
     RETURNING ${tasks.deliveryId} AS delivery_id`,
);

/**
 * Binds a live, still unbound attempt to the caller's delivery, for the transactional paths
 * whose fence is a read (events, buffer publish, credentials). The row may have been bound or
 * ended since it was read (credentials read without a lock), so the UPDATE re-checks the fence
 * and answers with whatever delivery is bound now.
 */
async function bindIfUnbound(q: Queryable, row: Row, fence: Fence): Promise<FenceRefusal | null> {
  const deliveryId = deliveryParam(fence);
  if (deliveryId === null || boundDelivery(row, fence.attempt) !== null) return null;
  const [bound] = await BIND_DELIVERY.run(q, { taskId: fence.taskId, attempt: fence.attempt, leaseToken: fence.leaseToken, deliveryId });
  if (!bound) return checkLive(await readFence(q, fence), fence) ?? "task_finished";
  return String(bound.delivery_id) === deliveryId ? null : "duplicate_delivery";
}

/** Live lease: the attempt is current, bound to no other delivery, and the task is RUNNING under it. */
function checkLive(row: Row | null, fence: Fence): FenceRefusal | null {
  const attemptRefusal = checkAttempt(row, fence);
  if (attemptRefusal || !row) return attemptRefusal ?? "not_found";
  if (Number(row.task_attempt) !== fence.attempt) return "stale_attempt";
  const deliveryRefusal = checkDelivery(row, fence);
  if (deliveryRefusal) return deliveryRefusal;
  const state = String(row.state);
  if (state === "CANCELED") return "canceled";
  if (state !== "RUNNING") return "task_finished";
  return null;
}

function validFenceShape(fence: Fence): boolean {
  return isUuid(fence.taskId) && Number.isInteger(fence.attempt) && fence.attempt >= 1 && isUuid(fence.leaseToken);
}

const TASK_EXISTS = prepare<{ taskId: string }>(
  "task_exists",
  (p) => sql`SELECT 1 FROM ${tasks} WHERE ${tasks.taskId} = ${p.taskId}`,
);

/** Refusal for a fence that cannot name anything (malformed ids behave like unknown ones). */
async function shapeRefusal(ctx: LifecycleContext, fence: Fence): Promise<FenceRefusal> {
  if (!isUuid(fence.taskId)) return "not_found";
  const [row] = await TASK_EXISTS.run(ctx.db, { taskId: fence.taskId });
  if (!row) return "not_found";
  return isUuid(fence.leaseToken) ? "stale_attempt" : "lease_mismatch";
}

/**
 * The live-lease check alone, for calls that change nothing (e.g. /v1/task/credentials): the
 * same answers, in the same order, as every fenced operation gives.
 */
export async function checkFence(ctx: LifecycleContext, fence: Fence): Promise<FenceRefusal | null> {
  if (!validFenceShape(fence)) return shapeRefusal(ctx, fence);
  const row = await readFence(ctx.db, fence);
  const refusal = checkLive(row, fence);
  if (refusal || !row) return refusal ?? "not_found";
  return bindIfUnbound(ctx.db, row, fence);
}

/** The heartbeat's whole happy path: fence, lease extension and delivery bind in one UPDATE. */
const HEARTBEAT = prepare<{ taskId: string; attempt: number; leaseToken: string; now: string; deliveryId: string | null }>(
  "heartbeat",
  (p) => sql`UPDATE ${tasks} ${t} SET ${bare(tasks.leaseExpiresAt)} = LEAST(${p.now}::timestamptz + make_interval(secs => ${j.leaseTtlSeconds}),
         ${t.startedAt} + make_interval(secs => ${j.timeoutSeconds})), ${bare(tasks.updatedAt)} = ${p.now},
         ${bare(tasks.deliveryId)} = COALESCE(${t.deliveryId}, ${p.deliveryId}::text)
     FROM ${jobs} ${j}
     WHERE ${t.taskId} = ${p.taskId} AND ${t.attempt} = ${p.attempt} AND ${t.leaseToken} = ${p.leaseToken} AND ${runningByKey(t)}
       AND ${j.jobId} = ${t.jobId}
       AND (${t.deliveryId} IS NULL OR ${t.deliveryId} = ${p.deliveryId}::text)
     RETURNING ${selection({ lease_expires_at: t.leaseExpiresAt, cancel_requested: t.cancelRequested })}`,
);

export type HeartbeatResult = { ok: true; leaseExpiresAt: Date; cancelRequested: boolean } | Refused<FenceRefusal>;

/**
 * Renews a live lease to now + lease_ttl, never past started_at + timeout_seconds (the job's
 * wall-clock limit), so a runaway attempt that keeps heartbeating is still reaped. One statement
 * on the happy path, which also binds an unbound attempt to the caller's delivery (two racing
 * deliveries serialize on the row lock; the loser re-checks and matches nothing); a refusal is
 * diagnosed afterwards and commits nothing.
 */
export async function heartbeat(ctx: LifecycleContext, fence: Fence): Promise<HeartbeatResult> {
  if (!validFenceShape(fence)) return { ok: false, reason: await shapeRefusal(ctx, fence) };
  const now = iso(ctx.clock.now());
  const [row] = await HEARTBEAT.run(ctx.db, {
    taskId: fence.taskId,
    attempt: fence.attempt,
    leaseToken: fence.leaseToken,
    now,
    deliveryId: deliveryParam(fence),
  });
  if (row) return { ok: true, leaseExpiresAt: toDate(row.lease_expires_at), cancelRequested: Boolean(row.cancel_requested) };
  const refusal = checkLive(await readFence(ctx.db, fence), fence);
  return { ok: false, reason: refusal ?? "task_finished" };
}

/** The heartbeat's happy path for many fences at once (see heartbeats); the same fence and renewal as HEARTBEAT. */
const HEARTBEATS = prepare<{ fences: string; now: string }>(
  "heartbeats",
  (p) => sql`UPDATE ${tasks} ${t} SET ${bare(tasks.leaseExpiresAt)} = LEAST(${p.now}::timestamptz + make_interval(secs => ${j.leaseTtlSeconds}),
         ${t.startedAt} + make_interval(secs => ${j.timeoutSeconds})), ${bare(tasks.updatedAt)} = ${p.now},
         ${bare(tasks.deliveryId)} = COALESCE(${t.deliveryId}, f.delivery_id)
     FROM jsonb_to_recordset(${p.fences}::jsonb) AS f(task_id uuid, attempt int, lease_token uuid, delivery_id text), ${jobs} ${j}
     WHERE ${t.taskId} = f.task_id AND ${t.attempt} = f.attempt AND ${t.leaseToken} = f.lease_token AND ${runningInList(t, p.fences)}
       AND ${j.jobId} = ${t.jobId}
       AND (${t.deliveryId} IS NULL OR ${t.deliveryId} = f.delivery_id)
     RETURNING ${selection({ task_id: t.taskId, lease_expires_at: t.leaseExpiresAt, cancel_requested: t.cancelRequested })}`,
);

/**
 * Many heartbeats, each answered exactly as heartbeat would answer it alone: the live leases
 * among them are renewed by one UPDATE (one commit for all, not one WAL flush each); whatever it
 * did not renew (a refusal, a malformed fence, a second heartbeat of a task already in the batch)
 * then goes through heartbeat one by one, in the callers' order. A failed batch statement (a
 * deadlock with a concurrent batch) is retried the same way, so one call cannot fail another.
 */
export async function heartbeats(ctx: LifecycleContext, fences: readonly Fence[]): Promise<HeartbeatResult[]> {
  const results = new Array<HeartbeatResult | undefined>(fences.length);
  const batch = new Map<string, number>(); // task_id → the index of its first fence
  fences.forEach((fence, i) => {
    if (validFenceShape(fence) && !batch.has(fence.taskId)) batch.set(fence.taskId, i);
  });
  // One heartbeat alone keeps the single-key statement (its plan reads the primary key).
  if (batch.size > 1) {
    const rows = await HEARTBEATS.run(ctx.db, {
      fences: JSON.stringify(
        [...batch.values()].map((i) => {
          const fence = fences[i] as Fence;
          return { task_id: fence.taskId, attempt: fence.attempt, lease_token: fence.leaseToken, delivery_id: deliveryParam(fence) };
        }),
      ),
      now: iso(ctx.clock.now()),
    }).catch(() => []);
    for (const row of rows) {
      const i = batch.get(String(row.task_id));
      if (i !== undefined) results[i] = { ok: true, leaseExpiresAt: toDate(row.lease_expires_at), cancelRequested: Boolean(row.cancel_requested) };
    }
  }
  for (const [i, fence] of fences.entries()) results[i] ??= await heartbeat(ctx, fence);
  return results as HeartbeatResult[];
}

export interface CompletionOutput {
  name: string;
  value: JsonValue;
}

export interface DatasetPublished {
  datasetUuid: string;
  datasetVersion: string;
  makeCurrent: boolean;
}

export type CompletionStatus = "COMPLETED" | "FAILED" | "CANCELED";

export interface CompleteTaskInput extends Fence {
  status: CompletionStatus;
  events?: DatasetEvent[];
  outputs?: CompletionOutput[];
  datasetsPublished?: DatasetPublished[];
  errorMessage?: string;
  retryable?: boolean;
  /** For FAILED: the failure's category as reported (runner category or SDK exception type). */
  errorCategory?: string;
}

export type CompleteTaskResult =
  | { ok: true; duplicate: boolean; state: TaskState; nextRetryAt: Date | null; routedEvents: number }
  | Refused<FenceRefusal | "invalid_argument">;

/** Where a failed attempt leaves its task: retry later, dead, or canceled (cancel was requested). */
function failureDisposition(
  ctx: LifecycleContext,
  fenceRow: Row,
  attempt: number,
  retryable: boolean,
): { state: TaskState; nextRetryAt: string | null } {
  if (fenceRow.cancel_requested) return { state: "CANCELED", nextRetryAt: null };
  if (!retryable || attempt >= Number(fenceRow.max_attempts)) return { state: "FAILED", nextRetryAt: null };
  const delay = retryDelayMs(attempt, Number(fenceRow.retry_base_seconds), Number(fenceRow.retry_max_seconds), ctx.random);
  return { state: "FAILED", nextRetryAt: iso(new Date(ctx.clock.now().getTime() + delay)) };
}

export function completionFingerprint(input: CompleteTaskInput): string {
  // The common completion (nothing but a status, no message): its fingerprint is one of a few
  // constants, so it is hashed once per process rather than once per call.
  if (!input.events?.length && !input.outputs?.length && !input.datasetsPublished?.length && !input.errorMessage && !input.errorCategory) {
    const key = `${input.status}/${input.retryable === true}`;
    let known = PLAIN_FINGERPRINTS.get(key);
    if (known === undefined) PLAIN_FINGERPRINTS.set(key, (known = fullFingerprint(input)));
    return known;
  }
  return fullFingerprint(input);
}

/** Fingerprints of message-less plain completions, by status and retryable (at most six). */
const PLAIN_FINGERPRINTS = new Map<string, string>();

function fullFingerprint(input: CompleteTaskInput): string {
  return sha256Hex(
    canonicalJson({
      status: input.status,
      events: (input.events ?? []).map(eventToJson),
      outputs: input.outputs ?? [],
      datasets_published: input.datasetsPublished ?? [],
      error_message: input.errorMessage ?? "",
      retryable: input.retryable ?? false,
      // Only when set, so fingerprints recorded before the field existed still match.
      ...(input.errorCategory ? { error_category: input.errorCategory } : {}),
    }),
  );
}

function validateCompletion(input: CompleteTaskInput): string | null {
  if (!["COMPLETED", "FAILED", "CANCELED"].includes(input.status)) return "status must be COMPLETED, FAILED or CANCELED";
  const category = categoryProblem(input.errorCategory);
  if (category) return category;
  for (const e of input.events ?? []) {
    const problem = validateEvent(e);
    if (problem) return problem;
  }
  const names = new Set<string>();
  for (const o of input.outputs ?? []) {
    if (!o.name) return "output name is required";
    if (names.has(o.name)) return `output name "${o.name}" repeated`;
    names.add(o.name);
  }
  for (const d of input.datasetsPublished ?? [])
    if (!isUuid(d.datasetUuid) || !isUuid(d.datasetVersion)) return "datasets_published needs UUIDs";
  return null;
}

/** Rows for the event statements: one per distinct event key. */
function eventRows(events: DatasetEvent[]): string {
  return JSON.stringify(
    events.map((e) => {
      const j = eventToJson(e);
      return {
        dataset_uuid: j.dataset_uuid,
        dataset_version: j.dataset_version,
        event_key: eventKey(e),
        cursor: j.cursor ?? null,
        partition_key: j.partition_key ?? null,
        range_start: j.start ?? null,
        range_end: j.end ?? null,
      };
    }),
  );
}

/**
 * Wakes route_event drains in every process at commit — only when this transaction routed
 * something, so plain completions stay NOTIFY-free (a notifying commit serializes on a global lock).
 */
const notifyIfRouted = sql.raw(`CASE WHEN EXISTS (SELECT 1 FROM rt) THEN pg_notify('${OUTBOX_CHANNEL}', 'route_event')::text END AS notified`);

/** task_events' columns an event insert writes, in the order the statements below select them. */
const EVENT_INSERT_COLUMNS = bareList(
  taskEvents.producerTaskId,
  taskEvents.attempt,
  taskEvents.datasetUuid,
  taskEvents.datasetVersion,
  taskEvents.eventKey,
  taskEvents.cursor,
  taskEvents.partitionKey,
  taskEvents.rangeStart,
  taskEvents.rangeEnd,
  taskEvents.createdAt,
);
const EVENT_DEDUPE_KEY = bareList(taskEvents.producerTaskId, taskEvents.datasetUuid, taskEvents.datasetVersion, taskEvents.eventKey);
const OUTBOX_INSERT_COLUMNS = bareList(
  outbox.kind,
  outbox.payload,
  outbox.taskId,
  outbox.attempt,
  outbox.nextAttemptAt,
  outbox.createdAt,
  outbox.updatedAt,
);

/**
 * /v1/task/events' write: records events (deduplicated per producing task) and one route_event
 * outbox row per event that is new.
 */
const RECORD_EVENTS = prepare<{ taskId: string; attempt: number; now: string; events: string }>(
  "record_events",
  (p) => sql`WITH ev AS (
      INSERT INTO ${taskEvents} (${EVENT_INSERT_COLUMNS})
      SELECT ${p.taskId}::uuid, ${p.attempt}::int, x.dataset_uuid, x.dataset_version, x.event_key, x.cursor, x.partition_key,
        x.range_start, x.range_end, ${p.now}::timestamptz
      FROM jsonb_to_recordset(${p.events}::jsonb) AS x(dataset_uuid uuid, dataset_version uuid, event_key text,
        cursor text, partition_key text, range_start text, range_end text)
      ON CONFLICT (${EVENT_DEDUPE_KEY}) DO NOTHING
      RETURNING ${taskEvents.id} AS id
    ), rt AS (
      INSERT INTO ${outbox} (${OUTBOX_INSERT_COLUMNS})
      SELECT 'route_event', jsonb_build_object('event_id', id), ${p.taskId}, ${p.attempt}, ${p.now}, ${p.now}, ${p.now} FROM ev
      RETURNING ${outbox.id} AS id
    )
    SELECT (SELECT count(*) FROM rt)::int AS inserted, ${notifyIfRouted}`,
);

/**
 * Ends an attempt. Idempotent: the same completion again answers duplicate and writes nothing.
 * A late completion (lease expired, even reaped) is accepted while no newer attempt has been
 * acquired; a re-queued but not yet acquired retry is folded back into this attempt.
 */
export async function completeTask(ctx: LifecycleContext, input: CompleteTaskInput): Promise<CompleteTaskResult> {
  const [result] = await completeTasks(ctx, [input]);
  if (!result) throw new Error("completeTasks returned no result");
  return result;
}

interface PendingCompletion {
  index: number;
  input: CompleteTaskInput;
  fingerprint: string;
}

/**
 * Completes many attempts in one transaction (grouped commit) with set-based statements; each
 * input gets exactly the result completeTask would give it alone. Inputs naming the same task
 * run in successive transactions, in order. If a batch transaction fails unexpectedly, its
 * inputs are retried one by one so one bad completion cannot fail its neighbours.
 */
export async function completeTasks(ctx: LifecycleContext, inputs: readonly CompleteTaskInput[]): Promise<CompleteTaskResult[]> {
  const results: CompleteTaskResult[] = new Array<CompleteTaskResult>(inputs.length);
  let pending: PendingCompletion[] = [];
  for (const [index, input] of inputs.entries()) {
    if (!validFenceShape(input)) {
      results[index] = { ok: false, reason: await shapeRefusal(ctx, input) };
      continue;
    }
    const problem = validateCompletion(input);
    if (problem) results[index] = { ok: false, reason: "invalid_argument", message: problem };
    else pending.push({ index, input, fingerprint: completionFingerprint(input) });
  }
  pending = await completeFastPath(ctx, pending, results);
  while (pending.length > 0) {
    const seen = new Set<string>();
    const round: PendingCompletion[] = [];
    const later: PendingCompletion[] = [];
    for (const p of pending) {
      if (seen.has(p.input.taskId)) later.push(p);
      else {
        seen.add(p.input.taskId);
        round.push(p);
      }
    }
    let roundResults: CompleteTaskResult[];
    try {
      roundResults = await ctx.db.transaction((tx) => completeRound(ctx, tx, round));
    } catch (err) {
      if (round.length === 1) throw err;
      roundResults = [];
      for (const p of round) roundResults.push(...(await ctx.db.transaction((tx) => completeRound(ctx, tx, [p]))));
    }
    round.forEach((p, i) => {
      results[p.index] = roundResults[i] as CompleteTaskResult;
    });
    pending = later;
  }
  if (results.some((r) => r.ok && r.routedEvents > 0)) ctx.onOutboxWritten?.(["route_event"]);
  return results;
}

/** task_attempts.error_category / retryable for a completion, as statement parameters. */
function attemptErrorFields(input: CompleteTaskInput): { error_category: string | null; attempt_retryable: boolean | null } {
  const columns = completionErrorColumns(input);
  return { error_category: columns.error_category, attempt_retryable: columns.retryable };
}

/** The completion fast path's one statement (see completeFastPath). */
const COMPLETE_FAST = prepare<{ completions: string; now: string }>(
  "complete_fast",
  (p) => sql`WITH f AS (
       SELECT * FROM jsonb_to_recordset(${p.completions}::jsonb)
         AS x(task_id uuid, attempt int, lease_token uuid, delivery_id text, status text, error text, retryable boolean,
           fingerprint text, r float8, error_category text, attempt_retryable boolean)
     ), ut AS (
       UPDATE ${tasks} ${t} SET
         ${bare(tasks.state)} = CASE WHEN f.status = 'COMPLETED' THEN 'COMPLETED'
                      WHEN f.status = 'CANCELED' OR ${t.cancelRequested} THEN 'CANCELED' ELSE 'FAILED' END,
         ${bare(tasks.nextRetryAt)} = CASE WHEN f.status = 'FAILED' AND NOT ${t.cancelRequested} AND f.retryable AND ${t.attempt} < ${t.maxAttempts}
           THEN ${p.now}::timestamptz + make_interval(secs => round(LEAST(${j.retryMaxSeconds}::float8,
             ${j.retryBaseSeconds} * 2 ^ (${t.attempt} - 1)) * 1000 * (0.5 + f.r)) / 1000.0) END,
         ${bare(tasks.leaseToken)} = NULL, ${bare(tasks.leaseExpiresAt)} = NULL,
         ${bare(tasks.lastError)} = COALESCE(f.error, ${t.lastError}), ${bare(tasks.updatedAt)} = ${p.now},
         ${bare(tasks.deliveryId)} = COALESCE(${t.deliveryId}, f.delivery_id)
       FROM f, ${jobs} ${j}
       WHERE ${t.taskId} = f.task_id AND ${t.attempt} = f.attempt AND ${t.leaseToken} = f.lease_token AND ${runningInList(t, p.completions)}
         AND (${t.deliveryId} IS NULL OR ${t.deliveryId} = f.delivery_id) AND ${j.jobId} = ${t.jobId}
       RETURNING ${selection({ task_id: t.taskId, attempt: t.attempt, state: t.state, next_retry_at: t.nextRetryAt, delivery_id: t.deliveryId })}
     ), ua AS (
       UPDATE ${taskAttempts} ${a} SET ${bare(taskAttempts.endedAt)} = ${p.now},
         ${bare(taskAttempts.outcome)} = CASE f.status WHEN 'COMPLETED' THEN 'completed' WHEN 'CANCELED' THEN 'canceled' ELSE 'failed' END,
         ${bare(taskAttempts.error)} = f.error, ${bare(taskAttempts.errorCategory)} = f.error_category,
         ${bare(taskAttempts.retryable)} = f.attempt_retryable,
         ${bare(taskAttempts.completionFingerprint)} = f.fingerprint, ${bare(taskAttempts.deliveryId)} = ut.delivery_id
       FROM ut JOIN f ON f.task_id = ut.task_id
       WHERE ${a.taskId} = ut.task_id AND ${a.attempt} = ut.attempt
     )
     SELECT task_id, state, next_retry_at FROM ut`,
);

/**
 * The common case in one autocommit statement: completions carrying no events, outputs or
 * published datasets, for attempts that still hold their live lease. The WHERE clause is the
 * whole fence (task RUNNING under this attempt and lease token), which is exactly when the full
 * path would accept without further checks, and the retry backoff is computed in SQL with the
 * same formula and the same injected random draw. Whatever it did not update (duplicates, late
 * completions, refusals) goes on to the full path. Returns those.
 */
async function completeFastPath(
  ctx: LifecycleContext,
  pending: PendingCompletion[],
  results: CompleteTaskResult[],
): Promise<PendingCompletion[]> {
  const simple = new Map<string, PendingCompletion>();
  const rest: PendingCompletion[] = [];
  for (const p of pending) {
    const i = p.input;
    const plain = !(i.events?.length || i.outputs?.length || i.datasetsPublished?.length);
    if (plain && !simple.has(i.taskId)) simple.set(i.taskId, p);
    else rest.push(p);
  }
  if (simple.size === 0) return pending;
  const rows = await COMPLETE_FAST.run(ctx.db, {
    completions: JSON.stringify(
      [...simple.values()].map((p) => ({
        task_id: p.input.taskId,
        attempt: p.input.attempt,
        lease_token: p.input.leaseToken,
        delivery_id: deliveryParam(p.input),
        status: p.input.status,
        error: p.input.status === "FAILED" ? (p.input.errorMessage ?? "") : null,
        retryable: p.input.retryable ?? false,
        fingerprint: p.fingerprint,
        r: ctx.random(),
        ...attemptErrorFields(p.input),
      })),
    ),
    now: iso(ctx.clock.now()),
  });
  for (const row of rows) {
    const p = simple.get(String(row.task_id));
    if (!p) continue;
    simple.delete(p.input.taskId);
    results[p.index] = {
      ok: true,
      duplicate: false,
      state: String(row.state) as TaskState,
      nextRetryAt: row.next_retry_at === null || row.next_retry_at === undefined ? null : toDate(row.next_retry_at),
      routedEvents: 0,
    };
  }
  // Keep the callers' order for what is left, so repeated completions of one task stay ordered.
  const left = new Set([...simple.values(), ...rest]);
  return pending.filter((p) => left.has(p));
}

/** completeRound's fence read: FENCE_COLUMNS for many (task_id, attempt) at once. */
function roundFenceStatement(name: string, lock: SQL) {
  return prepare<{ fences: string }>(
    name,
    (p) => sql`SELECT f.task_id AS fence_task_id, ${FENCE_COLUMNS}
       FROM jsonb_to_recordset(${p.fences}::jsonb) AS f(task_id uuid, attempt int)
       JOIN ${tasks} ${t} ON ${t.taskId} = f.task_id
       JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
       LEFT JOIN ${taskAttempts} ${a} ON ${a.taskId} = f.task_id AND ${a.attempt} = f.attempt
       ${lock}`,
  );
}
const ROUND_FENCES = roundFenceStatement("complete_round_fences", sql``);
// In task_id order, so concurrent batches never deadlock.
const ROUND_FENCES_LOCKED = roundFenceStatement("complete_round_fences_locked", sql`ORDER BY ${t.taskId} FOR NO KEY UPDATE OF ${t}`);

/**
 * completeRound's writes, set-based over the accepted completions: tasks, attempts, events and
 * their route_event rows, outputs, published dataset versions and current versions.
 */
const COMPLETE_ROUND_WRITE = prepare<{ applied: string; now: string; events: string; outputs: string; published: string; current: string }>(
  "complete_round_write",
  (p) => sql`WITH o AS (
       SELECT * FROM jsonb_to_recordset(${p.applied}::jsonb)
         AS x(task_id uuid, attempt int, state text, next_retry_at timestamptz, error text, outcome text, fingerprint text,
           delivery_id text, error_category text, attempt_retryable boolean)
     ), ut AS (
       UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = o.state, ${bare(tasks.attempt)} = o.attempt,
         ${bare(tasks.leaseToken)} = NULL, ${bare(tasks.leaseExpiresAt)} = NULL,
         ${bare(tasks.nextRetryAt)} = o.next_retry_at, ${bare(tasks.lastError)} = COALESCE(o.error, ${t.lastError}),
         ${bare(tasks.updatedAt)} = ${p.now}, ${bare(tasks.deliveryId)} = o.delivery_id
       FROM o WHERE ${t.taskId} = o.task_id
       RETURNING ${t.taskId} AS task_id
     ), ua AS (
       UPDATE ${taskAttempts} ${a} SET ${bare(taskAttempts.endedAt)} = ${p.now}, ${bare(taskAttempts.outcome)} = o.outcome,
         ${bare(taskAttempts.error)} = o.error, ${bare(taskAttempts.errorCategory)} = o.error_category,
         ${bare(taskAttempts.retryable)} = o.attempt_retryable, ${bare(taskAttempts.completionFingerprint)} = o.fingerprint,
         ${bare(taskAttempts.deliveryId)} = o.delivery_id
       FROM o WHERE ${a.taskId} = o.task_id AND ${a.attempt} = o.attempt
       RETURNING ${a.taskId} AS task_id
     ), ev AS (
       INSERT INTO ${taskEvents} (${EVENT_INSERT_COLUMNS})
       SELECT x.task_id, x.attempt, x.dataset_uuid, x.dataset_version, x.event_key, x.cursor, x.partition_key,
         x.range_start, x.range_end, ${p.now}::timestamptz
       FROM jsonb_to_recordset(${p.events}::jsonb) AS x(task_id uuid, attempt int, dataset_uuid uuid, dataset_version uuid,
         event_key text, cursor text, partition_key text, range_start text, range_end text)
       ON CONFLICT (${EVENT_DEDUPE_KEY}) DO NOTHING
       RETURNING ${selection({ id: taskEvents.id, producer_task_id: taskEvents.producerTaskId, attempt: taskEvents.attempt })}
     ), rt AS (
       INSERT INTO ${outbox} (${OUTBOX_INSERT_COLUMNS})
       SELECT 'route_event', jsonb_build_object('event_id', id), producer_task_id, attempt, ${p.now}, ${p.now}, ${p.now} FROM ev
       RETURNING ${outbox.taskId} AS task_id
     ), outp AS (
       INSERT INTO ${taskOutputs} (${bareList(taskOutputs.taskId, taskOutputs.attempt, taskOutputs.name, taskOutputs.value, taskOutputs.createdAt)})
       SELECT x.task_id, x.attempt, x.name, x.value, ${p.now}
       FROM jsonb_to_recordset(${p.outputs}::jsonb) AS x(task_id uuid, attempt int, name text, value jsonb)
       ON CONFLICT (${bareList(taskOutputs.taskId, taskOutputs.attempt, taskOutputs.name)}) DO NOTHING
     ), pub AS (
       INSERT INTO ${datasetVersionsPublished} (${bareList(
         datasetVersionsPublished.taskId,
         datasetVersionsPublished.attempt,
         datasetVersionsPublished.datasetUuid,
         datasetVersionsPublished.datasetVersion,
         datasetVersionsPublished.makeCurrent,
         datasetVersionsPublished.createdAt,
       )})
       SELECT x.task_id, x.attempt, x.dataset_uuid, x.dataset_version, x.make_current, ${p.now}
       FROM jsonb_to_recordset(${p.published}::jsonb) AS x(task_id uuid, attempt int, dataset_uuid uuid, dataset_version uuid, make_current boolean)
       ON CONFLICT DO NOTHING
     ), cur AS (
       INSERT INTO ${datasets} (${bareList(datasets.datasetUuid, datasets.currentVersion, datasets.updatedAt)})
       SELECT x.dataset_uuid, x.dataset_version, ${p.now} FROM jsonb_to_recordset(${p.current}::jsonb) AS x(dataset_uuid uuid, dataset_version uuid)
       ON CONFLICT (${bare(datasets.datasetUuid)}) DO UPDATE SET ${bare(datasets.currentVersion)} = EXCLUDED.${bare(datasets.currentVersion)},
         ${bare(datasets.updatedAt)} = EXCLUDED.${bare(datasets.updatedAt)}
     )
     SELECT (SELECT count(*) FROM ut)::int AS tasks, (SELECT count(*) FROM ua)::int AS attempts,
       (SELECT coalesce(jsonb_object_agg(task_id, n), '{}'::jsonb) FROM (SELECT task_id, count(*) AS n FROM rt GROUP BY task_id) r) AS routed,
       ${notifyIfRouted}`,
);

/** One transaction over completions of distinct tasks. */
async function completeRound(ctx: LifecycleContext, tx: Queryable, round: PendingCompletion[]): Promise<CompleteTaskResult[]> {
  const fences = JSON.stringify(round.map((p) => ({ task_id: p.input.taskId, attempt: p.input.attempt })));
  // One locking read, in task_id order (batches never deadlock). Under READ COMMITTED a row we
  // had to wait for is re-checked at its newest version, so the task columns are fresh; the
  // joined task_attempts columns may predate the lock. That cannot matter on the happy path
  // (task RUNNING under this attempt, attempt not yet completed); anything else is re-read below
  // in a new statement, whose snapshot sees everything committed before our locks were granted.
  const fenceRead = (lock: boolean) => (lock ? ROUND_FENCES_LOCKED : ROUND_FENCES).run(tx, { fences });
  let rows = await fenceRead(true);
  const happy = (r: Row | undefined, p: PendingCompletion) =>
    r !== undefined &&
    String(r.state) === "RUNNING" &&
    Number(r.task_attempt) === p.input.attempt &&
    r.completion_fingerprint === null &&
    String(r.attempt_token) === p.input.leaseToken &&
    checkDelivery(r, p.input) === null;
  const first = new Map(rows.map((r) => [String(r.fence_task_id), r]));
  if (!round.every((p) => happy(first.get(p.input.taskId), p))) rows = await fenceRead(false);
  const byTask = new Map(rows.map((r) => [String(r.fence_task_id), r]));
  const now = iso(ctx.clock.now());
  const results: CompleteTaskResult[] = [];
  const applied: ({
    task_id: string;
    attempt: number;
    state: TaskState;
    next_retry_at: string | null;
    error: string | null;
    outcome: string;
    fingerprint: string;
    delivery_id: string | null;
  } & ReturnType<typeof attemptErrorFields>)[] = [];
  const events: unknown[] = [];
  const outputs: unknown[] = [];
  const published: unknown[] = [];
  const current = new Map<string, string>();
  for (const p of round) {
    const input = p.input;
    const row = byTask.get(input.taskId) ?? null;
    // Duplicate detection comes before the staleness checks: a repeat is answered the same way
    // even after a newer attempt exists — but only to the delivery that acted for the attempt.
    if (row && row.attempt_token !== null && String(row.attempt_token) === input.leaseToken && row.completion_fingerprint !== null) {
      const deliveryRefusal = checkDelivery(row, input);
      if (deliveryRefusal) {
        results.push({ ok: false, reason: deliveryRefusal });
        continue;
      }
      results.push(
        row.completion_fingerprint === p.fingerprint
          ? { ok: true, duplicate: true, state: String(row.state) as TaskState, nextRetryAt: null, routedEvents: 0 }
          : { ok: false, reason: "task_finished", message: "this attempt was already completed differently" },
      );
      continue;
    }
    const refusal = checkAttempt(row, input);
    if (refusal || !row) {
      results.push({ ok: false, reason: refusal ?? "not_found" });
      continue;
    }
    const deliveryRefusal = checkDelivery(row, input);
    if (deliveryRefusal) {
      results.push({ ok: false, reason: deliveryRefusal });
      continue;
    }
    const state = String(row.state);
    const taskAttempt = Number(row.task_attempt);
    if (state === "CANCELED") {
      results.push({ ok: false, reason: "canceled" });
      continue;
    }
    const acceptable =
      (state === "RUNNING" && taskAttempt === input.attempt) ||
      (state === "FAILED" && taskAttempt === input.attempt) ||
      (state === "QUEUED" && taskAttempt === input.attempt + 1);
    if (!acceptable) {
      results.push({ ok: false, reason: state === "COMPLETED" ? "task_finished" : "stale_attempt" });
      continue;
    }
    let next: { state: TaskState; nextRetryAt: string | null };
    let outcome: "completed" | "failed" | "canceled";
    if (input.status === "COMPLETED") {
      next = { state: "COMPLETED", nextRetryAt: null };
      outcome = "completed";
    } else if (input.status === "CANCELED") {
      next = { state: "CANCELED", nextRetryAt: null };
      outcome = "canceled";
    } else {
      next = failureDisposition(ctx, row, input.attempt, input.retryable ?? false);
      outcome = "failed";
    }
    applied.push({
      task_id: input.taskId,
      attempt: input.attempt,
      state: next.state,
      next_retry_at: next.nextRetryAt,
      error: input.status === "FAILED" ? (input.errorMessage ?? "") : null,
      outcome,
      fingerprint: p.fingerprint,
      delivery_id: boundDelivery(row, input.attempt) ?? deliveryParam(input),
      ...attemptErrorFields(input),
    });
    const fence = { task_id: input.taskId, attempt: input.attempt };
    for (const e of JSON.parse(eventRows(input.events ?? [])) as object[]) events.push({ ...fence, ...e });
    for (const o of input.outputs ?? []) outputs.push({ ...fence, name: o.name, value: o.value });
    for (const d of input.datasetsPublished ?? []) {
      published.push({ ...fence, dataset_uuid: d.datasetUuid, dataset_version: d.datasetVersion, make_current: d.makeCurrent });
      if (d.makeCurrent) current.set(d.datasetUuid, d.datasetVersion);
    }
    results.push({ ok: true, duplicate: false, state: next.state, nextRetryAt: next.nextRetryAt ? new Date(next.nextRetryAt) : null, routedEvents: 0 });
  }
  if (applied.length === 0) return results;
  const [counts] = await COMPLETE_ROUND_WRITE.run(tx, {
    applied: JSON.stringify(applied),
    now,
    events: JSON.stringify(events),
    outputs: JSON.stringify(outputs),
    published: JSON.stringify(published),
    current: JSON.stringify([...current].map(([dataset_uuid, dataset_version]) => ({ dataset_uuid, dataset_version }))),
  });
  if (!counts || counts.tasks !== applied.length || counts.attempts !== applied.length)
    throw new Error("completion did not update its rows");
  const routed = (counts.routed ?? {}) as Record<string, number>;
  round.forEach((p, i) => {
    const r = results[i];
    if (r?.ok && !r.duplicate) r.routedEvents = Number(routed[p.input.taskId] ?? 0);
  });
  return results;
}

export type RecordEventsResult = { ok: true; accepted: number; inserted: number } | Refused<FenceRefusal | "invalid_argument">;

/** /v1/task/events: records events of a live attempt (deduplicated) and their route_event rows. */
export async function recordEvents(ctx: LifecycleContext, input: Fence & { events: DatasetEvent[] }): Promise<RecordEventsResult> {
  if (!validFenceShape(input)) return { ok: false, reason: await shapeRefusal(ctx, input) };
  for (const e of input.events) {
    const problem = validateEvent(e);
    if (problem) return { ok: false, reason: "invalid_argument", message: problem };
  }
  const result = await ctx.db.transaction(async (tx): Promise<RecordEventsResult> => {
    // The row lock waits for a concurrent completion, so no event lands after its attempt ended.
    // It is an update lock (not FOR SHARE) because the first call of a delivery may bind it.
    const fenceRow = await readFence(tx, input, "lock");
    const refusal = checkLive(fenceRow, input) ?? (fenceRow ? await bindIfUnbound(tx, fenceRow, input) : null);
    if (refusal) return { ok: false, reason: refusal };
    if (input.events.length === 0) return { ok: true, accepted: 0, inserted: 0 };
    const [row] = await RECORD_EVENTS.run(tx, {
      taskId: input.taskId,
      attempt: input.attempt,
      now: iso(ctx.clock.now()),
      events: eventRows(input.events),
    });
    return { ok: true, accepted: input.events.length, inserted: Number(row?.inserted ?? 0) };
  });
  if (result.ok && result.inserted > 0) ctx.onOutboxWritten?.(["route_event"]);
  return result;
}

export interface PublishBufferInput extends Fence {
  batchUri: string;
  contentType: string;
  batchSizeBytes: number;
  dedupeScope: string;
}

export type PublishBufferResult = { ok: true; duplicate: boolean } | Refused<FenceRefusal | "invalid_argument">;

const BUFFER_PUBLISHED = prepare<{ taskId: string; attempt: number; batchUri: string }>(
  "buffer_published",
  (p) => sql`SELECT 1 FROM ${bufferPublishes}
    WHERE ${bufferPublishes.taskId} = ${p.taskId} AND ${bufferPublishes.attempt} = ${p.attempt} AND ${bufferPublishes.batchUri} = ${p.batchUri}`,
);

type PublishBufferParams = {
  taskId: string;
  attempt: number;
  batchUri: string;
  contentType: string;
  batchSizeBytes: number;
  dedupeScope: string;
  now: string;
};

/** The batch pointer and its buffer_publish outbox row, waking the drains at commit. */
const PUBLISH_BUFFER = prepare<PublishBufferParams>(
  "publish_buffer",
  (p) => sql`WITH bp AS (
         INSERT INTO ${bufferPublishes} (${bareList(
           bufferPublishes.taskId,
           bufferPublishes.attempt,
           bufferPublishes.batchUri,
           bufferPublishes.contentType,
           bufferPublishes.batchSizeBytes,
           bufferPublishes.dedupeScope,
           bufferPublishes.createdAt,
         )})
         VALUES (${p.taskId}, ${p.attempt}, ${p.batchUri}, ${p.contentType}, ${p.batchSizeBytes}, ${p.dedupeScope}, ${p.now})
         RETURNING ${bufferPublishes.id} AS id
       )
       INSERT INTO ${outbox} (${OUTBOX_INSERT_COLUMNS})
       SELECT 'buffer_publish', jsonb_build_object('buffer_publish_id', id), ${p.taskId}, ${p.attempt}, ${p.now}, ${p.now}, ${p.now} FROM bp
       RETURNING ${sql.raw(`pg_notify('${OUTBOX_CHANNEL}', 'buffer_publish')::text`)} AS notified`,
);

/**
 * /v1/task/buffer-publish: persists the batch pointer and its buffer_publish outbox row;
 * idempotent on (task_id, attempt, batch_uri) — a repeat by the same attempt is a duplicate even
 * after the attempt ended.
 */
export async function publishBuffer(ctx: LifecycleContext, input: PublishBufferInput): Promise<PublishBufferResult> {
  if (!validFenceShape(input)) return { ok: false, reason: await shapeRefusal(ctx, input) };
  if (!input.batchUri) return { ok: false, reason: "invalid_argument", message: "batch_uri is required" };
  if (!Number.isSafeInteger(input.batchSizeBytes) || input.batchSizeBytes < 0)
    return { ok: false, reason: "invalid_argument", message: "batch_size_bytes must be a non-negative integer" };
  const result = await ctx.db.transaction(async (tx): Promise<PublishBufferResult> => {
    const row = await readFence(tx, input, "lock");
    const attemptRefusal = checkAttempt(row, input) ?? (row ? checkDelivery(row, input) : null);
    const [existing] = attemptRefusal
      ? []
      : await BUFFER_PUBLISHED.run(tx, { taskId: input.taskId, attempt: input.attempt, batchUri: input.batchUri });
    if (existing && String(row?.attempt_token) === input.leaseToken) return { ok: true, duplicate: true };
    const refusal = checkLive(row, input) ?? (row ? await bindIfUnbound(tx, row, input) : null);
    if (refusal) return { ok: false, reason: refusal };
    const now = iso(ctx.clock.now());
    await PUBLISH_BUFFER.run(tx, {
      taskId: input.taskId,
      attempt: input.attempt,
      batchUri: input.batchUri,
      contentType: input.contentType,
      batchSizeBytes: input.batchSizeBytes,
      dedupeScope: input.dedupeScope,
      now,
    });
    return { ok: true, duplicate: false };
  });
  if (result.ok && !result.duplicate) ctx.onOutboxWritten?.(["buffer_publish"]);
  return result;
}

export type FailInvokeResult = { ok: true; state: TaskState; nextRetryAt: Date | null } | Refused<FenceRefusal>;

const FAIL_INVOKE_READ = prepare<{ taskId: string }>(
  "fail_invoke_read",
  (p) => sql`SELECT ${selection({
    state: t.state,
    attempt: t.attempt,
    cancel_requested: t.cancelRequested,
    max_attempts: t.maxAttempts,
    retry_base_seconds: j.retryBaseSeconds,
    retry_max_seconds: j.retryMaxSeconds,
  })}
       FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId} WHERE ${t.taskId} = ${p.taskId} FOR NO KEY UPDATE OF ${t}`,
);

type FailInvokeParams = {
  taskId: string;
  attempt: number;
  state: TaskState;
  nextRetryAt: string | null;
  error: string;
  now: string;
  category: string;
};

const FAIL_INVOKE_WRITE = prepare<FailInvokeParams>(
  "fail_invoke_write",
  (p) => sql`WITH ut AS (
         UPDATE ${tasks} SET ${bare(tasks.state)} = ${p.state}, ${bare(tasks.leaseToken)} = NULL, ${bare(tasks.leaseExpiresAt)} = NULL,
           ${bare(tasks.nextRetryAt)} = ${p.nextRetryAt}, ${bare(tasks.lastError)} = ${p.error}, ${bare(tasks.updatedAt)} = ${p.now}
         WHERE ${tasks.taskId} = ${p.taskId}
       )
       UPDATE ${taskAttempts} SET ${bare(taskAttempts.endedAt)} = ${p.now}, ${bare(taskAttempts.outcome)} = 'invoke_failed',
         ${bare(taskAttempts.error)} = ${p.error}, ${bare(taskAttempts.errorCategory)} = ${p.category}, ${bare(taskAttempts.retryable)} = true
       WHERE ${taskAttempts.taskId} = ${p.taskId} AND ${taskAttempts.attempt} = ${p.attempt}`,
);

/**
 * A definitive invoke error (function missing, payload too large, access denied): the attempt
 * never ran; it ends with outcome invoke_failed and the task follows the retry policy.
 */
export async function failInvoke(
  ctx: LifecycleContext,
  input: { taskId: string; attempt: number; error: string },
): Promise<FailInvokeResult> {
  if (!isUuid(input.taskId)) return { ok: false, reason: "not_found" };
  return ctx.db.transaction(async (tx): Promise<FailInvokeResult> => {
    const [row] = await FAIL_INVOKE_READ.run(tx, { taskId: input.taskId });
    if (!row) return { ok: false, reason: "not_found" };
    if (Number(row.attempt) !== input.attempt) return { ok: false, reason: "stale_attempt" };
    if (row.state === "CANCELED") return { ok: false, reason: "canceled" };
    if (row.state !== "RUNNING") return { ok: false, reason: "task_finished" };
    const next = failureDisposition(ctx, row, input.attempt, true);
    const now = iso(ctx.clock.now());
    await FAIL_INVOKE_WRITE.run(tx, {
      taskId: input.taskId,
      attempt: input.attempt,
      state: next.state,
      nextRetryAt: next.nextRetryAt,
      error: input.error,
      now,
      category: DISPATCHER_CATEGORIES.invokeFailed,
    });
    return { ok: true, state: next.state, nextRetryAt: next.nextRetryAt ? new Date(next.nextRetryAt) : null };
  });
}
