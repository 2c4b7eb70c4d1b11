// The Query Service process: its own HTTP server (the same front door as the Dispatcher's, so
// routing by the proto `http` option, body caps and error details are identical), the task-token
// verifier over the Dispatcher's remote JWKS, and the query pipeline. Trusts only public keys.
import { DuckDBInstance } from "@duckdb/node-api";
import type { S3Client } from "@aws-sdk/client-s3";
import { QueryService } from "../../gen/ts/trace/dispatcher/v1/query_pb.js";
import { createRemoteTaskTokenVerifier, type TaskTokenVerifier } from "../auth/index.js";
import { createLogger, type Logger } from "../log/logger.js";
import { MetricsRegistry } from "../metrics/registry.js";
import { createS3Client } from "../objectstore/s3.js";
import { apiContextValues, taskAuthInterceptor } from "../rpc/auth.js";
import { createSecurityEvents } from "../security/events.js";
import type { SecretSet } from "../security/secret-set.js";
import { bindService, createDispatcherServer } from "../server/http.js";
import { createQueryAudit } from "./audit.js";
import type { QueryServiceConfig } from "./config.js";
import { createHardenedDatabases } from "./databases.js";
import { createInstancePool } from "./engine.js";
import { createQueryService } from "./service.js";
import { createS3DatasetStager } from "./staging.js";

const NO_SECRETS: SecretSet = { matches: () => false, reload: () => undefined, size: 0 };

export interface QueryServiceApp {
  url: string;
  metrics: MetricsRegistry;
  stop(): Promise<void>;
}

export interface QueryServiceOverrides {
  logger?: Logger;
  /** A verifier other than the remote-JWKS one (tests with local keys). */
  verifier?: TaskTokenVerifier;
  /** The S3 client datasets are read with (e.g. static credentials for the embedded store). */
  s3?: S3Client;
}

/** A DuckDB instance that only ever parses: no files, no extensions, no configuration changes. */
export async function createParserInstance(): Promise<DuckDBInstance> {
  const parser = await DuckDBInstance.create(":memory:");
  const connection = await parser.connect();
  try {
    for (const statement of [
      "SET enable_external_access=false",
      "SET autoinstall_known_extensions=false",
      "SET autoload_known_extensions=false",
      "SET threads=1",
      "SET memory_limit='64MiB'",
      "SET lock_configuration=true",
    ]) {
      await connection.run(statement);
    }
  } finally {
    connection.closeSync();
  }
  return parser;
}

export async function startQueryService(config: QueryServiceConfig, overrides: QueryServiceOverrides = {}): Promise<QueryServiceApp> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, base: { service: "trace-query" } });
  const metrics = new MetricsRegistry();
  const verifier =
    overrides.verifier ??
    createRemoteTaskTokenVerifier({
      issuer: config.tokenIssuer,
      jwksUrl: config.jwksUrl,
      // jose refetches on a kid it does not know, at most once per cooldown: one bounded refetch.
      remoteJwksOptions: { cacheMaxAge: config.jwksCacheMaxAgeMs, cooldownDuration: config.jwksCooldownMs, timeoutDuration: config.jwksTimeoutMs },
    });
  const s3 = overrides.s3 ?? createS3Client({ region: config.region, ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}) });
  const parser = await createParserInstance();
  const security = createSecurityEvents(logger, metrics);
  const instances = createInstancePool(config.spareInstances);
  const databases = createHardenedDatabases({
    stager: createS3DatasetStager({ s3, workDir: config.workDir, listingTtlMs: config.listingTtlMs, maxCacheBytes: config.maxCacheBytes }),
    instances,
    limits: config.limits,
    maxIdle: config.maxIdleDatabases,
  });
  const service = createQueryService({
    parser,
    databases,
    audit: createQueryAudit(logger, metrics),
    limits: config.limits,
    concurrency: config.concurrency,
  });
  const server = createDispatcherServer({
    services: [bindService(QueryService, service)],
    interceptors: [taskAuthInterceptor({ verifier, security }, QueryService)],
    // The token is checked from the headers before the body is read (as on the Dispatcher); no
    // worker or admin service is served here, so those secret sets are empty.
    contextValues: apiContextValues({ verifier, security, workerTokens: NO_SECRETS, adminTokens: NO_SECRETS }),
    plainRoutes: { metrics: () => metrics.render() },
    maxBodyBytes: config.maxBodyBytes,
    logger,
  });
  const { url } = await server.listen(config.host, config.port);
  logger.info("query service listening", { url });
  return {
    url,
    metrics,
    stop: async () => {
      await server.close();
      await databases.close();
      instances.close();
      parser.closeSync();
    },
  };
}
