// The composition root: one running Dispatcher = state database + lifecycle loops + the HTTP API
// + an invoker. Everything is built from DispatcherConfig; tests and `npm start` may inject the
// pieces that stand in for AWS (invoker, bundle store client).
import type { S3Client } from "@aws-sdk/client-s3";
import type { JsonObject } from "@bufbuild/protobuf";
import { createTaskTokenVerifier, loadKeyring, taskJwksResponse, type TaskTokenKeyring } from "../auth/index.js";
import { CredentialsError, createStsCredentialsIssuer, type TaskCredentialsIssuer } from "../credentials/index.js";
import { startDatabaseClock, type DatabaseClock } from "../db/database-clock.js";
import { openDatabase, type Database } from "../db/index.js";
import { startDispatcher, type Dispatcher, type DispatcherOptions } from "../dispatcher/dispatcher.js";
import { createLambdaInvoker, verifyEventInvoke, type LambdaTarget } from "../invoke/lambda.js";
import { createLocalInvoker, localRunnerCommand, type LocalInvoker } from "../invoke/local.js";
import { invokeOutboxHandler } from "../invoke/outbox-handler.js";
import type { Invoker } from "../invoke/outcome.js";
import type { InvocationBuilder } from "../invoke/payload.js";
import { createLifecycleContext, releaseAttempts, type Clock, type LifecycleContext } from "../lifecycle/index.js";
import { createLogger, type Logger } from "../log/logger.js";
import { dispatcherMetrics, type DispatcherMetrics } from "../metrics/dispatcher-metrics.js";
import { startEmfPublisher } from "../metrics/emf.js";
import { MetricsRegistry } from "../metrics/registry.js";
import { createS3Client } from "../objectstore/s3.js";
import { consoleMount } from "../console/site.js";
import { createApiServices } from "../rpc/api.js";
import { createSecretSet, type SecretSet, type SecretSource } from "../security/secret-set.js";
import { createDispatcherServer, type DispatcherServer } from "../server/http.js";
import type { DispatcherConfig } from "./config.js";

export interface DispatcherAppOverrides {
  db?: Database;
  keyring?: TaskTokenKeyring;
  /** Replaces the configured invoker; receives the URL runners must call back. */
  invoker?: (dispatcherUrl: string) => Invoker;
  bundleStore?: S3Client;
  credentialsIssuer?: Pick<TaskCredentialsIssuer, "issueTaskCredentials">;
  logger?: Logger;
  clock?: Clock;
  /** Loop tuning (tests use short intervals). */
  dispatcher?: Partial<DispatcherOptions>;
  /** Shutdown grace of in-flight local runs (default LOCAL_RUN_SHUTDOWN_GRACE_MS). */
  localRunGraceMs?: number;
  /** Extra environment for local runners, read at each spawn (so it may be filled in later). */
  localRunnerEnv?: Record<string, string>;
}

export interface DispatcherApp {
  /** Where the HTTP API listens. */
  url: string;
  /** The base URL given to runners. */
  publicUrl: string;
  db: Database;
  ctx: LifecycleContext;
  keyring: TaskTokenKeyring;
  dispatcher: Dispatcher;
  metrics: MetricsRegistry;
  logger: Logger;
  /** Stop taking work, finish in-flight requests and loop steps (bounded), close everything. */
  stop(): Promise<void>;
}

/** How long in-flight local runs may finish at shutdown before their leases are released. */
export const LOCAL_RUN_SHUTDOWN_GRACE_MS = 5000;

