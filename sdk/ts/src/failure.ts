// What an operator's error becomes on the wire (issue 11 §1): its type as the category (data,
// never parsed from text), its message bounded and scrubbed of anything secret-shaped, and
// whether a retry may help, decided by the error's type. The runner scrubs again with the
// attempt's known secrets; scrubbing here keeps the SDK safe on its own (Lambda handler mode).

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
const REDACTED = "[redacted]";
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:secret|passw(?:or)?d|pwd|token|session|credential|api[-_]?key|access[-_]?key|private[-_]?key|signature)[A-Za-z0-9_.-]*`;
const SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/(https?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*(?:X-Amz-|Signature=|sig=)[^\s"'<>]*/gi, `$1?${REDACTED}`],
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g, REDACTED],
  [new RegExp(String.raw`(${SECRET_NAME}["']?\s*[:=]\s*["']?)[^\s"',;&}]+`, "gi"), `$1${REDACTED}`],
];

/** `text` without known secret values and secret shapes. */
export function scrub(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out;
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
