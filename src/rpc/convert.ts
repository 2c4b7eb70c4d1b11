// Conversions between lifecycle values and contract (proto) messages. Admin-facing messages never
// carry lease tokens: a lease token is the fence of a running attempt, and only that attempt (or
// the worker that claimed it) may hold it.
import { create, fromJson, toJson } from "@bufbuild/protobuf";
import type { JsonObject } from "@bufbuild/protobuf";
import { timestampFromDate, ValueSchema } from "@bufbuild/protobuf/wkt";
import type { Value } from "@bufbuild/protobuf/wkt";
import {
  AttemptSchema,
  BundleSchema,
  GetTaskResponseSchema,
  JobSchema,
  OutboxRowSchema,
  Runtime as ProtoRuntime,
  TaskSchema,
} from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import type {
  Attempt as ProtoAttempt,
  Bundle as ProtoBundle,
  GetTaskResponse,
  Job as ProtoJob,
  OutboxRow as ProtoOutboxRow,
  Task as ProtoTask,
} from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { DatasetEventSchema, TaskState as ProtoTaskState } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import type { DatasetEvent as ProtoDatasetEvent } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { TaskStatus } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import type {
  Attempt,
  Bundle,
  CompletionStatus,
  DatasetEvent,
  DatasetView,
  Job,
  JobDefinition,
  JsonValue as LifecycleJson,
  OutboxRow,
  Runtime,
  Task,
  TaskState,
  TaskView,
  ThroughputBucket,
} from "../lifecycle/index.js";

const TASK_STATES: Readonly<Record<TaskState, ProtoTaskState>> = {
  QUEUED: ProtoTaskState.QUEUED,
  RUNNING: ProtoTaskState.RUNNING,
  COMPLETED: ProtoTaskState.COMPLETED,
  FAILED: ProtoTaskState.FAILED,
  CANCELED: ProtoTaskState.CANCELED,
};

export function taskStateToProto(state: TaskState): ProtoTaskState {
  return TASK_STATES[state];
}

/** undefined for TASK_STATE_UNSPECIFIED or an unknown number. */
export function taskStateFromProto(state: ProtoTaskState): TaskState | undefined {
  const entry = Object.entries(TASK_STATES).find(([, value]) => value === state);
  return entry?.[0] as TaskState | undefined;
}

/** undefined for TASK_STATUS_UNSPECIFIED or an unknown number. */
export function completionStatusFromProto(status: TaskStatus): CompletionStatus | undefined {
  switch (status) {
    case TaskStatus.COMPLETED:
      return "COMPLETED";
    case TaskStatus.FAILED:
      return "FAILED";
    case TaskStatus.CANCELED:
      return "CANCELED";
    default:
      return undefined;
  }
}

export function runtimeToProto(runtime: Runtime): ProtoRuntime {
  return runtime === "lambda" ? ProtoRuntime.LAMBDA : ProtoRuntime.WORKER;
}

export function runtimeFromProto(runtime: ProtoRuntime): Runtime | undefined {
  if (runtime === ProtoRuntime.LAMBDA) return "lambda";
  if (runtime === ProtoRuntime.WORKER) return "worker";
  return undefined;
}

/** A proto DatasetEvent as the lifecycle's (same field names; optional members only when set). */
export function eventFromProto(event: ProtoDatasetEvent): DatasetEvent {
  const out: DatasetEvent = { datasetUuid: event.datasetUuid, datasetVersion: event.datasetVersion };
  if (event.cursor !== undefined) out.cursor = event.cursor;
  if (event.partitionKey !== undefined) out.partitionKey = event.partitionKey;
  if (event.start !== undefined) out.start = event.start;
  if (event.end !== undefined) out.end = event.end;
  return out;
}

export function eventToProto(event: DatasetEvent): ProtoDatasetEvent {
  return create(DatasetEventSchema, { ...event });
}

