// The end-of-run audit of a database's task history, shared by the multi-process test and the
// chaos suite (scripts/chaos). Every figure comes from the tables the lifecycle writes; each
// invariant is a count that must be 0. No test framework imports (the chaos suite runs outside vitest).
import type { Queryable } from "../../src/db/index.js";

export interface AttemptAudit {
  tasks: number;
  /** Tasks not terminal (QUEUED, RUNNING, FAILED with a retry pending) or whose attempts are not numbered 1..n. */
  lost: number;
  /** Tasks with more than one completed attempt. */
  doubleCompleted: number;
  /** Attempt k+1 started before attempt k ended, or one lease token on two attempts. */
  overlappingLeases: number;
  /** A terminal state that disagrees with its final attempt, a completed attempt superseded by a
   *  later one, or a terminal task still holding a lease. */
  staleCommits: number;
  /** Attempts never ended (no outcome). */
  unfinishedAttempts: number;
  /** Outbox rows not delivered (pending or parked as failed). */
  stuckOutbox: number;
  /** Attempts beyond each task's first. */
  retries: number;
  outcomes: Record<string, number>;
  states: Record<string, number>;
}

const count = async (db: Queryable, sql: string): Promise<number> => Number((await db.query(`SELECT count(*)::int AS n FROM (${sql}) x`))[0]?.n ?? 0);

const tally = async (db: Queryable, sql: string): Promise<Record<string, number>> =>
  Object.fromEntries((await db.query(sql)).map((r) => [String(r.k), Number(r.n)]));

export async function auditAttemptHistory(db: Queryable): Promise<AttemptAudit> {
  return {
    tasks: await count(db, `SELECT 1 FROM tasks`),
    lost: await count(
      db,
      `SELECT task_id FROM tasks WHERE state IN ('QUEUED', 'RUNNING') OR (state = 'FAILED' AND next_retry_at IS NOT NULL)
       UNION
       SELECT t.task_id FROM tasks t LEFT JOIN task_attempts a USING (task_id)
       GROUP BY t.task_id, t.attempt
       HAVING count(a.attempt) <> t.attempt OR min(a.attempt) <> 1 OR max(a.attempt) <> t.attempt`,
    ),
    doubleCompleted: await count(db, `SELECT task_id FROM task_attempts WHERE outcome = 'completed' GROUP BY task_id HAVING count(*) > 1`),
    overlappingLeases: await count(
      db,
      `SELECT a.task_id FROM task_attempts a JOIN task_attempts b ON b.task_id = a.task_id AND b.attempt = a.attempt + 1
       WHERE a.ended_at IS NULL OR b.started_at < a.ended_at
       UNION ALL
       SELECT NULL FROM task_attempts GROUP BY lease_token HAVING count(*) > 1`,
    ),
    staleCommits: await count(
      db,
      `SELECT t.task_id FROM tasks t JOIN task_attempts a ON a.task_id = t.task_id AND a.attempt = t.attempt
       WHERE t.state IN ('COMPLETED', 'FAILED', 'CANCELED') AND (t.state = 'COMPLETED') <> (a.outcome = 'completed')
       UNION ALL
       SELECT a.task_id FROM task_attempts a JOIN tasks t USING (task_id) WHERE a.outcome = 'completed' AND a.attempt < t.attempt
       UNION ALL
       SELECT task_id FROM tasks WHERE state IN ('COMPLETED', 'FAILED', 'CANCELED') AND (lease_token IS NOT NULL OR lease_expires_at IS NOT NULL)`,
    ),
    unfinishedAttempts: await count(db, `SELECT 1 FROM task_attempts WHERE ended_at IS NULL OR outcome IS NULL`),
    stuckOutbox: await count(db, `SELECT 1 FROM outbox WHERE status <> 'done'`),
    retries: await count(db, `SELECT 1 FROM task_attempts WHERE attempt > 1`),
    outcomes: await tally(db, `SELECT coalesce(outcome, 'none') AS k, count(*)::int AS n FROM task_attempts GROUP BY 1 ORDER BY 1`),
    states: await tally(db, `SELECT state AS k, count(*)::int AS n FROM tasks GROUP BY 1 ORDER BY 1`),
  };
}

/** The invariant counts of an audit (all must be 0). */
export function auditViolations(audit: AttemptAudit): Record<string, number> {
  const { lost, doubleCompleted, overlappingLeases, staleCommits, unfinishedAttempts, stuckOutbox } = audit;
  return { lost, doubleCompleted, overlappingLeases, staleCommits, unfinishedAttempts, stuckOutbox };
}

export interface ThroughputBucket {
  /** Seconds since the first attempt started. */
  second: number;
  /** Attempts ended in the bucket, and how many of them completed. */
  ended: number;
  completed: number;
}

/** Attempts ended per bucket of `bucketSeconds`, from the first attempt's start. */
export async function throughputOverTime(db: Queryable, bucketSeconds: number): Promise<ThroughputBucket[]> {
  const rows = await db.query(
    `WITH t0 AS (SELECT min(started_at) AS t0 FROM task_attempts)
     SELECT floor(extract(epoch FROM a.ended_at - t0.t0) / $1)::int AS b, count(*)::int AS ended,
       count(*) FILTER (WHERE a.outcome = 'completed')::int AS completed
     FROM task_attempts a, t0 WHERE a.ended_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [bucketSeconds],
  );
  return rows.map((r) => ({ second: Number(r.b) * bucketSeconds, ended: Number(r.ended), completed: Number(r.completed) }));
}
