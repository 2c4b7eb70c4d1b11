export { TaskContext, CAPABILITY_HEADER, type AwsCredentials, type CompletionInput, type TaskContextOptions } from "./context.js";
export { runTask, lambdaHandler, NonRetryableError, type Operator, type RunOutcome } from "./run.js";
export { runBundle, resultObject } from "./bundle.js";
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
