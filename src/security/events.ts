// Security events: every refused authentication and every fence refusal that suggests a replayed
// or stolen credential (lease_mismatch, stale_attempt) becomes one structured log line and one
// counter increment. Only identifiers go in: never a token, a secret, or the request body.
import type { Logger } from "../log/logger.js";
import type { MetricsRegistry } from "../metrics/registry.js";

export const SECURITY_EVENTS_METRIC = "trace_security_events_total";

export type SecurityEventKind =
  /** The task capability token was missing or invalid (CONTRACT §4 steps 1-2). */
  | "task_auth_refused"
  /** A valid token was used for another task or attempt (§4 step 3). */
  | "task_claims_mismatch"
  /** A fenced call named a lease or attempt that is not the live one (§4 step 4). */
  | "task_fence_refused"
  | "worker_auth_refused"
  | "admin_auth_refused";

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** Machine-readable reason, the same as the refusal's ErrorDetail reason. */
  reason: string;
  /** e.g. "trace.dispatcher.v1.TaskService/Complete" */
  procedure: string;
  /** Identifiers only, from the verified token or the fence; never secrets. */
  taskId?: string;
  attempt?: number;
  /** For claims mismatches: what the body named. */
  requestedTaskId?: string;
  requestedAttempt?: number;
  remoteAddress?: string;
}

export interface SecurityEvents {
  record(event: SecurityEvent): void;
}

export function createSecurityEvents(logger: Logger, metrics: MetricsRegistry): SecurityEvents {
  const counter = metrics.counter(SECURITY_EVENTS_METRIC, "Refused authentications and suspicious fence refusals, by kind and reason.", {
    labelNames: ["kind", "reason"],
  });
  const log = logger.child({ component: "security" });
  return {
    record(event) {
      counter.inc({ kind: event.kind, reason: event.reason });
      const fields: Record<string, unknown> = { event: event.kind, reason: event.reason, procedure: event.procedure };
      if (event.taskId !== undefined) fields["task_id"] = event.taskId;
      if (event.attempt !== undefined) fields["attempt"] = event.attempt;
      if (event.requestedTaskId !== undefined) fields["requested_task_id"] = event.requestedTaskId;
      if (event.requestedAttempt !== undefined) fields["requested_attempt"] = event.requestedAttempt;
      if (event.remoteAddress !== undefined) fields["remote_address"] = event.remoteAddress;
      log.warn("security event", fields);
    },
  };
}
