// The Dispatcher's background work: acquire loop, one outbox drain per handled kind, reaper and
// retry scheduler. Every loop is safe beside the same loops in other processes (SKIP LOCKED in
// the lifecycle statements). LISTEN/NOTIFY wakes the acquire loop and drains within milliseconds;
// polling covers PGlite restarts and lost notifications.
import { startDatabaseClock } from "../db/database-clock.js";
import type { Database } from "../db/index.js";
import {
  acquireTasks,
  claimOutbox,
  createLifecycleContext,
  markOutboxDone,
  markOutboxFailed,
  markOutboxRetry,
  OUTBOX_CHANNEL,
  OUTBOX_CLAIM_VISIBILITY_SECONDS,
  pruneOutbox,
  reapExpired,
  requeueDueRetries,
  TASKS_CHANNEL,
  type Clock,
  type Lease,
  type LifecycleContext,
  type ClaimedOutboxRow,
  type OutboxKind,
} from "../lifecycle/index.js";
import { DEFAULT_RETENTION_BATCH, deleteExpiredHistory } from "../lifecycle/retention.js";
import type { Logger } from "../log/logger.js";
import { dispatcherMetrics } from "../metrics/dispatcher-metrics.js";
import { MetricsRegistry } from "../metrics/registry.js";
import { builtinOutboxHandlers, type OutboxHandler, type OutboxHandlers } from "./handlers.js";
import { startLoop, Waker, type RunningLoop } from "./loop.js";
import { HeldClaims } from "./outbox-claims.js";

export interface DispatcherOptions {
  /** Recorded on every lease this process acquires, e.g. "lambda:trace-runner". */
  workerId: string;
  acquireBatch?: number;
  /** Acquire backpressure: undelivered invoke rows allowed before leasing more (default 1000). */
  maxPendingInvokes?: number;
  /**
   * Acquire backpressure in this process: its acquire loop leases no more while this many of the
   * invokes it leased are still being sent (default 64, the Lambda client's 50 sockets and a
   * little more). An invoke that waits for the invoker (its sockets, a slow or throttled API, a
   * busy runner pool) holds a lease whose clock runs and a payload the process keeps in memory;
   * leasing past what can be sent now only adds to both.
   */
  maxInvokesInFlight?: number;
  acquireIntervalMs?: number;
  drainBatch?: number;
  drainIntervalMs?: number;
  /**
   * Drain loops per outbox kind (default: 2 for invoke, 1 for the others). A drain step ends only
   * when every row it claimed was delivered, so with one loop a batch of invokes waiting on the
   * slowest send (or on runner concurrency) leaves nothing claiming the next batch; a second loop
   * claims, loads and signs the next batch meanwhile. Claims are exclusive, so loops never share rows.
   */
  drainConcurrency?: Partial<Record<OutboxKind, number>>;
  /** How long a dead drain's claimed rows stay hidden; live drains renew (default 5 s). */
  outboxVisibilitySeconds?: number;
  reapIntervalMs?: number;
  reapBatch?: number;
  retryIntervalMs?: number;
  retryBatch?: number;
  /** Done outbox rows older than this are deleted by the outbox-prune loop (default 1 day). */
  outboxRetentionMs?: number;
  /** Rows per prune statement (default 10,000); a full batch is followed by another at once. */
  outboxPruneBatch?: number;
  /** How often the outbox-prune loop looks again once nothing was left to prune (default 60 s). */
  outboxPruneIntervalMs?: number;
  /**
   * Finished tasks older than this are deleted with all their rows by the retention loop
   * (src/lifecycle/retention.ts). Unset or 0: history is kept forever (`serve` passes
   * TRACE_RETENTION_DAYS, default 30 days).
   */
  historyRetentionMs?: number;
  /** How often the retention loop looks for expired history when the last pass found none (default 60 s). */
  retentionIntervalMs?: number;
  /** Tasks deleted per retention transaction (default 500). */
  retentionBatch?: number;
  /** stop() gives in-flight work this long before returning anyway. */
  shutdownTimeoutMs?: number;
  /** Disable individual loops (e.g. a process that only drains). */
  loops?: Partial<Record<"acquire" | "drain" | "reap" | "retry" | "retention", boolean>>;
}

