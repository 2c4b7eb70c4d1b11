// What `start` runs (src/cli/commands/start.ts holds its name and help): the Dispatcher end to end
// on embedded defaults: PGlite on disk, the local invoker running the real runner, an embedded
// S3-compatible store, a generated ES256 keyring and the Query Service (verifying tokens through
// the Dispatcher's JWKS), all under .data/. Runs the sample DAG with visible progress, then keeps
// serving (`--once`: exit 0 when the DAG completed, 1 otherwise).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createKeyring, writeKeyringFile } from "../../auth/index.js";
import { loadConfig } from "../../app/config.js";
import { LOCAL_RUN_SHUTDOWN_GRACE_MS, startDispatcherApp, type DispatcherApp } from "../../app/app.js";
import type { BundleStore } from "../../bundle/publish.js";
import { isTerminal, sampleDagProgress, startSampleDag, transformRowsRead, type DagProgress } from "../../demo/sample-dag.js";
import { createLogger } from "../../log/logger.js";
import { startLocalS3 } from "../../objectstore/local-s3.js";
import { createS3Client } from "../../objectstore/s3.js";
import { startQueryService, type QueryServiceApp } from "../../query/app.js";
import { loadQueryConfig } from "../../query/config.js";
import { writeLocalInstance } from "../admin/instance.js";
import { listenForShutdown, type ShutdownRequest } from "../shutdown.js";

const DAG_TIMEOUT_MS = 120_000;

/** `start`: see start.ts. Loaded only when the command runs, so --help stays light. */
export async function runStart(args: readonly string[]): Promise<number> {
  const once = args.includes("--once");
  const shutdown = listenForShutdown();
  const dataDir = resolve(process.env.TRACE_DATA_DIR ?? ".data");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const say = (line: string) => process.stdout.write(`${line}\n`);

  // Development credentials, created once and kept with the data so a restart reuses them.
  const s3Credentials = { accessKeyId: "trace-local", secretAccessKey: persistentSecret(join(dataDir, "s3-secret")) };
  const adminToken = persistentSecret(join(dataDir, "admin-token"));
  const workerToken = persistentSecret(join(dataDir, "worker-token"));
  const jwksFile = join(dataDir, "task-jwks.json");
  if (!existsSync(jwksFile)) writeKeyringFile(jwksFile, await createKeyring());

  const store = await startLocalS3({ credentials: s3Credentials, dataDir: join(dataDir, "s3") });
  const config = loadConfig(
    { ...process.env, TRACE_TASK_JWKS_FILE: process.env.TRACE_TASK_JWKS_FILE ?? jwksFile },
    {
      pgliteDir: join(dataDir, "pglite"),
      adminTokens: { secrets: [adminToken] },
      workerTokens: { secrets: [workerToken] },
      workerId: `dispatcher:local:${process.pid}`,
    },
  );
  const bundleClient = createS3Client({ region: config.region, endpoint: store.url, credentials: s3Credentials });
  // Quiet the JSON logs on the console unless asked: the progress lines are the interface here.
  const logLevel = process.env.LOG_LEVEL === undefined ? "warn" : config.logLevel;
  const logger = createLogger({ level: logLevel, base: { service: "trace-dispatcher" } });
  // The runners' environment, read at each spawn: TRACE_QUERY_URL is filled in once the Query
  // Service (which needs the Dispatcher's JWKS URL) listens.
  const runnerEnv: Record<string, string> = {};
  let app: DispatcherApp;
  try {
    app = await startDispatcherApp(config, { bundleStore: bundleClient, logger, localRunnerEnv: runnerEnv });
  } catch (error) {
    await store.close();
    throw error;
  }
  let query: QueryServiceApp | undefined;
  try {
    query = await startQueryService(
      loadQueryConfig({
        ...process.env,
        TRACE_QUERY_JWKS_URL: `${app.url}/internal/jwks/task`,
        TRACE_QUERY_HOST: process.env.TRACE_QUERY_HOST ?? config.host,
        TRACE_QUERY_PORT: process.env.TRACE_QUERY_PORT ?? "0",
        TRACE_QUERY_WORK_DIR: process.env.TRACE_QUERY_WORK_DIR ?? join(dataDir, "query"),
        LOG_LEVEL: logLevel,
      }),
      // The embedded store's own credentials: the service reads datasets as itself, never as the task.
      { s3: bundleClient, logger: logger.child({ service: "trace-query" }) },
    );
    runnerEnv.TRACE_QUERY_URL = query.url;
    // The admin CLI (jobs, tasks, bundles, outbox) finds this instance through this file.
    writeLocalInstance(dataDir, {
      url: app.url,
      s3_endpoint: store.url,
      s3_access_key_id: s3Credentials.accessKeyId,
      bundle_bucket: config.bundles.bucket,
      bundle_prefix: config.bundles.prefix,
      region: config.region,
    });
    return await runSampleDag(app, {
      once,
      shutdown,
      say,
      dataDir,
      storeUrl: store.url,
      queryUrl: query.url,
      bundleStore: { client: bundleClient, bucket: config.bundles.bucket, prefix: config.bundles.prefix },
    });
  } finally {
    if (shutdown.isRequested()) say(`Stopping: runs still going get ${LOCAL_RUN_SHUTDOWN_GRACE_MS / 1000} s to finish, then their leases are released (the attempt is not spent).`);
    // The Dispatcher first: its runs may still query while they get their grace period.
    await app.stop();
    await query?.stop();
    await store.close();
  }
}

