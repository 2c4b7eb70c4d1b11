// Verifies AWS Signature Version 4 on S3 requests, both header-signed (Authorization) and
// presigned (X-Amz-* query parameters). Used by the embedded S3-compatible store so that a
// presigned bundle URL works for exactly one object until it expires, as on real S3.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** Raw path as sent (already URI-encoded), e.g. "/bucket/bundles/ab12.zip". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export type SigV4Result = { ok: true } | { ok: false; reason: "missing" | "malformed" | "unknown_key" | "expired" | "bad_signature" };

const ALGORITHM = "AWS4-HMAC-SHA256";

export function verifySigV4(req: SignedRequest, credentials: SigV4Credentials, now: Date): SigV4Result {
  const parsed = req.query.has("X-Amz-Signature") ? parsePresigned(req) : parseHeader(req);
  if (!parsed.ok) return parsed;
  const { credential, amzDate, signedHeaders, signature, payloadHash, expiresSeconds } = parsed.value;
  const [accessKeyId, date, region, service, terminator] = credential.split("/");
  if (!accessKeyId || !date || !region || !service || terminator !== "aws4_request") return { ok: false, reason: "malformed" };
  if (accessKeyId !== credentials.accessKeyId) return { ok: false, reason: "unknown_key" };
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt || !amzDate.startsWith(date)) return { ok: false, reason: "malformed" };
  if (expiresSeconds !== undefined && now.getTime() > signedAt.getTime() + expiresSeconds * 1000) {
    return { ok: false, reason: "expired" };
  }
  const canonicalQuery = [...req.query.entries()]
    .filter(([key]) => key !== "X-Amz-Signature")
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const headerNames = signedHeaders.split(";");
  const canonicalHeaders = headerNames.map((name) => `${name}:${headerValue(req.headers[name])}\n`).join("");
  const canonicalRequest = [req.method, req.path, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  return { ok: true };
}

interface SignatureParts {
  credential: string;
  amzDate: string;
  signedHeaders: string;
  signature: string;
  payloadHash: string;
  expiresSeconds?: number;
}

type Parsed = { ok: true; value: SignatureParts } | { ok: false; reason: "missing" | "malformed" };

function parsePresigned(req: SignedRequest): Parsed {
  const q = req.query;
  const expires = Number(q.get("X-Amz-Expires"));
  if (q.get("X-Amz-Algorithm") !== ALGORITHM || !Number.isInteger(expires) || expires <= 0) return { ok: false, reason: "malformed" };
  const credential = q.get("X-Amz-Credential");
  const amzDate = q.get("X-Amz-Date");
  const signedHeaders = q.get("X-Amz-SignedHeaders");
  const signature = q.get("X-Amz-Signature");
  if (!credential || !amzDate || !signedHeaders || !signature) return { ok: false, reason: "malformed" };
  return { ok: true, value: { credential, amzDate, signedHeaders, signature, payloadHash: "UNSIGNED-PAYLOAD", expiresSeconds: expires } };
}

function parseHeader(req: SignedRequest): Parsed {
  const auth = headerValue(req.headers.authorization);
  if (!auth) return { ok: false, reason: "missing" };
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/.exec(auth);
  const amzDate = headerValue(req.headers["x-amz-date"]);
  const payloadHash = headerValue(req.headers["x-amz-content-sha256"]);
  if (!match || !amzDate || !payloadHash) return { ok: false, reason: "malformed" };
  return { ok: true, value: { credential: match[1] ?? "", signedHeaders: match[2] ?? "", signature: match[3] ?? "", amzDate, payloadHash } };
}

function headerValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.trim().replace(/\s+/g, " ");
}

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
