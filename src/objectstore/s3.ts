// S3 access for bundles: the client, content-addressed upload, and the presigned GET URL a runner
// receives. The URL is for exactly one object and expires no later than the lease.
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createS3GetPresigner, type S3GetPresigner } from "./presign.js";

export interface S3Config {
  region: string;
  /** Endpoint override: the embedded store, or any S3-compatible server. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style addressing, needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
}

export interface S3Location {
  bucket: string;
  key: string;
}

/** Presigned URLs are limited to 7 days by SigV4; below a second they are useless. */
const MIN_PRESIGN_SECONDS = 1;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    // Checksums only where S3 requires them: S3-compatible servers differ in trailer support.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an s3://bucket/key URI: ${uri}`);
  return { bucket: match[1] ?? "", key: match[2] ?? "" };
}

/** The content-addressed key of a bundle: the same bytes always land on the same object. */
export function bundleKey(prefix: string, sha256: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, "");
  return `${clean ? `${clean}/` : ""}${sha256}.zip`;
}

export async function putObject(client: S3Client, location: S3Location, body: Uint8Array, contentType = "application/zip"): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: location.bucket, Key: location.key, Body: body, ContentType: contentType }));
}

/**
 * The object's size, or null when it does not exist (404). Any other failure (network, access
 * denied) throws: "cannot tell" is not "missing".
 */
export async function headObject(client: S3Client, location: S3Location): Promise<{ sizeBytes: number } | null> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
    return { sizeBytes: Number(head.ContentLength ?? 0) };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error instanceof Error && (error.name === "NotFound" || error.name === "NoSuchKey"))) return null;
    throw error;
  }
}

/** One direct presigner per client: it caches the client's credentials, endpoints and signing keys. */
const presigners = new WeakMap<S3Client, S3GetPresigner>();

/**
 * A GET URL for one object that stops working at `notAfter` (the lease expiry). Signed directly
 * (src/objectstore/presign.ts, the same URL as the SDK's getSignedUrl at a fraction of the CPU);
 * the SDK signs only buckets whose endpoint needs another auth scheme (S3 Express, SigV4a).
 */
export function presignGet(client: S3Client, location: S3Location, now: Date, notAfter: Date): string | Promise<string> {
  const seconds = Math.floor((notAfter.getTime() - now.getTime()) / 1000);
  const expiresIn = Math.min(MAX_PRESIGN_SECONDS, Math.max(MIN_PRESIGN_SECONDS, seconds));
  let presigner = presigners.get(client);
  if (!presigner) {
    presigner = createS3GetPresigner(client);
    presigners.set(client, presigner);
  }
  const direct = presigner.presignGet({ bucket: location.bucket, key: location.key, signingDate: now, expiresIn });
  // A warm presigner answers in place: the invoker's hot path waits on no promise for its URL.
  if (typeof direct === "string") return direct;
  return Promise.resolve(direct).then(
    (url) => url ?? getSignedUrl(client, new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), { expiresIn, signingDate: now }),
  );
}

/** Removes the query string (the signature) so a presigned URL can be logged. */
export function redactPresignedUrl(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : `${url.slice(0, q)}?<redacted>`;
}
