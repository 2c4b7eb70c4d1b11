// AdminService (/v1/admin/*): the operator API, behind the admin bearer token (checked by the auth
// interceptor). Jobs, bundles, tasks, cancellation, failed outbox rows and replay.
import { Code } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { canonicalizeS3Prefixes, S3PrefixRefusedError } from "../credentials/index.js";
import {
  cancelTask,
  createTask,
  getJob,
  getJobByName,
  getTask,
  listFailedOutbox,
  listTasks,
  registerBundle,
  registerJob,
  replayOutbox,
  type Job,
  type LifecycleContext,
  type TaskState,
} from "../lifecycle/index.js";
import {
  attemptToProto,
  bundleToProto,
  eventFromProto,
  jobDefinitionFromProto,
  jobToProto,
  outboxRowToProto,
  runtimeFromProto,
  taskStateFromProto,
  taskToProto,
} from "./convert.js";
import { refuse } from "./errors.js";

export const AdminRequestReason = {
  invalidArgument: "invalid_argument",
  invalidRuntime: "invalid_runtime",
  orgIdRequired: "org_id_required",
  invalidState: "invalid_state",
  s3PrefixRefused: "s3_prefix_refused",
  payloadTooLarge: "payload_too_large",
  jobNotFound: "job_not_found",
  taskNotFound: "not_found",
  outboxRowNotFound: "not_found",
  outboxRowNotFailed: "not_failed",
  bundleConflict: "bundle_conflict",
} as const;

export interface AdminServiceDeps {
  ctx: LifecycleContext;
}

const invalid = (reason: string, message: string) => refuse(Code.InvalidArgument, reason, message);

