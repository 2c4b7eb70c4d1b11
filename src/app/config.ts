// The Dispatcher's configuration, read once from the environment and validated, so a bad value
// stops start-up with a clear message instead of failing on the first task.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { keyringConfigFromEnv, type KeyringConfig } from "../auth/index.js";
import { bundleUrlLifetime, BundleUrlLifetimeError, SIGV4_MAX_PRESIGN_SECONDS, type BundleUrlLifetime } from "../invoke/bundle-url.js";
import type { SecretSource } from "../security/secret-set.js";
import type { TlsIdentity } from "../server/one-port.js";
import { packageRoot } from "./package-root.js";

export type Env = Readonly<Record<string, string | undefined>>;

export interface InvokerConfig {
  kind: "local" | "lambda";
  /** lambda: the environment's platform runner (name, ARN or name:alias). */
  functionName?: string;
  qualifier?: string;
  /** lambda: endpoint override (tests, Lambda-compatible fakes). */
  endpoint?: string;
  /** lambda: MaximumEventAgeInSeconds required of the runner's event-invoke config. */
  maxEventAgeSeconds: number;
}

export interface DispatcherConfig {
  host: string;
  port: number;
  /** The base URL runners use to reach /v1/task/*; defaults to http://HOST:PORT. */
  publicUrl: string;
  /** postgres:// URL; unset = embedded PGlite in pgliteDir. */
  databaseUrl?: string;
  pgliteDir: string;
  region: string;
  keyring: KeyringConfig;
  tokenIssuer: string;
  /** Accepted admin bearer tokens; unset = the admin API refuses everyone. */
  adminTokens: SecretSource | undefined;
  /** Accepted worker tokens; unset = the worker API refuses everyone. */
  workerTokens: SecretSource | undefined;
  invoker: InvokerConfig;
  /**
   * urlLifetime: how long presigned bundle URLs must and may work (src/invoke/bundle-url.ts).
   * checkObject: RegisterBundle HEADs the object first (TRACE_BUNDLE_OBJECT_CHECK, default on).
   */
  bundles: { bucket: string; prefix: string; endpoint?: string; urlLifetime: BundleUrlLifetime; checkObject: boolean };
  /** Unset: /v1/task/credentials answers unavailable (no role to assume). */
  credentials?: { roleArn: string; endpoint?: string };
  maxBodyBytes?: number;
  workerId: string;
  shutdownTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
  /** The operator console at /console/ (TRACE_CONSOLE=off disables it); dir holds its build. */
  console: { enabled: boolean; dir: string };
  /** Set: the metrics are also written as CloudWatch EMF lines on stdout under this namespace. */
  metricsEmfNamespace?: string;
  /** Finished tasks are deleted this many days after they finished (TRACE_RETENTION_DAYS); 0 keeps them forever. */
  retentionDays: number;
  /** Leases this process takes only while fewer of its invokes are being sent (TRACE_MAX_INVOKES_IN_FLIGHT; unset: the dispatcher's default). */
  maxInvokesInFlight?: number;
  /**
   * Serve TLS, ALPN h2 and http/1.1 (TRACE_TLS_CERT_FILE and TRACE_TLS_KEY_FILE, PEM, read at
   * start); unset: cleartext HTTP/1.1 and h2c, TLS ending at a load balancer in front.
   */
  tls?: TlsIdentity;
}

/**
 * Finished tasks are kept 30 days by default (TRACE_RETENTION_DAYS): long enough to debug last
 * month's failures and replay dead outbox rows, short enough that the database stops growing.
 * Defined here, not in src/lifecycle/retention.ts, so reading the configuration loads no driver.
 */
