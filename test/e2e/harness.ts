// End-to-end environment on real components: the whole Dispatcher (startDispatcherApp, configured
// the way `serve` is, from environment-style config) on a fresh real Postgres database, moto as
// the S3-compatible bundle store, and the fake Lambda service (real REST wire API) whose function
// runs the *packaged* runner handler: dist/runner.zip from `npm run build:runner`, unpacked into a
// private directory as Lambda would, and imported from there.
//
// Real Postgres and moto are required when CI is set; locally a missing one skips the suite.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { unzipSync } from "fflate";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { startDispatcherApp, type DispatcherApp } from "../../src/app/app.js";
import { loadConfig } from "../../src/app/config.js";
import { createKeyring } from "../../src/auth/index.js";
import { buildBundle, type BuildBundleOptions, type BundleSourceFiles } from "../../src/bundle/index.js";
import { publishBundle } from "../../src/bundle/publish.js";
import { configureEventInvoke, type LambdaTarget } from "../../src/invoke/lambda.js";
import type { Invoker } from "../../src/invoke/outcome.js";
import { createTask, getTask, registerBundle, registerJob, type Attempt, type Job, type JobDefinition, type Task } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { bundleKey, createS3Client, putObject } from "../../src/objectstore/s3.js";
import { buildRunnerLambda } from "../../src/runner/build-lambda.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { startFakeLambda, type FakeLambda } from "../support/fake-lambda.js";
import { motoUnavailableReason, startMotoServer, type MotoServer } from "../support/moto.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const EXAMPLES = join(REPO_ROOT, "examples/bundles");
export const FUNCTION_NAME = "trace-runner";
export const BUNDLE_BUCKET = "trace-e2e-bundles";
export const BUNDLE_PREFIX = "bundles";
export const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
export const REGION = "us-east-1";
/** Event age the runner's event-invoke config is set to, and the app requires at start-up. */
export const MAX_EVENT_AGE_SECONDS = 60;
/** Runner heartbeat period: short, so cancellation and fencing show up quickly. */
export const HEARTBEAT_MS = 250;

/** Why the suite cannot run here (locally only; CI fails instead), or null. */
export function e2eUnavailableReason(): string | null {
  const pg = postgresServerUrl();
  if (!pg) return "TEST_DATABASE_URL unset (start one: eval \"$(scripts/ci/start-postgres.sh)\")";
  return motoUnavailableReason();
}

// ---------------------------------------------------------------------------------------------
// The packaged runner handler

export type RunnerHandler = (event: unknown, context?: { getRemainingTimeInMillis?: () => number }) => Promise<unknown>;

export interface PackagedRunner {
  handler: RunnerHandler;
  /** The unpacked function directory (contains index.mjs). */
  functionDir: string;
}

/**
 * Builds dist/runner.zip (`npm run build:runner`) and unpacks it into a private function
 * directory. The e2e files of one vitest run share one build: the first to take the lock builds
 * and snapshots the zip (atomic rename), the others unpack that snapshot. Other suites may build
 * the same zip concurrently; a torn read shows up as a zip that does not open, so build again.
 */
export async function loadPackagedRunner(): Promise<PackagedRunner> {
  const snapshot = join(tmpdir(), `trace-e2e-runner-${process.ppid}.zip`);
  const lock = `${snapshot}.lock`;
  let lastError: unknown;
  for (let tries = 0; tries < 5; tries++) {
    try {
      const zip = await withDirLock(lock, async () => {
        if (existsSync(snapshot)) return readFileSync(snapshot);
        const built = await buildRunnerLambda();
        const bytes = readFileSync(built.zipFile);
        unzipSync(new Uint8Array(bytes)); // opens: not torn
        writeFileSync(`${snapshot}.tmp`, bytes);
        renameSync(`${snapshot}.tmp`, snapshot);
        return bytes;
      });
      const files = unzipSync(new Uint8Array(zip));
      const code = files["index.mjs"];
      if (!code || Object.keys(files).length !== 1) throw new Error("runner zip must hold exactly index.mjs");
      const functionDir = mkdtempSync(join(tmpdir(), "trace-e2e-fn-"));
      writeFileSync(join(functionDir, "index.mjs"), code);
      const module = (await import(pathToFileURL(join(functionDir, "index.mjs")).href)) as { handler?: RunnerHandler };
      if (typeof module.handler !== "function") throw new Error("index.mjs does not export handler");
      return { handler: module.handler, functionDir };
    } catch (error) {
      lastError = error;
      rmSync(snapshot, { force: true });
      await new Promise((r) => setTimeout(r, 200 * (tries + 1)));
    }
  }
  throw new Error(`could not load the packaged runner: ${String(lastError)}`);
}

