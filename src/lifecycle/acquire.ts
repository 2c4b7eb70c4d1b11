// Leasing: batched acquisition of lambda tasks by the Dispatcher, and single-task claims by
// queue-woken workers. Each is one transaction; every acquisition mints a fresh lease token,
// inserts its task_attempts row (unique (task_id, attempt)) and, for lambda, its invoke outbox row.
import type { Queryable, Row } from "../db/index.js";
import { iso, isUuid, TASK_COLUMNS, taskFromRow } from "./rows.js";
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
}

const LEASE_CTES = `upd AS (
         UPDATE tasks t SET state = 'RUNNING', lease_token = p.lease_token,
           lease_expires_at = $2::timestamptz + make_interval(secs => LEAST(j.lease_ttl_seconds, j.timeout_seconds)),
           worker_id = $3, started_at = $2, updated_at = $2, next_retry_at = NULL, delivery_id = NULL
         FROM pick p, jobs j
         WHERE t.task_id = p.task_id AND j.job_id = t.job_id AND t.state = 'QUEUED'
         RETURNING t.task_id, t.job_id, t.runtime, t.attempt, t.lease_token, t.lease_expires_at, t.queued_at
       ), att AS (
         INSERT INTO task_attempts (task_id, attempt, lease_token, worker_id, started_at)
         SELECT task_id, attempt, lease_token, $3, $2 FROM upd
       ), inv AS (
         INSERT INTO outbox (kind, payload, task_id, attempt, next_attempt_at, created_at, updated_at)
         SELECT 'invoke', jsonb_build_object('task_id', task_id, 'attempt', attempt), task_id, attempt, $2, $2, $2
         FROM upd WHERE runtime = 'lambda'
       )`;

/**
 * Lambda leases commit without waiting for the WAL flush (synchronous_commit off for this
 * transaction only): that flush is most of an acquire's latency on a real disk. It is safe because
 * nobody outside the database learns of a lambda lease until its invoke is sent, and the invoke is
 * sent only after the outbox claim commits synchronously, which flushes the WAL, and with it this
 * earlier commit, first. If the server crashes before that, the lease never existed and the task
 * is simply QUEUED again. (Worker claims answer the worker directly, so they stay synchronous.)
 */
const ASYNC_COMMIT_CTE = `async_commit AS (SELECT set_config('synchronous_commit', 'off', true))`;

/**
 * Leases up to `limit` QUEUED lambda tasks, oldest first, honouring each job's max_concurrency
 * and skipping paused jobs (their tasks stay QUEUED, in order, until the job is resumed).
 * Tasks of uncapped jobs are leased by one statement (lock, lease, attempt rows, invoke rows);
 * capped jobs, if any exist, take the transactional path that serializes on the job row.
 */
export async function acquireTasks(ctx: LifecycleContext, options: AcquireOptions): Promise<Lease[]> {
  if (options.limit <= 0) return [];
  const now = iso(ctx.clock.now());
  const tokens = Array.from({ length: options.limit }, () => ctx.newToken());
  const rows = await ctx.db.query(
    `WITH ${ASYNC_COMMIT_CTE}, cand AS (
       SELECT c.task_id, row_number() OVER () AS n FROM (
         SELECT t.task_id FROM tasks t JOIN jobs j ON j.job_id = t.job_id
         WHERE t.state = 'QUEUED' AND t.runtime = 'lambda' AND j.max_concurrency = 0 AND NOT j.paused
         ORDER BY t.queued_at, t.task_id
         LIMIT LEAST($4::int, GREATEST(0, $5::int - (SELECT count(*) FROM outbox WHERE status = 'pending' AND kind = 'invoke')))
         FOR NO KEY UPDATE OF t SKIP LOCKED
       ) c
     ), pick AS (
       SELECT cand.task_id, tok.value::uuid AS lease_token
       FROM cand JOIN jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS tok(value, n) ON tok.n = cand.n
     ), ${LEASE_CTES}
     SELECT upd.*, capped.any_capped FROM (SELECT EXISTS (SELECT 1 FROM jobs WHERE max_concurrency > 0) AS any_capped) capped
     CROSS JOIN async_commit LEFT JOIN upd ON true`,
    [JSON.stringify(tokens), now, options.workerId, options.limit, options.maxPendingInvokes ?? 2_000_000_000],
  );
  const leases = rows.filter((r) => r.task_id !== null && r.task_id !== undefined).map(leaseFromRow);
  if (rows[0]?.any_capped && leases.length < options.limit)
    leases.push(...(await acquireCapped(ctx, { limit: options.limit - leases.length, workerId: options.workerId }, now)));
  if (leases.length > 0) ctx.onOutboxWritten?.(["invoke"]);
  return leases;
}

