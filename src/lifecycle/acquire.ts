// Leasing: batched acquisition of lambda tasks by the Dispatcher, and single-task claims by
// queue-woken workers. Each is one transaction; every acquisition mints a fresh lease token,
// inserts its task_attempts row (unique (task_id, attempt)) and, for lambda, its invoke outbox row.
import { sql, type SQL } from "drizzle-orm";
import type { Queryable, Row } from "../db/index.js";
import { bare, bareList, prepare, selection, type Placeholders } from "../db/statements.js";
import { date, iso, isUuid, taskFromRow } from "./rows.js";
import { j, jobs, outbox, r, t, taskAttempts, tasks, taskSelection } from "./tables.js";
import type { ClaimedOutboxRow } from "./outbox.js";
import type { LifecycleContext, Runtime, Task } from "./types.js";

export interface Lease {
  taskId: string;
  jobId: string;
  runtime: Runtime;
  attempt: number;
  leaseToken: string;
  leaseExpiresAt: Date;
  /** When the task became QUEUED (creation or its retry's re-queue): queue latency for metrics. */
  queuedAt?: Date;
  /** The lease's invoke outbox row, when it was written already claimed (AcquireOptions.claimInvokesFor). */
  invoke?: ClaimedOutboxRow;
}

export interface AcquireOptions {
  /** Most tasks leased by this call. */
  limit: number;
  /** Recorded on the lease and the attempt, e.g. "lambda:<function>" or the dispatcher id. */
  workerId: string;
  /**
   * Backpressure: lease no more while this many invoke outbox rows are undelivered (all
   * processes). Leasing far ahead of the invoker only burns leases that expire before the invoke.
   */
  maxPendingInvokes?: number;
  /**
   * Write each lease's invoke outbox row already claimed by the caller for this many seconds, and
   * return it with the lease (`Lease.invoke`): the caller sends the invokes itself, without an
   * outbox claim statement. The acquisition then commits synchronously, since the invokes may go
   * out as soon as it returns. Unset: the rows are written unclaimed for any drain.
   */
  claimInvokesFor?: number;
}

/**
 * The shared lease: QUEUED → RUNNING for the rows of `pick` (task_id, lease_token), its attempt rows
 * and invoke rows. A lease never starts before the task's last change (`updated_at <= now`): `now`
 * is read before the statement runs, and a statement that waited (a pool reconnecting after a
 * database restart, a paused process) carries an old one while another process may have run and
 * ended an attempt meanwhile; the chaos audit saw such a lease start before the previous attempt's
 * end, already expired. The task stays QUEUED for the next acquire, which reads a fresh clock.
 */
const leaseCtes = (p: Placeholders<{ now: string; workerId: string; claimedUntil: string | null }>) => sql`upd AS (
         UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = 'RUNNING', ${bare(tasks.leaseToken)} = p.lease_token,
           ${bare(tasks.leaseExpiresAt)} = ${p.now}::timestamptz + make_interval(secs => LEAST(${j.leaseTtlSeconds}, ${j.timeoutSeconds})),
           ${bare(tasks.workerId)} = ${p.workerId}, ${bare(tasks.startedAt)} = ${p.now}, ${bare(tasks.updatedAt)} = ${p.now},
           ${bare(tasks.nextRetryAt)} = NULL, ${bare(tasks.deliveryId)} = NULL
         FROM pick p, ${jobs} ${j}
         WHERE ${t.taskId} = p.task_id AND ${j.jobId} = ${t.jobId} AND ${t.state} = 'QUEUED'
           AND ${t.updatedAt} <= ${p.now}::timestamptz
         RETURNING ${selection({
           task_id: t.taskId,
           job_id: t.jobId,
           runtime: t.runtime,
           attempt: t.attempt,
           lease_token: t.leaseToken,
           lease_expires_at: t.leaseExpiresAt,
           queued_at: t.queuedAt,
         })}
       ), att AS (
         INSERT INTO ${taskAttempts} (${bareList(taskAttempts.taskId, taskAttempts.attempt, taskAttempts.leaseToken, taskAttempts.workerId, taskAttempts.startedAt)})
         SELECT task_id, attempt, lease_token, ${p.workerId}, ${p.now} FROM upd
       ), inv AS (
         INSERT INTO ${outbox} (${bareList(outbox.kind, outbox.payload, outbox.taskId, outbox.attempt, outbox.nextAttemptAt, outbox.claimedUntil, outbox.createdAt, outbox.updatedAt)})
         SELECT 'invoke', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt,
           COALESCE(${p.claimedUntil}::timestamptz, ${p.now}::timestamptz), ${p.claimedUntil}::timestamptz, ${p.now}, ${p.now}
         FROM upd WHERE runtime = 'lambda'
         RETURNING ${selection({ invoke_task_id: outbox.taskId, invoke_id: outbox.id, invoke_claimed_until: outbox.claimedUntil, invoke_created_at: outbox.createdAt })}
       )`;

