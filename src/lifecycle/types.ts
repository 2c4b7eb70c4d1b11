// Shared types of the lifecycle engine. Every operation takes a LifecycleContext (no globals)
// and returns an explicit discriminated union.
import type { Database } from "../db/index.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface LifecycleContext {
  readonly db: Database;
  readonly clock: Clock;
  /** Uniform in [0, 1); used for backoff jitter. */
  readonly random: () => number;
  /** Mints lease tokens; crypto.randomUUID by default. */
  readonly newToken: () => string;
  /** Called after a commit that wrote outbox rows, so a local drain can start at once. */
  readonly onOutboxWritten?: (kinds: readonly OutboxKind[]) => void;
}

export type TaskState = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
export type Runtime = "lambda" | "worker";
/** `released`: ended by the Dispatcher's own shutdown; not counted against max_attempts (release.ts). */
export type AttemptOutcome = "completed" | "failed" | "canceled" | "timed_out" | "invoke_failed" | "released";
export type OutboxKind = "invoke" | "wakeup" | "route_event" | "buffer_publish";
export type OutboxStatus = "pending" | "done" | "failed";

export const OUTBOX_KINDS: readonly OutboxKind[] = ["invoke", "wakeup", "route_event", "buffer_publish"];

/** Channel notified when a lambda task becomes QUEUED (created or re-queued). */
export const TASKS_CHANNEL = "trace_dispatcher_tasks";
/** Channel notified when outbox rows that need prompt delivery are written by a notifying transaction. */
export const OUTBOX_CHANNEL = "trace_dispatcher_outbox";

/** Same field names and types as the protobuf-es DatasetEvent message, so proto messages fit. */
export interface DatasetEvent {
  datasetUuid: string;
  datasetVersion: string;
  cursor?: bigint;
  partitionKey?: string;
  start?: bigint;
  end?: bigint;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Task {
  taskId: string;
  jobId: string;
  runtime: Runtime;
  state: TaskState;
  attempt: number;
  maxAttempts: number;
  dedupeKey: string | null;
  inputs: DatasetEvent[];
  /** The live lease fence; never expose it on admin APIs. */
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
  workerId: string | null;
  startedAt: Date | null;
  cancelRequested: boolean;
  cancelReason: string | null;
  nextRetryAt: Date | null;
  lastError: string | null;
  /** The task's own parameters, passed in its invocation beside the job's config. */
  params: { [key: string]: JsonValue };
  createdAt: Date;
  updatedAt: Date;
}

export interface Attempt {
  taskId: string;
  attempt: number;
  workerId: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: AttemptOutcome | null;
  error: string | null;
  errorCategory: string | null;
  /** What the reporter said; null when it did not say. */
  retryable: boolean | null;
  deliveryId: string | null;
}

export interface DatasetGrant {
  dataset_uuid: string;
  dataset_version: string;
  storage_ref?: string;
}

export interface S3Grants {
  read_prefixes: string[];
  write_prefixes: string[];
}

/** What a task's invocation payload and its lease need of the task (loadInvocations reads only these columns). */
export type InvocationTask = Pick<Task, "taskId" | "jobId" | "attempt" | "inputs" | "params" | "leaseToken" | "leaseExpiresAt" | "workerId">;

export interface Job {
  jobId: string;
  dagName: string;
  name: string;
  runtime: Runtime;
  operator: string;
  config: { [key: string]: JsonValue };
  /** The same configuration as stored, as JSON text: integers exact at any size (`config` is parsed). */
  configJson: string;
  bundleSha256: string;
  maxAttempts: number;
  timeoutSeconds: number;
  leaseTtlSeconds: number;
  maxConcurrency: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** A paused job's tasks are neither acquired nor claimed. */
  paused: boolean;
  orgId: string;
  datasetGrants: DatasetGrant[];
  s3Grants: S3Grants;
  inputs: { datasetUuid: string; allVersions: boolean }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Bundle {
  sha256: string;
  storageUri: string;
  sizeBytes: number;
  runtime: string;
  createdAt: Date;
}

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  payload: { [key: string]: JsonValue };
  taskId: string | null;
  attempt: number | null;
  status: OutboxStatus;
  tries: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Why a fenced call (task-scoped RPC) was refused; maps to CONTRACT §4 errors. */
export type FenceRefusal = "not_found" | "stale_attempt" | "lease_mismatch" | "duplicate_delivery" | "task_finished" | "canceled";

export type Refused<R extends string> = { ok: false; reason: R; message?: string };
