// QueryService (POST /v1/task/query, CONTRACT §8). The auth interceptor has already run CONTRACT §4
// steps 1-3 (token present, valid against the Dispatcher's JWKS, task_id/attempt match); this
// handler then: authorizes the dataset from the token alone (grant.ts), gates the SQL (gate.ts),
// takes a fresh connection to a hardened database over the granted version's objects
// (databases.ts, staging.ts), runs the query (engine.ts), and writes one audit record whatever
// happened (audit.ts).
// There is no step 4: the Query Service holds no state database, so the lease is not checked;
// the token's lifetime bounds what an attempt can read.
import { Code } from "@connectrpc/connect";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { JsonValue as ProtoJsonValue } from "@bufbuild/protobuf";
import { fromJson } from "@bufbuild/protobuf";
import { ListValueSchema } from "@bufbuild/protobuf/wkt";
import type { DuckDBInstance } from "@duckdb/node-api";
import { QueryService } from "../../gen/ts/trace/dispatcher/v1/query_pb.js";
import { verifiedTaskTokenKey } from "../rpc/auth.js";
import { refuse } from "../rpc/errors.js";
import type { QueryAudit, QueryAuditRecord, QueryOutcome } from "./audit.js";
import { DatasetEmptyError, DatasetUnreadableError, type HardenedDatabases } from "./databases.js";
import { EngineFailure, runGatedQuery, type EngineLimits } from "./engine.js";
import { gateSql } from "./gate.js";
import { resolveGrant } from "./grant.js";
import { clampRowLimit, createSlots, type ConcurrencyLimits } from "./limits.js";
import { DatasetTooLargeError } from "./staging.js";

export interface QueryServiceDeps {
  /** Parses SQL for the gate; never runs untrusted SQL. */
  parser: DuckDBInstance;
  /** Hardened databases over the granted versions, one query per connection. */
  databases: HardenedDatabases;
  audit: QueryAudit;
  limits: EngineLimits;
  concurrency: ConcurrencyLimits;
}

type Audited = Omit<QueryAuditRecord, "orgId" | "taskId" | "attempt" | "dataset" | "durationMs">;

const EMPTY: Pick<QueryAuditRecord, "rows" | "bytes" | "truncated"> = { rows: 0, bytes: 0, truncated: false };

export function createQueryService(deps: QueryServiceDeps): Partial<ServiceImpl<typeof QueryService>> {
  const slots = createSlots(deps.concurrency);

  return {
    async query(request, context: HandlerContext) {
      const verified = context.values.get(verifiedTaskTokenKey);
      if (verified === undefined) throw new Error("query reached without a verified token");
      const started = performance.now();
      const { claims } = verified;
      const audit = (entry: Audited) =>
        deps.audit.record({
          orgId: claims.org_id,
          taskId: claims.task_id,
          attempt: claims.attempt,
          dataset: request.dataset,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          ...entry,
        });
      const fail = (outcome: QueryOutcome, code: Code, reason: string, message: string, version?: string) => {
        audit({ outcome, reason, ...EMPTY, ...(version !== undefined ? { datasetVersion: version } : {}) });
        return refuse(code, reason, message);
      };

      const grant = resolveGrant(claims, request.dataset);
      if (!grant.ok) throw fail("denied", Code.PermissionDenied, grant.reason, grant.message);
      const version = grant.dataset.datasetVersion;
      const limit = clampRowLimit(request.limit);
      const gate = await gateSql(deps.parser, request.sql);
      if (!gate.ok) throw fail("refused", Code.InvalidArgument, gate.reason, gate.message, version);

      const release = await slots.acquire();
      if (release === null) throw fail("exhausted", Code.ResourceExhausted, "too_many_queries", "the Query Service is at capacity; retry later", version);
      try {
        let lease;
        try {
          lease = await deps.databases.acquire(grant.dataset.storage, context.signal);
        } catch (error) {
          if (error instanceof DatasetTooLargeError) throw fail("exhausted", Code.ResourceExhausted, "dataset_too_large", error.message, version);
          if (error instanceof DatasetEmptyError) throw fail("failed", Code.FailedPrecondition, "dataset_empty", error.message, version);
          if (error instanceof DatasetUnreadableError) throw fail("failed", Code.FailedPrecondition, "dataset_unreadable", error.message, version);
          throw fail("failed", Code.Unavailable, "storage_unavailable", "the dataset's objects could not be read from storage", version);
        }
        let reusable = false;
        try {
          const result = await runGatedQuery(lease.connection, request.sql, limit, deps.limits);
          reusable = true;
          audit({ outcome: "ok", datasetVersion: version, rows: result.rows.length, bytes: result.bytes, truncated: result.truncated });
          return {
            columns: result.columns,
            rows: result.rows.map((row) => fromJson(ListValueSchema, row as ProtoJsonValue[])),
            truncated: result.truncated,
            rowCount: result.rows.length,
            byteCount: BigInt(result.bytes),
            datasetVersion: version,
          };
        } catch (error) {
          if (!(error instanceof EngineFailure)) throw error;
          // An engine error in the caller's SQL leaves the database as it was; a blown limit does not.
          reusable = error.reason === "sql_error" || error.reason === "response_too_large";
          if (error.reason === "sql_error") throw fail("refused", Code.InvalidArgument, error.reason, error.message, version);
          throw fail("exhausted", Code.ResourceExhausted, error.reason, error.message, version);
        } finally {
          await lease.release(reusable);
        }
      } finally {
        release();
      }
    },
  };
}