/** The leased rows with their invoke rows (claimed ones are handed back to the caller). */
const LEASED_WITH_INVOKES = sql`upd.*, inv.invoke_id, inv.invoke_claimed_until, inv.invoke_created_at
     FROM upd LEFT JOIN inv ON inv.invoke_task_id = upd.task_id`;

/**
 * Lambda leases whose invoke rows are written unclaimed commit without waiting for the WAL flush
 * (synchronous_commit off for this transaction only): that flush is most of an acquire's latency
 * on a real disk. It is safe because nobody outside the database learns of such a lease until its
 * invoke is sent, and that happens only after a drain's outbox claim commits synchronously, which
 * flushes the WAL, and with it this earlier commit, first. If the server crashes before that, the
 * lease never existed and the task is simply QUEUED again. Leases whose invoke rows are written
 * claimed (claimInvokesFor) have no such claim after them, their invokes go out as soon as this
 * returns, so they commit synchronously: the one flush moves here. (Worker claims answer the
 * worker directly, so they stay synchronous.)
 */
const COMMIT_MODE_CTE = (p: Placeholders<{ claimedUntil: string | null }>) =>
  sql`commit_mode AS (SELECT set_config('synchronous_commit', CASE WHEN ${p.claimedUntil}::timestamptz IS NULL THEN 'off' ELSE 'on' END, true))`;

type AcquireParams = { tokens: string; now: string; workerId: string; limit: number; maxPendingInvokes: number; claimedUntil: string | null };

/** The uncapped acquire: one statement that locks, leases, and writes attempt and invoke rows. */
const ACQUIRE_UNCAPPED = prepare<AcquireParams>(
  "acquire_uncapped",
  (p) => sql`WITH ${COMMIT_MODE_CTE(p)}, cand AS (
       SELECT c.task_id, row_number() OVER () AS n FROM (
         SELECT ${t.taskId} AS task_id FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
         WHERE ${t.state} = 'QUEUED' AND ${t.runtime} = 'lambda' AND ${j.maxConcurrency} = 0 AND NOT ${j.paused}
         ORDER BY ${t.queuedAt}, ${t.taskId}
         LIMIT LEAST(${p.limit}::int, GREATEST(0, ${p.maxPendingInvokes}::int -
           (SELECT count(*) FROM ${outbox} WHERE ${outbox.status} = 'pending' AND ${outbox.kind} = 'invoke')))
         FOR NO KEY UPDATE OF ${t} SKIP LOCKED
       ) c
     ), pick AS (
       SELECT cand.task_id, tok.value::uuid AS lease_token
       FROM cand JOIN jsonb_array_elements_text(${p.tokens}::jsonb) WITH ORDINALITY AS tok(value, n) ON tok.n = cand.n
     ), ${leaseCtes(p)}
     SELECT leased.*, capped.any_capped FROM (SELECT EXISTS (SELECT 1 FROM ${jobs} WHERE ${jobs.maxConcurrency} > 0) AS any_capped) capped
     CROSS JOIN commit_mode LEFT JOIN (SELECT ${LEASED_WITH_INVOKES}) leased ON true`,
);

const SET_COMMIT_MODE = prepare<{ claimedUntil: string | null }>("acquire_commit_mode", (p) => sql`WITH ${COMMIT_MODE_CTE(p)} SELECT 1 FROM commit_mode`);

