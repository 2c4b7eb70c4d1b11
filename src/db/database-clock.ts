// The database's clock, read in the process without a round trip per call. Every lease and attempt
// time (lease expiry, started_at, ended_at, retry and outbox deadlines, reaping) is compared with
// other processes' writes in the same tables, so all of them must come from one clock: the
// database server's. The lifecycle takes "now" as a parameter (one instant per transaction, and a
// manual clock in tests), so instead of rewriting every statement to call now() we anchor: read
// clock_timestamp() in SQL, note the process's MONOTONIC clock (performance.now(), which no
// wall-clock setting, skew or NTP step moves) at the middle of the round trip, and answer
// anchor + monotonic elapsed. The process's Date is never read: a host whose wall clock is off by
// an hour leases exactly as long as any other. Error: at most half the best probe's round trip,
// plus monotonic drift between re-anchorings (ppm; re-anchored every 30 s).
import type { Queryable } from "./index.js";

export interface DatabaseClock {
  now(): Date;
  /** Database time minus this process's wall clock, in ms at the last anchoring (for logs and tests). */
  readonly skewMs: number;
  /** Stops re-anchoring. */
  stop(): void;
}

export interface DatabaseClockOptions {
  /** How often to re-anchor (default 30 s). */
  resyncMs?: number;
  /** Probes per anchoring; the one with the shortest round trip wins (default 3). */
  probes?: number;
  /** Called when a re-anchoring fails (the previous anchor stays in use). */
  onError?: (err: unknown) => void;
}

interface Anchor {
  dbMs: number;
  monotonicMs: number;
  roundTripMs: number;
}

async function probe(db: Queryable): Promise<Anchor> {
  const before = performance.now();
  const [row] = await db.query(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
  const after = performance.now();
  const dbMs = Number(row?.ms);
  if (!Number.isFinite(dbMs)) throw new Error("clock_timestamp() returned no time");
  return { dbMs, monotonicMs: (before + after) / 2, roundTripMs: after - before };
}

async function anchor(db: Queryable, probes: number): Promise<Anchor> {
  let best: Anchor | undefined;
  for (let i = 0; i < probes; i++) {
    const a = await probe(db);
    if (!best || a.roundTripMs < best.roundTripMs) best = a;
  }
  return best as Anchor;
}

/** Anchors to the database (throws if it is unreachable) and keeps re-anchoring in the background. */
export async function startDatabaseClock(db: Queryable, options: DatabaseClockOptions = {}): Promise<DatabaseClock> {
  const probes = Math.max(1, options.probes ?? 3);
  let current = await anchor(db, probes);
  let resyncing = false;
  const timer = setInterval(() => {
    if (resyncing) return;
    resyncing = true;
    anchor(db, probes)
      .then((a) => {
        current = a;
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        resyncing = false;
      });
  }, options.resyncMs ?? 30_000);
  timer.unref();
  const nowMs = () => current.dbMs + (performance.now() - current.monotonicMs);
  return {
    now: () => new Date(Math.round(nowMs())),
    get skewMs() {
      // Diagnostics only: the one place the wall clock is read, never used for a decision.
      return Math.round(nowMs() - Date.now());
    },
    stop: () => clearInterval(timer),
  };
}
