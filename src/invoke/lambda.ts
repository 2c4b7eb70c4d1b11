// Invokes the environment's runner Lambda asynchronously (InvocationType: Event). The
// Dispatcher owns retries, so the SDK's own retry loop is turned off (maxAttempts: 1): a
// throttle must reach the outbox, which retries with its backoff without spending the attempt.
import {
  GetFunctionEventInvokeConfigCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from "@aws-sdk/client-lambda";
import type { InvokeOutcome, Invoker } from "./outcome.js";

export interface LambdaTarget {
  /** Function name, ARN, or name:alias of the platform runner for this environment. */
  functionName: string;
  /** Optional alias or version, sent as Qualifier. */
  qualifier?: string;
  region: string;
  /** Endpoint override (tests, LocalStack-style fakes). */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

// Lambda errors that mean the event was never accepted but may be next time.
const RETRYABLE_ERRORS = new Set([
  "TooManyRequestsException",
  "ServiceException",
  "ResourceNotReadyException",
  "ResourceConflictException",
  "EC2ThrottledException",
  "ENILimitReachedException",
  "SubnetIPAddressLimitReachedException",
  "SnapStartNotReadyException",
  "SnapStartTimeoutException",
  "ThrottlingException",
]);

export function createLambdaClient(target: LambdaTarget): LambdaClient {
  return new LambdaClient({
    region: target.region,
    maxAttempts: 1,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(target.credentials ? { credentials: target.credentials } : {}),
  });
}

export function createLambdaInvoker(target: LambdaTarget, client = createLambdaClient(target)): Invoker {
  return {
    async invoke(payloadJson: string): Promise<InvokeOutcome> {
      try {
        const reply = await client.send(
          new InvokeCommand({
            FunctionName: target.functionName,
            Qualifier: target.qualifier,
            InvocationType: "Event",
            Payload: Buffer.from(payloadJson, "utf8"),
          }),
        );
        // Event invokes answer 202 when Lambda queued the event.
        if (reply.StatusCode === 202) return { kind: "sent" };
        return { kind: "retry", error: `unexpected invoke status ${String(reply.StatusCode)}` };
      } catch (err) {
        return classifyInvokeError(err);
      }
    },
    async close() {
      client.destroy();
    },
  };
}

export function classifyInvokeError(err: unknown): InvokeOutcome {
  const name = err instanceof Error ? err.name : "UnknownError";
  const status = httpStatusOf(err);
  const error = `${name}${status ? ` (HTTP ${status})` : ""}`;
  if (RETRYABLE_ERRORS.has(name) || status === 429 || (status !== undefined && status >= 500)) {
    return { kind: "retry", error };
  }
  // No HTTP status at all: the request never got an answer (connection refused, timeout).
  if (status === undefined) return { kind: "retry", error };
  return { kind: "fail", error };
}

function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null || !("$metadata" in err)) return undefined;
  const meta = (err as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return meta?.httpStatusCode;
}

export interface EventInvokePolicy {
  /** Lambda must never retry on its own: the Dispatcher owns retries. */
  maximumRetryAttempts: 0;
  /** How long Lambda may hold an event before dropping it; bounded by the lease in practice. */
  maximumEventAgeInSeconds: number;
}

/** Sets the runner function's event-invoke config and reads it back; throws if it did not stick. */
export async function configureEventInvoke(
  target: LambdaTarget,
  policy: EventInvokePolicy,
  client = createLambdaClient(target),
): Promise<void> {
  await client.send(
    new PutFunctionEventInvokeConfigCommand({
      FunctionName: target.functionName,
      Qualifier: target.qualifier,
      MaximumRetryAttempts: policy.maximumRetryAttempts,
      MaximumEventAgeInSeconds: policy.maximumEventAgeInSeconds,
    }),
  );
  await verifyEventInvoke(target, policy, client);
}

/** The start-up check: refuses to run against a function that Lambda would retry on its own. */
export async function verifyEventInvoke(
  target: LambdaTarget,
  policy: EventInvokePolicy,
  client = createLambdaClient(target),
): Promise<void> {
  const current = await client.send(
    new GetFunctionEventInvokeConfigCommand({ FunctionName: target.functionName, Qualifier: target.qualifier }),
  );
  if (current.MaximumRetryAttempts !== 0) {
    throw new Error(
      `runner ${target.functionName} has MaximumRetryAttempts=${String(current.MaximumRetryAttempts)}; run 'dispatcher lambda configure'`,
    );
  }
  const age = current.MaximumEventAgeInSeconds;
  if (age === undefined || age > policy.maximumEventAgeInSeconds) {
    throw new Error(
      `runner ${target.functionName} has MaximumEventAgeInSeconds=${String(age)}, above ${policy.maximumEventAgeInSeconds}; run 'dispatcher lambda configure'`,
    );
  }
}
