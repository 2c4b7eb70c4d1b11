// Best-effort scrubbing of an entrypoint's stderr before the runner logs it (or, when an operator
// opts in, sends a short tail on the wire): known secret values first, then shapes that look
// like credentials. It narrows leaks; it is not a guarantee, which is why the wire default is 0.

const SECRET_SHAPES: readonly RegExp[] = [
  /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, // JWTs (capability tokens)
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, // AWS access key ids
  /([?&](?:X-Amz-[A-Za-z-]+|Signature|token|key|sig)=)[^&\s"']*/gi, // signed URL parameters
  /(\b(?:secret|password|passwd|token|session|authorization|api[_-]?key)\b["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
];

export function redactSecrets(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  }
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, (match: string, prefix?: string) => (typeof prefix === "string" && prefix !== match ? `${prefix}[redacted]` : "[redacted]"));
  }
  return out;
}
