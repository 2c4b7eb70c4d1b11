// What an ended attempt records about its failure (task_attempts.error_category / retryable):
// data reported by the runner or SDK, or written by the Dispatcher for the failures it decides
// itself. Never parsed out of the error text, which stays a human-readable message.

/** Categories the Dispatcher writes itself, beside the runner's and SDKs' own. */
export const DISPATCHER_CATEGORIES = {
  /** The reaper ended an attempt whose lease expired without a completion. */
  timedOut: "timed_out",
  /** A definitive invoke error: the attempt never started. */
  invokeFailed: "invoke_failed",
  /** The attempt completed CANCELED (an operator's cancel, seen by the runner). */
  canceled: "canceled",
  /** A FAILED completion that named no category (a hand-written or older runner). */
  unspecified: "unspecified",
} as const;

/** Runner categories are snake_case words; SDKs send exception type names (`ValueError`, `io::Error`). */
const CATEGORY_SHAPE = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Why `category` cannot be stored, or null. Empty means "not reported". */
export function categoryProblem(category: string | undefined): string | null {
  if (category === undefined || category === "") return null;
  return CATEGORY_SHAPE.test(category) ? null : "error_category must be 1-128 characters of [A-Za-z0-9_.:-]";
}

export interface AttemptErrorColumns {
  error_category: string | null;
  retryable: boolean | null;
}

/** The columns a runner's completion writes: nothing for COMPLETED, the reported failure otherwise. */
export function completionErrorColumns(input: {
  status: "COMPLETED" | "FAILED" | "CANCELED";
  errorCategory?: string;
  retryable?: boolean;
}): AttemptErrorColumns {
  switch (input.status) {
    case "COMPLETED":
      return { error_category: null, retryable: null };
    case "CANCELED":
      return { error_category: DISPATCHER_CATEGORIES.canceled, retryable: false };
    case "FAILED":
      return { error_category: input.errorCategory || DISPATCHER_CATEGORIES.unspecified, retryable: input.retryable ?? false };
  }
}