export function createAdminService(deps: AdminServiceDeps): Partial<ServiceImpl<typeof AdminService>> {
  const { ctx } = deps;

  /** Job name for task views; one lookup per distinct job of a page. */
  const jobRefs = async (jobIds: readonly string[]): Promise<Map<string, Job>> => {
    const jobs = new Map<string, Job>();
    for (const jobId of new Set(jobIds)) {
      const job = await getJob(ctx, jobId);
      if (job !== null) jobs.set(jobId, job);
    }
    return jobs;
  };

  return {
    async registerJob(request) {
      const job = request.job;
      if (job === undefined) throw invalid(AdminRequestReason.invalidArgument, "job is required");
      const runtime = runtimeFromProto(job.runtime);
      if (runtime === undefined) throw invalid(AdminRequestReason.invalidRuntime, "runtime must be RUNTIME_LAMBDA or RUNTIME_WORKER");
      // Every capability token carries org_id; a job without one could never be invoked.
      if (job.orgId === "") throw invalid(AdminRequestReason.orgIdRequired, "org_id is required");
      // Grants are checked now, not when a token is minted: a bad prefix would fail every attempt.
      for (const [list, prefixes] of [["read_prefixes", job.s3?.readPrefixes ?? []], ["write_prefixes", job.s3?.writePrefixes ?? []]] as const) {
        try {
          const canonical = canonicalizeS3Prefixes(prefixes).map((p) => p.uri);
          const notCanonical = prefixes.findIndex((p) => !canonical.includes(p));
          if (notCanonical >= 0) throw invalid(AdminRequestReason.s3PrefixRefused, `s3.${list}[${notCanonical}] is not in canonical form`);
        } catch (error) {
          if (error instanceof S3PrefixRefusedError) {
            throw invalid(AdminRequestReason.s3PrefixRefused, `s3.${list}[${error.index}] refused: ${error.reason}`);
          }
          throw error;
        }
      }
      const result = await registerJob(ctx, jobDefinitionFromProto(job, runtime));
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid job");
      return { job: jobToProto(result.job), created: result.created };
    },

    async registerBundle(request) {
      const bundle = request.bundle;
      if (bundle === undefined) throw invalid(AdminRequestReason.invalidArgument, "bundle is required");
      if (bundle.sizeBytes > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(AdminRequestReason.invalidArgument, "size_bytes is too large");
      if (!/^s3:\/\/[^/]+\/.+$/.test(bundle.storageUri)) {
        throw invalid(AdminRequestReason.invalidArgument, "storage_uri must be s3://bucket/key");
      }
      const result = await registerBundle(ctx, {
        sha256: bundle.sha256,
        storageUri: bundle.storageUri,
        sizeBytes: Number(bundle.sizeBytes),
        runtime: bundle.runtime,
      });
      if (!result.ok) {
        if (result.reason === "conflict") {
          throw refuse(Code.AlreadyExists, AdminRequestReason.bundleConflict, result.message ?? "bundle registered with different attributes");
        }
        throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid bundle");
      }
      return { bundle: bundleToProto(result.bundle), created: result.created };
    },

    async createTask(request) {
      let job: Job | null;
      if (request.jobId !== "") job = await getJob(ctx, request.jobId);
      else if (request.job !== undefined && request.job.dagName !== "" && request.job.name !== "")
        job = await getJobByName(ctx, request.job.dagName, request.job.name);
      else throw invalid(AdminRequestReason.invalidArgument, "job_id or job (dag_name, name) is required");
      if (job === null) throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
      const inputs = request.inputs.map(eventFromProto);
      // The lifecycle refuses config + inputs that would not fit the 1 MiB Event limit (CONTRACT §3),
      // for every way a task is created, never truncating.
      const result = await createTask(ctx, { jobId: job.jobId, dedupeKey: request.dedupeKey, inputs });
      if (!result.ok) {
        if (result.reason === "not_found") throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
        if (result.reason === "payload_too_large") throw invalid(AdminRequestReason.payloadTooLarge, result.message ?? "payload too large");
        throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid task");
      }
      return { task: taskToProto(result.task, job), created: result.created };
    },

    async getTask(request) {
      const found = await getTask(ctx, request.taskId);
      if (found === null) throw refuse(Code.NotFound, AdminRequestReason.taskNotFound, "unknown task");
      const job = await getJob(ctx, found.task.jobId);
      return { task: taskToProto(found.task, job), attempts: found.attempts.map(attemptToProto) };
    },

    async listTasks(request) {
      const states: TaskState[] = [];
      for (const s of request.states) {
        const state = taskStateFromProto(s);
        if (state === undefined) throw invalid(AdminRequestReason.invalidState, "states may not contain TASK_STATE_UNSPECIFIED");
        states.push(state);
      }
      const result = await listTasks(ctx, {
        ...(request.jobId !== "" ? { jobId: request.jobId } : {}),
        states,
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      const jobs = await jobRefs(result.tasks.map((t) => t.jobId));
      return {
        tasks: result.tasks.map((t) => taskToProto(t, jobs.get(t.jobId) ?? null)),
        nextPageToken: result.nextPageToken,
      };
    },

    async cancelTask(request) {
      const result = await cancelTask(ctx, request.taskId, request.reason);
      if (!result.ok) throw refuse(Code.NotFound, AdminRequestReason.taskNotFound, "unknown task");
      const job = await getJob(ctx, result.task.jobId);
      return { task: taskToProto(result.task, job) };
    },

    async listFailedOutbox(request) {
      const result = await listFailedOutbox(ctx, { pageSize: request.pageSize, pageToken: request.pageToken });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { rows: result.rows.map(outboxRowToProto), nextPageToken: result.nextPageToken };
    },

    async replayOutbox(request) {
      if (request.id > BigInt(Number.MAX_SAFE_INTEGER)) throw refuse(Code.NotFound, AdminRequestReason.outboxRowNotFound, "unknown outbox row");
      const result = await replayOutbox(ctx, Number(request.id));
      if (!result.ok) {
        if (result.reason === "not_failed") {
          throw refuse(Code.FailedPrecondition, AdminRequestReason.outboxRowNotFailed, "only failed outbox rows can be replayed");
        }
        throw refuse(Code.NotFound, AdminRequestReason.outboxRowNotFound, "unknown outbox row");
      }
      return { row: outboxRowToProto(result.row) };
    },
  };
}
