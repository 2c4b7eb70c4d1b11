// WorkerService (/internal/task-claim, /internal/task-fetch, CONTRACT §6): for trusted worker
// wrappers holding the worker token (checked by the auth interceptor).
import { Code } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ClaimRejection, WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { buildInvocation, invocationMessage, InvocationBuildError } from "../invoke/payload.js";
import type { InvocationBuilder } from "../invoke/payload.js";
import {
  claimTask,
  failInvoke,
  getBundle,
  getJob,
  getTask,
  loadInvocation,
  type ClaimRejection as LifecycleClaimRejection,
  type LifecycleContext,
} from "../lifecycle/index.js";
import type { Logger } from "../log/logger.js";
import { taskStateToProto } from "./convert.js";
import { refuse } from "./errors.js";

export const WorkerRequestReason = {
  workerIdRequired: "worker_id_required",
  taskIdRequired: "task_id_required",
  notFound: "not_found",
  /** The claimed attempt could not be given a payload (e.g. its bundle is not registered). */
  invocationUnavailable: "invocation_unavailable",
} as const;

/** Longest accepted worker id; it is recorded on the lease and the attempt history. */
export const MAX_WORKER_ID_LENGTH = 256;

export interface WorkerServiceDeps {
  ctx: LifecycleContext;
  invocationBuilder: InvocationBuilder;
  logger: Logger;
}

const REJECTIONS: Readonly<Record<LifecycleClaimRejection, ClaimRejection>> = {
  ALREADY_RUNNING: ClaimRejection.ALREADY_RUNNING,
  COMPLETED: ClaimRejection.COMPLETED,
  CANCELED: ClaimRejection.CANCELED,
  NOT_FOUND: ClaimRejection.NOT_FOUND,
  CONCURRENCY_LIMIT: ClaimRejection.CONCURRENCY_LIMIT,
  RETRY_PENDING: ClaimRejection.RETRY_PENDING,
  JOB_PAUSED: ClaimRejection.JOB_PAUSED,
};

export function createWorkerService(deps: WorkerServiceDeps): Partial<ServiceImpl<typeof WorkerService>> {
  const { ctx } = deps;
  return {
    async claimTask(request) {
      if (request.workerId === "" || request.workerId.length > MAX_WORKER_ID_LENGTH) {
        throw refuse(Code.InvalidArgument, WorkerRequestReason.workerIdRequired, `worker_id must be 1 to ${MAX_WORKER_ID_LENGTH} characters`);
      }
      const claim = await claimTask(ctx, { taskId: request.taskId, workerId: request.workerId });
      if (!claim.claimed) {
        return {
          claimed: false,
          reason: REJECTIONS[claim.reason],
          ...(claim.reason === "RETRY_PENDING" ? { nextRetryAt: timestampFromDate(claim.nextRetryAt) } : {}),
        };
      }
      const { lease } = claim;
      const invocation = await loadInvocation(ctx, { taskId: lease.taskId, attempt: lease.attempt });
      try {
        if (invocation === null) throw new InvocationBuildError("the claimed lease vanished before its payload was built");
        const payload = (await buildInvocation(deps.invocationBuilder, ctx, invocation)).message();
        return {
          claimed: true,
          attempt: lease.attempt,
          leaseToken: lease.leaseToken,
          leaseExpiresAt: timestampFromDate(lease.leaseExpiresAt),
          capabilityToken: payload.capabilityToken,
          task: payload,
        };
      } catch (error) {
        if (!(error instanceof InvocationBuildError)) throw error;
        // A payload that cannot be built will not be buildable on a retry of the claim either:
        // end the attempt now (outcome invoke_failed, retry policy applies) instead of leaving a
        // lease nobody can use until the reaper finds it.
        deps.logger.warn("claimed task has no buildable payload", { task_id: lease.taskId, attempt: lease.attempt, error: error.message });
        await failInvoke(ctx, { taskId: lease.taskId, attempt: lease.attempt, error: error.message });
        throw refuse(Code.FailedPrecondition, WorkerRequestReason.invocationUnavailable, "the task's payload could not be built");
      }
    },

    async fetchTask(request) {
      if (request.taskId === "") throw refuse(Code.InvalidArgument, WorkerRequestReason.taskIdRequired, "task_id is required");
      const found = await getTask(ctx, request.taskId);
      if (found === null) throw refuse(Code.NotFound, WorkerRequestReason.notFound, "unknown task");
      const job = await getJob(ctx, found.task.jobId);
      if (job === null) throw new Error(`task ${found.task.taskId} has no job`);
      const bundle = await getBundle(ctx, job.bundleSha256);
      return { state: taskStateToProto(found.task.state), task: invocationMessage(found.task, job, bundle) };
    },
  };
}