export interface StartDispatcherInput {
  db: Database;
  logger: Logger;
  metrics?: MetricsRegistry;
  /** Handlers by kind, on top of the built-in ones (route_event, wakeup, buffer_publish). */
  handlers?: OutboxHandlers;
  /** Default: the database's clock (src/db/database-clock.ts), never this host's wall clock. */
  clock?: Clock;
  random?: () => number;
  options: DispatcherOptions;
  /** Called after each acquire commit with the leases it took (metrics, benchmarks, tests). */
  onAcquired?: (leases: readonly Lease[]) => void;
}

export interface Dispatcher {
  readonly ctx: LifecycleContext;
  readonly metrics: MetricsRegistry;
  /** Stop taking work, let in-flight steps finish (bounded by shutdownTimeoutMs). */
  stop(): Promise<void>;
  wakeAcquire(): void;
}

export async function startDispatcher(input: StartDispatcherInput): Promise<Dispatcher> {
  const o = input.options;
  const log = input.logger.child({ component: "dispatcher" });
  const metrics = input.metrics ?? new MetricsRegistry();
  const acquired = metrics.counter("dispatcher_tasks_acquired_total", "Attempts leased by the acquire loop.");
  const observe = dispatcherMetrics(metrics);
  const historyDeleted = metrics.counter(
    "dispatcher_history_deleted_total",
    "Finished tasks deleted with their rows by the retention loop (TRACE_RETENTION_DAYS).",
  );
  const requeued = metrics.counter("dispatcher_tasks_requeued_total", "Failed tasks re-queued for a retry.");
  const delivered = metrics.counter("dispatcher_outbox_delivered_total", "Outbox rows delivered, by kind.", { labelNames: ["kind"] });
  const retried = metrics.counter("dispatcher_outbox_retries_total", "Outbox deliveries that will be retried, by kind.", { labelNames: ["kind"] });
  const failed = metrics.counter("dispatcher_outbox_failed_total", "Outbox rows parked as failed (alert on this), by kind.", { labelNames: ["kind"] });
  const loopErrors = metrics.counter("dispatcher_loop_errors_total", "Errors thrown by a dispatcher loop step, by loop.", { labelNames: ["loop"] });
  const claimsLost = metrics.counter(
    "dispatcher_outbox_claims_lost_total",
    "Claimed outbox rows not delivered because the claim lapsed (process paused or database unreachable), by kind.",
    { labelNames: ["kind"] },
  );
  const visibilitySeconds = o.outboxVisibilitySeconds ?? OUTBOX_CLAIM_VISIBILITY_SECONDS;

  const acquireWaker = new Waker();
  const drainWakers = new Map<OutboxKind, Waker[]>();
  const wakeDrains = (kind: OutboxKind) => {
    for (const waker of drainWakers.get(kind) ?? []) waker.wake();
  };
  const databaseClock = input.clock
    ? undefined
    : await startDatabaseClock(input.db, { onError: (err) => log.warn("database clock re-anchoring failed", { error: err instanceof Error ? err.message : String(err) }) });
  const ctx = createLifecycleContext(input.db, {
    clock: input.clock ?? databaseClock,
    ...(input.random ? { random: input.random } : {}),
    onOutboxWritten: (kinds) => {
      for (const k of kinds) wakeDrains(k);
    },
  });
  const handlers: OutboxHandlers = { ...builtinOutboxHandlers(ctx), ...input.handlers };
  const onError = (name: string, err: unknown) => {
    loopErrors.inc({ loop: name });
    log.error("loop step failed", { loop: name, error: err instanceof Error ? err.message : String(err) });
  };
  const enabled = (name: "acquire" | "drain" | "reap" | "retry" | "retention") => o.loops?.[name] ?? true;
  const loops: RunningLoop[] = [];
  const drainBatch = o.drainBatch ?? 64;
  const holdClaims = (rows: readonly ClaimedOutboxRow[], kind: OutboxKind) =>
    new HeldClaims(ctx, rows, { visibilitySeconds, onError: (err) => onError(`renew:${kind}`, err) });

  // A process that drains invokes takes its leases' invoke rows already claimed (acquireTasks'
  // claimInvokesFor) and sends them at once, in chunks of a drain batch, as a drain sends what it
  // claimed (same bookkeeping, claims renewed while sending): no claim statement stands between a
  // lease and its invoke, and no other drain sees the rows while this one holds them. If this
  // process dies first, the rows reappear for any drain once their claims lapse. How many are in
  // flight is bounded by maxInvokesInFlight here and maxPendingInvokes in all processes: both hold
  // the acquisitions back.
  const invokeHandler = enabled("drain") ? handlers.invoke : undefined;
  const leasedDeliveries = new Set<Promise<void>>();
  const maxInvokesInFlight = Math.max(1, o.maxInvokesInFlight ?? 64);
  // Room for half the cap (or a whole batch) before leasing again: a lease per ended send would
  // cost an acquire statement per task.
  const refillAt = Math.max(1, Math.min(o.acquireBatch ?? 100, Math.floor(maxInvokesInFlight / 2)));
  let invokesInFlight = 0;
  const sendEnded = () => {
    invokesInFlight--;
    if (maxInvokesInFlight - invokesInFlight === refillAt) acquireWaker.wake();
  };
  const deliverLeased = (handler: OutboxHandler, rows: ClaimedOutboxRow[]) => {
    const held = holdClaims(rows, "invoke");
    invokesInFlight += rows.length;
    let sending = rows.length;
    // Each send counts until it ends, not until the slowest of its chunk has.
    const counted: OutboxHandler = async (row) => {
      try {
        return await handler(row);
      } finally {
        sending--;
        sendEnded();
      }
    };
    const delivery: Promise<void> = deliver(rows, counted, held)
      .catch((err: unknown) => onError("deliver:invoke", err))
      .finally(async () => {
        await held.stop();
        leasedDeliveries.delete(delivery);
        // Rows never handed to the handler (a claim that lapsed first).
        for (; sending > 0; sending--) sendEnded();
      });
    leasedDeliveries.add(delivery);
  };

  if (enabled("acquire")) {
    const batch = o.acquireBatch ?? 100;
    loops.push(
      startLoop({
        name: "acquire",
        waker: acquireWaker,
        intervalMs: o.acquireIntervalMs ?? 500,
        onError,
        step: async () => {
          // Woken again when the sends that end leave room for refillAt.
          const room = invokeHandler !== undefined ? Math.min(batch, maxInvokesInFlight - invokesInFlight) : batch;
          if (room < refillAt) return false;
          const leases = await acquireTasks(ctx, {
            limit: room,
            workerId: o.workerId,
            maxPendingInvokes: o.maxPendingInvokes ?? 1000,
            ...(invokeHandler !== undefined ? { claimInvokesFor: visibilitySeconds } : {}),
          });
          if (leases.length > 0) {
            acquired.inc({}, leases.length);
            observe.leased(leases.map((l) => l.queuedAt), ctx.clock.now());
            input.onAcquired?.(leases);
            if (invokeHandler !== undefined) {
              const claimed = leases.flatMap((l) => (l.invoke !== undefined ? [l.invoke] : []));
              for (let i = 0; i < claimed.length; i += drainBatch) deliverLeased(invokeHandler, claimed.slice(i, i + drainBatch));
            }
          }
          return leases.length === room;
        },
      }),
    );
  }

  if (enabled("drain")) {
    for (const [kind, handler] of Object.entries(handlers) as [OutboxKind, OutboxHandler | undefined][]) {
      if (!handler) continue;
      const wakers: Waker[] = [];
      drainWakers.set(kind, wakers);
      const batch = drainBatch;
      const concurrency = Math.max(1, o.drainConcurrency?.[kind] ?? (kind === "invoke" ? 2 : 1));
      for (let i = 0; i < concurrency; i++) {
        const waker = new Waker();
        wakers.push(waker);
        loops.push(
          startLoop({
            name: `drain:${kind}`,
            waker,
            intervalMs: o.drainIntervalMs ?? 250,
            onError,
            step: async () => {
              const rows = await claimOutbox(ctx, { kinds: [kind], limit: batch, visibilitySeconds });
              if (rows.length === 0) return false;
              const held = holdClaims(rows, kind);
              try {
                await deliver(rows, handler, held);
              } finally {
                await held.stop();
              }
              return rows.length === batch;
            },
          }),
        );
      }
    }
  }

  async function deliver(rows: ClaimedOutboxRow[], handler: OutboxHandler, held: HeldClaims): Promise<void> {
    const done: number[] = [];
    await Promise.all(
      rows.map(async (row) => {
        // A claim that lapsed (this process was paused, or renewals failed) may already be another
        // drain's: delivering now could deliver the row twice at once. Leave it to that drain.
        if (!held.held(row.id)) {
          await held.settle(row.id);
          claimsLost.inc({ kind: row.kind });
          log.warn("outbox claim lapsed before delivery; left to another drain", { outbox_id: row.id, kind: row.kind });
          return;
        }
        let result;
        try {
          result = await handler(row);
        } catch (err) {
          result = { retry: err instanceof Error ? err.message : String(err) };
        }
        const claim = await held.settle(row.id);
        if (result === "done") {
          done.push(row.id);
          return;
        }
        // Fenced on the claim: if it lapsed and another drain holds the row, that drain decides.
        if (!claim) {
          claimsLost.inc({ kind: row.kind });
          return;
        }
        if ("fail" in result) {
          if (!(await markOutboxFailed(ctx, row.id, result.fail, claim))) return void claimsLost.inc({ kind: row.kind });
          failed.inc({ kind: row.kind });
          log.error("outbox row failed", { outbox_id: row.id, kind: row.kind, task_id: row.taskId, error: result.fail });
          return;
        }
        const after = await markOutboxRetry(ctx, row.id, result.retry, claim);
        if (!after) return void claimsLost.inc({ kind: row.kind });
        if (after?.status === "failed") {
          failed.inc({ kind: row.kind });
          log.error("outbox row failed after retries", {
            outbox_id: row.id,
            kind: row.kind,
            task_id: row.taskId,
            tries: after.tries,
            error: result.retry,
          });
        } else {
          retried.inc({ kind: row.kind });
          log.warn("outbox delivery will be retried", { outbox_id: row.id, kind: row.kind, error: result.retry });
        }
      }),
    );
    await markOutboxDone(ctx, done);
    // Delivered invokes free room under maxPendingInvokes: let the acquire loop lease more.
    if (done.length > 0 && rows[0]?.kind === "invoke") acquireWaker.wake();
    for (const row of rows) if (done.includes(row.id)) delivered.inc({ kind: row.kind });
  }

  if (enabled("reap")) {
    const batch = o.reapBatch ?? 500;
    loops.push(
      startLoop({
        name: "reap",
        waker: new Waker(),
        intervalMs: o.reapIntervalMs ?? 1000,
        onError,
        step: async () => {
          const rows = await reapExpired(ctx, { limit: batch });
          const reapedAt = ctx.clock.now();
          for (const r of rows) {
            observe.reaped(r.nextRetryAt ? "retry" : r.state);
            observe.attemptFinished("timed_out", r.startedAt, reapedAt);
          }
          return rows.length === batch;
        },
      }),
    );
  }

  // Done outbox rows past their retention, in batches until none is left (one batch a minute, as
  // this was, caps pruning at 10,000 rows a minute: above ~170 tasks/s sustained the outbox would
  // grow forever). Each batch is one DELETE found on outbox_done_idx. Runs wherever the reaper does.
  if (enabled("reap")) {
    const batch = o.outboxPruneBatch ?? 10_000;
    loops.push(
      startLoop({
        name: "outbox-prune",
        waker: new Waker(),
        intervalMs: o.outboxPruneIntervalMs ?? 60_000,
        onError,
        step: async () => {
          const cutoff = new Date(ctx.clock.now().getTime() - (o.outboxRetentionMs ?? 86_400_000));
          return (await pruneOutbox(ctx, cutoff, batch)) === batch;
        },
      }),
    );
  }

  if (enabled("retry")) {
    const batch = o.retryBatch ?? 500;
    loops.push(
      startLoop({
        name: "retry",
        waker: new Waker(),
        intervalMs: o.retryIntervalMs ?? 1000,
        onError,
        step: async () => {
          const rows = await requeueDueRetries(ctx, { limit: batch });
          if (rows.length > 0) {
            requeued.inc({}, rows.length);
            acquireWaker.wake();
          }
          return rows.length === batch;
        },
      }),
    );
  }

  const retentionMs = o.historyRetentionMs ?? 0;
  if (enabled("retention") && retentionMs > 0) {
    const batch = o.retentionBatch ?? DEFAULT_RETENTION_BATCH;
    loops.push(
      startLoop({
        name: "retention",
        waker: new Waker(),
        intervalMs: o.retentionIntervalMs ?? 60_000,
        onError,
        // One bounded transaction per step; a full batch means more expired history: go on at once
        // (other loops interleave between steps, each step holds its row locks for milliseconds).
        step: async () => {
          const deleted = await deleteExpiredHistory(ctx, { olderThan: new Date(ctx.clock.now().getTime() - retentionMs), limit: batch });
          if (deleted > 0) {
            historyDeleted.inc({}, deleted);
            log.debug("expired history deleted", { tasks: deleted });
          }
          return deleted === batch;
        },
      }),
    );
  }

  const unlisten: (() => Promise<void>)[] = [];
  try {
    unlisten.push(await input.db.listen(TASKS_CHANNEL, () => acquireWaker.wake()));
    unlisten.push(
      await input.db.listen(OUTBOX_CHANNEL, (payload) => {
        const kind = payload === "worker" ? "wakeup" : (payload as OutboxKind);
        wakeDrains(kind);
      }),
    );
  } catch (err) {
    log.warn("LISTEN unavailable; polling only", { error: err instanceof Error ? err.message : String(err) });
  }
  log.info("dispatcher started", { worker_id: o.workerId, loops: loops.map((l) => l.name) });

  let stopped: Promise<void> | null = null;
  return {
    ctx,
    metrics,
    wakeAcquire: () => acquireWaker.wake(),
    stop: () => {
      stopped ??= (async () => {
        await Promise.all(unlisten.map((u) => u().catch(() => {})));
        const timeoutMs = o.shutdownTimeoutMs ?? 10_000;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<"timeout">((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        });
        // The loops first (no new leases), then the sends of what was leased before.
        const finished = Promise.all(loops.map((l) => l.stop())).then(() => Promise.all([...leasedDeliveries]));
        const outcome = await Promise.race([finished.then(() => "ok" as const), timedOut]);
        clearTimeout(timer);
        databaseClock?.stop();
        if (outcome === "timeout") log.warn("shutdown timed out with work in flight", { timeout_ms: timeoutMs });
        else log.info("dispatcher stopped");
      })();
      return stopped;
    },
  };
}