// Tasks of jobs already at their cap are skipped here so they cannot crowd the batch.
const CAPPED_CANDIDATES = prepare<{ limit: number }>(
  "acquire_capped_candidates",
  (p) => sql`SELECT ${t.taskId} AS task_id, ${t.jobId} AS job_id, ${j.maxConcurrency} AS max_concurrency
       FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId}
       WHERE ${t.state} = 'QUEUED' AND ${t.runtime} = 'lambda' AND ${j.maxConcurrency} > 0 AND NOT ${j.paused}
         AND (SELECT count(*) FROM ${tasks} ${r} WHERE ${r.jobId} = ${t.jobId} AND ${r.state} = 'RUNNING') < ${j.maxConcurrency}
       ORDER BY ${t.queuedAt}, ${t.taskId}
       LIMIT ${p.limit}
       FOR NO KEY UPDATE OF ${t} SKIP LOCKED`,
);

const LEASE_PICKED = prepare<{ picks: string; now: string; workerId: string; claimedUntil: string | null }>(
  "acquire_lease_picked",
  (p) => sql`WITH pick AS (
         SELECT * FROM jsonb_to_recordset(${p.picks}::jsonb) AS x(task_id uuid, lease_token uuid)
       ), ${leaseCtes(p)}
       SELECT ${LEASED_WITH_INVOKES}`,
);

/**
 * Leases up to `limit` QUEUED lambda tasks, oldest first, honouring each job's max_concurrency
 * and skipping paused jobs (their tasks stay QUEUED, in order, until the job is resumed).
 * Tasks of uncapped jobs are leased by one statement (lock, lease, attempt rows, invoke rows);
 * capped jobs, if any exist, take the transactional path that serializes on the job row.
 */
export async function acquireTasks(ctx: LifecycleContext, options: AcquireOptions): Promise<Lease[]> {
  if (options.limit <= 0) return [];
  const nowDate = ctx.clock.now();
  const now = iso(nowDate);
  const claimedUntil = options.claimInvokesFor === undefined ? null : iso(new Date(nowDate.getTime() + Math.max(1, options.claimInvokesFor) * 1000));
  const tokens = Array.from({ length: options.limit }, () => ctx.newToken());
  const rows = await ACQUIRE_UNCAPPED.run(ctx.db, {
    tokens: JSON.stringify(tokens),
    now,
    workerId: options.workerId,
    limit: options.limit,
    maxPendingInvokes: options.maxPendingInvokes ?? 2_000_000_000,
    claimedUntil,
  });
  const leases = rows.filter((r) => r.task_id !== null && r.task_id !== undefined).map(leaseFromRow);
  if (rows[0]?.any_capped && leases.length < options.limit)
    leases.push(...(await acquireCapped(ctx, { limit: options.limit - leases.length, workerId: options.workerId }, now, claimedUntil)));
  // Rows claimed at birth are the caller's to send; only unclaimed ones are news for the drains.
  if (leases.some((l) => l.runtime === "lambda" && l.invoke === undefined)) ctx.onOutboxWritten?.(["invoke"]);
  return leases;
}

/** Capped jobs: lock candidates, trim them to each job's room under its cap, lease. */
async function acquireCapped(ctx: LifecycleContext, options: AcquireOptions, now: string, claimedUntil: string | null): Promise<Lease[]> {
  return ctx.db.transaction(async (tx) => {
    await SET_COMMIT_MODE.run(tx, { claimedUntil });
    const candidates = await CAPPED_CANDIDATES.run(tx, { limit: options.limit });
    if (candidates.length === 0) return [];
    const chosen = await enforceConcurrencyCaps(tx, candidates);
    if (chosen.length === 0) return [];
    const picks = chosen.map((taskId) => ({ task_id: taskId, lease_token: ctx.newToken() }));
    const rows = await LEASE_PICKED.run(tx, { picks: JSON.stringify(picks), now, workerId: options.workerId, claimedUntil });
    return rows.map(leaseFromRow);
  });
}