export const DEFAULT_RETENTION_DAYS = 30;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function loadConfig(env: Env = process.env, defaults: Partial<DispatcherConfig> = {}): DispatcherConfig {
  const host = env.HOST ?? defaults.host ?? "127.0.0.1";
  const port = integer(env, "PORT", defaults.port ?? 8080, 0, 65535);
  const invokerKind = env.TRACE_INVOKER ?? defaults.invoker?.kind ?? "local";
  if (invokerKind !== "local" && invokerKind !== "lambda") throw new ConfigError(`TRACE_INVOKER must be local or lambda, not ${invokerKind}`);
  const functionName = env.TRACE_LAMBDA_FUNCTION;
  if (invokerKind === "lambda" && !functionName) throw new ConfigError("TRACE_INVOKER=lambda needs TRACE_LAMBDA_FUNCTION");
  const roleArn = env.TRACE_CREDENTIALS_ROLE_ARN;
  const logLevel = env.LOG_LEVEL ?? "info";
  // An event older than the default lease would only meet a reaped attempt.
  const maxEventAgeSeconds = integer(env, "TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS", 120, 60, 21_600);
  const presignCapSeconds = integer(env, "TRACE_BUNDLE_URL_MAX_SECONDS", 3600, 60, SIGV4_MAX_PRESIGN_SECONDS);
  let urlLifetime: BundleUrlLifetime;
  try {
    urlLifetime = bundleUrlLifetime(maxEventAgeSeconds, presignCapSeconds);
  } catch (error) {
    if (!(error instanceof BundleUrlLifetimeError)) throw error;
    throw new ConfigError(`TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS and TRACE_BUNDLE_URL_MAX_SECONDS do not fit: ${error.message}`);
  }
  if (!["debug", "info", "warn", "error"].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be debug|info|warn|error`);
  const tls = tlsIdentity(env);
  return {
    host,
    port,
    publicUrl: env.TRACE_PUBLIC_URL ?? defaults.publicUrl ?? `${tls ? "https" : "http"}://${host}:${port}`,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    pgliteDir: env.PGLITE_DATA_DIR ?? defaults.pgliteDir ?? ".data/pglite",
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    keyring: keyringConfigFromEnv(env),
    tokenIssuer: env.TRACE_TOKEN_ISSUER ?? "trace-dispatcher",
    adminTokens: secrets(env, "TRACE_ADMIN_TOKENS") ?? defaults.adminTokens,
    workerTokens: secrets(env, "TRACE_WORKER_TOKENS") ?? defaults.workerTokens,
    invoker: {
      kind: invokerKind,
      ...(functionName ? { functionName } : {}),
      ...(env.TRACE_LAMBDA_QUALIFIER ? { qualifier: env.TRACE_LAMBDA_QUALIFIER } : {}),
      ...(env.TRACE_LAMBDA_ENDPOINT ? { endpoint: env.TRACE_LAMBDA_ENDPOINT } : {}),
      maxEventAgeSeconds,
    },
    bundles: {
      bucket: env.TRACE_BUNDLE_BUCKET ?? defaults.bundles?.bucket ?? "trace-bundles",
      prefix: env.TRACE_BUNDLE_PREFIX ?? "bundles",
      urlLifetime,
      // "off" only for test launchers that register placeholder bundles without uploading them.
      checkObject: env.TRACE_BUNDLE_OBJECT_CHECK !== "off",
      ...(env.TRACE_S3_ENDPOINT ? { endpoint: env.TRACE_S3_ENDPOINT } : defaults.bundles?.endpoint ? { endpoint: defaults.bundles.endpoint } : {}),
    },
    ...(roleArn ? { credentials: { roleArn, ...(env.TRACE_STS_ENDPOINT ? { endpoint: env.TRACE_STS_ENDPOINT } : {}) } } : {}),
    ...(env.TRACE_MAX_BODY_BYTES ? { maxBodyBytes: integer(env, "TRACE_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20) } : {}),
    workerId: env.DISPATCHER_WORKER_ID ?? defaults.workerId ?? `dispatcher:${process.pid}`,
    shutdownTimeoutMs: integer(env, "DISPATCHER_SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    logLevel: logLevel as DispatcherConfig["logLevel"],
    console: {
      enabled: onOff(env, "TRACE_CONSOLE", defaults.console?.enabled ?? true),
      dir: env.TRACE_CONSOLE_DIR ?? join(packageRoot(), "dist/console-ui"),
    },
    ...(env.TRACE_METRICS_EMF_NAMESPACE ? { metricsEmfNamespace: env.TRACE_METRICS_EMF_NAMESPACE } : {}),
    retentionDays: integer(env, "TRACE_RETENTION_DAYS", defaults.retentionDays ?? DEFAULT_RETENTION_DAYS, 0, 36_500),
    ...(env.TRACE_MAX_INVOKES_IN_FLIGHT ? { maxInvokesInFlight: integer(env, "TRACE_MAX_INVOKES_IN_FLIGHT", 64, 1, 100_000) } : {}),
    ...(tls ? { tls } : {}),
  };
}

/** The certificate and key to serve TLS with: both files or neither. */
function tlsIdentity(env: Env): TlsIdentity | undefined {
  const certFile = env.TRACE_TLS_CERT_FILE;
  const keyFile = env.TRACE_TLS_KEY_FILE;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new ConfigError("TRACE_TLS_CERT_FILE and TRACE_TLS_KEY_FILE go together: set both (TLS) or neither (cleartext)");
  const read = (name: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  };
  return { cert: read("TRACE_TLS_CERT_FILE", certFile), key: read("TRACE_TLS_KEY_FILE", keyFile) };
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (value === "on" || value === "off") return value === "on";
  throw new ConfigError(`${name} must be on or off, not ${value}`);
}

/** NAME_FILE (one secret a line, re-read on reload: rotation) or NAME (comma-separated). */
function secrets(env: Env, name: string): SecretSource | undefined {
  const file = env[`${name}_FILE`];
  if (file) return { file };
  const inline = env[name];
  if (!inline) return undefined;
  return { secrets: inline.split(",").map((s) => s.trim()).filter(Boolean) };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be an integer in ${min}..${max}, not ${raw}`);
  return value;
}
