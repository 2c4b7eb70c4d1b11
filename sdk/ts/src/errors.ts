// Typed errors for the refusals a runner can act on. The Dispatcher attaches a machine-readable
// reason (trace.dispatcher.v1.ErrorDetail) to every refusal; these classes are keyed on it.
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorDetailSchema } from "@trace/dispatcher-proto/v1/errors_pb.js";

export class TaskError extends Error {
  constructor(
    message: string,
    readonly code: Code,
    readonly reason: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** A newer attempt of this task exists; this attempt must stop without committing anything. */
export class StaleAttemptError extends TaskError {}
/** The lease token does not match the task's current lease. */
export class LeaseMismatchError extends TaskError {}
/** The task was canceled by an operator. */
export class TaskCanceledError extends TaskError {}
/** The task already finished. */
export class TaskFinishedError extends TaskError {}
/** Another delivery of this attempt's event is acting for it (CONTRACT §3): stop without running or reporting. */
export class DuplicateDeliveryError extends TaskError {}
/** The capability token is missing, invalid or expired, or does not match the fence. */
export class UnauthenticatedError extends TaskError {}

/** Turns a Connect error from the Dispatcher into the matching typed error. */
export function toTaskError(err: unknown): Error {
  if (!(err instanceof ConnectError)) return err instanceof Error ? err : new Error(String(err));
  const reason = err.findDetails(ErrorDetailSchema)[0]?.reason ?? "";
  const args = [err.rawMessage, err.code, reason] as const;
  switch (reason) {
    case "stale_attempt":
      return new StaleAttemptError(...args);
    case "lease_mismatch":
      return new LeaseMismatchError(...args);
    case "canceled":
      return new TaskCanceledError(...args);
    case "task_finished":
      return new TaskFinishedError(...args);
    case "duplicate_delivery":
      return new DuplicateDeliveryError(...args);
  }
  if (err.code === Code.Unauthenticated || err.code === Code.PermissionDenied) return new UnauthenticatedError(...args);
  return new TaskError(...args);
}

/** True for refusals after which the attempt can never succeed: stop quietly. */
export function isTerminalRefusal(err: unknown): boolean {
  return (
    err instanceof StaleAttemptError ||
    err instanceof LeaseMismatchError ||
    err instanceof TaskCanceledError ||
    err instanceof TaskFinishedError ||
    err instanceof DuplicateDeliveryError ||
    err instanceof UnauthenticatedError
  );
}
