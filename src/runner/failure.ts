// The safe failure categories a runner reports. The wire carries "<category>: <detail>" where the
// detail is written by the runner (exit code, limit, manifest rule), never the entrypoint's
// stderr unless an operator opts in with a bounded, redacted tail (see RunnerOptions).

import { toStorableText } from "../contract/storable-text.js";

export type FailureCategory =
  /** The bundle could not be downloaded (network, HTTP status, expired URL): retryable. */
  | "bundle_download_failed"
  /** The downloaded bytes do not hash to bundle_sha256. */
  | "bundle_hash_mismatch"
  /** The bundle breaks a rule (manifest, zip structure, undeclared/unsafe entry, size, hash). */
  | "bundle_rejected"
  /** The interpreter or executable could not be started. */
  | "runtime_unavailable"
  /** The entrypoint exited non-zero or was killed by a signal. */
  | "entrypoint_crashed"
  /** stdout was not exactly one valid result object, or was too large. */
  | "invalid_output"
  /** The wall-clock limit was reached; the process group was killed. */
  | "timed_out"
  /** A bug or an unexpected local error in the runner itself. */
  | "runner_error";

/** Whether the Dispatcher may retry an attempt that failed this way. */
export const RETRYABLE: Readonly<Record<FailureCategory, boolean>> = {
  bundle_download_failed: true,
  bundle_hash_mismatch: false,
  bundle_rejected: false,
  runtime_unavailable: true,
  entrypoint_crashed: true,
  invalid_output: false,
  timed_out: true,
  runner_error: true,
};

export const MAX_ERROR_MESSAGE_CHARS = 1024;

export class RunnerFailure extends Error {
  constructor(
    readonly category: FailureCategory,
    readonly detail: string,
  ) {
    super(`${category}: ${detail}`);
    this.name = "RunnerFailure";
  }
}

/** The error_message sent with TASK_STATUS_FAILED: category first, bounded. */
export function failureMessage(category: FailureCategory, detail: string): string {
  const message = detail ? `${category}: ${detail}` : category;
  const bounded = message.length > MAX_ERROR_MESSAGE_CHARS ? `${message.slice(0, MAX_ERROR_MESSAGE_CHARS - 1)}…` : message;
  // The Dispatcher refuses a NUL or a lone surrogate (a cut pair) in error_message: replace them
  // so a failure report quoting an entrypoint's output is always deliverable.
  return toStorableText(bounded);
}
