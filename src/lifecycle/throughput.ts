// GetThroughput: attempts finished per minute over the last minutes, by outcome, from the attempt
// history (task_attempts_ended_idx keeps it a range scan however long the history is).
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { a, taskAttempts } from "./tables.js";
import type { LifecycleContext, Refused } from "./types.js";

export interface ThroughputBucket {
  minute: Date;
  completed: number;
  failed: number;
  other: number;
}

export type ThroughputResult = { ok: true; buckets: ThroughputBucket[] } | Refused<"invalid_argument">;

const THROUGHPUT = prepare<{ now: string; minutes: number }>(
  "attempt_throughput",
  (p) => sql`SELECT m.minute,
            count(${a}.*) FILTER (WHERE ${a.outcome} = 'completed') AS completed,
            count(${a}.*) FILTER (WHERE ${a.outcome} IN ('failed', 'timed_out', 'invoke_failed')) AS failed,
            count(${a}.*) FILTER (WHERE ${a.outcome} NOT IN ('completed', 'failed', 'timed_out', 'invoke_failed')) AS other
     FROM generate_series(date_trunc('minute', ${p.now}::timestamptz) - (${p.minutes}::int - 1) * interval '1 minute',
                          date_trunc('minute', ${p.now}::timestamptz), interval '1 minute') AS m(minute)
     LEFT JOIN ${taskAttempts} ${a}
       ON ${a.endedAt} >= m.minute AND ${a.endedAt} < m.minute + interval '1 minute'
      AND ${a.endedAt} >= date_trunc('minute', ${p.now}::timestamptz) - (${p.minutes}::int - 1) * interval '1 minute'
     GROUP BY m.minute ORDER BY m.minute`,
);

export async function attemptThroughput(ctx: LifecycleContext, input: { minutes?: number } = {}): Promise<ThroughputResult> {
  const minutes = input.minutes === undefined || input.minutes === 0 ? 30 : input.minutes;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 180) return { ok: false, reason: "invalid_argument", message: "minutes must be 1 to 180" };
  const now = ctx.clock.now();
  const rows = await THROUGHPUT.run<{ minute: Date; completed: string; failed: string; other: string }>(ctx.db, {
    now: now.toISOString(),
    minutes,
  });
  return {
    ok: true,
    buckets: rows.map((r) => ({ minute: new Date(r.minute), completed: Number(r.completed), failed: Number(r.failed), other: Number(r.other) })),
  };
}
