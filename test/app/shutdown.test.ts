// Graceful shutdown with the local invoker (issue: Ctrl-C on `npm start` while a local task runs
// spent an attempt, later shown `timed_out`). A real Dispatcher app with the real runner: a run
// that finishes inside the grace period completes; one still going after it is stopped and its
// lease released, so the task is QUEUED again and the attempt is not spent.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDispatcherApp } from "../../src/app/app.js";
import { loadConfig } from "../../src/app/config.js";
import { createKeyring } from "../../src/auth/index.js";
import { publishBundle } from "../../src/bundle/publish.js";
import { openDatabase } from "../../src/db/index.js";
import { createLifecycleContext, createTask, getTask, registerBundle, registerJob, type LifecycleContext } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { startLocalS3, type LocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client } from "../../src/objectstore/s3.js";
import { createFreshPostgresDatabase } from "../support/fresh-database.js";

const credentials = { accessKeyId: "trace-test", secretAccessKey: randomBytes(24).toString("base64url") };
let store: LocalS3;
let dir: string;
let database: { url: string; drop(): Promise<void> } | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shutdown-"));
  store = await startLocalS3({ credentials });
  if (process.env.TEST_DATABASE_URL) database = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL);
});
afterAll(async () => {
  await store?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function sleeperJob(ctx: LifecycleContext, bundles: Parameters<typeof publishBundle>[0], sleepMs: number): Promise<string> {
  const source = join(dir, `sleep-${sleepMs}`);
  await mkdir(source);
  // The entrypoint leaves its pid behind, so the test can tell whether it outlived the shutdown.
  const code = `import { writeFileSync } from "node:fs";
writeFileSync(${JSON.stringify(join(dir, `sleep-${sleepMs}.pid`))}, String(process.pid));
setTimeout(() => console.log(JSON.stringify({ outputs: [] })), ${sleepMs});`;
  await writeFile(join(source, "main.mjs"), code);
  const bundle = await publishBundle(bundles, source, { runtime: "node", entrypoint: "main.mjs" });
  await registerBundle(ctx, bundle);
  const job = await registerJob(ctx, {
    dagName: "shutdown",
    name: `sleep-${sleepMs}-${randomUUID().slice(0, 8)}`,
    runtime: "lambda",
    operator: "sleep",
    orgId: "test",
    bundleSha256: bundle.sha256,
    leaseTtlSeconds: 30,
    timeoutSeconds: 120,
    maxAttempts: 1,
  });
  if (!job.ok) throw new Error(`registerJob: ${job.reason}`);
  const task = await createTask(ctx, { jobId: job.job.jobId });
  if (!task.ok) throw new Error(`createTask: ${task.reason}`);
  return task.task.taskId;
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("lets runs finish within the grace period and releases the rest without spending the attempt", async () => {
  const config = loadConfig({
    PORT: "0",
    TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
    ...(database ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: join(dir, "pglite") }),
  });
  const bundleClient = createS3Client({ region: config.region, endpoint: store.url, credentials });
  const app = await startDispatcherApp(config, { bundleStore: bundleClient, localRunGraceMs: 4000, logger: createLogger({ level: "error" }) });
  let stopped = false;
  try {
    const bundles = { client: bundleClient, bucket: config.bundles.bucket, prefix: config.bundles.prefix };
    const quick = await sleeperJob(app.ctx, bundles, 1500);
    const slow = await sleeperJob(app.ctx, bundles, 30_000);
    // Both entrypoints are running.
    await until(async () => existsSync(join(dir, "sleep-1500.pid")) && existsSync(join(dir, "sleep-30000.pid")));
    const began = Date.now();
    await app.stop();
    stopped = true;
    // Bounded: the grace period plus the runner's kill grace, not the slow bundle's 30 s.
    expect(Date.now() - began).toBeLessThan(15_000);
    // The runner took its entrypoint's process group down with it: nothing is left running.
    const slowPid = Number(await readFile(join(dir, "sleep-30000.pid"), "utf8"));
    expect(() => process.kill(slowPid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));

    // The app closed its database; read what it left behind through a new connection.
    const db = await openDatabase({ ...(database ? { url: database.url } : { dataDir: join(dir, "pglite") }), migrate: false });
    try {
      const ctx = createLifecycleContext(db);
      const finished = await getTask(ctx, quick);
      expect(finished?.task).toMatchObject({ state: "COMPLETED", attempt: 1 });
      const released = await getTask(ctx, slow);
      expect(released?.task).toMatchObject({ state: "QUEUED", attempt: 2, maxAttempts: 2 });
      expect(released?.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, "released"]]);
      expect(await app.metrics.render()).toMatch(/^trace_attempts_finished_total\{outcome="released"\} 1$/m);
    } finally {
      await db.close();
    }
  } finally {
    if (!stopped) await app.stop();
  }
});
