// A direct SigV4 query presigner for S3 GET of one object. The AWS SDK's getSignedUrl builds and
// runs a whole middleware stack per call (~1 ms of CPU); the invoker presigns once per task, so
// that cost capped throughput. This signer produces the very same URL (same addressing, same
// query, same signature; proven against getSignedUrl in test/objectstore/presign.test.ts) from:
//   - the endpoint the SDK itself would resolve for the bucket (resolved once per bucket through
//     the client's own endpoint ruleset, so forcePathStyle, endpoint overrides, regions, FIPS and
//     dual-stack address exactly as the S3Client would),
//   - the client's configured credential provider, cached until shortly before expiration,
//   - a signing key derived once per (secret, date, region, service).
// Buckets whose endpoint needs another auth scheme (S3 Express sessions, SigV4a multi-region
// access points) are reported as unsupported so the caller can fall back to the SDK.
import { createHash, createHmac } from "node:crypto";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getEndpointFromInstructions } from "@smithy/core/endpoints";

const ALGORITHM = "AWS4-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
/** Credentials are refreshed this long before they expire, so a URL is never signed with a key about to die. */
const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** Bounds the per-client caches; a dispatcher uses one bundle bucket and one or two signing dates. */
const MAX_CACHED_ENDPOINTS = 64;
const MAX_CACHED_SIGNING_KEYS = 8;
/**
 * Presigned URLs kept by everything that determines them. A URL is a pure function of (bucket,
 * key, X-Amz-Date to the second, X-Amz-Expires, credentials), and the invoker signs a whole batch
 * of tasks of one bundle within the same second with the same expiry (their leases end together):
 * all but the first get the very same URL without signing again.
 */
const MAX_CACHED_URLS = 256;

export interface PresignGetRequest {
  bucket: string;
  key: string;
  /** The X-Amz-Date of the signature: the URL is valid from then for `expiresIn` seconds. */
  signingDate: Date;
  expiresIn: number;
}

export interface S3GetPresigner {
  /**
   * The presigned URL, or null when the bucket's endpoint needs an auth scheme other than SigV4.
   * Answered in place once the bucket's endpoint and fresh credentials are known (every call but
   * the first few); a promise only while one of them is being fetched.
   */
  presignGet(request: PresignGetRequest): string | null | Promise<string | null>;
}

interface ResolvedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Wall-clock time after which the provider must be asked again. */
  refreshAt: number;
}

/** Where and how requests for one bucket are signed, as the SDK's endpoint ruleset decided. */
interface BucketEndpoint {
  /** scheme://host[:port] */
  origin: string;
  /** The signed host header: hostname[:port]. */
  host: string;
  /** Path prefix before the key: "" (virtual-hosted), "/bucket" (path-style), or an endpoint's base path. */
  basePath: string;
  signingRegion: string;
  signingName: string;
}

