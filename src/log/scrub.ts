// Scrubbing secrets out of free text by what they look like, for text we did not write ourselves
// (an entrypoint's stderr, error messages quoting URLs or environment dumps). Structured fields
// are redacted by key in logger.ts; this is the shape-based net under both. Best effort: it
// narrows leaks, it does not prove their absence.

export const REDACTED = "[redacted]";

/** Parts of a key name that mark its value as secret (matched anywhere in the name). */
const SECRET_NAME = String.raw`(?:secret|passw(?:or)?d|pwd|token|session|credential|auth|api[-_]?key|access[-_]?key|private[-_]?key|signature|cookie)`;

interface Shape {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const whole = (): string => REDACTED;

const SHAPES: readonly Shape[] = [
  // PEM private-key blocks; a block cut by a tail (no END, or no BEGIN) is redacted to the cut.
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, replace: whole },
  { pattern: /^[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g, replace: whole },
  // Signed URLs: the whole query string goes when any parameter signs it (presigned S3 URLs).
  {
    pattern: /(https?:\/\/[^\s?#"'<>]+)\?([^\s"'<>]*)/gi,
    replace: (match, beforeQuery = "", query = "") => (/x-amz-|signature=|sig=|token=/i.test(query) ? `${beforeQuery}?${REDACTED}` : match),
  },
  // A signing parameter quoted without its URL.
  { pattern: /([?&](?:X-Amz-[A-Za-z-]+|Signature|token|sig)=)[^&\s"']*/gi, replace: (_m, prefix = "") => `${prefix}${REDACTED}` },
  // JWTs (capability tokens and any other): three base64url parts, the first a JSON header.
  { pattern: /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, replace: whole },
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other principal prefixes).
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g, replace: whole },
  // `Authorization: Bearer <x>` and friends.
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, replace: (_m, scheme = "") => `${scheme} ${REDACTED}` },
  // key=value / key: value / "key": "value" where the key's name says secret, however it is
  // decorated (aws_secret_access_key, AWS_SESSION_TOKEN, db_password, x-api-key).
  // An exception line (`AuthenticationError: bad password`) is a type name, not a key: kept.
  {
    pattern: new RegExp(String.raw`(([A-Za-z0-9_.-]*${SECRET_NAME}[A-Za-z0-9_.-]*)["']?\s*[:=]\s*["']?)[^\s"',;&}]+`, "gi"),
    replace: (match, prefix = "", name = "") => (/(?:Error|Exception|Warning)$/.test(name) ? match : `${prefix}${REDACTED}`),
  },
];

/** `text` with every secret-shaped substring replaced by [redacted]. */
export function scrubSecretShapes(text: string): string {
  let out = text;
  for (const shape of SHAPES) out = out.replace(shape.pattern, shape.replace as (match: string, ...rest: unknown[]) => string);
  return out;
}

/** Known secret values first (exact strings of 6+ characters), then shapes. */
export function scrubSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  return scrubSecretShapes(out);
}