/** A cross-process lock: mkdir is atomic. A lock older than a minute is a crashed holder's. */
async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch {
      try {
        if (Date.now() - statSync(dir).mtimeMs > 60_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The Rust sample

/** Builds examples/bundles/rust with cargo (target dir cached under ~/.cargo); returns the bootstrap bytes. */
export async function buildRustSample(): Promise<Uint8Array> {
  const cargoHome = process.env.CARGO_HOME ?? join(homedir(), ".cargo");
  const cargo = existsSync(join(cargoHome, "bin", "cargo")) ? join(cargoHome, "bin", "cargo") : "cargo";
  const targetDir = join(cargoHome, "target-trace-examples");
  await new Promise<void>((resolveBuild, reject) => {
    const child = spawn(cargo, ["build", "--release", "--locked", "--offline", "--manifest-path", join(EXAMPLES, "rust/Cargo.toml")], {
      env: { ...process.env, CARGO_TARGET_DIR: targetDir },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolveBuild() : reject(new Error(`cargo build failed (${String(code)}): ${stderr}`))));
  });
  return new Uint8Array(readFileSync(join(targetDir, "release", "bootstrap")));
}

// ---------------------------------------------------------------------------------------------
// The environment

export interface HandlerRun {
  event: Record<string, unknown>;
  result: unknown;
}

/** What the fake Lambda does with an Event invoke of the runner function. */
export type InvokeBehaviour = (event: Record<string, unknown>) => Promise<unknown>;

export interface E2eEnvironment {
  app: DispatcherApp;
  lambda: FakeLambda;
  s3: S3Client;
  runner: PackagedRunner;
  admin: Client<typeof AdminService>;
  /** Every completed run of the packaged handler, in completion order. */
  runs: HandlerRun[];
  /** Replaces what the function does (default: run the packaged handler). */
  behaviour: InvokeBehaviour;
  /** Runs the packaged handler on an event and records the run. */
  runHandler(event: Record<string, unknown>): Promise<unknown>;
  /** Builds (in memory or from a directory), uploads and registers a bundle. */
  addBundle(source: string | BundleSourceFiles, options: BuildBundleOptions): Promise<{ sha256: string; storageUri: string }>;
  /** Uploads raw zip bytes under the content-addressed key of `claimedSha256` and registers them so. */
  addRawBundle(zip: Uint8Array, claimedSha256: string, runtime?: string): Promise<{ sha256: string; storageUri: string }>;
  addJob(def: Partial<JobDefinition> & { bundleSha256: string }): Promise<Job>;
  createTask(jobId: string, inputs?: Parameters<typeof createTask>[1]["inputs"]): Promise<Task>;
  task(taskId: string): Promise<{ task: Task; attempts: Attempt[] }>;
  /** Waits until the task is terminal (COMPLETED, CANCELED, or FAILED without a retry). */
  settled(taskId: string, timeoutMs?: number): Promise<{ task: Task; attempts: Attempt[] }>;
  invokesOf(taskId: string): { invocationType: string | null; payload: Record<string, unknown> }[];
  /** The Dispatcher's log lines (JSON), debug level included. */
  logLines: string[];
  /** TaskService calls the Dispatcher served so far, on either path (Connect or contract). */
  servedCalls(method: "Heartbeat" | "Complete"): number;
  stop(): Promise<void>;
}

export interface E2eOptions {
  /** Replaces the configured Lambda invoker (e.g. a different function name). */
  invoker?: (dispatcherUrl: string) => Invoker;
}

export interface SharedServices {
  moto: MotoServer;
  lambda: FakeLambda;
  runner: PackagedRunner;
  s3: S3Client;
  workRoot: string;
  stop(): Promise<void>;
}

/** The services a test file shares: moto with the bundle bucket, the fake Lambda, the packaged runner. */
export async function startSharedServices(): Promise<SharedServices> {
  // The SDK clients (Lambda, S3) use the default credential chain, as `serve` does in production.
  process.env.AWS_ACCESS_KEY_ID = "AKIDE2ETESTS";
  process.env.AWS_SECRET_ACCESS_KEY = "e2e-secret";
  process.env.AWS_REGION = REGION;
  const [moto, lambda, runner] = await Promise.all([startMotoServer(), startFakeLambda(), loadPackagedRunner()]);
  const s3 = createS3Client({ region: REGION, endpoint: moto.endpoint, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUNDLE_BUCKET }));
  const workRoot = mkdtempSync(join(tmpdir(), "trace-e2e-work-"));
  // The runner's configuration is the Lambda function's environment.
  process.env.TRACE_RUNNER_HEARTBEAT_MS = String(HEARTBEAT_MS);
  process.env.TRACE_RUNNER_WORK_ROOT = workRoot;
  process.env.TRACE_RUNNER_KILL_GRACE_MS = "200";
  process.env.TRACE_RUNNER_TIMEOUT_MS = "60000";
  return {
    moto,
    lambda,
    runner,
    s3,
    workRoot,
    stop: async () => {
      await lambda.idle();
      await lambda.close();
      s3.destroy();
      await moto.stop();
      rmSync(runner.functionDir, { recursive: true, force: true });
      rmSync(workRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a Dispatcher on a fresh Postgres database against the shared services. Only one
 * environment per shared services may be live at a time (the function's handler is rebound).
 */
export async function startEnvironment(shared: SharedServices, options: E2eOptions = {}): Promise<E2eEnvironment> {
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is required");
  const database = await createFreshPostgresDatabase(serverUrl);
  const { lambda, s3, runner } = shared;

  const target: LambdaTarget = { functionName: FUNCTION_NAME, region: REGION, endpoint: lambda.url };
  const runs: HandlerRun[] = [];
  const runHandler = async (event: Record<string, unknown>): Promise<unknown> => {
    const result = await runner.handler(event, { getRemainingTimeInMillis: () => 900_000 });
    runs.push({ event, result });
    return result;
  };
  const env = { behaviour: runHandler } as { behaviour: InvokeBehaviour };
  lambda.addFunction(FUNCTION_NAME, (event) => env.behaviour(event as Record<string, unknown>));
  // The Dispatcher refuses to start against a runner Lambda would retry on its own.
  await configureEventInvoke(target, { maximumRetryAttempts: 0, maximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS });

  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: database.url,
    AWS_REGION: REGION,
    TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
    TRACE_TOKEN_ISSUER: "https://dispatcher.e2e.test",
    TRACE_ADMIN_TOKENS: ADMIN_TOKEN,
    TRACE_INVOKER: "lambda",
    TRACE_LAMBDA_FUNCTION: FUNCTION_NAME,
    TRACE_LAMBDA_ENDPOINT: lambda.url,
    TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: String(MAX_EVENT_AGE_SECONDS),
    TRACE_BUNDLE_BUCKET: BUNDLE_BUCKET,
    TRACE_BUNDLE_PREFIX: BUNDLE_PREFIX,
    TRACE_S3_ENDPOINT: shared.moto.endpoint,
    DISPATCHER_WORKER_ID: `lambda:${FUNCTION_NAME}`,
    DISPATCHER_SHUTDOWN_TIMEOUT_MS: "5000",
    LOG_LEVEL: "debug",
  });
  const logLines: string[] = [];
  const app = await startDispatcherApp(config, {
    // Kept in memory (tests read the per-request lines), never printed.
    logger: createLogger({ level: "debug", base: { service: "trace-dispatcher" }, write: (line) => logLines.push(line) }),
    ...(options.invoker ? { invoker: options.invoker } : {}),
    dispatcher: { acquireIntervalMs: 100, drainIntervalMs: 100, reapIntervalMs: 100, retryIntervalMs: 100 },
  });
  process.env.TRACE_DISPATCHER_URL = app.publicUrl;

  const bearer: Interceptor = (next) => (request) => {
    request.header.set("Authorization", `Bearer ${ADMIN_TOKEN}`);
    return next(request);
  };
  const admin = createClient(
    AdminService,
    createConnectTransport({ baseUrl: app.url, httpVersion: "1.1", useBinaryFormat: false, interceptors: [bearer] }),
  );
  const store = { client: s3, bucket: BUNDLE_BUCKET, prefix: BUNDLE_PREFIX };

  const register = async (bundle: { sha256: string; storageUri: string; sizeBytes: number; runtime: string }) => {
    const registered = await registerBundle(app.ctx, bundle);
    if (!registered.ok) throw new Error(`registerBundle: ${registered.reason} ${registered.message ?? ""}`);
    return { sha256: bundle.sha256, storageUri: bundle.storageUri };
  };

  const task = async (taskId: string) => {
    const found = await getTask(app.ctx, taskId);
    if (!found) throw new Error(`task ${taskId} not found`);
    return found;
  };

  return Object.assign(env, {
    app,
    lambda,
    s3,
    runner,
    admin,
    runs,
    runHandler,
    logLines,
    servedCalls: (method: "Heartbeat" | "Complete") => {
      const paths = [`/trace.dispatcher.v1.TaskService/${method}`, `/v1/task/${method.toLowerCase()}`];
      return logLines.filter((line) => {
        const entry = JSON.parse(line) as { msg?: string; path?: string };
        return entry.msg === "http request" && paths.includes(entry.path ?? "");
      }).length;
    },
    addBundle: async (source: string | BundleSourceFiles, buildOptions: BuildBundleOptions) => {
      if (typeof source === "string") return register(await publishBundle(store, source, buildOptions));
      const built = await buildBundle(source, buildOptions);
      const key = bundleKey(BUNDLE_PREFIX, built.sha256);
      await putObject(s3, { bucket: BUNDLE_BUCKET, key }, built.zip);
      return register({ sha256: built.sha256, storageUri: `s3://${BUNDLE_BUCKET}/${key}`, sizeBytes: built.zip.byteLength, runtime: built.manifest.runtime });
    },
    addRawBundle: async (zip: Uint8Array, claimedSha256: string, runtime = "node") => {
      const key = bundleKey(BUNDLE_PREFIX, claimedSha256);
      await putObject(s3, { bucket: BUNDLE_BUCKET, key }, zip);
      return register({ sha256: claimedSha256, storageUri: `s3://${BUNDLE_BUCKET}/${key}`, sizeBytes: zip.byteLength, runtime });
    },
    addJob: async (def: Partial<JobDefinition> & { bundleSha256: string }) => {
      const result = await registerJob(app.ctx, {
        dagName: "e2e",
        name: `job_${Math.random().toString(36).slice(2, 10)}`,
        runtime: "lambda",
        operator: "sample",
        orgId: "org-e2e",
        leaseTtlSeconds: 30,
        timeoutSeconds: 120,
        retryBaseSeconds: 1,
        retryMaxSeconds: 2,
        ...def,
      });
      if (!result.ok) throw new Error(`registerJob: ${result.reason} ${result.message ?? ""}`);
      return result.job;
    },
    createTask: async (jobId: string, inputs: Parameters<typeof createTask>[1]["inputs"] = []) => {
      const created = await createTask(app.ctx, { jobId, inputs });
      if (!created.ok) throw new Error(`createTask: ${created.reason} ${created.message ?? ""}`);
      return created.task;
    },
    task,
    settled: async (taskId: string, timeoutMs = 30_000) => {
      let last: { task: Task; attempts: Attempt[] } | undefined;
      await eventually(async () => {
        last = await task(taskId);
        return isTerminal(last.task);
      }, `task ${taskId} to finish`, timeoutMs).catch((error: unknown) => {
        throw new Error(`${String(error)}; last state ${JSON.stringify(last?.task.state)} attempt ${String(last?.task.attempt)} error ${String(last?.task.lastError)}`);
      });
      // Let the handler run that finished the task record its result before callers look.
      await lambda.idle();
      return last as { task: Task; attempts: Attempt[] };
    },
    invokesOf: (taskId: string) =>
      lambda.invokes
        .map((invoke) => ({ invocationType: invoke.invocationType, payload: JSON.parse(invoke.body) as Record<string, unknown> }))
        .filter((invoke) => invoke.payload.task_id === taskId),
    stop: async () => {
      await lambda.idle();
      await app.stop();
      await database.drop();
    },
  }) as E2eEnvironment;
}

export function isTerminal(task: Task): boolean {
  return task.state === "COMPLETED" || task.state === "CANCELED" || (task.state === "FAILED" && !task.nextRetryAt);
}

export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened within ${timeoutMs} ms: ${what}`);
}

/** The Connect error code name and ErrorDetail-free message of a failed admin call. */
export function connectCode(error: unknown): string {
  return Code[ConnectError.from(error).code];
}

/** Dataset events recorded for a producing task: "dataset_uuid@cursor" strings. */
export async function eventsOf(app: DispatcherApp, taskId: string): Promise<string[]> {
  const rows = await app.db.query(`SELECT dataset_uuid, cursor, attempt FROM task_events WHERE producer_task_id = $1 ORDER BY id`, [taskId]);
  return rows.map((r) => `${String(r.dataset_uuid)}@${String(r.cursor)}#${String(r.attempt)}`);
}

/** Named outputs recorded for a task's attempts. */
export async function outputsOf(app: DispatcherApp, taskId: string): Promise<Record<string, unknown>[]> {
  return app.db.query(`SELECT attempt, name, value FROM task_outputs WHERE task_id = $1 ORDER BY attempt, name`, [taskId]);
}

/** Lease tokens each attempt was given (attempt history keeps them). */
export async function attemptLeaseTokens(app: DispatcherApp, taskId: string): Promise<string[]> {
  const rows = await app.db.query(`SELECT lease_token FROM task_attempts WHERE task_id = $1 ORDER BY attempt`, [taskId]);
  return rows.map((r) => String(r.lease_token));
}