export function createS3GetPresigner(client: S3Client): S3GetPresigner {
  const endpoints = new Map<string, Promise<BucketEndpoint | null>>();
  /** The endpoints whose resolution has settled, for signing without waiting. */
  const resolvedEndpoints = new Map<string, BucketEndpoint | null>();
  const signingKeys = new Map<string, Buffer>();
  const urls = new Map<string, string>();
  let urlsSignedWith: ResolvedCredentials | undefined;
  let credentials: ResolvedCredentials | undefined;
  let refreshing: Promise<ResolvedCredentials> | undefined;

  function freshCredentials(): ResolvedCredentials | undefined {
    return credentials && Date.now() < credentials.refreshAt ? credentials : undefined;
  }

  async function currentCredentials(): Promise<ResolvedCredentials> {
    const fresh = freshCredentials();
    if (fresh) return fresh;
    refreshing ??= client.config
      .credentials()
      .then((identity) => {
        const expires = identity.expiration?.getTime();
        credentials = {
          accessKeyId: identity.accessKeyId,
          secretAccessKey: identity.secretAccessKey,
          ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
          refreshAt: expires === undefined ? Number.POSITIVE_INFINITY : expires - CREDENTIAL_REFRESH_MARGIN_MS,
        };
        return credentials;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  function bucketEndpoint(bucket: string): Promise<BucketEndpoint | null> {
    let endpoint = endpoints.get(bucket);
    if (!endpoint) {
      if (endpoints.size >= MAX_CACHED_ENDPOINTS) {
        endpoints.clear();
        resolvedEndpoints.clear();
      }
      // The SDK's own endpoint cache keys on the bucket and client settings, never the object key:
      // one resolution per bucket gives the endpoint of every object in it. Key is passed only
      // because the command's parameter instructions name it.
      endpoint = resolveBucketEndpoint(client, bucket).then(
        (resolved) => {
          if (endpoints.get(bucket) === endpoint) resolvedEndpoints.set(bucket, resolved);
          return resolved;
        },
        (error: unknown) => {
          endpoints.delete(bucket);
          throw error;
        },
      );
      endpoints.set(bucket, endpoint);
    }
    return endpoint;
  }

  function signingKey(secret: string, date: string, region: string, service: string): Buffer {
    const cacheKey = `${date}/${region}/${service}/${secret}`;
    let key = signingKeys.get(cacheKey);
    if (!key) {
      key = hmac(`AWS4${secret}`, date);
      for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
      if (signingKeys.size >= MAX_CACHED_SIGNING_KEYS) signingKeys.clear();
      signingKeys.set(cacheKey, key);
    }
    return key;
  }

  function sign(endpoint: BucketEndpoint | null, creds: ResolvedCredentials, { bucket, key, signingDate, expiresIn }: PresignGetRequest): string | null {
    if (!endpoint) return null;
    const amzDate = toAmzDate(signingDate);
    // New credentials sign differently: the URLs signed with the old ones are not reused.
    if (urlsSignedWith !== creds || urls.size >= MAX_CACHED_URLS) {
      urls.clear();
      urlsSignedWith = creds;
    }
    const urlKey = `${bucket}\n${key}\n${amzDate}\n${expiresIn}`;
    const signed = urls.get(urlKey);
    if (signed !== undefined) return signed;
    const date = amzDate.slice(0, 8);
    const scope = `${date}/${endpoint.signingRegion}/${endpoint.signingName}/aws4_request`;
    const path = `${endpoint.basePath}/${encodeKey(key)}`;
    // Sorted by parameter name (code-point order, as SigV4 requires); the URL carries them in
    // the same order, with X-Amz-Signature in its sorted place, exactly as the SDK formats it.
    const before: [string, string][] = [
      ["X-Amz-Algorithm", ALGORITHM],
      ["X-Amz-Content-Sha256", UNSIGNED_PAYLOAD],
      ["X-Amz-Credential", `${creds.accessKeyId}/${scope}`],
      ["X-Amz-Date", amzDate],
      ["X-Amz-Expires", String(expiresIn)],
    ];
    if (creds.sessionToken !== undefined) before.push(["X-Amz-Security-Token", creds.sessionToken]);
    const after: [string, string][] = [
      ["X-Amz-SignedHeaders", "host"],
      // The SDK's GetObject serializer adds the operation name; it is signed like any parameter.
      ["x-id", "GetObject"],
    ];
    const canonicalQuery = [...before, ...after].map(([name, value]) => `${name}=${uriEncode(value)}`).join("&");
    const canonicalRequest = `GET\n${path}\n${canonicalQuery}\nhost:${endpoint.host}\n\nhost\n${UNSIGNED_PAYLOAD}`;
    const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const signature = createHmac("sha256", signingKey(creds.secretAccessKey, date, endpoint.signingRegion, endpoint.signingName))
      .update(stringToSign, "utf8")
      .digest("hex");
    const query = [...before, ["X-Amz-Signature", signature] as [string, string], ...after]
      .map(([name, value]) => `${name}=${uriEncode(value)}`)
      .join("&");
    const url = `${endpoint.origin}${path}?${query}`;
    urls.set(urlKey, url);
    return url;
  }

  return {
    presignGet(request) {
      if (request.key === "") return Promise.reject(new Error("presignGet: the object key is empty"));
      const endpoint = resolvedEndpoints.get(request.bucket);
      const creds = freshCredentials();
      if (endpoint !== undefined && creds !== undefined) return sign(endpoint, creds, request);
      return Promise.all([bucketEndpoint(request.bucket), currentCredentials()]).then(([e, c]) => sign(e, c, request));
    },
  };
}

async function resolveBucketEndpoint(client: S3Client, bucket: string): Promise<BucketEndpoint | null> {
  const resolved = await getEndpointFromInstructions({ Bucket: bucket, Key: "k" }, GetObjectCommand, client.config);
  const authScheme = resolved.properties?.authSchemes?.[0] as { name?: string; signingName?: string; signingRegion?: string } | undefined;
  if (authScheme !== undefined && authScheme.name !== "sigv4") return null;
  const url = resolved.url;
  const signingRegion = authScheme?.signingRegion ?? (await client.config.region());
  return {
    origin: `${url.protocol}//${url.host}`,
    // URL.host omits a scheme's default port, as the SDK's host header does.
    host: url.host,
    basePath: url.pathname.replace(/\/+$/, ""),
    signingRegion,
    signingName: authScheme?.signingName ?? "s3",
  };
}

/** "20261127T160000Z" */
function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** An object key as an S3 path: each segment RFC 3986-encoded, slashes kept (the SDK's greedy label). */
function encodeKey(key: string): string {
  return key.split("/").map(uriEncode).join("/");
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (UTF-8). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