const LOCK_JOBS = prepare<{ jobIds: string }>(
  "acquire_lock_capped_jobs",
  (p) => sql`SELECT ${jobs.jobId} FROM ${jobs} WHERE ${jobs.jobId} IN (SELECT jsonb_array_elements_text(${p.jobIds}::jsonb)::uuid)
    ORDER BY ${jobs.jobId} FOR NO KEY UPDATE`,
);

const RUNNING_COUNTS = prepare<{ jobIds: string }>(
  "acquire_running_counts",
  (p) => sql`SELECT ${j.jobId} AS job_id, ${j.maxConcurrency} AS max_concurrency,
       (SELECT count(*) FROM ${tasks} ${r} WHERE ${r.jobId} = ${j.jobId} AND ${r.state} = 'RUNNING')::int AS running
     FROM ${jobs} ${j} WHERE ${j.jobId} IN (SELECT jsonb_array_elements_text(${p.jobIds}::jsonb)::uuid)`,
);

/**
 * Keeps, per capped job, only as many candidates as the cap leaves room for. The job rows are
 * locked first (in job_id order, so acquirers never deadlock) and RUNNING counted in a later
 * statement, whose fresh READ COMMITTED snapshot sees every acquisition committed before the lock.
 * Completions only lower the count, so a concurrent one can make us conservative, never over cap.
 */
async function enforceConcurrencyCaps(tx: Queryable, candidates: Row[]): Promise<string[]> {
  const capped = [...new Set(candidates.filter((c) => Number(c.max_concurrency) > 0).map((c) => String(c.job_id)))].sort();
  if (capped.length === 0) return candidates.map((c) => String(c.task_id));
  const jobIds = JSON.stringify(capped);
  await LOCK_JOBS.run(tx, { jobIds });
  const counts = await RUNNING_COUNTS.run(tx, { jobIds });
  const room = new Map<string, number>();
  for (const c of counts) room.set(String(c.job_id), Math.max(0, Number(c.max_concurrency) - Number(c.running)));
  const chosen: string[] = [];
  for (const c of candidates) {
    const jobId = String(c.job_id);
    const left = room.get(jobId);
    if (left === undefined) {
      chosen.push(String(c.task_id));
    } else if (left > 0) {
      room.set(jobId, left - 1);
      chosen.push(String(c.task_id));
    }
  }
  return chosen;
}

function leaseFromRow(r: Row): Lease {
  return {
    taskId: String(r.task_id),
    jobId: String(r.job_id),
    runtime: String(r.runtime) as Runtime,
    attempt: Number(r.attempt),
    leaseToken: String(r.lease_token),
    leaseExpiresAt: date(r.lease_expires_at),
    ...(r.queued_at === null || r.queued_at === undefined ? {} : { queuedAt: date(r.queued_at) }),
    ...(r.invoke_claimed_until === null || r.invoke_claimed_until === undefined ? {} : { invoke: claimedInvokeRow(r) }),
  };
}

/** The invoke outbox row written claimed beside a lease, as a claim by a drain would return it. */
function claimedInvokeRow(r: Row): ClaimedOutboxRow {
  const claimedUntil = date(r.invoke_claimed_until);
  return {
    id: Number(r.invoke_id),
    kind: "invoke",
    payload: { task_id: String(r.task_id), attempt: Number(r.attempt) },
    taskId: String(r.task_id),
    attempt: Number(r.attempt),
    status: "pending",
    tries: 0,
    lastError: null,
    nextAttemptAt: claimedUntil,
    createdAt: date(r.invoke_created_at),
    claimedUntil,
  };
}

export type ClaimRejection = "ALREADY_RUNNING" | "COMPLETED" | "CANCELED" | "NOT_FOUND" | "CONCURRENCY_LIMIT" | "RETRY_PENDING" | "JOB_PAUSED";

export type ClaimTaskResult =
  | { claimed: true; lease: Lease; task: Task }
  | { claimed: false; reason: Exclude<ClaimRejection, "RETRY_PENDING"> }
  | { claimed: false; reason: "RETRY_PENDING"; nextRetryAt: Date };

type ClaimParams = { taskId: string; leaseToken: string; now: string; workerId: string };