/** Capped jobs: lock candidates, trim them to each job's room under its cap, lease. */
async function acquireCapped(ctx: LifecycleContext, options: AcquireOptions, now: string): Promise<Lease[]> {
  return ctx.db.transaction(async (tx) => {
    await tx.query(`WITH ${ASYNC_COMMIT_CTE} SELECT 1 FROM async_commit`);
    // Tasks of jobs already at their cap are skipped here so they cannot crowd the batch.
    const candidates = await tx.query(
      `SELECT t.task_id, t.job_id, j.max_concurrency
       FROM tasks t JOIN jobs j ON j.job_id = t.job_id
       WHERE t.state = 'QUEUED' AND t.runtime = 'lambda' AND j.max_concurrency > 0 AND NOT j.paused
         AND (SELECT count(*) FROM tasks r WHERE r.job_id = t.job_id AND r.state = 'RUNNING') < j.max_concurrency
       ORDER BY t.queued_at, t.task_id
       LIMIT $1
       FOR NO KEY UPDATE OF t SKIP LOCKED`,
      [options.limit],
    );
    if (candidates.length === 0) return [];
    const chosen = await enforceConcurrencyCaps(tx, candidates);
    if (chosen.length === 0) return [];
    const picks = chosen.map((taskId) => ({ task_id: taskId, lease_token: ctx.newToken() }));
    const rows = await tx.query(
      `WITH pick AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(task_id uuid, lease_token uuid)
       ), ${LEASE_CTES}
       SELECT * FROM upd`,
      [JSON.stringify(picks), now, options.workerId],
    );
    return rows.map(leaseFromRow);
  });
}

/**
 * Keeps, per capped job, only as many candidates as the cap leaves room for. The job rows are
 * locked first (in job_id order, so acquirers never deadlock) and RUNNING counted in a later
 * statement, whose fresh READ COMMITTED snapshot sees every acquisition committed before the lock.
 * Completions only lower the count, so a concurrent one can make us conservative, never over cap.
 */
async function enforceConcurrencyCaps(tx: Queryable, candidates: Row[]): Promise<string[]> {
  const capped = [...new Set(candidates.filter((c) => Number(c.max_concurrency) > 0).map((c) => String(c.job_id)))].sort();
  if (capped.length === 0) return candidates.map((c) => String(c.task_id));
  const cappedJson = JSON.stringify(capped);
  await tx.query(
    `SELECT job_id FROM jobs WHERE job_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid) ORDER BY job_id FOR NO KEY UPDATE`,
    [cappedJson],
  );
  const counts = await tx.query(
    `SELECT j.job_id, j.max_concurrency,
       (SELECT count(*) FROM tasks r WHERE r.job_id = j.job_id AND r.state = 'RUNNING')::int AS running
     FROM jobs j WHERE j.job_id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)`,
    [cappedJson],
  );
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
    leaseExpiresAt: r.lease_expires_at instanceof Date ? r.lease_expires_at : new Date(String(r.lease_expires_at)),
    ...(r.queued_at === null || r.queued_at === undefined ? {} : { queuedAt: r.queued_at instanceof Date ? r.queued_at : new Date(String(r.queued_at)) }),
  };
}

export type ClaimRejection = "ALREADY_RUNNING" | "COMPLETED" | "CANCELED" | "NOT_FOUND" | "CONCURRENCY_LIMIT" | "RETRY_PENDING" | "JOB_PAUSED";

export type ClaimTaskResult =
  | { claimed: true; lease: Lease; task: Task }
  | { claimed: false; reason: Exclude<ClaimRejection, "RETRY_PENDING"> }
  | { claimed: false; reason: "RETRY_PENDING"; nextRetryAt: Date };

