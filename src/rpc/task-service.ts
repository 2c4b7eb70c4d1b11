// TaskService (/v1/task/*, CONTRACT §4): what one running attempt may call. Steps 1-3 of the
// check order (token present, token valid, claims match the body) run in the auth interceptor;
// step 4 (the fence: task known, attempt current, lease token, still RUNNING) is the lifecycle's.
// Handlers only decode, call the lifecycle and encode.
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import type { VerifiedTaskToken } from "../auth/index.js";
import { credentialsRequestFromClaims, CredentialsError, CREDENTIALS_ERROR_CODES } from "../credentials/index.js";
import type { TaskCredentialsIssuer } from "../credentials/index.js";
import {
  checkFence,
  createCompletionBatcher,
  createHeartbeatBatcher,
  isDeliveryId,
  publishBuffer,
  recordEvents,
  type CompletionStatus,
  type Fence,
  type FenceRefusal,
  type LifecycleContext,
} from "../lifecycle/index.js";
import type { DispatcherMetrics, FinishedOutcome } from "../metrics/dispatcher-metrics.js";
import type { SecurityEvents } from "../security/events.js";
import { remoteAddressKey, verifiedTaskTokenKey } from "./auth.js";
import { completionStatusFromProto, eventFromProto, jsonFromValue } from "./convert.js";
import { refuse } from "./errors.js";

/** Reasons of invalid_argument refusals of the task API. */
export const TaskRequestReason = {
  invalidStatus: "invalid_status",
  invalidArgument: "invalid_argument",
} as const;

export interface TaskServiceDeps {
  ctx: LifecycleContext;
  credentialsIssuer: Pick<TaskCredentialsIssuer, "issueTaskCredentials">;
  security: SecurityEvents;
  /** Finished attempts by outcome and their run time, refused duplicate deliveries (absent: not recorded). */
  metrics?: DispatcherMetrics;
}

const FENCE_MESSAGES: Readonly<Record<FenceRefusal, string>> = {
  not_found: "unknown task",
  stale_attempt: "this attempt is no longer the task's current attempt",
  lease_mismatch: "lease_token is not this attempt's lease",
  duplicate_delivery: "another delivery is acting for this attempt; stop without running or reporting anything",
  task_finished: "the task is no longer running",
  canceled: "the task was canceled",
};

/** Fence refusals that suggest a replayed or stolen credential, not a normal race. */
const SUSPICIOUS: ReadonlySet<FenceRefusal> = new Set(["lease_mismatch", "stale_attempt"]);

const FINISHED_OUTCOME: Readonly<Record<CompletionStatus, FinishedOutcome>> = { COMPLETED: "completed", FAILED: "failed", CANCELED: "canceled" };

