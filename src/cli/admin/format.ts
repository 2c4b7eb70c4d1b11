// Rendering admin messages for people (tables, key/value blocks) and for scripts (proto JSON).
import { toJson, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { Attempt, Job, OutboxRow, Task } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { Runtime } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { contractJsonOptions } from "../../contract/json-format.js";

/** The message as the API's own JSON, pretty-printed. */
export function jsonOf<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): string {
  return JSON.stringify(toJson(schema, message, contractJsonOptions), null, 2);
}

export const when = (t: Timestamp | undefined): string => (t === undefined ? "-" : timestampDate(t).toISOString().replace(/\.\d{3}Z$/, "Z"));
export const stateName = (s: TaskState): string => TaskState[s] ?? String(s);
export const runtimeName = (r: Runtime): string => (r === Runtime.LAMBDA ? "lambda" : r === Runtime.WORKER ? "worker" : "?");
export const jobRef = (t: Task): string => (t.job ? `${t.job.dagName}/${t.job.name}` : t.jobId);
const oneLine = (s: string, max = 60): string => {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function jobRows(jobs: readonly Job[]): string[][] {
  return jobs.map((j) => [`${j.dagName}/${j.name}`, runtimeName(j.runtime), j.paused ? "paused" : "active", j.bundleSha256.slice(0, 12), j.orgId, j.jobId]);
}
export const JOB_HEADERS = ["JOB", "RUNTIME", "STATUS", "BUNDLE", "ORG", "ID"] as const;

export function taskRows(tasks: readonly Task[]): string[][] {
  return tasks.map((t) => [t.taskId, jobRef(t), stateName(t.state), `${t.attempt}/${t.maxAttempts}`, when(t.createdAt), oneLine(t.lastError, 50)]);
}
export const TASK_HEADERS = ["TASK", "JOB", "STATE", "ATTEMPT", "CREATED", "LAST ERROR"] as const;

export function attemptRows(attempts: readonly Attempt[]): string[][] {
  return attempts.map((a) => [
    String(a.attempt),
    a.outcome || "running",
    a.errorCategory || "-",
    a.retryable === undefined ? "-" : String(a.retryable),
    when(a.startedAt),
    a.endedAt ? `${(Number(a.durationMs) / 1000).toFixed(1)}s` : "-",
    a.workerId,
    a.deliveryId || "-",
    oneLine(a.error, 50),
  ]);
}
export const ATTEMPT_HEADERS = ["#", "OUTCOME", "CATEGORY", "RETRYABLE", "STARTED", "DURATION", "WORKER", "DELIVERY", "ERROR"] as const;

export function outboxRows(rows: readonly OutboxRow[]): string[][] {
  return rows.map((r) => [String(r.id), r.kind, r.status, String(r.tries), r.taskId || "-", when(r.nextAttemptAt), oneLine(r.lastError, 60)]);
}
export const OUTBOX_HEADERS = ["ID", "KIND", "STATUS", "TRIES", "TASK", "NEXT TRY", "LAST ERROR"] as const;
