// A REAL Dispatcher process for the SDK and example tests: scripts/dev/test-dispatcher.mjs runs
// `serve` on a fresh Postgres database (TEST_DATABASE_URL, required when CI is set) or PGlite,
// with moto standing in for STS. Helpers speak the admin and worker APIs over plain HTTP/JSON.
import type { JsonObject } from "@bufbuild/protobuf";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const PLACEHOLDER_BUNDLE_SHA = "3c".repeat(32);

export type Json = JsonObject;

export interface LiveDispatcher {
  url: string;
  adminToken: string;
  workerToken: string;
  /** False only locally when moto is not installed. */
  credentials: boolean;
  database: "postgres" | "pglite";
  admin(path: string, body: Json): Promise<Json>;
  worker(path: string, body: Json): Promise<Json>;
  /** Registers a job (RUNTIME_WORKER, lease 4 s, retry after ~1 s unless overridden) and queues one task. */
  newTask(job?: Json, task?: Json): Promise<{ taskId: string; jobId: string; config: Json }>;
  /** Claims through the worker API (polling up to waitMs) and returns the invocation payload. */
  claim(taskId: string, waitMs?: number): Promise<Json>;
  task(taskId: string): Promise<Json>;
  cancel(taskId: string): Promise<void>;
  stop(): Promise<void>;
}

export function requirePostgresInCi(): void {
  if (process.env.CI && !process.env.TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)");
}

/** Starts the launcher; `env` adds variables for `serve` (e.g. a bundle store endpoint). */
export async function startLiveDispatcher(env: Record<string, string> = {}): Promise<LiveDispatcher> {
  requirePostgresInCi();
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, "scripts/dev/test-dispatcher.mjs")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`test-dispatcher exited (${String(code)}) before it was ready`)));
  });
  const info = JSON.parse(first) as { url: string; admin_token: string; worker_token: string; credentials: boolean; database: "postgres" | "pglite" };

  const post = async (path: string, body: Json, headers: Record<string, string>): Promise<Json> => {
    const response = await fetch(info.url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const admin = (path: string, body: Json) => post(path, body, { authorization: `Bearer ${info.admin_token}` });
  const worker = (path: string, body: Json) => post(path, body, { "x-trace-worker-token": info.worker_token });
  await admin("/v1/admin/bundles", {
    bundle: { sha256: PLACEHOLDER_BUNDLE_SHA, storage_uri: `s3://trace-bundles/bundles/${PLACEHOLDER_BUNDLE_SHA}.zip`, size_bytes: "1", runtime: "node" },
  });

  return {
    url: info.url,
    adminToken: info.admin_token,
    workerToken: info.worker_token,
    credentials: info.credentials,
    database: info.database,
    admin,
    worker,
    async newTask(job = {}, task = {}) {
      const config = { dataset_uuid: randomUUID(), dataset_version: randomUUID() };
      const registered = await admin("/v1/admin/jobs", {
        job: {
          dag_name: "sdk-ts",
          name: `job-${randomUUID()}`,
          runtime: "RUNTIME_WORKER",
          operator: "sdk_test",
          bundle_sha256: PLACEHOLDER_BUNDLE_SHA,
          org_id: "sdk",
          lease_ttl_seconds: 4,
          retry_base_seconds: 1,
          retry_max_seconds: 1,
          s3: { read_prefixes: ["s3://data-bucket/in/"], write_prefixes: ["s3://out-bucket/out/"] },
          config,
          ...job,
        },
      });
      const jobId = (registered.job as Json).job_id as string;
      const created = await admin("/v1/admin/tasks", { job_id: jobId, ...task });
      return { taskId: (created.task as Json).task_id as string, jobId, config: ((registered.job as Json).config as Json) ?? config };
    },
    async claim(taskId, waitMs = 0) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const reply = await worker("/internal/task-claim", { task_id: taskId, worker_id: "sdk-ts-test" });
        if (reply.claimed) return reply.task as Json;
        if (Date.now() >= deadline) throw new Error(`task ${taskId} not claimed: ${String(reply.reason)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async task(taskId) {
      return (await admin("/trace.dispatcher.v1.AdminService/GetTask", { task_id: taskId })).task as Json;
    },
    async cancel(taskId) {
      await admin("/v1/admin/tasks/cancel", { task_id: taskId, reason: "sdk test" });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end(); // the launcher stops the Dispatcher and drops its database
      await exited;
    },
  };
}

/** Polls until `check` returns a truthy value; the deadline only bounds a hang (no timing assertion). */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached before the deadline");
    await new Promise((r) => setTimeout(r, 100));
  }
}
