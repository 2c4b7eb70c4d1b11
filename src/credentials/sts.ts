// Scoped S3 credentials for one task attempt (`POST /v1/task/credentials`, CONTRACT §4):
// `sts:AssumeRole` on a configured role with a session policy built only from the token's `s3`
// prefixes, so the effective permission is (role policy) ∩ (task prefixes).

import { AssumeRoleCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";

import type { TaskTokenClaims } from "../auth/claims.js";
import { buildSessionPolicy, type S3Grant, type SessionPolicyOptions } from "./session-policy.js";

/** STS accepts 900 s .. 43200 s; the role's MaxSessionDuration may lower the upper end. */
export const STS_MIN_DURATION_SECONDS = 900;
export const STS_MAX_DURATION_SECONDS = 43_200;

export interface StsCredentialsConfig {
  /** The role whose policy is the ceiling for every task (e.g. arn:aws:iam::123456789012:role/trace-task). */
  readonly roleArn: string;
  readonly region: string;
  /** Endpoint override (tests, VPC endpoints). */
  readonly endpoint?: string;
  /** Static caller credentials; when absent the SDK's default provider chain is used. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Lifetime asked for when the request names none. Default 3600, clamped to the bounds. */
  readonly defaultDurationSeconds?: number;
  /** Upper bound for any request (must not exceed the role's MaxSessionDuration). Default 3600. */
  readonly maxDurationSeconds?: number;
  /** Passed as ExternalId when the role's trust policy requires one. */
  readonly externalId?: string;
  /** ARN partition for the session policy; default "aws". */
  readonly partition?: SessionPolicyOptions["partition"];
  /** SDK retry attempts (default: the SDK's own, 3). */
  readonly maxAttempts?: number;
  /** Injectable clock, used to bound the lifetime by `notAfter`. */
  readonly now?: () => Date;
}

export interface TaskCredentialsRequest {
  /** From the verified capability token. */
  readonly taskId: string;
  readonly attempt: number;
  /** The token's `s3` claim (read_prefixes / write_prefixes). */
  readonly s3: S3Grant;
  /** Requested lifetime; clamped to [900, maxDurationSeconds]. */
  readonly durationSeconds?: number;
  /** Usually the token's `exp`: credentials are not asked to outlive it (beyond STS's 900 s floor). */
  readonly notAfter?: Date;
}

/** The request for a verified token: its task, attempt and prefixes, bounded by its expiry. */
export function credentialsRequestFromClaims(
  claims: Pick<TaskTokenClaims, "task_id" | "attempt" | "s3" | "exp">,
): TaskCredentialsRequest {
  return {
    taskId: claims.task_id,
    attempt: claims.attempt,
    s3: { readPrefixes: claims.s3.read_prefixes, writePrefixes: claims.s3.write_prefixes },
    notAfter: new Date(claims.exp * 1000),
  };
}

export interface TaskCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** The RoleSessionName used; shows up in CloudTrail for attribution. */
  readonly sessionName: string;
  readonly durationSeconds: number;
}

export type CredentialsErrorReason =
  | "no_prefixes"
  | "prefix_refused"
  | "policy_too_large"
  | "packed_policy_too_large"
  | "sts_unavailable"
  | "sts_refused"
  | "sts_response_incomplete";

/** How each reason should cross the wire (Connect code names); the API layer applies it. */
export const CREDENTIALS_ERROR_CODES: Readonly<
  Record<CredentialsErrorReason, "permission_denied" | "failed_precondition" | "unavailable" | "internal">
> = {
  no_prefixes: "permission_denied",
  prefix_refused: "permission_denied",
  policy_too_large: "failed_precondition",
  packed_policy_too_large: "failed_precondition",
  sts_unavailable: "unavailable",
  // AccessDenied/MalformedPolicy from STS is a deployment problem, not the caller's fault.
  sts_refused: "internal",
  sts_response_incomplete: "internal",
};

