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
import { sql } from "drizzle-orm";
import { bare, prepare, selection } from "../db/statements.js";
import { iso } from "./rows.js";
import { a, runningInList, t, taskAttempts, tasks } from "./tables.js";
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

const LOCK_RELEASABLE = prepare<{ wanted: string }>(
  "release_lock",
  (p) => sql`SELECT ${selection({ task_id: t.taskId, attempt: t.attempt })}
       FROM ${tasks} ${t} JOIN jsonb_to_recordset(${p.wanted}::jsonb) AS r(task_id uuid, attempt int, lease_token uuid)
         ON ${t.taskId} = r.task_id AND ${t.attempt} = r.attempt AND ${t.leaseToken} = r.lease_token
       WHERE ${runningInList(t, p.wanted)} AND ${t.runtime} = 'lambda' AND NOT ${t.cancelRequested}
       FOR NO KEY UPDATE OF ${t}`,
);

const RELEASE = prepare<{ released: string; now: string; reason: string }>(
  "release",
  (p) => sql`WITH r AS (
         SELECT * FROM jsonb_to_recordset(${p.released}::jsonb) AS x(task_id uuid, attempt int)
       ), ut AS (
         UPDATE ${tasks} ${t} SET ${bare(tasks.state)} = 'QUEUED', ${bare(tasks.attempt)} = ${t.attempt} + 1,
           ${bare(tasks.maxAttempts)} = ${t.maxAttempts} + 1, ${bare(tasks.leaseToken)} = NULL, ${bare(tasks.leaseExpiresAt)} = NULL,
           ${bare(tasks.nextRetryAt)} = NULL, ${bare(tasks.lastError)} = ${p.reason}, ${bare(tasks.queuedAt)} = ${p.now}, ${bare(tasks.updatedAt)} = ${p.now}
         FROM r WHERE ${t.taskId} = r.task_id AND ${t.attempt} = r.attempt
       )
       UPDATE ${taskAttempts} ${a} SET ${bare(taskAttempts.endedAt)} = ${p.now}, ${bare(taskAttempts.outcome)} = 'released',
         ${bare(taskAttempts.error)} = ${p.reason}
       FROM r WHERE ${a.taskId} = r.task_id AND ${a.attempt} = r.attempt`,
);

const NOTIFY_QUEUED = prepare("release_notify", () => sql`SELECT ${sql.raw(`pg_notify('${TASKS_CHANNEL}', 'lambda')`)}`);

/** Only lambda-runtime tasks: the attempts a local invoker starts. Worker tasks are their worker's. */
export async function releaseAttempts(ctx: LifecycleContext, attempts: readonly AttemptToRelease[], reason: string): Promise<ReleasedTask[]> {
  if (attempts.length === 0) return [];
  const now = iso(ctx.clock.now());
  const wanted = JSON.stringify(attempts.map((a) => ({ task_id: a.taskId, attempt: a.attempt, lease_token: a.leaseToken })));
  return ctx.db.transaction(async (tx) => {
    // Lock first: a completion racing the release either commits before (the fence no longer
    // matches, nothing is released) or waits and then meets a stale attempt.
    const locked = await LOCK_RELEASABLE.run(tx, { wanted });
    if (locked.length === 0) return [];
    const released = locked.map((r) => ({ taskId: String(r.task_id), releasedAttempt: Number(r.attempt) }));
    await RELEASE.run(tx, {
      released: JSON.stringify(released.map((r) => ({ task_id: r.taskId, attempt: r.releasedAttempt }))),
      now,
      reason,
    });
    // Wakes acquirers at commit, like any task that becomes QUEUED.
    await NOTIFY_QUEUED.run(tx, {});
    return released;
  });
}