export function createTaskService(deps: TaskServiceDeps): Partial<ServiceImpl<typeof TaskService>> {
  const { ctx } = deps;
  // Completions arriving together share one transaction (grouped commit): the completion path is
  // the hot one, and a lone completion pays no extra latency.
  const completions = createCompletionBatcher(ctx);
  const heartbeats = createHeartbeatBatcher(ctx);

  const fenceRefused = (context: HandlerContext, fence: Fence, reason: FenceRefusal, message?: string): ConnectError => {
    // Not a security event: Lambda delivers Events at least once. The count shows how often it does.
    if (reason === "duplicate_delivery") deps.metrics?.duplicateDelivery(context.method.name);
    if (SUSPICIOUS.has(reason)) {
      const remoteAddress = context.values.get(remoteAddressKey);
      deps.security.record({
        kind: "task_fence_refused",
        reason,
        procedure: `${context.service.typeName}/${context.method.name}`,
        taskId: fence.taskId,
        attempt: fence.attempt,
        ...(remoteAddress !== undefined ? { remoteAddress } : {}),
      });
    }
    return refuse(reason === "not_found" ? Code.NotFound : Code.FailedPrecondition, reason, message ?? FENCE_MESSAGES[reason]);
  };

  const refusalOf = (context: HandlerContext, fence: Fence, result: { reason: FenceRefusal | "invalid_argument"; message?: string }) =>
    result.reason === "invalid_argument"
      ? refuse(Code.InvalidArgument, TaskRequestReason.invalidArgument, result.message ?? "invalid request")
      : fenceRefused(context, fence, result.reason, result.message);

  const fenceOf = (request: { taskId: string; attempt: number; leaseToken: string; deliveryId: string }): Fence => {
    if (request.deliveryId !== "" && !isDeliveryId(request.deliveryId)) {
      throw refuse(Code.InvalidArgument, TaskRequestReason.invalidArgument, "delivery_id must be a UUID when set");
    }
    return { taskId: request.taskId, attempt: request.attempt, leaseToken: request.leaseToken, deliveryId: request.deliveryId };
  };

  return {
    async heartbeat(request, context) {
      const fence = fenceOf(request);
      const result = await heartbeats.heartbeat(fence);
      if (!result.ok) throw refusalOf(context, fence, result);
      return { leaseExpiresAt: timestampFromDate(result.leaseExpiresAt), cancelRequested: result.cancelRequested };
    },

    async complete(request, context) {
      const fence = fenceOf(request);
      const status = completionStatusFromProto(request.status);
      if (status === undefined) {
        throw refuse(Code.InvalidArgument, TaskRequestReason.invalidStatus, "status must be TASK_STATUS_COMPLETED, TASK_STATUS_FAILED or TASK_STATUS_CANCELED");
      }
      const result = await completions.complete({
        ...fence,
        status,
        events: request.events.map(eventFromProto),
        outputs: request.outputs.map((o) => ({ name: o.name, value: jsonFromValue(o.value) })),
        datasetsPublished: request.datasetsPublished.map((d) => ({
          datasetUuid: d.datasetUuid,
          datasetVersion: d.datasetVersion,
          makeCurrent: d.makeCurrent,
        })),
        errorMessage: request.errorMessage,
        retryable: request.retryable,
        errorCategory: request.errorCategory,
      });
      if (!result.ok) throw refusalOf(context, fence, result);
      if (!result.duplicate) {
        // The run starts when the runner was handed the attempt: its token's issue time (seconds).
        const issuedAt = context.values.get(verifiedTaskTokenKey)?.claims.iat;
        deps.metrics?.attemptFinished(FINISHED_OUTCOME[status], issuedAt === undefined ? undefined : new Date(issuedAt * 1000), ctx.clock.now());
      }
      return { accepted: true, duplicate: result.duplicate };
    },

    async emitEvents(request, context) {
      const fence = fenceOf(request);
      const result = await recordEvents(ctx, { ...fence, events: request.events.map(eventFromProto) });
      if (!result.ok) throw refusalOf(context, fence, result);
      return { accepted: result.accepted };
    },

    async publishBuffer(request, context) {
      const fence = fenceOf(request);
      if (request.batchSizeBytes > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw refuse(Code.InvalidArgument, TaskRequestReason.invalidArgument, "batch_size_bytes is too large");
      }
      const result = await publishBuffer(ctx, {
        ...fence,
        batchUri: request.batchUri,
        contentType: request.contentType,
        batchSizeBytes: Number(request.batchSizeBytes),
        dedupeScope: request.dedupeScope,
      });
      if (!result.ok) throw refusalOf(context, fence, result);
      return { duplicate: result.duplicate };
    },

    async getCredentials(request, context) {
      const fence = fenceOf(request);
      const refusal = await checkFence(ctx, fence);
      if (refusal !== null) throw fenceRefused(context, fence, refusal);
      const verified: VerifiedTaskToken | undefined = context.values.get(verifiedTaskTokenKey);
      if (verified === undefined) throw new Error("getCredentials reached without a verified token");
      try {
        // Only the token's s3 claim shapes the policy: never the job row, never the request.
        const credentials = await deps.credentialsIssuer.issueTaskCredentials(credentialsRequestFromClaims(verified.claims));
        return {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          expiration: timestampFromDate(credentials.expiration),
        };
      } catch (error) {
        if (error instanceof CredentialsError) throw credentialsRefusal(error);
        throw error;
      }
    },
  };
}

const CONNECT_CODES = {
  permission_denied: Code.PermissionDenied,
  failed_precondition: Code.FailedPrecondition,
  unavailable: Code.Unavailable,
  internal: Code.Internal,
} as const;

function credentialsRefusal(error: CredentialsError): ConnectError {
  const code = CONNECT_CODES[CREDENTIALS_ERROR_CODES[error.reason]];
  // STS's own messages may quote ARNs and account ids: only the caller-actionable ones are passed on.
  const message = code === Code.Internal || code === Code.Unavailable ? "credentials could not be issued" : error.message;
  return refuse(code, error.reason, message);
}
