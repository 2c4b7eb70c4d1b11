// Mapping between SQL rows / stored JSON and the lifecycle types, plus small pure helpers.
import { createHash } from "node:crypto";
import type { Row } from "../db/index.js";
import type {
  Attempt,
  AttemptOutcome,
  Bundle,
  DatasetEvent,
  DatasetGrant,
  InvocationTask,
  Job,
  JsonValue,
  OutboxKind,
  OutboxRow,
  OutboxStatus,
  Runtime,
  S3Grants,
  Task,
  TaskState,
} from "./types.js";

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A timestamp column as a Date (postgres.js gives Dates, PGlite may give strings). */
export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const num = (v: unknown): number => Number(v);

/** Stored event JSON uses the proto JSON field names (uint64 as decimal strings). */
export interface StoredEvent {
  dataset_uuid: string;
  dataset_version: string;
  cursor?: string;
  partition_key?: string;
  start?: string;
  end?: string;
}

export function eventToJson(e: DatasetEvent): StoredEvent {
  const out: StoredEvent = { dataset_uuid: e.datasetUuid, dataset_version: e.datasetVersion };
  if (e.cursor !== undefined) out.cursor = e.cursor.toString();
  if (e.partitionKey !== undefined) out.partition_key = e.partitionKey;
  if (e.start !== undefined) out.start = e.start.toString();
  if (e.end !== undefined) out.end = e.end.toString();
  return out;
}

export function eventFromJson(j: StoredEvent): DatasetEvent {
  const e: DatasetEvent = { datasetUuid: j.dataset_uuid, datasetVersion: j.dataset_version };
  if (j.cursor !== undefined) e.cursor = BigInt(j.cursor);
  if (j.partition_key !== undefined) e.partitionKey = j.partition_key;
  if (j.start !== undefined) e.start = BigInt(j.start);
  if (j.end !== undefined) e.end = BigInt(j.end);
  return e;
}

/** The per-producer deduplication key of an event: the cursor, or the partition key. */
export function eventKey(e: DatasetEvent): string {
  return e.cursor !== undefined ? e.cursor.toString() : (e.partitionKey ?? "");
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_RE.test(s);

/** Returns why an event is malformed, or null. Exactly a cursor event or a partition event. */
export function validateEvent(e: DatasetEvent): string | null {
  if (!isUuid(e.datasetUuid)) return "dataset_uuid must be a UUID";
  if (!isUuid(e.datasetVersion)) return "dataset_version must be a UUID";
  const hasCursor = e.cursor !== undefined;
  const partitionFields = [e.partitionKey, e.start, e.end].filter((v) => v !== undefined).length;
  if (hasCursor && partitionFields === 0) return null;
  if (!hasCursor && partitionFields === 3 && e.start !== undefined && e.end !== undefined) {
    if (e.start >= e.end) return "partition start must be below end ([start, end) half-open)";
    if (e.partitionKey !== `${e.start}-${e.end}`) return 'partition_key must be "{start}-{end}"';
    return null;
  }
  return "an event is either {cursor} or {partition_key, start, end}";
}

/** The task as its invocation needs it (see invocationTaskSelection). */
export function invocationTaskFromRow(r: Row): InvocationTask {
  return {
    taskId: str(r.task_id),
    jobId: str(r.job_id),
    attempt: num(r.attempt),
    inputs: ((r.inputs ?? []) as StoredEvent[]).map(eventFromJson),
    leaseToken: strOrNull(r.lease_token),
    leaseExpiresAt: dateOrNull(r.lease_expires_at),
    workerId: strOrNull(r.worker_id),
    params: (r.params ?? {}) as { [key: string]: JsonValue },
  };
}

export function taskFromRow(r: Row): Task {
  return {
    ...invocationTaskFromRow(r),
    runtime: str(r.runtime) as Runtime,
    state: str(r.state) as TaskState,
    maxAttempts: num(r.max_attempts),
    dedupeKey: strOrNull(r.dedupe_key),
    startedAt: dateOrNull(r.started_at),
    cancelRequested: Boolean(r.cancel_requested),
    cancelReason: strOrNull(r.cancel_reason),
    nextRetryAt: dateOrNull(r.next_retry_at),
    lastError: strOrNull(r.last_error),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function attemptFromRow(r: Row): Attempt {
  return {
    taskId: str(r.task_id),
    attempt: num(r.attempt),
    workerId: str(r.worker_id),
    startedAt: date(r.started_at),
    endedAt: dateOrNull(r.ended_at),
    outcome: strOrNull(r.outcome) as AttemptOutcome | null,
    error: strOrNull(r.error),
    errorCategory: strOrNull(r.error_category),
    retryable: r.retryable === null || r.retryable === undefined ? null : Boolean(r.retryable),
    deliveryId: strOrNull(r.delivery_id),
  };
}

export function jobFromRow(r: Row, inputs: { datasetUuid: string; allVersions: boolean }[]): Job {
  return {
    jobId: str(r.job_id),
    dagName: str(r.dag_name),
    name: str(r.name),
    runtime: str(r.runtime) as Runtime,
    operator: str(r.operator),
    config: (r.config ?? {}) as { [key: string]: JsonValue },
    // config::text when the query selected it (exact numerics); else re-serialized (exact below 2^53).
    configJson: typeof r.config_text === "string" ? r.config_text : JSON.stringify(r.config ?? {}),
    bundleSha256: str(r.bundle_sha256),
    maxAttempts: num(r.max_attempts),
    timeoutSeconds: num(r.timeout_seconds),
    leaseTtlSeconds: num(r.lease_ttl_seconds),
    maxConcurrency: num(r.max_concurrency),
    retryBaseSeconds: num(r.retry_base_seconds),
    retryMaxSeconds: num(r.retry_max_seconds),
    paused: Boolean(r.paused),
    orgId: str(r.org_id),
    datasetGrants: (r.dataset_grants ?? []) as DatasetGrant[],
    s3Grants: (r.s3_grants ?? { read_prefixes: [], write_prefixes: [] }) as S3Grants,
    inputs,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function bundleFromRow(r: Row): Bundle {
  return {
    sha256: str(r.sha256),
    storageUri: str(r.storage_uri),
    sizeBytes: num(r.size_bytes),
    runtime: str(r.runtime),
    createdAt: date(r.created_at),
  };
}

export function outboxFromRow(r: Row): OutboxRow {
  return {
    id: num(r.id),
    kind: str(r.kind) as OutboxKind,
    payload: (r.payload ?? {}) as { [key: string]: JsonValue },
    taskId: strOrNull(r.task_id),
    attempt: r.attempt === null || r.attempt === undefined ? null : num(r.attempt),
    status: str(r.status) as OutboxStatus,
    tries: num(r.tries),
    lastError: strOrNull(r.last_error),
    nextAttemptAt: date(r.next_attempt_at),
    createdAt: date(r.created_at),
  };
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * CONTRACT §2 retry backoff: min(max, base * 2^(attempt-1)) * uniform(0.5, 1.5), in milliseconds.
 */
export function retryDelayMs(attempt: number, baseSeconds: number, maxSeconds: number, random: () => number): number {
  const exponential = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * 1000 * (0.5 + random()));
}

export const iso = (d: Date): string => d.toISOString();

/** Timestamps arrive as Date from both drivers, except where a driver hands back text; accept both. */
export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
