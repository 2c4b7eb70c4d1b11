// Authentication of the three principals (CONTRACT §1), one Connect interceptor per service:
// TaskService needs a capability token whose claims name the body's (task_id, attempt);
// WorkerService needs X-Trace-Worker-Token; AdminService needs Authorization: Bearer. Each service
// accepts only its own credential, so a task principal can never reach a worker or admin RPC.
// Every refusal is a security event (log line + counter) carrying no secret.
import type { IncomingMessage } from "node:http";
import { Code, createContextKey, createContextValues } from "@connectrpc/connect";
import type { ContextValues, Interceptor, StreamRequest, UnaryRequest } from "@connectrpc/connect";
import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { QueryService } from "../../gen/ts/trace/dispatcher/v1/query_pb.js";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { TASK_CAPABILITY_HEADER, TokenVerificationError } from "../auth/index.js";
import type { TaskTokenVerifier, VerifiedTaskToken } from "../auth/index.js";
import type { SecretSet } from "../security/secret-set.js";
import type { SecurityEvent, SecurityEventKind, SecurityEvents } from "../security/events.js";
import type { RpcRoute } from "./routes.js";
import { refuse } from "./errors.js";

export const WORKER_TOKEN_HEADER = "X-Trace-Worker-Token";

/** Reasons of authentication refusals produced here (token reasons come from the verifier). */
export const AuthReason = {
  tokenMissing: "token_missing",
  tokenInvalid: "token_invalid",
  claimsMismatch: "claims_mismatch",
} as const;

/** The verified capability token of the current TaskService call. */
export const verifiedTaskTokenKey = createContextKey<VerifiedTaskToken | undefined>(undefined, {
  description: "verified task capability token",
});

/** The peer address, for security events; set by apiContextValues. */
export const remoteAddressKey = createContextKey<string | undefined>(undefined, { description: "remote address" });

/** Set once the worker or admin credential of the current call was checked from its headers. */
const credentialCheckedKey = createContextKey<boolean>(false, { description: "credential checked" });

/**
 * The API's per-request context, computed from the headers before the body is parsed: the peer
 * address, and the caller's credential checked for the route's service (CONTRACT §4 steps 1-2
 * come before anything about the body). The interceptors below repeat nothing that was done
 * here and still enforce everything when a server is built without this hook.
 */
export function apiContextValues(deps: AuthDeps): (request: Pick<IncomingMessage, "headers" | "socket">, route: RpcRoute) => ContextValues | Promise<ContextValues> {
  return (request, route) => {
    const values = createContextValues();
    const remoteAddress = request.socket.remoteAddress;
    if (remoteAddress !== undefined) values.set(remoteAddressKey, remoteAddress);
    const refused: RecordRefusal = (kind, reason, extra = {}) =>
      deps.security.record({ kind, reason, procedure: `${route.service.typeName}/${route.method.name}`, ...(remoteAddress !== undefined ? { remoteAddress } : {}), ...extra });
    const header = (name: string): string | null => {
      const value = request.headers[name.toLowerCase()];
      return typeof value === "string" ? value : null;
    };
    switch (route.service.typeName) {
      case TaskService.typeName:
      case QueryService.typeName: {
        // Task-scoped too, served by the Query Service process. Verified in place with local keys.
        const verified = verifyCapability(deps.verifier, header(TASK_CAPABILITY_HEADER), refused, isFinalUse(route.service, route.method));
        if (verified instanceof Promise) return verified.then((v) => values.set(verifiedTaskTokenKey, v));
        values.set(verifiedTaskTokenKey, verified);
        break;
      }
      case WorkerService.typeName:
        checkWorkerToken(deps.workerTokens, header(WORKER_TOKEN_HEADER), refused);
        values.set(credentialCheckedKey, true);
        break;
      case AdminService.typeName:
        checkAdminToken(deps.adminTokens, header("authorization"), refused);
        values.set(credentialCheckedKey, true);
        break;
    }
    return values;
  };
}

export interface AuthDeps {
  verifier: TaskTokenVerifier;
  workerTokens: SecretSet;
  adminTokens: SecretSet;
  security: SecurityEvents;
}

/** Every message of TaskService starts with the fence; this is the part the claims must match. */
interface FencedRequest {
  taskId: string;
  attempt: number;
}

function isFencedRequest(message: unknown): message is FencedRequest {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  return typeof m["taskId"] === "string" && typeof m["attempt"] === "number";
}

type RecordRefusal = (kind: SecurityEventKind, reason: string, extra?: Partial<SecurityEvent>) => void;

/** Runs `check` for RPCs of `service` only; every other RPC passes through untouched. */
function serviceInterceptor(
  service: DescService,
  security: SecurityEvents,
  check: (request: UnaryRequest | StreamRequest, refused: RecordRefusal) => Promise<void> | void,
): Interceptor {
  return (next) => {
    const checked: typeof next = async (request) => {
      // The event is assembled only for a refusal; a check that finishes synchronously is not awaited.
      const pending = check(request, (kind, reason, extra = {}) => {
        const procedure = `${request.service.typeName}/${request.method.name}`;
        const remoteAddress = request.contextValues.get(remoteAddressKey);
        security.record({ kind, reason, procedure, ...(remoteAddress !== undefined ? { remoteAddress } : {}), ...extra });
      });
      if (pending !== undefined) await pending;
      return next(request);
    };
    // Another service's call passes straight through, without a promise of its own.
    return (request) => (request.service.typeName === service.typeName ? checked(request) : next(request));
  };
}

