// The TaskInvocation's JSON, written directly: the same text as protobuf-es's
// `toJsonString(TaskInvocationSchema, invocationMessage(…), contractJsonOptions)`, byte for byte.
//
// Why a writer of its own: the invocation is built once per attempt on the Dispatcher's hottest
// path, and the reflective route (create the message, walk its descriptor, build a JSON object,
// stringify it) cost ~10 µs of CPU per task at 32 in flight, more than anything else the contract
// layer does. proto/ stays the single definition: test/invoke/invocation-json.test.ts compares
// this writer with protobuf-es on generated payloads and fails as soon as TaskInvocation,
// JobRef or DatasetEvent gains a field this file does not write.
import type { Bundle, DatasetEvent, Job, Task } from "../lifecycle/index.js";

/** What a payload carries of its task. */
export type PayloadTask = Pick<Task, "taskId" | "attempt" | "inputs" | "params">;

/** What one leased attempt adds to a task's payload (absent: task-fetch, which leases nothing). */
export interface LeaseFields {
  attempt: number;
  leaseToken: string;
  leaseExpiresAt: Date | null;
  capabilityToken: string;
  bundleUrl: string;
}

const text = JSON.stringify;

/** A google.protobuf.Timestamp in JSON: RFC 3339 in UTC, fractional digits only when non-zero (a Date has milliseconds). */
function timestampJson(at: Date): string {
  const iso = at.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** uint64 fields are JSON strings (proto3 JSON mapping); optional ones only when set. */
function datasetEventJson(event: DatasetEvent): string {
  let out = `{"dataset_uuid":${text(event.datasetUuid)},"dataset_version":${text(event.datasetVersion)}`;
  if (event.cursor !== undefined) out += `,"cursor":"${event.cursor}"`;
  if (event.partitionKey !== undefined) out += `,"partition_key":${text(event.partitionKey)}`;
  if (event.start !== undefined) out += `,"start":"${event.start}"`;
  if (event.end !== undefined) out += `,"end":"${event.end}"`;
  return `${out}}`;
}

/**
 * The payload as sent, in field-number order with every implicit field present
 * (`alwaysEmitImplicit`); a google.protobuf.Struct is its JSON object.
 */
export function invocationJson(task: PayloadTask, job: Job, bundle: Bundle | null, lease?: LeaseFields): string {
  let out = `{"task_id":${text(task.taskId)},"attempt":${lease?.attempt ?? task.attempt},"lease_token":${text(lease?.leaseToken ?? "")}`;
  if (lease?.leaseExpiresAt) out += `,"lease_expires_at":"${timestampJson(lease.leaseExpiresAt)}"`;
  out += `,"capability_token":${text(lease?.capabilityToken ?? "")},"bundle_url":${text(lease?.bundleUrl ?? "")}`;
  out += `,"bundle_sha256":${text(bundle?.sha256 ?? job.bundleSha256)}`;
  out += `,"job":{"dag_name":${text(job.dagName)},"name":${text(job.name)}},"operator":${text(job.operator)}`;
  out += `,"config":${text(job.config)},"inputs":[${task.inputs.map(datasetEventJson).join(",")}]`;
  out += `,"delivery_id":"","params":${text(task.params)},"config_json":${text(job.configJson)}}`;
  return out;
}
