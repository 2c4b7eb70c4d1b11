// The `invoke` outbox handler: turns an invoke row ({task_id, attempt}) into one runner
// invocation. A lease that is no longer live makes the row moot; a definitive error fails the
// attempt; a throttle or transient error leaves the row for the outbox to retry (attempt not spent).
import type { OutboxHandler } from "../dispatcher/handlers.js";
import { failInvoke, type LifecycleContext } from "../lifecycle/index.js";
import type { Logger } from "../log/logger.js";
import { isThrottle, type DispatcherMetrics } from "../metrics/dispatcher-metrics.js";
import { batchedInvocationLoader } from "./invocation-loader.js";
import type { Invoker } from "./outcome.js";
import { buildInvocation, InvocationBuildError, type InvocationBuilder } from "./payload.js";

export interface InvokeHandlerDeps {
  ctx: LifecycleContext;
  invoker: Invoker;
  builder: InvocationBuilder;
  logger: Logger;
  /** Invoke results and latency, and attempts failed by the invoke (absent: not recorded). */
  metrics?: DispatcherMetrics;
}

export function invokeOutboxHandler(deps: InvokeHandlerDeps): OutboxHandler {
  const { ctx, invoker, builder, logger, metrics } = deps;
  const loadInvocation = batchedInvocationLoader(ctx);
  return async (row) => {
    const taskId = row.taskId;
    const attempt = row.attempt;
    if (!taskId || !attempt) return { fail: "invoke row without task_id/attempt" };
    const invocation = await loadInvocation({ taskId, attempt });
    // Completed, reaped, canceled or superseded since the row was written: nothing to invoke.
    if (!invocation) return "done";
    let json: string;
    try {
      json = (await buildInvocation(builder, ctx, invocation)).json;
    } catch (err) {
      if (!(err instanceof InvocationBuildError)) throw err;
      await failInvoke(ctx, { taskId, attempt, error: err.message });
      metrics?.attemptFinished("invoke_failed", undefined, ctx.clock.now());
      logger.warn("invoke refused before sending", { task_id: taskId, attempt, error: err.message });
      return "done";
    }
    const started = performance.now();
    const outcome = await invoker.invoke(json);
    const seconds = (performance.now() - started) / 1000;
    if (outcome.kind === "sent") {
      metrics?.invoke("sent", seconds);
      return "done";
    }
    if (outcome.kind === "retry") {
      metrics?.invoke(isThrottle(outcome.error) ? "throttled" : "retry", seconds);
      return { retry: outcome.error };
    }
    metrics?.invoke("failed", seconds);
    await failInvoke(ctx, { taskId, attempt, error: outcome.error });
    metrics?.attemptFinished("invoke_failed", undefined, ctx.clock.now());
    logger.warn("invoke failed definitively", { task_id: taskId, attempt, error: outcome.error });
    return "done";
  };
}
