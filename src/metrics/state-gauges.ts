// Gauges computed from the state database: live tasks by job and state, and the outbox's depth,
// oldest age and dead rows by kind. They are read at most once per `maxAgeMs` per process
// (scrapes in between get the cached values, and concurrent scrapes share one refresh), so a
// busy scraper never turns /metrics into database load. Terminal task states are not counted
// here (that would scan the whole history); trace_attempts_finished_total counts those.
import type { Database } from "../db/index.js";
import { MetricName } from "./names.js";
import type { MetricsRegistry } from "./registry.js";

export interface StateGaugeOptions {
  /** Outbox kinds always reported (0 when none are pending), so alarms see a value, not a gap. */
  outboxKinds: readonly string[];
  /** How long one database read serves scrapes. Default 15 s. */
  maxAgeMs?: number;
  now?: () => number;
  /** A failed refresh keeps the previous values; it is reported here (logged by the caller). */
  onError?: (error: unknown) => void;
}

export function registerStateGauges(registry: MetricsRegistry, db: Database, options: StateGaugeOptions): { refresh(): Promise<void> } {
  const maxAgeMs = options.maxAgeMs ?? 15_000;
  const now = options.now ?? Date.now;
  let readAt = -Infinity;
  let inFlight: Promise<void> | undefined;

  const refreshIfStale = async (): Promise<void> => {
    if (now() - readAt < maxAgeMs) return;
    inFlight ??= read()
      .then(() => {
        readAt = now();
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = undefined;
      });
    await inFlight;
  };
  // One collect hook refreshes all four gauges; prom-client calls it for each, the cache makes
  // the later calls free.
  const collect = { collect: refreshIfStale };
  const tasks = registry.gauge(MetricName.tasks, "Live tasks by job (dag/name) and state: QUEUED, RUNNING, RETRY_WAIT (FAILED, retry scheduled).", {
    labelNames: ["job", "state"],
    ...collect,
  });
  const depth = registry.gauge(MetricName.outboxDepth, "Undelivered outbox rows, by kind.", { labelNames: ["kind"], ...collect });
  const age = registry.gauge(MetricName.outboxOldestAge, "Age in seconds of the oldest undelivered outbox row, by kind.", { labelNames: ["kind"], ...collect });
  const dead = registry.gauge(MetricName.outboxDead, "Outbox rows parked FAILED after their last try (alert when > 0), by kind.", { labelNames: ["kind"], ...collect });

  async function read(): Promise<void> {
    const [taskRows, outboxRows] = await Promise.all([
      db.query(
        `SELECT j.dag_name || '/' || j.name AS job,
           CASE WHEN t.state = 'FAILED' THEN 'RETRY_WAIT' ELSE t.state END AS state, count(*)::int AS n
         FROM tasks t JOIN jobs j ON j.job_id = t.job_id
         WHERE t.state IN ('QUEUED', 'RUNNING') OR (t.state = 'FAILED' AND t.next_retry_at IS NOT NULL)
         GROUP BY 1, 2`,
      ),
      db.query(
        `SELECT kind, status, count(*)::int AS n,
           COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))), 0)::float8 AS oldest
         FROM outbox WHERE status IN ('pending', 'failed') GROUP BY kind, status`,
      ),
    ]);
    // Recomputed from scratch: a job or kind that drained must read 0 / disappear, not keep its last value.
    tasks.reset();
    depth.reset();
    age.reset();
    dead.reset();
    for (const r of taskRows) tasks.set(Number(r.n), { job: String(r.job), state: String(r.state) });
    for (const kind of options.outboxKinds) {
      depth.set(0, { kind });
      age.set(0, { kind });
      dead.set(0, { kind });
    }
    for (const r of outboxRows) {
      const kind = String(r.kind);
      if (r.status === "pending") {
        depth.set(Number(r.n), { kind });
        age.set(Number(r.oldest), { kind });
      } else {
        dead.set(Number(r.n), { kind });
      }
    }
  }

  return { refresh: async () => {
    readAt = -Infinity;
    await refreshIfStale();
  } };
}
