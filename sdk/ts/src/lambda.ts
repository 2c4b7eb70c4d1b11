// The entry point for an operator deployed as its own Lambda function
// (`@trace/dispatcher-sdk/lambda`): `export const handler = lambdaHandler(operator)`. The event is
// the TaskInvocation the Dispatcher sends; the SDK heartbeats, watches for cancellation and
// completes. The function's environment needs TRACE_DISPATCHER_URL.
export { lambdaHandler, NonRetryableError, type Operator, type RunOutcome } from "./run.js";
export { TaskContext, type CompletionInput, type TaskContextOptions } from "./context.js";