export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
  constructor(
    readonly reason: CredentialsErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface TaskCredentialsIssuer {
  issueTaskCredentials(request: TaskCredentialsRequest): Promise<TaskCredentials>;
  /** Releases the SDK client's sockets. */
  close(): void;
}

const SESSION_NAME_MAX = 64;

/** `trace-task-{task_id}-{attempt}`, restricted to STS's RoleSessionName alphabet and 64 chars. */
export function taskSessionName(taskId: string, attempt: number): string {
  const name = `trace-task-${taskId}-${attempt}`.replace(/[^\w+=,.@-]/g, "-");
  return name.length <= SESSION_NAME_MAX ? name : name.slice(0, SESSION_NAME_MAX);
}

/** The DurationSeconds to send: requested (or default), within STS bounds, not beyond `notAfter`. */
export function boundedDurationSeconds(
  config: Pick<StsCredentialsConfig, "defaultDurationSeconds" | "maxDurationSeconds">,
  request: Pick<TaskCredentialsRequest, "durationSeconds" | "notAfter">,
  now: Date,
): number {
  const max = clamp(config.maxDurationSeconds ?? 3600, STS_MIN_DURATION_SECONDS, STS_MAX_DURATION_SECONDS);
  let duration = clamp(Math.floor(request.durationSeconds ?? config.defaultDurationSeconds ?? 3600), STS_MIN_DURATION_SECONDS, max);
  if (request.notAfter) {
    const remaining = Math.floor((request.notAfter.getTime() - now.getTime()) / 1000);
    duration = clamp(Math.min(duration, remaining), STS_MIN_DURATION_SECONDS, max);
  }
  return duration;
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return low;
  return Math.min(high, Math.max(low, value));
}

export function createStsCredentialsIssuer(config: StsCredentialsConfig): TaskCredentialsIssuer {
  const clientConfig: STSClientConfig = { region: config.region };
  if (config.endpoint !== undefined) clientConfig.endpoint = config.endpoint;
  if (config.credentials !== undefined) clientConfig.credentials = { ...config.credentials };
  if (config.maxAttempts !== undefined) clientConfig.maxAttempts = config.maxAttempts;
  const client = new STSClient(clientConfig);
  const now = config.now ?? (() => new Date());
  const policyOptions: SessionPolicyOptions = config.partition !== undefined ? { partition: config.partition } : {};

  return {
    async issueTaskCredentials(request) {
      const policy = buildSessionPolicy(request.s3, policyOptions);
      if (!policy.ok) {
        switch (policy.reason) {
          case "no_prefixes":
            throw new CredentialsError("no_prefixes", "the task's token grants no S3 prefixes");
          case "prefix_refused":
            throw new CredentialsError(
              "prefix_refused",
              `${policy.list}[${policy.index}] is not a canonical S3 prefix (${policy.prefixReason})`,
            );
          case "policy_too_large":
            throw new CredentialsError(
              "policy_too_large",
              `session policy is ${policy.length} characters, STS allows ${policy.limit}; grant fewer prefixes`,
            );
        }
      }
      const sessionName = taskSessionName(request.taskId, request.attempt);
      const durationSeconds = boundedDurationSeconds(config, request, now());
      let output;
      try {
        output = await client.send(
          new AssumeRoleCommand({
            RoleArn: config.roleArn,
            RoleSessionName: sessionName,
            DurationSeconds: durationSeconds,
            Policy: policy.json,
            ...(config.externalId !== undefined ? { ExternalId: config.externalId } : {}),
          }),
        );
      } catch (error) {
        throw classifyStsError(error);
      }
      const c = output.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
        throw new CredentialsError("sts_response_incomplete", "AssumeRole answered without complete credentials");
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
        sessionName,
        durationSeconds,
      };
    },
    close() {
      client.destroy();
    },
  };
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: unknown;
  $retryable?: unknown;
}

function classifyStsError(error: unknown): CredentialsError {
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof e.name === "string" ? e.name : "Error";
  const message = typeof e.message === "string" ? e.message : String(error);
  if (name === "PackedPolicyTooLargeException" || name === "PackedPolicyTooLarge") {
    return new CredentialsError("packed_policy_too_large", `STS: ${message}`, { cause: error });
  }
  // No HTTP status means no answer at all (connection refused, reset, DNS, timeout); that, 5xx,
  // 429 and throttling are transient. Everything else is STS refusing our request.
  const metadata = (typeof e.$metadata === "object" && e.$metadata !== null ? e.$metadata : {}) as { httpStatusCode?: unknown };
  const status = typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
  const transient =
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    e.$fault === "server" ||
    e.$retryable !== undefined ||
    name === "Throttling" ||
    name === "ThrottlingException";
  return new CredentialsError(transient ? "sts_unavailable" : "sts_refused", `STS AssumeRole failed: ${name}: ${message}`, {
    cause: error,
  });
}