/** A google.protobuf.Value as plain JSON; an unset value is JSON null. */
export function jsonFromValue(value: Value | undefined): LifecycleJson {
  if (value === undefined) return null;
  return toJson(ValueSchema, value) as LifecycleJson;
}

const optionalTimestamp = (date: Date | null) => (date === null ? undefined : timestampFromDate(date));

/** The admin view of a task: everything but the lease token. */
export function taskToProto(task: Task, job: Pick<Job, "dagName" | "name"> | null): ProtoTask {
  return create(TaskSchema, {
    taskId: task.taskId,
    jobId: task.jobId,
    job: job === null ? undefined : { dagName: job.dagName, name: job.name },
    state: taskStateToProto(task.state),
    attempt: task.attempt,
    maxAttempts: task.maxAttempts,
    dedupeKey: task.dedupeKey ?? "",
    inputs: task.inputs.map(eventToProto),
    leaseExpiresAt: optionalTimestamp(task.leaseExpiresAt),
    cancelRequested: task.cancelRequested,
    nextRetryAt: optionalTimestamp(task.nextRetryAt),
    lastError: task.lastError ?? "",
    createdAt: timestampFromDate(task.createdAt),
    updatedAt: timestampFromDate(task.updatedAt),
    params: task.params as JsonObject,
    cancelReason: task.cancelReason ?? "",
  });
}

export function attemptToProto(attempt: Attempt): ProtoAttempt {
  return create(AttemptSchema, {
    attempt: attempt.attempt,
    workerId: attempt.workerId,
    startedAt: timestampFromDate(attempt.startedAt),
    endedAt: optionalTimestamp(attempt.endedAt),
    outcome: attempt.outcome ?? "",
    error: attempt.error ?? "",
    errorCategory: attempt.errorCategory ?? "",
    ...(attempt.retryable !== null ? { retryable: attempt.retryable } : {}),
    deliveryId: attempt.deliveryId ?? "",
    durationMs: attempt.endedAt === null ? 0n : BigInt(Math.max(0, attempt.endedAt.getTime() - attempt.startedAt.getTime())),
  });
}

export function jobToProto(job: Job): ProtoJob {
  return create(JobSchema, {
    jobId: job.jobId,
    dagName: job.dagName,
    name: job.name,
    runtime: runtimeToProto(job.runtime),
    operator: job.operator,
    bundleSha256: job.bundleSha256,
    config: job.config as JsonObject,
    configJson: job.configJson,
    maxAttempts: job.maxAttempts,
    timeoutSeconds: job.timeoutSeconds,
    leaseTtlSeconds: job.leaseTtlSeconds,
    maxConcurrency: job.maxConcurrency,
    retryBaseSeconds: job.retryBaseSeconds,
    retryMaxSeconds: job.retryMaxSeconds,
    inputs: job.inputs.map((i) => ({ datasetUuid: i.datasetUuid, allVersions: i.allVersions })),
    datasets: job.datasetGrants.map((g) => ({
      datasetUuid: g.dataset_uuid,
      datasetVersion: g.dataset_version,
      ...(g.storage_ref !== undefined ? { storageRef: g.storage_ref } : {}),
    })),
    s3: { readPrefixes: [...job.s3Grants.read_prefixes], writePrefixes: [...job.s3Grants.write_prefixes] },
    orgId: job.orgId,
    paused: job.paused,
  });
}

