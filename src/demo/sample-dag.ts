// The sample DAG `npm start` runs: job "extract" (a Node bundle) publishes a Parquet version of
// dataset RAW and emits a cursor event for it; job "transform" (a Python bundle) consumes RAW's
// events, reads RAW's rows through the Query Service (/v1/task/query) with its capability token,
// and emits to dataset CLEAN. The second task exists only because routing created it from the
// first task's event. Without a Query Service (`data` not given) the DAG runs without the read.
import { fileURLToPath } from "node:url";
import type { S3Client } from "@aws-sdk/client-s3";
import { publishBundle, type BundleStore } from "../bundle/publish.js";
import { canonicalizeS3Prefix } from "../credentials/s3-prefix.js";
import { createTask, getTask, listTasks, registerBundle, registerJob, type LifecycleContext, type Task } from "../lifecycle/index.js";
import { writeSampleParquet } from "./sample-data.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/bundles/", import.meta.url));
// Fixed identities, so that re-running the demo on the same data directory reuses its jobs.
export const RAW_DATASET = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001";
export const CLEAN_DATASET = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0002";
const RAW_VERSION = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c1001";
const CLEAN_VERSION = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c1002";
/** Where RAW's versions live in the embedded store; the transform job may read them. */
export const DEMO_DATA_PREFIX = "s3://trace-demo-data/datasets/raw/";
const RAW_STORAGE_REF = `${DEMO_DATA_PREFIX}${RAW_VERSION}/`;

export interface SampleDag {
  extractJobId: string;
  transformJobId: string;
  /** The task of this run's "extract". */
  extractTaskId: string;
}

/** `data`: the embedded store the Query Service reads; RAW's Parquet version is written there. */
export async function startSampleDag(ctx: LifecycleContext, store: BundleStore, runId: string, data?: { client: S3Client }): Promise<SampleDag> {
  const storage = canonicalizeS3Prefix(RAW_STORAGE_REF);
  if (!storage.ok) throw new Error(`sample storage prefix refused: ${storage.reason}`);
  if (data) await writeSampleParquet(data.client, storage.prefix);
  const node = await publishBundle(store, `${EXAMPLES}node`, { runtime: "node", entrypoint: "main.mjs" });
  const python = await publishBundle(store, `${EXAMPLES}python`, { runtime: "python", entrypoint: "main.py" });
  for (const bundle of [node, python]) {
    const registered = await registerBundle(ctx, bundle);
    if (!registered.ok) throw new Error(`bundle registration refused: ${registered.message ?? registered.reason}`);
  }
  const common = { dagName: "demo", runtime: "lambda" as const, orgId: "demo", leaseTtlSeconds: 30, timeoutSeconds: 120 };
  const extract = await registerJob(ctx, {
    ...common,
    name: "extract",
    operator: "extract",
    bundleSha256: node.sha256,
    // `publish`: the bundle reports RAW_VERSION in datasets_published (making it current).
    config: { dataset_uuid: RAW_DATASET, dataset_version: RAW_VERSION, ...(data ? { publish: true } : {}) },
  });
  const transform = await registerJob(ctx, {
    ...common,
    name: "transform",
    operator: "transform",
    bundleSha256: python.sha256,
    // `query_dataset`: the bundle reads RAW through the Query Service; the token grants exactly
    // RAW's version, by storage_ref inside the read prefix.
    config: { dataset_uuid: CLEAN_DATASET, dataset_version: CLEAN_VERSION, ...(data ? { query_dataset: RAW_DATASET } : {}) },
    inputs: [{ datasetUuid: RAW_DATASET }],
    ...(data
      ? {
          datasetGrants: [{ dataset_uuid: RAW_DATASET, dataset_version: RAW_VERSION, storage_ref: RAW_STORAGE_REF }],
          s3Grants: { read_prefixes: [DEMO_DATA_PREFIX], write_prefixes: [] },
        }
      : {}),
  });
  if (!extract.ok || !transform.ok) throw new Error("sample job registration refused");
  const created = await createTask(ctx, {
    jobId: extract.job.jobId,
    dedupeKey: `demo-${runId}`,
    inputs: [{ datasetUuid: RAW_DATASET, datasetVersion: RAW_VERSION, cursor: BigInt(Date.now()) }],
  });
  if (!created.ok) throw new Error(`sample task refused: ${created.message ?? created.reason}`);
  return { extractJobId: extract.job.jobId, transformJobId: transform.job.jobId, extractTaskId: created.task.taskId };
}

export interface DagProgress {
  extract: Task | null;
  /** The transform task routed from this run's extract event, once it exists. */
  transform: Task | null;
}

export async function sampleDagProgress(ctx: LifecycleContext, dag: SampleDag, since: Date): Promise<DagProgress> {
  const extract = (await getTask(ctx, dag.extractTaskId))?.task ?? null;
  const page = await listTasks(ctx, { jobId: dag.transformJobId, pageSize: 10 });
  const transform = page.ok ? (page.tasks.find((t) => t.createdAt >= since) ?? null) : null;
  return { extract, transform };
}

export function isTerminal(task: Task | null): boolean {
  return task !== null && (task.state === "COMPLETED" || task.state === "CANCELED" || (task.state === "FAILED" && !task.nextRetryAt));
}

/** What transform reported as `rows_read` (the rows it read through the Query Service), if any. */
export async function transformRowsRead(ctx: LifecycleContext, taskId: string): Promise<number | undefined> {
  const rows = await ctx.db.query(`SELECT value FROM task_outputs WHERE task_id = $1 AND name = 'rows_read' ORDER BY attempt DESC LIMIT 1`, [taskId]);
  const value = rows[0]?.["value"];
  return typeof value === "number" ? value : undefined;
}