/** The lease statement of a claim; `guard` narrows which jobs it may lease for. */
function claimStatement(name: string, guard: SQL) {
  return prepare<ClaimParams>(
    name,
    (p) => sql`WITH upd AS (
       UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = 'RUNNING', ${bare(tasks.leaseToken)} = ${p.leaseToken},
         ${bare(tasks.leaseExpiresAt)} = ${p.now}::timestamptz + make_interval(secs => LEAST(${j.leaseTtlSeconds}, ${j.timeoutSeconds})),
         ${bare(tasks.workerId)} = ${p.workerId}, ${bare(tasks.startedAt)} = ${p.now}, ${bare(tasks.updatedAt)} = ${p.now},
         ${bare(tasks.nextRetryAt)} = NULL, ${bare(tasks.deliveryId)} = NULL
       FROM ${jobs} ${j}
       WHERE ${t.taskId} = ${p.taskId} AND ${j.jobId} = ${t.jobId} AND ${t.state} = 'QUEUED' AND ${guard}
         AND ${t.updatedAt} <= ${p.now}::timestamptz
       RETURNING ${taskSelection(t)}
     ), att AS (
       INSERT INTO ${taskAttempts} (${bareList(taskAttempts.taskId, taskAttempts.attempt, taskAttempts.leaseToken, taskAttempts.workerId, taskAttempts.startedAt)})
       SELECT task_id, attempt, lease_token, ${p.workerId}, ${p.now} FROM upd
     )
     SELECT * FROM upd`,
  );
}

/** Uncapped, unpaused jobs: the whole claim is this one statement. */
const CLAIM_UNCAPPED = claimStatement("claim_uncapped", sql`${j.maxConcurrency} = 0 AND NOT ${j.paused}`);
/** Capped jobs, under the job row's lock, after the RUNNING count left room. */
const CLAIM_UNDER_CAP = claimStatement("claim_under_cap", sql`NOT ${j.paused}`);

const LOCK_TASK = prepare<{ taskId: string }>(
  "claim_lock_task",
  (p) => sql`SELECT ${tasks.jobId} AS job_id FROM ${tasks} WHERE ${tasks.taskId} = ${p.taskId} FOR NO KEY UPDATE`,
);
const LOCK_JOB = prepare<{ jobId: string }>(
  "claim_lock_job",
  (p) => sql`SELECT 1 FROM ${jobs} WHERE ${jobs.jobId} = ${p.jobId} FOR NO KEY UPDATE`,
);

/**
 * A queue-woken worker claims one task by id. The conditional UPDATE takes the row lock, so of two
 * concurrent claims the second re-checks `state = 'QUEUED'` after the first commits and finds
 * nothing; exactly one wins. A task of an uncapped job is claimed by one statement. A capped job's
 * task is claimed in a transaction that locks the task row and then the job row (the order the
 * acquire loop locks them, so the two never deadlock) and counts RUNNING in a later statement, as
 * acquisition does: concurrent claims and acquisitions of one job never exceed max_concurrency.
 * A refused claim says why, so the worker knows whether to keep its wake-up (CONCURRENCY_LIMIT,
 * JOB_PAUSED: the task stays QUEUED) or drop it (a retry publishes a fresh one: RETRY_PENDING).
 *
 * Like acquisition, a claim never starts a lease before the task's last change. A claim whose
 * clock reading is older than that (read before this process was paused, or before its pool
 * reconnected; the chaos audit saw such a claim start attempt 2 before attempt 1 began, its lease
 * born expired) is not refused: the task is QUEUED and the worker asked for it. It is retried once
 * with a fresh reading, raised to the task's last change if another process's clock runs a few
 * milliseconds ahead of ours.
 */
export async function claimTask(ctx: LifecycleContext, input: { taskId: string; workerId: string }): Promise<ClaimTaskResult> {
  if (!isUuid(input.taskId)) return { claimed: false, reason: "NOT_FOUND" };
  let result = await claimAt(ctx, input, ctx.clock.now());
  if ("staleUntil" in result) {
    const fresh = ctx.clock.now();
    result = await claimAt(ctx, input, fresh > result.staleUntil ? fresh : result.staleUntil);
  }
  // Stale twice: the task changed again in between; answer as for any other refusal.
  return "staleUntil" in result ? result.otherwise : result;
}

