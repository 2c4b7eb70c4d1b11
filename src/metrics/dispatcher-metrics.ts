// The Dispatcher's own metric families (names in ./names.ts), created once per registry and
// recorded in-process on the hot paths: each call is a map update, never I/O. The gauges read
// from the database live in ./state-gauges.ts.
import { MetricName } from "./names.js";
import type { Counter, Histogram, MetricsRegistry } from "./registry.js";

/**
 * How an attempt ended, as counted: the attempt outcomes plus invoke_failed (never reached a
 * runner) and released (stopped by the Dispatcher's own shutdown, not spent).
 */
export type FinishedOutcome = "completed" | "failed" | "canceled" | "timed_out" | "invoke_failed" | "released";
/** sent: Lambda accepted the event; throttled/retry: the outbox tries again; failed: definitive. */
export type InvokeResult = "sent" | "throttled" | "retry" | "failed";

export interface DispatcherMetrics {
  /** Attempts leased: the time each waited QUEUED (since creation or its retry's re-queue). */
  leased(queuedSince: readonly (Date | undefined)[], now: Date): void;
  /** An attempt finished; `startedAt` (its lease or its runner's start) gives the run time. */
  attemptFinished(outcome: FinishedOutcome, startedAt: Date | undefined, now: Date): void;
  /** Leases the reaper expired, by the state they left their task in. */
  reaped(state: string): void;
  invoke(result: InvokeResult, seconds: number): void;
  http(route: string, status: number, seconds: number): void;
  /** A task call refused duplicate_delivery (README, Deliveries), by RPC method name. */
  duplicateDelivery(procedure: string): void;
}

export function dispatcherMetrics(registry: MetricsRegistry): DispatcherMetrics {
  const queue: Histogram = registry.histogram(MetricName.queueSeconds, "Seconds a task waited QUEUED (since creation or re-queue) before its lease.");
  const run: Histogram = registry.histogram(MetricName.runSeconds, "Seconds from an attempt's start to its finish, by outcome.", { labelNames: ["outcome"] });
  const finished: Counter = registry.counter(MetricName.attemptsFinished, "Attempts finished, by outcome.", { labelNames: ["outcome"] });
  const reaps: Counter = registry.counter(MetricName.leaseReaps, "Expired leases reaped, by the state the task was left in.", { labelNames: ["state"] });
  const invokes: Counter = registry.counter(MetricName.invokes, "Runner invokes, by result (sent, throttled, retry, failed).", { labelNames: ["outcome"] });
  const invokeSeconds: Histogram = registry.histogram(MetricName.invokeSeconds, "Seconds one runner invoke call took, by result.", { labelNames: ["outcome"] });
  const requests: Counter = registry.counter(MetricName.httpRequests, "HTTP requests, by route and status code.", { labelNames: ["route", "code"] });
  const requestSeconds: Histogram = registry.histogram(MetricName.httpSeconds, "HTTP request duration in seconds, by route.", { labelNames: ["route"] });
  const duplicates: Counter = registry.counter(MetricName.duplicateDeliveries, "Task calls refused duplicate_delivery (another delivery acts for the attempt), by procedure.", {
    labelNames: ["procedure"],
  });
  const since = (start: Date, now: Date) => Math.max(0, (now.getTime() - start.getTime()) / 1000);
  return {
    leased(queuedSince, now) {
      for (const at of queuedSince) if (at !== undefined) queue.observe({}, since(at, now));
    },
    attemptFinished(outcome, startedAt, now) {
      finished.inc({ outcome });
      if (startedAt !== undefined) run.observe({ outcome }, since(startedAt, now));
    },
    reaped(state) {
      reaps.inc({ state });
    },
    invoke(result, seconds) {
      invokes.inc({ outcome: result });
      invokeSeconds.observe({ outcome: result }, seconds);
    },
    http(route, status, seconds) {
      requests.inc({ route, code: String(status) });
      requestSeconds.observe({ route }, seconds);
    },
    duplicateDelivery(procedure) {
      duplicates.inc({ procedure });
    },
  };
}

/** Lambda's throttles (429, TooManyRequests, Throttling) among the retryable invoke errors. */
export function isThrottle(error: string): boolean {
  return /Throttl|TooManyRequests|HTTP 429/.test(error);
}