export async function startDispatcherApp(config: DispatcherConfig, overrides: DispatcherAppOverrides = {}): Promise<DispatcherApp> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, base: { service: "trace-dispatcher" } });
  // The keyring first: a configuration mistake should stop start-up before anything is opened.
  const keyring = overrides.keyring ?? (await loadKeyring(config.keyring));
  const db = overrides.db ?? (await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.pgliteDir }));
  // What a failed start-up must close again, newest first (a busy port must not leave a pool open).
  const opened: (() => Promise<void>)[] = overrides.db ? [] : [() => db.close()];
  try {
    // Lease and attempt times, token times and the verifier all read the database's clock, so hosts
    // with skewed wall clocks agree on every lease (src/db/database-clock.ts).
    const databaseClock: DatabaseClock | undefined = overrides.clock
      ? undefined
      : await startDatabaseClock(db, { onError: (err) => logger.warn("database clock re-anchoring failed", { error: err instanceof Error ? err.message : String(err) }) });
    if (databaseClock) opened.push(async () => databaseClock.stop());
    const clock: Clock = overrides.clock ?? (databaseClock as DatabaseClock);
    if (databaseClock && Math.abs(databaseClock.skewMs) > 1000) logger.warn("host clock differs from the database's; using the database's", { skew_ms: databaseClock.skewMs });
    return await startServing(config, overrides, { logger, clock, databaseClock, keyring, db, opened });
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

interface StartupState {
  logger: Logger;
  clock: Clock;
  databaseClock: DatabaseClock | undefined;
  keyring: TaskTokenKeyring;
  db: Database;
  opened: (() => Promise<void>)[];
}

async function startServing(config: DispatcherConfig, overrides: DispatcherAppOverrides, state: StartupState): Promise<DispatcherApp> {
  const { logger, clock, databaseClock, keyring, db, opened } = state;
  const metrics = new MetricsRegistry();
  const observe = dispatcherMetrics(metrics);
  const bundleStore = overrides.bundleStore ?? createS3Client({ region: config.region, ...(config.bundles.endpoint ? { endpoint: config.bundles.endpoint } : {}) });
  const builder: InvocationBuilder = { keyring, issuer: config.tokenIssuer, bundleStore, clock, bundleUrl: config.bundles.urlLifetime };
  const ctx = createLifecycleContext(db, { clock });

  const api = createApiServices({
    ctx,
    verifier: createTaskTokenVerifier({ issuer: config.tokenIssuer, keys: keyring.verificationKeys, now: () => clock.now() }),
    invocationBuilder: builder,
    checkBundleObjects: config.bundles.checkObject,
    credentialsIssuer: overrides.credentialsIssuer ?? credentialsIssuerFor(config),
    workerTokens: secretSetOrNone(config.workerTokens),
    adminTokens: secretSetOrNone(config.adminTokens),
    logger,
    metrics,
    taskJwks: () => taskJwksResponse(keyring).body as unknown as JsonObject,
  });
  const server: DispatcherServer = createDispatcherServer({
    services: api.services,
    plainRoutes: api.plainRoutes,
    ...(config.console.enabled ? { staticMounts: [consoleMount(config.console.dir)] } : {}),
    interceptors: api.interceptors,
    contextValues: api.contextValues,
    onRequestFinished: (route, status, seconds) => observe.http(route, status, seconds),
    logger,
    ...(config.maxBodyBytes ? { maxBodyBytes: config.maxBodyBytes } : {}),
    ...(config.tls ? { tls: config.tls } : {}),
  });
  const { url } = await server.listen(config.host, config.port);
  opened.push(() => server.close());
  // With PORT=0 the configured public URL would name port 0: use the bound address instead.
  const publicUrl = config.port === 0 && !process.env.TRACE_PUBLIC_URL ? url : config.publicUrl;

  const localInvoker = overrides.invoker || config.invoker.kind !== "local" ? undefined : localInvokerFor(publicUrl, logger, overrides.localRunnerEnv);
  const invoker = overrides.invoker ? overrides.invoker(publicUrl) : (localInvoker ?? (await lambdaInvokerFor(config)));
  const dispatcher = await startDispatcher({
    db,
    logger,
    metrics,
    clock,
    handlers: { invoke: invokeOutboxHandler({ ctx, invoker, builder, logger, metrics: observe }) },
    options: {
      workerId: config.workerId,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      historyRetentionMs: config.retentionDays * 86_400_000,
      ...(config.maxInvokesInFlight !== undefined ? { maxInvokesInFlight: config.maxInvokesInFlight } : {}),
      ...overrides.dispatcher,
    },
  });
  const emf = config.metricsEmfNamespace
    ? startEmfPublisher({
        registry: metrics,
        namespace: config.metricsEmfNamespace,
        onError: (error) => logger.warn("metrics: EMF flush failed", { error: error instanceof Error ? error.message : String(error) }),
      })
    : undefined;
  logger.info("dispatcher listening", { url, public_url: publicUrl, database: db.kind, invoker: config.invoker.kind });
  if (!config.adminTokens) {
    logger.warn("the admin API is closed: no admin tokens are configured; set TRACE_ADMIN_TOKENS (comma-separated) or TRACE_ADMIN_TOKENS_FILE to open it");
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    publicUrl,
    db,
    ctx,
    keyring,
    dispatcher,
    metrics,
    logger,
    stop: () =>
      (stopping ??= (async () => {
        // Loops first (no new leases or invokes), then in-flight local runs while the API still
        // answers their reports, then the API, then the database.
        await dispatcher.stop();
        if (localInvoker) await releaseInterrupted(ctx, localInvoker, overrides.localRunGraceMs ?? LOCAL_RUN_SHUTDOWN_GRACE_MS, logger, observe);
        else await invoker.close?.();
        await server.close();
        await emf?.stop();
        databaseClock?.stop();
        if (!overrides.db) await db.close();
      })()),
  };
}

function localInvokerFor(publicUrl: string, logger: Logger, env: Record<string, string> | undefined): LocalInvoker {
  return createLocalInvoker({
    command: localRunnerCommand(),
    dispatcherUrl: publicUrl,
    ...(env ? { env } : {}),
    // The developer's view of their operator: every run's log in the `npm start` terminal.
    log: logger.child({ component: "runner" }),
    onExit: (code) => {
      if (code !== 0) logger.warn("local runner exited with an error", { exit_code: code });
    },
  });
}

/**
 * Shutdown of the local invoker: runs get a grace period to finish; the ones still going are
 * stopped and their leases released without spending the attempt (src/lifecycle/release.ts).
 */
async function releaseInterrupted(ctx: LifecycleContext, invoker: LocalInvoker, graceMs: number, logger: Logger, observe: DispatcherMetrics): Promise<void> {
  const interrupted = await invoker.drain(graceMs);
  const released = await releaseAttempts(ctx, interrupted, "released: the Dispatcher stopped while the attempt ran");
  for (const task of released) {
    logger.info("attempt released at shutdown", { task_id: task.taskId, attempt: task.releasedAttempt });
    observe.attemptFinished("released", undefined, ctx.clock.now());
  }
}

async function lambdaInvokerFor(config: DispatcherConfig): Promise<Invoker> {
  const target: LambdaTarget = {
    functionName: config.invoker.functionName ?? "",
    region: config.region,
    ...(config.invoker.qualifier ? { qualifier: config.invoker.qualifier } : {}),
    ...(config.invoker.endpoint ? { endpoint: config.invoker.endpoint } : {}),
  };
  // Refuse to start against a runner that Lambda would retry on its own: the Dispatcher owns retries.
  await verifyEventInvoke(target, { maximumRetryAttempts: 0, maximumEventAgeInSeconds: config.invoker.maxEventAgeSeconds });
  return createLambdaInvoker(target);
}

function credentialsIssuerFor(config: DispatcherConfig): Pick<TaskCredentialsIssuer, "issueTaskCredentials"> {
  if (config.credentials) {
    return createStsCredentialsIssuer({
      roleArn: config.credentials.roleArn,
      region: config.region,
      ...(config.credentials.endpoint ? { endpoint: config.credentials.endpoint } : {}),
    });
  }
  return {
    issueTaskCredentials: () => Promise.reject(new CredentialsError("sts_unavailable", "no credentials role is configured (TRACE_CREDENTIALS_ROLE_ARN)")),
  };
}

/** No configured secrets: a set that accepts nobody, so the API is closed rather than open. */
function secretSetOrNone(source: SecretSource | undefined): SecretSet {
  if (source) return createSecretSet(source);
  return { matches: () => false, reload: () => undefined, size: 0 };
}