/** The job definition of a RegisterJob request; `runtime` must have been checked by the caller. */
export function jobDefinitionFromProto(job: ProtoJob, runtime: Runtime): JobDefinition {
  return {
    dagName: job.dagName,
    name: job.name,
    runtime,
    operator: job.operator,
    bundleSha256: job.bundleSha256,
    config: (job.config ?? {}) as { [key: string]: LifecycleJson },
    ...(job.configJson ? { configJson: job.configJson } : {}),
    maxAttempts: job.maxAttempts,
    timeoutSeconds: job.timeoutSeconds,
    leaseTtlSeconds: job.leaseTtlSeconds,
    maxConcurrency: job.maxConcurrency,
    retryBaseSeconds: job.retryBaseSeconds,
    retryMaxSeconds: job.retryMaxSeconds,
    orgId: job.orgId,
    inputs: job.inputs.map((i) => ({ datasetUuid: i.datasetUuid, allVersions: i.allVersions })),
    datasetGrants: job.datasets.map((d) => ({
      dataset_uuid: d.datasetUuid,
      dataset_version: d.datasetVersion,
      ...(d.storageRef !== undefined ? { storage_ref: d.storageRef } : {}),
    })),
    s3Grants: { read_prefixes: [...(job.s3?.readPrefixes ?? [])], write_prefixes: [...(job.s3?.writePrefixes ?? [])] },
  };
}

export function bundleToProto(bundle: Bundle): ProtoBundle {
  return create(BundleSchema, {
    sha256: bundle.sha256,
    storageUri: bundle.storageUri,
    sizeBytes: BigInt(bundle.sizeBytes),
    runtime: bundle.runtime,
    createdAt: timestampFromDate(bundle.createdAt),
  });
}

/** The admin view of an outbox row: its payload (internal ids) is not exposed. */
export function outboxRowToProto(row: OutboxRow): ProtoOutboxRow {
  return create(OutboxRowSchema, {
    id: BigInt(row.id),
    kind: row.kind,
    taskId: row.taskId ?? "",
    attempt: row.attempt ?? 0,
    status: row.status,
    tries: row.tries,
    lastError: row.lastError ?? "",
    createdAt: timestampFromDate(row.createdAt),
    nextAttemptAt: timestampFromDate(row.nextAttemptAt),
  });
}


/** GetTask's reply: the task, its attempts and everything it produced, from one snapshot. */
export function taskViewToProto(view: TaskView): GetTaskResponse {
  return create(GetTaskResponseSchema, {
    task: taskToProto(view.task, view.job),
    attempts: view.attempts.map(attemptToProto),
    outputs: view.outputs.map((o) => ({ attempt: o.attempt, name: o.name, value: fromJson(ValueSchema, o.value) })),
    events: view.events.map((e) => ({
      attempt: e.attempt,
      event: eventToProto(e.event),
      routedTaskIds: e.routedTaskIds,
      createdAt: timestampFromDate(e.createdAt),
    })),
    bufferPublishes: view.bufferPublishes.map((b) => ({
      attempt: b.attempt,
      batchUri: b.batchUri,
      contentType: b.contentType,
      batchSizeBytes: BigInt(b.batchSizeBytes),
      dedupeScope: b.dedupeScope,
      createdAt: timestampFromDate(b.createdAt),
    })),
    wakeups: view.wakeups.map((w) => ({
      attempt: w.attempt,
      visibleAt: timestampFromDate(w.visibleAt),
      receives: w.receives,
      createdAt: timestampFromDate(w.createdAt),
    })),
    retries: view.retries.map((r) => ({
      attempt: r.attempt,
      requestedBy: r.requestedBy,
      reason: r.reason,
      previousState: r.previousState,
      createdAt: timestampFromDate(r.createdAt),
    })),
    outbox: view.outbox.map(outboxRowToProto),
  });
}

export function datasetToProto(dataset: DatasetView) {
  return {
    datasetUuid: dataset.datasetUuid,
    currentVersion: dataset.currentVersion ?? "",
    currentSince: optionalTimestamp(dataset.currentSince),
    versions: dataset.versions.map((v) => ({ ...v, createdAt: timestampFromDate(v.createdAt) })),
    consumers: dataset.consumers.map((c) => ({ jobId: c.jobId, job: { dagName: c.dagName, name: c.name }, allVersions: c.allVersions })),
  };
}

export function throughputBucketToProto(bucket: ThroughputBucket) {
  return { minute: timestampFromDate(bucket.minute), completed: BigInt(bucket.completed), failed: BigInt(bucket.failed), other: BigInt(bucket.other) };
}