/**
 * TaskService: CONTRACT §4 steps 1-3. The capability token must be present and valid, and its
 * task_id/attempt claims must equal the body's; the verified token is handed to the handler.
 */
export function taskAuthInterceptor(deps: Pick<AuthDeps, "verifier" | "security">, service: DescService = TaskService): Interceptor {
  // `service`: another task-scoped service (the Query Service's) gets the same steps 1-3.
  return serviceInterceptor(service, deps.security, (request, refused) => {
    // Verified already from the headers (apiContextValues) on the API's path; here otherwise.
    const verified = request.contextValues.get(verifiedTaskTokenKey);
    if (verified !== undefined) return checkClaims(request, verified, refused);
    const checked = verifyCapability(deps.verifier, request.header.get(TASK_CAPABILITY_HEADER), refused, isFinalUse(request.service, request.method));
    return checked instanceof Promise ? checked.then((v) => checkClaims(request, v, refused)) : checkClaims(request, checked, refused);
  });
}

/** CONTRACT §4 step 3: the token's task_id/attempt claims equal the body's fence. */
function checkClaims(request: UnaryRequest | StreamRequest, verified: VerifiedTaskToken, refused: RecordRefusal): void {
  const message: unknown = request.stream ? undefined : request.message;
  if (!isFencedRequest(message)) throw new Error(`${request.method.name}: request has no fence`);
  const { claims } = verified;
  if (message.taskId !== claims.task_id || message.attempt !== claims.attempt) {
    refused("task_claims_mismatch", AuthReason.claimsMismatch, {
      taskId: claims.task_id,
      attempt: claims.attempt,
      requestedTaskId: message.taskId,
      requestedAttempt: message.attempt,
    });
    throw refuse(Code.PermissionDenied, AuthReason.claimsMismatch, "task_id/attempt differ from the capability token");
  }
  request.contextValues.set(verifiedTaskTokenKey, verified);
}

/** WorkerService: X-Trace-Worker-Token must be one of the accepted worker secrets. */
export function workerAuthInterceptor(deps: Pick<AuthDeps, "workerTokens" | "security">): Interceptor {
  return serviceInterceptor(WorkerService, deps.security, (request, refused) => {
    if (!request.contextValues.get(credentialCheckedKey)) checkWorkerToken(deps.workerTokens, request.header.get(WORKER_TOKEN_HEADER), refused);
  });
}

/** AdminService: `Authorization: Bearer <token>` must carry one of the accepted admin secrets. */
export function adminAuthInterceptor(deps: Pick<AuthDeps, "adminTokens" | "security">): Interceptor {
  return serviceInterceptor(AdminService, deps.security, (request, refused) => {
    if (!request.contextValues.get(credentialCheckedKey)) checkAdminToken(deps.adminTokens, request.header.get("authorization"), refused);
  });
}

/** The three services' interceptors, in one list for createDispatcherServer. */
export function authInterceptors(deps: AuthDeps): Interceptor[] {
  return [taskAuthInterceptor(deps), workerAuthInterceptor(deps), adminAuthInterceptor(deps)];
}

/** TaskService's Complete ends the attempt: its token will not be presented again (see the verifier's cache). */
function isFinalUse(service: DescService, method: DescMethod): boolean {
  return service.typeName === TaskService.typeName && method.name === TaskService.method.complete.name;
}

/** The verified token, in place when the verifier answers in place; every refusal becomes the wire's. */
function verifyCapability(
  verifier: TaskTokenVerifier,
  token: string | null,
  refused: RecordRefusal,
  finalUse: boolean,
): VerifiedTaskToken | Promise<VerifiedTaskToken> {
  const refusal = (error: unknown): never => {
    const reason = error instanceof TokenVerificationError ? error.reason : AuthReason.tokenInvalid;
    if (reason === "jwks_unavailable") {
      // Not the caller's fault: answer unavailable so the runner retries.
      throw refuse(Code.Unavailable, reason, "capability token keys are unavailable");
    }
    refused("task_auth_refused", reason);
    throw refuse(Code.Unauthenticated, reason, reason === AuthReason.tokenMissing ? "capability token missing" : "capability token refused");
  };
  let verified: VerifiedTaskToken | Promise<VerifiedTaskToken>;
  try {
    verified = verifier.verifyNow(token, { finalUse });
  } catch (error) {
    return refusal(error);
  }
  return verified instanceof Promise ? verified.catch(refusal) : verified;
}

function checkWorkerToken(accepted: SecretSet, presented: string | null, refused: RecordRefusal): void {
  const reason = credentialRefusal(presented, accepted);
  if (reason === null) return;
  refused("worker_auth_refused", reason);
  throw refuse(Code.Unauthenticated, reason, reason === AuthReason.tokenMissing ? "worker token missing" : "worker token refused");
}

function checkAdminToken(accepted: SecretSet, authorization: string | null, refused: RecordRefusal): void {
  const bearer = bearerToken(authorization);
  // A header with another scheme (Basic, a bare token) is a wrong credential, not a missing one.
  const reason = authorization !== null && bearer === null ? AuthReason.tokenInvalid : credentialRefusal(bearer, accepted);
  if (reason === null) return;
  refused("admin_auth_refused", reason);
  throw refuse(Code.Unauthenticated, reason, reason === AuthReason.tokenMissing ? "admin token missing" : "admin token refused");
}

function credentialRefusal(presented: string | null | undefined, accepted: SecretSet): string | null {
  if (presented === null || presented === undefined || presented === "") return AuthReason.tokenMissing;
  return accepted.matches(presented) ? null : AuthReason.tokenInvalid;
}

/** The token of `Authorization: Bearer <token>`; null when absent or another scheme. */
function bearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
