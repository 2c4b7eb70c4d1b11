// The metric names the Dispatcher exposes at /metrics, in one place: the code that records them,
// the README's alert table and the CDK alarms (infra/) all import these, so an alarm can never
// watch a metric the Dispatcher stopped emitting.
export const MetricName = {
  /** Gauge from the database (cached): tasks by job and state. */
  tasks: "trace_tasks",
  /** Counter: attempts finished, by outcome (completed, failed, canceled, timed_out, invoke_failed, released). */
  attemptsFinished: "trace_attempts_finished_total",
  /** Histogram: a task's creation (or its retry's re-queue) to the lease that starts it. */
  queueSeconds: "trace_task_queue_seconds",
  /** Histogram: an attempt's lease to its finish, by outcome. */
  runSeconds: "trace_task_run_seconds",
  /** Gauge from the database (cached): undelivered outbox rows, by kind. */
  outboxDepth: "trace_outbox_depth",
  /** Gauge from the database (cached): age of the oldest undelivered outbox row, by kind. */
  outboxOldestAge: "trace_outbox_oldest_age_seconds",
  /** Gauge from the database (cached): outbox rows parked as FAILED after their last try, by kind. */
  outboxDead: "trace_outbox_dead_rows",
  /** Counter: expired leases reaped, by resulting task state. */
  leaseReaps: "trace_lease_reaps_total",
  /** Counter: runner invokes, by outcome (sent, throttled, retry, failed). */
  invokes: "trace_invokes_total",
  /** Histogram: one runner invoke call, by outcome. */
  invokeSeconds: "trace_invoke_duration_seconds",
  /** Counter: HTTP requests, by route and status code. */
  httpRequests: "trace_http_requests_total",
  /** Histogram: HTTP request duration, by route. */
  httpSeconds: "trace_http_request_duration_seconds",
  /** Counter: task calls refused duplicate_delivery (another delivery acts for the attempt), by procedure. */
  duplicateDeliveries: "trace_duplicate_deliveries_total",
} as const;

export type MetricNameValue = (typeof MetricName)[keyof typeof MetricName];
