// runTask: the whole attempt lifecycle around an operator function. Heartbeats run while the
// operator works; cancellation aborts ctx.signal and completes CANCELED; a thrown error fails
// the attempt (retryable unless the error says otherwise); a refusal that means the attempt is
// over (stale attempt, lease mismatch, duplicate delivery, canceled, finished, unauthenticated)
// ends quietly.
import type { JsonValue } from "@bufbuild/protobuf";
import { TaskContext, type CompletionInput, type TaskContextOptions } from "./context.js";
import { TaskCanceledError, isTerminalRefusal } from "./errors.js";

export type Operator = (ctx: TaskContext) => Promise<CompletionInput | void>;

/**
 * completed/failed/canceled: that outcome was recorded. abandoned: the Dispatcher refused the
 * attempt, nothing more was reported. report_failed: the outcome could not be delivered (the
 * reaper will time the attempt out).
 */
export type RunOutcome = "completed" | "failed" | "canceled" | "abandoned" | "report_failed";

/** An error an operator can throw to fail without a retry. */
export class NonRetryableError extends Error {}

export async function runTask(payload: JsonValue, operator: Operator, options: TaskContextOptions = {}): Promise<RunOutcome> {
  const ctx = new TaskContext(payload, options);
  // Bind the attempt to this delivery before the operator runs: a duplicate delivery (or a
  // finished or superseded attempt) stops here having done nothing. A transient error is not
  // fatal: the background heartbeats bind later, and completion is fenced anyway.
  try {
    if ((await ctx.heartbeat()).cancelRequested) return settle(ctx.completeCanceled(), "canceled");
  } catch (err) {
    if (isTerminalRefusal(err)) return "abandoned";
  }
  ctx.startHeartbeats();
  let result: CompletionInput | void;
  try {
    result = await raceAbort(operator(ctx), ctx.signal);
  } catch (err) {
    ctx.stopHeartbeats();
    const reason: unknown = ctx.signal.aborted ? ctx.signal.reason : err;
    if (reason instanceof TaskCanceledError && ctx.signal.aborted) return settle(ctx.completeCanceled(), "canceled");
    if (isTerminalRefusal(reason)) return "abandoned";
    const message = err instanceof Error ? err.message : String(err);
    return settle(ctx.fail(message, { retryable: !(err instanceof NonRetryableError) }), "failed");
  }
  ctx.stopHeartbeats();
  return settle(ctx.complete(result ?? {}), "completed");
}

/** An AWS Lambda handler running `operator` for each invocation event. */
export function lambdaHandler(operator: Operator, options: TaskContextOptions = {}): (event: JsonValue) => Promise<{ outcome: RunOutcome }> {
  return async (event) => ({ outcome: await runTask(event, operator, options) });
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function settle(report: Promise<unknown>, outcome: RunOutcome): Promise<RunOutcome> {
  try {
    await report;
    return outcome;
  } catch (err) {
    return isTerminalRefusal(err) ? "abandoned" : "report_failed";
  }
}
