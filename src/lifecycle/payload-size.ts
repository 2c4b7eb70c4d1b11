// The one payload-size rule (CONTRACT §3, issue 11 §4): the parts of an invocation that come from
// stored data (job config, the task's inputs and params) must fit an asynchronous Lambda invoke,
// checked on every path that creates or changes a job or a task, never truncated. The rest of the
// payload (ids, lease, capability token, bundle URL) is bounded and gets the headroom below.
import type { JsonValue } from "./types.js";

/** Async Lambda invokes carry at most 1 MB (CONTRACT §3); leave room for the lease, token and URL. */
export const MAX_TASK_PAYLOAD_BYTES = 1_000_000 - 16_384;

/** The refusal reason every path uses for an oversized payload. */
export const PAYLOAD_TOO_LARGE = "payload_too_large";

/** UTF-8 size of a value as stored (jsonb text form may differ slightly; the headroom absorbs it). */
export function jsonBytes(value: JsonValue | object | undefined): number {
  return Buffer.byteLength(JSON.stringify(value ?? {}), "utf8");
}

/**
 * The SQL form of the rule, for statements that create tasks from stored rows (routing, retry):
 * true when config + inputs + params fit. Arguments are SQL expressions of type jsonb.
 */
export function sqlPayloadFits(config: string, inputs: string, params: string, limitParam: string): string {
  return `(octet_length(${config}::text) + octet_length(${inputs}::text) + octet_length(${params}::text) <= ${limitParam})`;
}

export function payloadTooLargeMessage(bytes: number): string {
  return `job config, task inputs and params are ${bytes} bytes, over the ${MAX_TASK_PAYLOAD_BYTES}-byte invocation payload limit`;
}
