// Decoding the Lambda event (or CLI input) into a TaskInvocation, and the JSON the entrypoint
// receives on stdin (protobuf JSON, proto field names — the same shape the Dispatcher sends).

import { fromJson, toJsonString, type JsonValue } from "@bufbuild/protobuf";
import { TaskInvocationSchema, type TaskInvocation } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";

export class InvalidInvocationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInvocationError";
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Accepts the event as parsed JSON or as a JSON string. Unknown fields are ignored so a runner
 * keeps working while the Dispatcher adds payload fields; the fields the runner relies on are
 * required. Error messages name fields, never values (the payload holds a token and a signed URL).
 */
export function decodeInvocation(event: unknown): TaskInvocation {
  let json: unknown = event;
  if (typeof event === "string") {
    try {
      json = JSON.parse(event);
    } catch {
      throw new InvalidInvocationError("invocation is not valid JSON");
    }
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new InvalidInvocationError("invocation is not a JSON object");
  let invocation: TaskInvocation;
  try {
    invocation = fromJson(TaskInvocationSchema, json as JsonValue, { ignoreUnknownFields: true });
  } catch {
    throw new InvalidInvocationError("invocation does not match trace.dispatcher.v1.TaskInvocation");
  }
  const missing: string[] = [];
  if (!invocation.taskId) missing.push("task_id");
  if (invocation.attempt < 1) missing.push("attempt");
  if (!invocation.leaseToken) missing.push("lease_token");
  if (!invocation.capabilityToken) missing.push("capability_token");
  if (!invocation.bundleUrl) missing.push("bundle_url");
  if (missing.length > 0) throw new InvalidInvocationError(`invocation lacks ${missing.join(", ")}`);
  if (!SHA256_HEX.test(invocation.bundleSha256)) throw new InvalidInvocationError("bundle_sha256 is not 64 lowercase hex");
  return invocation;
}

/** What the entrypoint reads on stdin. */
export function invocationJson(invocation: TaskInvocation): string {
  return toJsonString(TaskInvocationSchema, invocation, { useProtoFieldName: true });
}
