// The composition root: one running Dispatcher = state database + lifecycle loops + the HTTP API
// + an invoker. Everything is built from DispatcherConfig; tests and `npm start` may inject the
// pieces that stand in for AWS (invoker, bundle store client).
import { fileURLToPath } from "node:url";
import type { S3Client } from "@aws-sdk/client-s3";
import type { JsonObject } from "@bufbuild/protobuf";
import { createTaskTokenVerifier, loadKeyring, taskJwksResponse, type TaskTokenKeyring } from "../auth/index.js";
import { CredentialsError, createStsCredentialsIssuer, type TaskCredentialsIssuer } from "../credentials/index.js";
import { startDatabaseClock, type DatabaseClock } from "../db/database-clock.js";
import { openDatabase, type Database } from "../db/index.js";
import { startDispatcher, type Dispatcher, type DispatcherOptions } from "../dispatcher/dispatcher.js";
import { createLambdaInvoker, verifyEventInvoke, type LambdaTarget } from "../invoke/lambda.js";
import { createLocalInvoker } from "../invoke/local.js";
import { invokeOutboxHandler } from "../invoke/outbox-handler.js";
import type { Invoker } from "../invoke/outcome.js";
import type { InvocationBuilder } from "../invoke/payload.js";
import { createLifecycleContext, type Clock, type LifecycleContext } from "../lifecycle/index.js";
import { createLogger, type Logger } from "../log/logger.js";
import { dispatcherMetrics } from "../metrics/dispatcher-metrics.js";
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

/** The runner as the local invoker starts it: the same code the Lambda zip contains. */
export const LOCAL_RUNNER_COMMAND: readonly [string, ...string[]] = [
  process.execPath,
  "--import",
  "tsx",
  fileURLToPath(new URL("../runner/cli.ts", import.meta.url)),
];

export async function startDispatcherApp(config: DispatcherConfig, overrides: DispatcherAppOverrides = {}): Promise<DispatcherApp> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, base: { service: "trace-dispatcher" } });
  const db = overrides.db ?? (await openDatabase({ ...(config.databaseUrl ? { url: config.databaseUrl } : {}), dataDir: config.pgliteDir }));
  // Lease and attempt times, token times and the verifier all read the database's clock, so hosts
  // with skewed wall clocks agree on every lease (src/db/database-clock.ts).
  const databaseClock: DatabaseClock | undefined = overrides.clock
    ? undefined
    : await startDatabaseClock(db, { onError: (err) => logger.warn("database clock re-anchoring failed", { error: err instanceof Error ? err.message : String(err) }) });
  const clock: Clock = overrides.clock ?? (databaseClock as DatabaseClock);
  if (databaseClock && Math.abs(databaseClock.skewMs) > 1000) logger.warn("host clock differs from the database's; using the database's", { skew_ms: databaseClock.skewMs });
  const keyring = overrides.keyring ?? (await loadKeyring(config.keyring));
  const metrics = new MetricsRegistry();
  const observe = dispatcherMetrics(metrics);
  const bundleStore = overrides.bundleStore ?? createS3Client({ region: config.region, ...(config.bundles.endpoint ? { endpoint: config.bundles.endpoint } : {}) });
  const builder: InvocationBuilder = { keyring, issuer: config.tokenIssuer, bundleStore, clock };
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
  });
  const { url } = await server.listen(config.host, config.port);
  // With PORT=0 the configured public URL would name port 0: use the bound address instead.
  const publicUrl = config.port === 0 && !process.env.TRACE_PUBLIC_URL ? url : config.publicUrl;

  const invoker = overrides.invoker ? overrides.invoker(publicUrl) : await configuredInvoker(config, publicUrl, logger);
  const dispatcher = await startDispatcher({
    db,
    logger,
    metrics,
    clock,
    handlers: { invoke: invokeOutboxHandler({ ctx, invoker, builder, logger, metrics: observe }) },
    options: { workerId: config.workerId, shutdownTimeoutMs: config.shutdownTimeoutMs, ...overrides.dispatcher },
  });
  const emf = config.metricsEmfNamespace
    ? startEmfPublisher({
        registry: metrics,
        namespace: config.metricsEmfNamespace,
        onError: (error) => logger.warn("metrics: EMF flush failed", { error: error instanceof Error ? error.message : String(error) }),
      })
    : undefined;
  logger.info("dispatcher listening", { url, public_url: publicUrl, database: db.kind, invoker: config.invoker.kind });

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
        await server.close();
        await dispatcher.stop();
        await emf?.stop();
        await invoker.close?.();
        databaseClock?.stop();
        if (!overrides.db) await db.close();
      })()),
  };
}

async function configuredInvoker(config: DispatcherConfig, publicUrl: string, logger: Logger): Promise<Invoker> {
  if (config.invoker.kind === "local") {
    return createLocalInvoker({
      command: LOCAL_RUNNER_COMMAND,
      dispatcherUrl: publicUrl,
      onExit: (code, stderrTail) => {
        if (code !== 0) logger.warn("local runner exited with an error", { exit_code: code, stderr_tail: stderrTail.slice(-512) });
      },
    });
  }
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
