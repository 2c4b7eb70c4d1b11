// Releasing an attempt the Dispatcher itself interrupted. When a Dispatcher stops (Ctrl-C on
// `npm start`, SIGTERM to `serve`) while its local invoker still runs attempts, it gives them a
// grace period and then kills them. Their leases would otherwise expire and the reaper would end
// each attempt `timed_out`, spending one of the task's attempts on the Dispatcher's own shutdown.
//
// Release instead ends the attempt with outcome `released` and puts the task back in the queue
// with attempt + 1 AND max_attempts + 1: the attempt number still moves on (attempt numbers are
// never reused, so the killed runner's late calls stay fenced as stale), while the retry budget is
// unchanged. The task is fenced like every transition: state RUNNING, same attempt, same lease
// token. A task with cancellation requested is left alone (its lease runs out and the reaper
// ends it CANCELED, as for any other runner).
import { iso } from "./rows.js";
import { TASKS_CHANNEL, type LifecycleContext } from "./types.js";

export interface AttemptToRelease {
  taskId: string;
  attempt: number;
  leaseToken: string;
}

export interface ReleasedTask {
  taskId: string;
  /** The released attempt; the task is QUEUED again as attempt + 1. */
  releasedAttempt: number;
}

/** Only lambda-runtime tasks: the attempts a local invoker starts. Worker tasks are their worker's. */
export async function releaseAttempts(ctx: LifecycleContext, attempts: readonly AttemptToRelease[], reason: string): Promise<ReleasedTask[]> {
  if (attempts.length === 0) return [];
  const now = iso(ctx.clock.now());
  const wanted = JSON.stringify(attempts.map((a) => ({ task_id: a.taskId, attempt: a.attempt, lease_token: a.leaseToken })));
  return ctx.db.transaction(async (tx) => {
    // Lock first: a completion racing the release either commits before (the fence no longer
    // matches, nothing is released) or waits and then meets a stale attempt.
    const locked = await tx.query(
      `SELECT t.task_id, t.attempt
       FROM tasks t JOIN jsonb_to_recordset($1::jsonb) AS r(task_id uuid, attempt int, lease_token uuid)
         ON t.task_id = r.task_id AND t.attempt = r.attempt AND t.lease_token = r.lease_token
       WHERE t.state = 'RUNNING' AND t.runtime = 'lambda' AND NOT t.cancel_requested
       FOR NO KEY UPDATE OF t`,
      [wanted],
    );
    if (locked.length === 0) return [];
    const released = locked.map((r) => ({ taskId: String(r.task_id), releasedAttempt: Number(r.attempt) }));
    await tx.query(
      `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(task_id uuid, attempt int)
       ), ut AS (
         UPDATE tasks t SET state = 'QUEUED', attempt = t.attempt + 1, max_attempts = t.max_attempts + 1,
           lease_token = NULL, lease_expires_at = NULL, next_retry_at = NULL, last_error = $3,
           queued_at = $2, updated_at = $2
         FROM r WHERE t.task_id = r.task_id AND t.attempt = r.attempt
       )
       UPDATE task_attempts a SET ended_at = $2, outcome = 'released', error = $3
       FROM r WHERE a.task_id = r.task_id AND a.attempt = r.attempt`,
      [JSON.stringify(released.map((r) => ({ task_id: r.taskId, attempt: r.releasedAttempt }))), now, reason],
    );
    // Wakes acquirers at commit, like any task that becomes QUEUED.
    await tx.query(`SELECT pg_notify('${TASKS_CHANNEL}', 'lambda')`);
    return released;
  });
}
