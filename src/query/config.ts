// The Query Service's configuration from the environment, validated at start-up. It needs no
// database and no signing key: only where the Dispatcher's public keys are, where datasets live,
// and its limits.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EngineLimits } from "./engine.js";
import { DEFAULT_CONCURRENCY, DEFAULT_ENGINE_LIMITS, type ConcurrencyLimits } from "./limits.js";

export type Env = Readonly<Record<string, string | undefined>>;

export interface QueryServiceConfig {
  host: string;
  port: number;
  /** The Dispatcher's GET /internal/jwks/task. */
  jwksUrl: string;
  tokenIssuer: string;
  /** JWKS cache: keys are refetched after this long, and at most once per cooldown on an unknown kid. */
  jwksCacheMaxAgeMs: number;
  jwksCooldownMs: number;
  jwksTimeoutMs: number;
  region: string;
  /** S3-compatible endpoint override (the embedded store, MinIO); unset = AWS S3. */
  s3Endpoint?: string;
  workDir: string;
  limits: EngineLimits;
  concurrency: ConcurrencyLimits;
  /** Bytes the local object cache may hold before least recently used objects are dropped. */
  maxCacheBytes: number;
  /** How long a dataset version's object listing is reused (versions are immutable). */
  listingTtlMs: number;
  /** Fresh DuckDB instances kept created ahead of need. */
  spareInstances: number;
  /** Idle hardened databases kept for reuse (one query at a time each); 0 = fresh per query. */
  maxIdleDatabases: number;
  maxBodyBytes: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

export class QueryConfigError extends Error {
  override readonly name = "QueryConfigError";
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new QueryConfigError(`${name} must be an integer in [${min}, ${max}]`);
  return value;
}

export function loadQueryConfig(env: Env = process.env): QueryServiceConfig {
  const dispatcher = env.TRACE_DISPATCHER_URL;
  const jwksUrl = env.TRACE_QUERY_JWKS_URL ?? (dispatcher ? new URL("/internal/jwks/task", dispatcher).toString() : undefined);
  if (!jwksUrl) throw new QueryConfigError("set TRACE_QUERY_JWKS_URL (or TRACE_DISPATCHER_URL) so tokens can be verified");
  let parsed: URL;
  try {
    parsed = new URL(jwksUrl);
  } catch {
    throw new QueryConfigError("TRACE_QUERY_JWKS_URL is not a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new QueryConfigError("TRACE_QUERY_JWKS_URL must be http(s)");
  const logLevel = env.LOG_LEVEL ?? "info";
  if (logLevel !== "debug" && logLevel !== "info" && logLevel !== "warn" && logLevel !== "error") {
    throw new QueryConfigError("LOG_LEVEL must be debug|info|warn|error");
  }
  return {
    host: env.TRACE_QUERY_HOST ?? "127.0.0.1",
    port: integer(env, "TRACE_QUERY_PORT", 8081, 0, 65535),
    jwksUrl,
    tokenIssuer: env.TRACE_TOKEN_ISSUER ?? "trace-dispatcher",
    jwksCacheMaxAgeMs: integer(env, "TRACE_QUERY_JWKS_MAX_AGE_MS", 300_000, 1_000, 86_400_000),
    jwksCooldownMs: integer(env, "TRACE_QUERY_JWKS_COOLDOWN_MS", 30_000, 0, 3_600_000),
    jwksTimeoutMs: integer(env, "TRACE_QUERY_JWKS_TIMEOUT_MS", 5_000, 100, 60_000),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(env.TRACE_QUERY_S3_ENDPOINT ? { s3Endpoint: env.TRACE_QUERY_S3_ENDPOINT } : {}),
    workDir: env.TRACE_QUERY_WORK_DIR ?? join(tmpdir(), `trace-query-${process.pid}`),
    limits: {
      memoryMiB: integer(env, "TRACE_QUERY_MEMORY_MIB", DEFAULT_ENGINE_LIMITS.memoryMiB, 16, 1 << 20),
      threads: integer(env, "TRACE_QUERY_THREADS", DEFAULT_ENGINE_LIMITS.threads, 1, 256),
      timeoutMs: integer(env, "TRACE_QUERY_TIMEOUT_MS", DEFAULT_ENGINE_LIMITS.timeoutMs, 100, 900_000),
      maxResponseBytes: integer(env, "TRACE_QUERY_MAX_RESPONSE_BYTES", DEFAULT_ENGINE_LIMITS.maxResponseBytes, 1_024, 64 * 1024 * 1024),
    },
    concurrency: {
      maxConcurrent: integer(env, "TRACE_QUERY_MAX_CONCURRENT", DEFAULT_CONCURRENCY.maxConcurrent, 1, 1_024),
      maxQueued: integer(env, "TRACE_QUERY_MAX_QUEUED", DEFAULT_CONCURRENCY.maxQueued, 0, 100_000),
    },
    maxCacheBytes: integer(env, "TRACE_QUERY_CACHE_MAX_BYTES", 16 * 1024 ** 3, 0, Number.MAX_SAFE_INTEGER),
    listingTtlMs: integer(env, "TRACE_QUERY_LISTING_TTL_MS", 60_000, 0, 86_400_000),
    spareInstances: integer(env, "TRACE_QUERY_SPARE_INSTANCES", 2, 0, 64),
    maxIdleDatabases: integer(env, "TRACE_QUERY_MAX_IDLE_DATABASES", 8, 0, 1_024),
    maxBodyBytes: integer(env, "TRACE_QUERY_MAX_BODY_BYTES", 256 * 1024, 1_024, 16 * 1024 * 1024),
    logLevel,
  };
}