/** A claim whose clock reading predates the task's last change, and what it answers otherwise. */
type StaleClaim = { staleUntil: Date; otherwise: ClaimTaskResult };

async function claimAt(ctx: LifecycleContext, input: { taskId: string; workerId: string }, nowDate: Date): Promise<ClaimTaskResult | StaleClaim> {
  const params: ClaimParams = { taskId: input.taskId, leaseToken: ctx.newToken(), now: iso(nowDate), workerId: input.workerId };
  const refuse = (state: Row): ClaimTaskResult | StaleClaim => {
    const changedAt = date(state.updated_at);
    const otherwise = rejectionFrom(state);
    return String(state.state) === "QUEUED" && changedAt > nowDate ? { staleUntil: changedAt, otherwise } : otherwise;
  };
  const [row] = await CLAIM_UNCAPPED.run(ctx.db, params);
  if (row) return claimedFrom(row);
  const [current] = await CLAIM_STATE.run(ctx.db, { taskId: input.taskId });
  if (!current) return { claimed: false, reason: "NOT_FOUND" };
  if (!isClaimableUnderCap(current)) return refuse(current);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await LOCK_TASK.run(tx, { taskId: input.taskId });
    if (!locked) return { claimed: false, reason: "NOT_FOUND" };
    await LOCK_JOB.run(tx, { jobId: String(locked.job_id) });
    // A fresh statement after the job lock: sees every claim or acquisition committed before it.
    const [state] = await CLAIM_STATE.run(tx, { taskId: input.taskId });
    if (!state) return { claimed: false, reason: "NOT_FOUND" };
    if (!isClaimableUnderCap(state)) return refuse(state);
    if (Number(state.running) >= Number(state.max_concurrency)) return { claimed: false, reason: "CONCURRENCY_LIMIT" };
    const [claimed] = await CLAIM_UNDER_CAP.run(tx, params);
    return claimed ? claimedFrom(claimed) : refuse(state);
  });
}

/** What decides a claim: the task's state, last change and retry time, its job's pause flag, cap and RUNNING count. */
const CLAIM_STATE = prepare<{ taskId: string }>(
  "claim_state",
  (p) => sql`SELECT ${t.state} AS state, ${t.updatedAt} AS updated_at, ${t.nextRetryAt} AS next_retry_at, ${j.paused} AS paused, ${j.maxConcurrency} AS max_concurrency,
    CASE WHEN ${j.maxConcurrency} > 0
      THEN (SELECT count(*) FROM ${tasks} ${r} WHERE ${r.jobId} = ${t.jobId} AND ${r.state} = 'RUNNING')::int END AS running
  FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${j.jobId} = ${t.jobId} WHERE ${t.taskId} = ${p.taskId}`,
);

/** A QUEUED task of an unpaused capped job: claimable if the cap leaves room. */
function isClaimableUnderCap(state: Row): boolean {
  return String(state.state) === "QUEUED" && state.paused !== true && Number(state.max_concurrency) > 0;
}

function claimedFrom(row: Row): ClaimTaskResult {
  return { claimed: true, task: taskFromRow(row), lease: leaseFromRow(row) };
}

function rejectionFrom(state: Row): ClaimTaskResult {
  switch (String(state.state)) {
    case "CANCELED":
      return { claimed: false, reason: "CANCELED" };
    case "RUNNING":
      return { claimed: false, reason: "ALREADY_RUNNING" };
    case "QUEUED":
      // Paused, or (raced) over its cap; either way the task waits in QUEUED.
      return { claimed: false, reason: state.paused === true ? "JOB_PAUSED" : "CONCURRENCY_LIMIT" };
    case "FAILED":
      if (state.next_retry_at !== null && state.next_retry_at !== undefined) {
        return { claimed: false, reason: "RETRY_PENDING", nextRetryAt: date(state.next_retry_at) };
      }
      return { claimed: false, reason: "COMPLETED" };
    // COMPLETED, and FAILED for good: the attempt this wake-up was for is over; the wrapper exits.
    default:
      return { claimed: false, reason: "COMPLETED" };
  }
}
