// The Dispatcher's API in one factory: TaskService, WorkerService and AdminService with their
// authentication, plus the plain routes the API owns (JWKS, metrics, readiness). The application
// passes the result to createDispatcherServer; nothing else needs to know how the API is built.
import type * as http from "node:http";
import type { JsonObject } from "@bufbuild/protobuf";
import type { ContextValues, Interceptor } from "@connectrpc/connect";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import type { TaskTokenVerifier } from "../auth/index.js";
import type { TaskCredentialsIssuer } from "../credentials/index.js";
import type { InvocationBuilder } from "../invoke/payload.js";
import type { Logger } from "../log/logger.js";
import { OUTBOX_KINDS, type LifecycleContext } from "../lifecycle/index.js";
import { dispatcherMetrics } from "../metrics/dispatcher-metrics.js";
import type { MetricsRegistry } from "../metrics/registry.js";
import { registerStateGauges } from "../metrics/state-gauges.js";
import { createSecurityEvents } from "../security/events.js";
import type { SecretSet } from "../security/secret-set.js";
import { bindService } from "../server/http.js";
import type { ServiceBinding } from "../server/http.js";
import type { PlainRouteProviders } from "../server/plain-routes.js";
import { createAdminService } from "./admin-service.js";
import { apiContextValues, authInterceptors } from "./auth.js";
import type { RpcRoute } from "./routes.js";
import { createTaskService } from "./task-service.js";
import { createWorkerService } from "./worker-service.js";

export interface ApiDeps {
  /** The lifecycle over the state database. */
  ctx: LifecycleContext;
  /** Verifies X-Trace-Task-Capability (the keyring's verification keys). */
  verifier: TaskTokenVerifier;
  /** Mints the capability token and presigns the bundle URL for task-claim. */
  invocationBuilder: InvocationBuilder;
  /** RegisterBundle refuses a bundle whose object is missing (HEAD); default true. */
  checkBundleObjects?: boolean;
  /** STS AssumeRole for /v1/task/credentials. */
  credentialsIssuer: Pick<TaskCredentialsIssuer, "issueTaskCredentials">;
  /** Accepted X-Trace-Worker-Token secrets (reloadable, see createSecretSet). */
  workerTokens: SecretSet;
  /** Accepted admin bearer tokens (reloadable). */
  adminTokens: SecretSet;
  logger: Logger;
  /** Security events are counted here (trace_security_events_total); /metrics renders it. */
  metrics: MetricsRegistry;
  /** The JWKS document for GET /internal/jwks/task, e.g. () => taskJwksResponse(keyring).body. */
  taskJwks?: () => JsonObject;
}

export interface Api {
  services: ServiceBinding[];
  plainRoutes: PlainRouteProviders;
  interceptors: Interceptor[];
  /** Pass as DispatcherHttpOptions.contextValues: authenticates from the headers before the body is parsed. */
  contextValues: (request: Pick<http.IncomingMessage, "headers" | "socket">, route: RpcRoute) => ContextValues | Promise<ContextValues>;
}

export function createApiServices(deps: ApiDeps): Api {
  const logger = deps.logger.child({ component: "api" });
  const security = createSecurityEvents(deps.logger, deps.metrics);
  // Database-backed gauges (tasks, outbox), refreshed at most every 15 s whatever the scrape rate.
  registerStateGauges(deps.metrics, deps.ctx.db, {
    outboxKinds: OUTBOX_KINDS,
    onError: (error) => logger.warn("metrics: state gauges not refreshed", { error: error instanceof Error ? error.message : String(error) }),
  });
  const services = [
    bindService(TaskService, createTaskService({ ctx: deps.ctx, credentialsIssuer: deps.credentialsIssuer, security, metrics: dispatcherMetrics(deps.metrics) })),
    bindService(WorkerService, createWorkerService({ ctx: deps.ctx, invocationBuilder: deps.invocationBuilder, logger })),
    bindService(AdminService, createAdminService({ ctx: deps.ctx, ...(deps.checkBundleObjects === false ? {} : { bundleStore: deps.invocationBuilder.bundleStore }) })),
  ];
  const plainRoutes: PlainRouteProviders = {
    metrics: () => deps.metrics.render(),
    readiness: async () => {
      await deps.ctx.db.query("SELECT 1");
      return { ready: true, checks: { database: "ok" } };
    },
    ...(deps.taskJwks !== undefined ? { jwksTask: deps.taskJwks } : {}),
  };
  const auth = { verifier: deps.verifier, workerTokens: deps.workerTokens, adminTokens: deps.adminTokens, security };
  return { services, plainRoutes, interceptors: authInterceptors(auth), contextValues: apiContextValues(auth) };
}