interface SampleRun {
  once: boolean;
  shutdown: ShutdownRequest;
  say: (line: string) => void;
  dataDir: string;
  storeUrl: string;
  queryUrl: string;
  bundleStore: BundleStore;
}

/** Publishes the sample bundles, runs the DAG with progress lines; unless --once, serves until a stop request. */
async function runSampleDag(app: DispatcherApp, { once, shutdown, say, dataDir, storeUrl, queryUrl, bundleStore }: SampleRun): Promise<number> {
  say(`Trace Dispatcher listening on ${app.url} (database: ${app.db.kind}, invoker: local, S3: ${storeUrl})`);
  say(`  console: ${app.url}/console/   admin token: ${join(dataDir, "admin-token")}   JWKS: ${app.url}/internal/jwks/task   metrics: ${app.url}/metrics`);
  say(`Query Service listening on ${queryUrl} (POST /v1/task/query; metrics: ${queryUrl}/metrics)`);
  const dataDirNote = process.env.TRACE_DATA_DIR ? `TRACE_DATA_DIR=${process.env.TRACE_DATA_DIR} ` : "";
  say(`  push your own bundle: ${dataDirNote}npx tsx src/cli/main.ts bundles push <dir> --runtime node --entrypoint index.js`);
  say(`  then: npx tsx src/cli/main.ts jobs list | tasks list | tasks show <id> | outbox list`);

  const since = new Date(Date.now() - 1000);
  const dag = await startSampleDag(app.ctx, bundleStore, since.toISOString(), { client: bundleStore.client });
  say(`Sample DAG "demo": extract (node, publishes a Parquet version) → dataset events → transform (python, reads it via /v1/task/query)`);
  const finished = await followProgress(() => sampleDagProgress(app.ctx, dag, since), say, shutdown);
  if (shutdown.isRequested()) return 1;
  const ok = finished.extract?.state === "COMPLETED" && finished.transform?.state === "COMPLETED";
  const rowsRead = ok && finished.transform ? await transformRowsRead(app.ctx, finished.transform.taskId) : undefined;
  say(
    ok
      ? `Sample DAG completed: transform ran on extract's event and read ${rowsRead ?? "?"} rows through the Query Service.`
      : "Sample DAG did not complete.",
  );
  if (!once) {
    say("Serving; Ctrl-C to stop.");
    await shutdown.requested;
  }
  return ok ? 0 : 1;
}

/** Prints each state change of the two tasks until both are terminal (or the DAG times out). */
async function followProgress(read: () => Promise<DagProgress>, say: (line: string) => void, shutdown: ShutdownRequest): Promise<DagProgress> {
  const seen = new Map<string, string>();
  const deadline = Date.now() + DAG_TIMEOUT_MS;
  for (;;) {
    const progress = await read();
    for (const [name, task] of Object.entries(progress)) {
      if (!task) continue;
      const state = `${task.state}${task.state === "FAILED" && task.nextRetryAt ? " (retry scheduled)" : ""} attempt ${task.attempt}`;
      if (seen.get(name) !== state) {
        seen.set(name, state);
        say(`  ${name.padEnd(9)} ${task.taskId}  ${state}${task.lastError ? `  error: ${task.lastError}` : ""}`);
      }
    }
    const extractDone = isTerminal(progress.extract);
    if ((extractDone && progress.extract?.state !== "COMPLETED") || (isTerminal(progress.transform) && extractDone)) return progress;
    if (Date.now() > deadline || shutdown.isRequested()) return progress;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function persistentSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const secret = randomBytes(24).toString("base64url");
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
