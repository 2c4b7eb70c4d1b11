// One audit record per query (CONTRACT §8): who (org, task, attempt), what (dataset and version),
// how it ended (outcome, reason), how much (rows, bytes, duration). Never the SQL text: it may
// carry the caller's data or secrets, and the audit log is read by people who should see neither.
import type { Logger } from "../log/logger.js";
import type { MetricsRegistry } from "../metrics/registry.js";

export const QUERY_METRIC = "trace_query_requests_total";

export type QueryOutcome = "ok" | "refused" | "denied" | "exhausted" | "failed";

export interface QueryAuditRecord {
  readonly orgId: string;
  readonly taskId: string;
  readonly attempt: number;
  readonly dataset: string;
  readonly datasetVersion?: string;
  readonly outcome: QueryOutcome;
  /** The refusal or failure reason (a stable snake_case string), when not ok. */
  readonly reason?: string;
  readonly rows: number;
  readonly bytes: number;
  readonly truncated: boolean;
  readonly durationMs: number;
}

export interface QueryAudit {
  record(entry: QueryAuditRecord): void;
}

export function createQueryAudit(logger: Logger, metrics: MetricsRegistry): QueryAudit {
  const counter = metrics.counter(QUERY_METRIC, "Query Service requests that passed authentication, by outcome and reason", {
    labelNames: ["outcome", "reason"],
  });
  const log = logger.child({ component: "query-audit" });
  return {
    record(entry) {
      counter.inc({ outcome: entry.outcome, reason: entry.reason ?? "" });
      log.info("query", {
        org_id: entry.orgId,
        task_id: entry.taskId,
        attempt: entry.attempt,
        dataset: entry.dataset,
        ...(entry.datasetVersion !== undefined ? { dataset_version: entry.datasetVersion } : {}),
        outcome: entry.outcome,
        ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
        rows: entry.rows,
        bytes: entry.bytes,
        truncated: entry.truncated,
        duration_ms: entry.durationMs,
      });
    },
  };
}
