// What an operator's error becomes on the wire (issue 11 §1): its type as the category (data,
// never parsed from text), its message bounded and scrubbed of anything secret-shaped, and
// whether a retry may help, decided by the error's type. The runner scrubs again with the
// attempt's known secrets; scrubbing here keeps the SDK safe on its own (Lambda handler mode).
import { scrubSecrets } from "../../../src/log/scrub.js";

/** An error an operator can throw to fail without a retry. */
export class NonRetryableError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Without this, stderr and the category read plain `Error`.
    this.name = new.target.name;
  }
}

export interface FailureReport {
  /** The error's type (`NonRetryableError`, `TypeError`): 1-128 chars of [A-Za-z0-9_.:-]. */
  category: string;
  message: string;
  retryable: boolean;
}

/** Bytes of the message kept; the wire's error_message is 1024 characters in all. */
export const MAX_FAILURE_MESSAGE_CHARS = 900;

const CATEGORY_SHAPE = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `text` without known secret values and secret shapes (the Dispatcher's own scrubber, bundled in). */
export function scrub(text: string, knownSecrets: readonly string[] = []): string {
  return scrubSecrets(text, knownSecrets);
}

export function failureReport(err: unknown, knownSecrets: readonly string[] = []): FailureReport {
  const name = err instanceof Error ? err.name : "Error";
  const raw = err instanceof Error ? err.message : String(err);
  const message = scrub(raw, knownSecrets);
  return {
    category: CATEGORY_SHAPE.test(name) ? name : "Error",
    message: message.length > MAX_FAILURE_MESSAGE_CHARS ? `${message.slice(0, MAX_FAILURE_MESSAGE_CHARS - 1)}…` : message,
    retryable: !(err instanceof NonRetryableError),
  };
}
