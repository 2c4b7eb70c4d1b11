// The sample DAG `npm start` runs: job "extract" (a Node bundle) emits a cursor event for dataset
// RAW; job "transform" (a Python bundle) consumes RAW's events and emits to dataset CLEAN. The
// second task exists only because routing created it from the first task's event.
import { fileURLToPath } from "node:url";
import { publishBundle, type BundleStore } from "../bundle/publish.js";
import { createTask, getTask, listTasks, registerBundle, registerJob, type LifecycleContext, type Task } from "../lifecycle/index.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/bundles/", import.meta.url));
// Fixed identities, so that re-running the demo on the same data directory reuses its jobs.
export const RAW_DATASET = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001";
export const CLEAN_DATASET = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0002";
const RAW_VERSION = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c1001";
const CLEAN_VERSION = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c1002";

export interface SampleDag {
  extractJobId: string;
  transformJobId: string;
  /** The task of this run's "extract". */
  extractTaskId: string;
}

export async function startSampleDag(ctx: LifecycleContext, store: BundleStore, runId: string): Promise<SampleDag> {
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
    config: { dataset_uuid: RAW_DATASET, dataset_version: RAW_VERSION },
  });
  const transform = await registerJob(ctx, {
    ...common,
    name: "transform",
    operator: "transform",
    bundleSha256: python.sha256,
    config: { dataset_uuid: CLEAN_DATASET, dataset_version: CLEAN_VERSION },
    inputs: [{ datasetUuid: RAW_DATASET }],
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
