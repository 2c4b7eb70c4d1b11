export { TaskContext, CAPABILITY_HEADER, type AwsCredentials, type CompletionInput, type TaskContextOptions } from "./context.js";
export { runTask, lambdaHandler, NonRetryableError, type Operator, type RunOutcome } from "./run.js";
export { runBundle, runBundleIfMain, resultObject } from "./bundle.js";
export { failureReport, scrub, type FailureReport } from "./failure.js";
export { configFrom, type ConfigObject, type ConfigValue } from "./config.js";
export {
  TaskError,
  StaleAttemptError,
  LeaseMismatchError,
  TaskCanceledError,
  TaskFinishedError,
  DuplicateDeliveryError,
  UnauthenticatedError,
  toTaskError,
  isTerminalRefusal,
} from "./errors.js";
export type { QueryOptions, QueryResult, QueryRow, QueryColumn, QueryValue } from "./query.js";
export { CONTRACT_VERSION } from "./version.js";
// The contract types an operator meets through TaskContext (ctx.invocation, ctx.inputs), so that
// it needs no direct dependency on @trace/dispatcher-proto to name them.
export type { DatasetEvent, TaskInvocation } from "@trace/dispatcher-proto/v1/payload_pb.js";
