// Builds the TaskInvocation a runner receives (CONTRACT §3) from a live lease: mints the
// attempt's capability token and presigns the bundle URL at send time, so no token or URL is
// ever stored in the outbox. The same payload is the Lambda event and the worker's claimed task.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { S3Client } from "@aws-sdk/client-s3";
import { TaskInvocationSchema, type TaskInvocation } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { mintTaskToken, type MintedTaskToken, type TaskTokenKeyring } from "../auth/index.js";
import { currentDatasetVersions } from "../lifecycle/datasets.js";
import type { Bundle, Clock, DatasetGrant, Invocation, Job, LifecycleContext } from "../lifecycle/index.js";
import { parseS3Uri, presignGet } from "../objectstore/s3.js";
import { bundleUrlNotAfter, type BundleUrlLifetime } from "./bundle-url.js";
import { invocationJson, type LeaseFields, type PayloadTask } from "./invocation-json.js";

export type { LeaseFields } from "./invocation-json.js";

/** Lambda's limit for an asynchronous (Event) invoke payload. */
export const MAX_ASYNC_INVOKE_PAYLOAD_BYTES = 1024 * 1024;

export interface InvocationBuilder {
  keyring: Pick<TaskTokenKeyring, "algorithm" | "signingKid" | "signingKey">;
  /** The `iss` of capability tokens. */
  issuer: string;
  /** Client for the bucket that holds bundles; only used to presign. */
  bundleStore: S3Client;
  /** How long bundle URLs must and may work (bundle-url.ts). */
  bundleUrl: BundleUrlLifetime;
  clock: Clock;
}

export interface BuiltInvocation {
  /** The payload as sent: protobuf JSON with proto field names (invocation-json.ts). */
  json: string;
  /** The same payload as a message (task-claim answers with one); built only when asked for. */
  message(): TaskInvocation;
  tokenExpiresAt: Date;
}

export class InvocationBuildError extends Error {
  override readonly name = "InvocationBuildError";
}

/** The full payload for a leased attempt. Throws InvocationBuildError for definitive problems. */
export async function buildInvocation(
  builder: InvocationBuilder,
  ctx: LifecycleContext,
  invocation: Invocation,
): Promise<BuiltInvocation> {
  const { task, job, bundle, lease } = invocation;
  if (!bundle) throw new InvocationBuildError(`bundle ${job.bundleSha256} is not registered`);
  const now = builder.clock.now();
  const datasets = resolveDatasetGrants(ctx, job);
  let minted: MintedTaskToken;
  try {
    minted = mintTaskToken(
      { keyring: builder.keyring, issuer: builder.issuer, now: () => now },
      {
        orgId: job.orgId,
        taskId: task.taskId,
        attempt: lease.attempt,
        datasets: datasets instanceof Promise ? await datasets : datasets,
        s3: job.s3Grants,
        jobTimeoutSeconds: job.timeoutSeconds,
        leaseSeconds: job.leaseTtlSeconds,
      },
    );
  } catch (err) {
    throw new InvocationBuildError(`capability token refused: ${err instanceof Error ? err.message : String(err)}`);
  }
  const presigned = presignGet(builder.bundleStore, parseS3Uri(bundle.storageUri), now, bundleUrlNotAfter(now, lease.leaseExpiresAt, builder.bundleUrl));
  const bundleUrl = typeof presigned === "string" ? presigned : await presigned;
  const fields: LeaseFields = {
    attempt: lease.attempt,
    leaseToken: lease.leaseToken,
    leaseExpiresAt: lease.leaseExpiresAt,
    capabilityToken: minted.token,
    bundleUrl,
  };
  const json = invocationJson(task, job, bundle, fields);
  if (Buffer.byteLength(json, "utf8") > MAX_ASYNC_INVOKE_PAYLOAD_BYTES) {
    throw new InvocationBuildError(`invocation payload is ${Buffer.byteLength(json, "utf8")} bytes, over the 1 MiB Event limit`);
  }
  return { json, message: () => invocationMessage(task, job, bundle, fields), tokenExpiresAt: minted.expiresAt };
}

/** The payload without lease or capability: what task-fetch returns (fetching leases nothing). */
export function invocationMessage(task: PayloadTask, job: Job, bundle: Bundle | null, lease?: LeaseFields): TaskInvocation {
  return create(TaskInvocationSchema, {
    taskId: task.taskId,
    attempt: lease?.attempt ?? task.attempt,
    leaseToken: lease?.leaseToken ?? "",
    leaseExpiresAt: lease?.leaseExpiresAt ? timestampFromDate(lease.leaseExpiresAt) : undefined,
    capabilityToken: lease?.capabilityToken ?? "",
    bundleUrl: lease?.bundleUrl ?? "",
    bundleSha256: bundle?.sha256 ?? job.bundleSha256,
    job: { dagName: job.dagName, name: job.name },
    operator: job.operator,
    config: job.config,
    configJson: job.configJson,
    inputs: task.inputs.map((e) => ({ ...e })),
    params: task.params,
  });
}

/**
 * Grants with an empty dataset_version name the dataset's current version at mint time. Without
 * such grants (the common case) the job's grants are the answer, with no promise to wait on.
 */
function resolveDatasetGrants(ctx: LifecycleContext, job: Job): DatasetGrant[] | Promise<DatasetGrant[]> {
  const open = job.datasetGrants.filter((g) => !g.dataset_version).map((g) => g.dataset_uuid);
  if (open.length === 0) return job.datasetGrants;
  return currentDatasetVersions(ctx, open).then((current) =>
    job.datasetGrants.flatMap((g) => {
      if (g.dataset_version) return [g];
      const version = current.get(g.dataset_uuid);
      // A dataset never published has no version to grant yet.
      return version ? [{ ...g, dataset_version: version }] : [];
    }),
  );
}
