// QueryService (POST /v1/task/query, CONTRACT §8). The auth interceptor has already run CONTRACT §4
// steps 1-3 (token present, valid against the Dispatcher's JWKS, task_id/attempt match); this
// handler then: authorizes the dataset from the token alone (grant.ts), gates the SQL (gate.ts),
// stages the granted version's objects into a private directory (staging.ts), runs the query in a
// fresh hardened DuckDB (engine.ts), and writes one audit record whatever happened (audit.ts).
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
import { EngineFailure, openHardened, runGatedQuery, type EngineLimits } from "./engine.js";
import { gateSql } from "./gate.js";
import { resolveGrant } from "./grant.js";
import { clampRowLimit, createSlots, type ConcurrencyLimits } from "./limits.js";
import { DatasetTooLargeError, type DatasetStager } from "./staging.js";

export interface QueryServiceDeps {
  /** Parses SQL for the gate; never runs untrusted SQL. */
  parser: DuckDBInstance;
  stager: DatasetStager;
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
        let staged;
        try {
          staged = await deps.stager.stage(grant.dataset.storage, context.signal);
        } catch (error) {
          if (error instanceof DatasetTooLargeError) throw fail("exhausted", Code.ResourceExhausted, "dataset_too_large", error.message, version);
          throw fail("failed", Code.Unavailable, "storage_unavailable", "the dataset's objects could not be read from storage", version);
        }
        try {
          if (staged.glob === null) throw fail("failed", Code.FailedPrecondition, "dataset_empty", "the dataset version has no Parquet objects", version);
          const db = await openHardened(staged.dir, staged.glob, deps.limits).catch(() => {
            throw fail("failed", Code.FailedPrecondition, "dataset_unreadable", "the dataset version's objects are not readable Parquet", version);
          });
          try {
            const result = await runGatedQuery(db.connection, request.sql, limit, deps.limits);
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
            if (error.reason === "sql_error") throw fail("refused", Code.InvalidArgument, error.reason, error.message, version);
            throw fail("exhausted", Code.ResourceExhausted, error.reason, error.message, version);
          } finally {
            db.close();
          }
        } finally {
          await staged.release();
        }
      } finally {
        release();
      }
    },
  };
}
