// The platform runner's AWS Lambda handler. The event is the TaskInvocation (protobuf JSON, proto
// field names); the Dispatcher URL and limits come from the function's environment
// (TRACE_DISPATCHER_URL, TRACE_RUNNER_*), since the payload carries no endpoint.
// Returns instead of throwing: the Dispatcher, not Lambda, owns retries.

import { decodeInvocation, InvalidInvocationError } from "./invocation.js";
import { jsonLineLogger, runnerOptionsFromEnv } from "./options.js";
import { runInvocation, type RunOutcome } from "./run.js";

/** The part of the Lambda context the runner uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis?: () => number;
}

export type HandlerResult = RunOutcome | { kind: "invalid_invocation"; error: string } | { kind: "misconfigured"; error: string };

export async function handler(event: unknown, context?: LambdaContextLike): Promise<HandlerResult> {
  let options;
  try {
    options = runnerOptionsFromEnv(process.env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    jsonLineLogger({ level: "error", msg: "runner misconfigured", error: message });
    return { kind: "misconfigured", error: message };
  }
  const remaining = context?.getRemainingTimeInMillis;
  if (typeof remaining === "function") options.remainingTimeMs = () => remaining.call(context);
  let invocation;
  try {
    invocation = decodeInvocation(event);
  } catch (error) {
    // Without a valid fence nothing can be reported; the reaper will time the attempt out.
    const message = error instanceof InvalidInvocationError ? error.message : "invocation could not be decoded";
    options.log({ level: "error", msg: "invalid invocation", error: message });
    return { kind: "invalid_invocation", error: message };
  }
  return runInvocation(invocation, options);
}
