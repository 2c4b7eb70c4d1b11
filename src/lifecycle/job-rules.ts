// What a job definition must satisfy to ever run, checked by RegisterJob and UpdateJob alike
// (issue 11 §4: refuse at registration what can never run, instead of failing every invoke).
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { bundles } from "../db/schema.js";
import { TOKEN_TTL_GRACE_SECONDS, TOKEN_TTL_MAX_SECONDS } from "../auth/mint.js";
import type { Queryable } from "../db/index.js";
import { jsonBytes, MAX_TASK_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE } from "./payload-size.js";
import { isUuid } from "./rows.js";
import type { JsonValue, Runtime } from "./types.js";

/**
 * The longest attempt a capability token can cover: the token lives timeout + grace, capped at
 * 24 h (CONTRACT §5), so a longer timeout would outlive its own token.
 */
export const MAX_TIMEOUT_SECONDS = TOKEN_TTL_MAX_SECONDS - TOKEN_TTL_GRACE_SECONDS;

export type JobRuleReason = "invalid_argument" | "timeout_too_long" | typeof PAYLOAD_TOO_LARGE | "bundle_not_found";

export interface JobRuleViolation {
  reason: JobRuleReason;
  message: string;
}

export interface CheckedJobFields {
  dagName: string;
  name: string;
  runtime: Runtime;
  bundleSha256: string;
  config: { [key: string]: JsonValue };
  /** Resolved values (defaults applied). */
  timeoutSeconds: number;
  leaseTtlSeconds: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  inputs: { datasetUuid: string }[];
}

/** The rules that need no database; null when the definition passes. */
export function checkJobFields(job: CheckedJobFields): JobRuleViolation | null {
  const invalid = (message: string): JobRuleViolation => ({ reason: "invalid_argument", message });
  if (!job.dagName || !job.name) return invalid("dag_name and name are required");
  if (job.runtime !== "lambda" && job.runtime !== "worker") return invalid("runtime must be lambda or worker");
  if (!/^[0-9a-f]{64}$/.test(job.bundleSha256)) return invalid("bundle_sha256 must be 64 lowercase hex");
  for (const input of job.inputs) if (!isUuid(input.datasetUuid)) return invalid("input dataset_uuid must be a UUID");
  if (job.timeoutSeconds > MAX_TIMEOUT_SECONDS)
    return {
      reason: "timeout_too_long",
      message: `timeout_seconds ${job.timeoutSeconds} exceeds ${MAX_TIMEOUT_SECONDS} (the 24 h capability token cap minus its ${TOKEN_TTL_GRACE_SECONDS} s grace)`,
    };
  if (job.leaseTtlSeconds > TOKEN_TTL_MAX_SECONDS) return invalid(`lease_ttl_seconds exceeds ${TOKEN_TTL_MAX_SECONDS}`);
  if (job.retryBaseSeconds > job.retryMaxSeconds) return invalid("retry_base_seconds exceeds retry_max_seconds");
  const configBytes = jsonBytes(job.config);
  if (configBytes > MAX_TASK_PAYLOAD_BYTES)
    return {
      reason: PAYLOAD_TOO_LARGE,
      message: `config is ${configBytes} bytes; no task could carry it (invocation payload limit ${MAX_TASK_PAYLOAD_BYTES} bytes)`,
    };
  return null;
}

const BUNDLE_REGISTERED = prepare<{ sha256: string }>(
  "bundle_registered",
  (p) => sql`SELECT 1 AS found FROM ${bundles} WHERE ${bundles.sha256} = ${p.sha256}`,
);

/** A job may only name a registered bundle; run inside the writing transaction. */
export async function checkBundleRegistered(q: Queryable, sha256: string): Promise<JobRuleViolation | null> {
  const [row] = await BUNDLE_REGISTERED.run(q, { sha256 });
  return row ? null : { reason: "bundle_not_found", message: `bundle ${sha256} is not registered (push it first: trace-dispatcher bundles push)` };
}
