// AdminService (/v1/admin/*): the operator API, behind the admin bearer token (checked by the auth
// interceptor). Jobs (register, update, pause), bundles, tasks (create, read, retry, cancel), the
// outbox and replay. Handlers stay thin: the lifecycle enforces the rules (job-rules.ts,
// payload-size.ts) so every path, including event routing, refuses the same way.
import type { S3Client } from "@aws-sdk/client-s3";
import { Code } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { canonicalizeS3Prefixes, S3PrefixRefusedError } from "../credentials/index.js";
import {
  cancelTask,
  createTask,
  getJob,
  getJobByName,
  getTaskView,
  isUuid,
  jobTaskCounts,
  attemptThroughput,
  listBundles,
  listDatasets,
  listFailedOutbox,
  listJobs,
  listOutbox,
  listTasks,
  registerBundle,
  registerJob,
  replayOutbox,
  retryTask,
  setJobPaused,
  updateJob,
  type Job,
  type JobPatch,
  type JobRuleReason,
  type JsonValue,
  type LifecycleContext,
  type TaskState,
} from "../lifecycle/index.js";
import { headObject, parseS3Uri } from "../objectstore/s3.js";
import {
  attemptToProto,
  bundleToProto,
  datasetToProto,
  eventFromProto,
  jobDefinitionFromProto,
  jobToProto,
  outboxRowToProto,
  runtimeFromProto,
  taskStateFromProto,
  taskToProto,
  taskViewToProto,
  throughputBucketToProto,
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
  bundleNotFound: "bundle_not_found",
  bundleObjectMissing: "bundle_object_missing",
  bundleSizeMismatch: "bundle_size_mismatch",
  objectStoreUnavailable: "object_store_unavailable",
  timeoutTooLong: "timeout_too_long",
  taskFinished: "task_finished",
  notRetryable: "not_retryable",
} as const;

export interface AdminServiceDeps {
  ctx: LifecycleContext;
  /**
   * Where bundles live; RegisterBundle checks the object exists (HEAD) before recording it.
   * Absent only where TRACE_BUNDLE_OBJECT_CHECK=off (test launchers with placeholder bundles).
   */
  bundleStore?: S3Client;
}

/** A job-rule refusal on the wire: the rule's name is the reason. */
function refuseJobRule(reason: JobRuleReason, message: string) {
  switch (reason) {
    case "bundle_not_found":
      return refuse(Code.FailedPrecondition, AdminRequestReason.bundleNotFound, message);
    case "timeout_too_long":
      return refuse(Code.InvalidArgument, AdminRequestReason.timeoutTooLong, message);
    case "payload_too_large":
      return refuse(Code.InvalidArgument, AdminRequestReason.payloadTooLarge, message);
    default:
      return refuse(Code.InvalidArgument, AdminRequestReason.invalidArgument, message);
  }
}

/** A request's JSON object field as lifecycle JSON (an unset Struct is {}). */
const jsonObject = (value: object | undefined): { [key: string]: JsonValue } => (value ?? {}) as { [key: string]: JsonValue };

const invalid = (reason: string, message: string) => refuse(Code.InvalidArgument, reason, message);