/** The lease statement of a claim; `guard` narrows which jobs it may lease for. */
function claimStatement(guard: string): string {
  return `WITH upd AS (
       UPDATE tasks t SET state = 'RUNNING', lease_token = $2,
         lease_expires_at = $3::timestamptz + make_interval(secs => LEAST(j.lease_ttl_seconds, j.timeout_seconds)),
         worker_id = $4, started_at = $3, updated_at = $3, next_retry_at = NULL, delivery_id = NULL
       FROM jobs j
       WHERE t.task_id = $1 AND j.job_id = t.job_id AND t.state = 'QUEUED' AND ${guard}
       RETURNING ${TASK_COLUMNS.split(",").map((c) => `t.${c.trim()}`).join(", ")}
     ), att AS (
       INSERT INTO task_attempts (task_id, attempt, lease_token, worker_id, started_at)
       SELECT task_id, attempt, lease_token, $4, $3 FROM upd
     )
     SELECT * FROM upd`;
}

/** Uncapped, unpaused jobs: the whole claim is this one statement. */
const CLAIM_UNCAPPED = claimStatement("j.max_concurrency = 0 AND NOT j.paused");
/** Capped jobs, under the job row's lock, after the RUNNING count left room. */
const CLAIM_UNDER_CAP = claimStatement("NOT j.paused");

/**
 * A queue-woken worker claims one task by id. The conditional UPDATE takes the row lock, so of two
 * concurrent claims the second re-checks `state = 'QUEUED'` after the first commits and finds
 * nothing; exactly one wins. A task of an uncapped job is claimed by one statement. A capped job's
 * task is claimed in a transaction that locks the task row and then the job row (the order the
 * acquire loop locks them, so the two never deadlock) and counts RUNNING in a later statement, as
 * acquisition does: concurrent claims and acquisitions of one job never exceed max_concurrency.
 * A refused claim says why, so the worker knows whether to keep its wake-up (CONCURRENCY_LIMIT,
 * JOB_PAUSED: the task stays QUEUED) or drop it (a retry publishes a fresh one: RETRY_PENDING).
 */
export async function claimTask(ctx: LifecycleContext, input: { taskId: string; workerId: string }): Promise<ClaimTaskResult> {
  if (!isUuid(input.taskId)) return { claimed: false, reason: "NOT_FOUND" };
  const now = iso(ctx.clock.now());
  const params = [input.taskId, ctx.newToken(), now, input.workerId];
  const [row] = await ctx.db.query(CLAIM_UNCAPPED, params);
  if (row) return claimedFrom(row);
  const [current] = await ctx.db.query(CLAIM_STATE, [input.taskId]);
  if (!current) return { claimed: false, reason: "NOT_FOUND" };
  if (!isClaimableUnderCap(current)) return rejectionFrom(current);
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.query(`SELECT job_id FROM tasks WHERE task_id = $1 FOR NO KEY UPDATE`, [input.taskId]);
    if (!locked) return { claimed: false, reason: "NOT_FOUND" };
    await tx.query(`SELECT 1 FROM jobs WHERE job_id = $1 FOR NO KEY UPDATE`, [locked.job_id]);
    // A fresh statement after the job lock: sees every claim or acquisition committed before it.
    const [state] = await tx.query(CLAIM_STATE, [input.taskId]);
    if (!state) return { claimed: false, reason: "NOT_FOUND" };
    if (!isClaimableUnderCap(state)) return rejectionFrom(state);
    if (Number(state.running) >= Number(state.max_concurrency)) return { claimed: false, reason: "CONCURRENCY_LIMIT" };
    const [claimed] = await tx.query(CLAIM_UNDER_CAP, params);
    return claimed ? claimedFrom(claimed) : rejectionFrom(state);
  });
}

/** What decides a claim: the task's state and retry time, its job's pause flag, cap and RUNNING count. */
const CLAIM_STATE = `SELECT t.state, t.next_retry_at, j.paused, j.max_concurrency,
    CASE WHEN j.max_concurrency > 0
      THEN (SELECT count(*) FROM tasks r WHERE r.job_id = t.job_id AND r.state = 'RUNNING')::int END AS running
  FROM tasks t JOIN jobs j ON j.job_id = t.job_id WHERE t.task_id = $1`;

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
        const at = state.next_retry_at instanceof Date ? state.next_retry_at : new Date(String(state.next_retry_at));
        return { claimed: false, reason: "RETRY_PENDING", nextRetryAt: at };
      }
      return { claimed: false, reason: "COMPLETED" };
    // COMPLETED, and FAILED for good: the attempt this wake-up was for is over; the wrapper exits.
    default:
      return { claimed: false, reason: "COMPLETED" };
  }
}
