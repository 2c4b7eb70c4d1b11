// A live Dispatcher + Query Service (scripts/dev/test-query-stack.ts) for the SDKs' query tests,
// with helpers to register a job granted the stack's sample dataset and to claim its task.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { PLACEHOLDER_BUNDLE_SHA, REPO_ROOT, requirePostgresInCi, type Json } from "./live-dispatcher.js";

export interface QueryStack {
  url: string;
  queryUrl: string;
  dataset: { dataset_uuid: string; dataset_version: string; storage_ref: string; read_prefix: string; rows: number };
  /** A claimed task whose token grants the sample dataset (or `datasets` when given): the invocation payload. */
  claimedTask(datasets?: Json[]): Promise<Json>;
  stop(): Promise<void>;
}

export async function startQueryStack(): Promise<QueryStack> {
  requirePostgresInCi();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "scripts/dev/test-query-stack.ts")], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`test-query-stack exited (${String(code)}) before it was ready`)));
  });
  const info = JSON.parse(first) as { url: string; admin_token: string; worker_token: string; query_url: string; dataset: QueryStack["dataset"] };
  const post = async (path: string, body: Json, headers: Record<string, string>): Promise<Json> => {
    const response = await fetch(info.url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const admin = (path: string, body: Json) => post(path, body, { authorization: `Bearer ${info.admin_token}` });
  await admin("/v1/admin/bundles", {
    bundle: { sha256: PLACEHOLDER_BUNDLE_SHA, storage_uri: `s3://trace-bundles/bundles/${PLACEHOLDER_BUNDLE_SHA}.zip`, size_bytes: "1", runtime: "node" },
  });
  const { dataset } = info;
  return {
    url: info.url,
    queryUrl: info.query_url,
    dataset,
    async claimedTask(datasets) {
      const registered = await admin("/v1/admin/jobs", {
        job: {
          dag_name: "sdk-query",
          name: `job-${randomUUID()}`,
          runtime: "RUNTIME_WORKER",
          operator: "query_test",
          bundle_sha256: PLACEHOLDER_BUNDLE_SHA,
          org_id: "sdk",
          datasets: datasets ?? [{ dataset_uuid: dataset.dataset_uuid, dataset_version: dataset.dataset_version, storage_ref: dataset.storage_ref }],
          s3: { read_prefixes: [dataset.read_prefix], write_prefixes: [] },
        },
      });
      const created = await admin("/v1/admin/tasks", { job_id: (registered.job as Json).job_id as string });
      const reply = await post("/internal/task-claim", { task_id: (created.task as Json).task_id as string, worker_id: "query-test" }, { "x-trace-worker-token": info.worker_token });
      if (!reply.claimed) throw new Error(`not claimed: ${String(reply.reason)}`);
      return reply.task as Json;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end();
      await exited;
    },
  };
}