export function createAdminService(deps: AdminServiceDeps): Partial<ServiceImpl<typeof AdminService>> {
  const { ctx, bundleStore } = deps;

  /** A job named by job_id, or by dag_name and name; not_found otherwise. */
  const resolveJob = async (ref: { jobId: string; dagName: string; name: string }): Promise<Job> => {
    let job: Job | null;
    if (ref.jobId !== "") job = await getJob(ctx, ref.jobId);
    else if (ref.dagName !== "" && ref.name !== "") job = await getJobByName(ctx, ref.dagName, ref.name);
    else throw invalid(AdminRequestReason.invalidArgument, "job_id or dag_name and name are required");
    if (job === null) throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
    return job;
  };

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
      if (!result.ok) throw refuseJobRule(result.reason, result.message ?? "invalid job");
      return { job: jobToProto(result.job), created: result.created };
    },

    async listJobs(request) {
      const result = await listJobs(ctx, {
        dagName: request.dagName,
        name: request.name,
        orgId: request.orgId,
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { jobs: result.jobs.map(jobToProto), nextPageToken: result.nextPageToken };
    },

    async getJob(request) {
      const job = await resolveJob(request);
      const counts = await jobTaskCounts(ctx, job.jobId);
      return {
        job: jobToProto(job),
        taskCounts: {
          queued: BigInt(counts.QUEUED),
          running: BigInt(counts.RUNNING),
          completed: BigInt(counts.COMPLETED),
          failed: BigInt(counts.FAILED),
          canceled: BigInt(counts.CANCELED),
        },
      };
    },

    async updateJob(request) {
      const job = await resolveJob(request);
      const patch: JobPatch = {
        ...(request.bundleSha256 !== undefined ? { bundleSha256: request.bundleSha256 } : {}),
        ...(request.operator !== undefined ? { operator: request.operator } : {}),
        ...(request.config !== undefined ? { config: jsonObject(request.config) } : {}),
        ...(request.maxAttempts !== undefined ? { maxAttempts: request.maxAttempts } : {}),
        ...(request.timeoutSeconds !== undefined ? { timeoutSeconds: request.timeoutSeconds } : {}),
        ...(request.leaseTtlSeconds !== undefined ? { leaseTtlSeconds: request.leaseTtlSeconds } : {}),
        ...(request.maxConcurrency !== undefined ? { maxConcurrency: request.maxConcurrency } : {}),
        ...(request.retryBaseSeconds !== undefined ? { retryBaseSeconds: request.retryBaseSeconds } : {}),
        ...(request.retryMaxSeconds !== undefined ? { retryMaxSeconds: request.retryMaxSeconds } : {}),
      };
      const result = await updateJob(ctx, job.jobId, patch);
      if (!result.ok) {
        if (result.reason === "not_found") throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
        throw refuseJobRule(result.reason, result.message ?? "invalid job");
      }
      return { job: jobToProto(result.job) };
    },

    async pauseJob(request) {
      const result = await setJobPaused(ctx, (await resolveJob(request)).jobId, true);
      if (!result.ok) throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
      return { job: jobToProto(result.job) };
    },

    async resumeJob(request) {
      const result = await setJobPaused(ctx, (await resolveJob(request)).jobId, false);
      if (!result.ok) throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
      return { job: jobToProto(result.job) };
    },

    async listBundles(request) {
      const result = await listBundles(ctx, { pageSize: request.pageSize, pageToken: request.pageToken });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { bundles: result.bundles.map(bundleToProto), nextPageToken: result.nextPageToken };
    },

    async listDatasets(request) {
      const result = await listDatasets(ctx, { pageSize: request.pageSize, pageToken: request.pageToken });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { datasets: result.datasets.map(datasetToProto), nextPageToken: result.nextPageToken };
    },

    async getThroughput(request) {
      const result = await attemptThroughput(ctx, { minutes: request.minutes });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { buckets: result.buckets.map(throughputBucketToProto) };
    },

    async registerBundle(request) {
      const bundle = request.bundle;
      if (bundle === undefined) throw invalid(AdminRequestReason.invalidArgument, "bundle is required");
      if (bundle.sizeBytes > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid(AdminRequestReason.invalidArgument, "size_bytes is too large");
      if (!/^s3:\/\/[^/]+\/.+$/.test(bundle.storageUri)) {
        throw invalid(AdminRequestReason.invalidArgument, "storage_uri must be s3://bucket/key");
      }
      // Recording a bundle whose object is missing would fail every invoke later; look now.
      if (bundleStore !== undefined) {
        let object: { sizeBytes: number } | null;
        try {
          object = await headObject(bundleStore, parseS3Uri(bundle.storageUri));
        } catch {
          throw refuse(Code.Unavailable, AdminRequestReason.objectStoreUnavailable, "the object store could not be asked whether the bundle exists; try again");
        }
        if (object === null) throw refuse(Code.FailedPrecondition, AdminRequestReason.bundleObjectMissing, `no object at ${bundle.storageUri}; upload it first`);
        if (BigInt(object.sizeBytes) !== bundle.sizeBytes)
          throw refuse(Code.FailedPrecondition, AdminRequestReason.bundleSizeMismatch, `the object at ${bundle.storageUri} is ${object.sizeBytes} bytes, not ${bundle.sizeBytes}`);
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
      const result = await createTask(ctx, { jobId: job.jobId, dedupeKey: request.dedupeKey, inputs, params: jsonObject(request.params) });
      if (!result.ok) {
        if (result.reason === "not_found") throw refuse(Code.NotFound, AdminRequestReason.jobNotFound, "unknown job");
        if (result.reason === "payload_too_large") throw invalid(AdminRequestReason.payloadTooLarge, result.message ?? "payload too large");
        throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid task");
      }
      return { task: taskToProto(result.task, job), created: result.created };
    },

    async getTask(request) {
      const view = await getTaskView(ctx, request.taskId);
      if (view === null) throw refuse(Code.NotFound, AdminRequestReason.taskNotFound, "unknown task");
      return taskViewToProto(view);
    },

    async retryTask(request) {
      const result = await retryTask(ctx, { taskId: request.taskId, requestedBy: request.requestedBy, reason: request.reason });
      if (!result.ok) {
        if (result.reason === "not_found") throw refuse(Code.NotFound, AdminRequestReason.taskNotFound, "unknown task");
        if (result.reason === "not_retryable") throw refuse(Code.FailedPrecondition, AdminRequestReason.notRetryable, result.message ?? "not retryable");
        if (result.reason === "payload_too_large") throw invalid(AdminRequestReason.payloadTooLarge, result.message ?? "payload too large");
        throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      }
      return { task: taskToProto(result.task, await getJob(ctx, result.task.jobId)) };
    },

    async listTasks(request) {
      const states: TaskState[] = [];
      for (const s of request.states) {
        const state = taskStateFromProto(s);
        if (state === undefined) throw invalid(AdminRequestReason.invalidState, "states may not contain TASK_STATE_UNSPECIFIED");
        states.push(state);
      }
      let jobId = request.jobId;
      if (jobId === "" && (request.dagName !== "" || request.jobName !== "")) {
        if (request.dagName === "" || request.jobName === "") throw invalid(AdminRequestReason.invalidArgument, "dag_name and job_name go together");
        jobId = (await resolveJob({ jobId: "", dagName: request.dagName, name: request.jobName })).jobId;
      } else if (jobId !== "" && !isUuid(jobId)) {
        // `?job_id=<name>` used to answer an empty page; say what is wrong instead.
        throw invalid(AdminRequestReason.invalidArgument, "job_id must be a UUID; use dag_name and job_name to name a job");
      }
      const createdAfter = timeFilter("created_after", request.createdAfter);
      const createdBefore = timeFilter("created_before", request.createdBefore);
      const result = await listTasks(ctx, {
        ...(jobId !== "" ? { jobId } : {}),
        ...(createdAfter ? { createdAfter } : {}),
        ...(createdBefore ? { createdBefore } : {}),
        ...(request.hasError !== undefined ? { hasError: request.hasError } : {}),
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
      if (result.outcome === "already_finished")
        throw refuse(Code.FailedPrecondition, AdminRequestReason.taskFinished, `the task is already ${result.task.state}; nothing to cancel`);
      const job = await getJob(ctx, result.task.jobId);
      return { task: taskToProto(result.task, job) };
    },

    async listFailedOutbox(request) {
      const result = await listFailedOutbox(ctx, { pageSize: request.pageSize, pageToken: request.pageToken });
      if (!result.ok) throw invalid(AdminRequestReason.invalidArgument, result.message ?? "invalid request");
      return { rows: result.rows.map(outboxRowToProto), nextPageToken: result.nextPageToken };
    },

    async listOutbox(request) {
      const result = await listOutbox(ctx, {
        kind: request.kind,
        statuses: request.statuses,
        taskId: request.taskId,
        pageSize: request.pageSize,
        pageToken: request.pageToken,
      });
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

/** An optional RFC 3339 filter; refused when given but unparsable. */
function timeFilter(field: string, value: string): Date | undefined {
  if (value === "") return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(AdminRequestReason.invalidArgument, `${field} must be an RFC 3339 timestamp`);
  return new Date(ms);
}
