// A real Dispatcher HTTP server built with createApiServices over a real database (PGlite or
// Postgres), with a controllable clock shared by the lifecycle, the token minter and the verifier,
// plus small helpers that speak the contract over plain HTTP/JSON (what a runner or curl sends).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { loadKeyring, type TaskTokenKeyring } from "../../src/auth/keyring.js";
import { createTaskTokenVerifier, mintTaskToken, TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { createStsCredentialsIssuer, type TaskCredentialsIssuer } from "../../src/credentials/index.js";
import type { Database } from "../../src/db/index.js";
import type { InvocationBuilder } from "../../src/invoke/payload.js";
import { createLifecycleContext, type LifecycleContext } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { MetricsRegistry } from "../../src/metrics/registry.js";
import { startLocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client, parseS3Uri, putObject } from "../../src/objectstore/s3.js";
import { createApiServices } from "../../src/rpc/api.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import { createSecretSet, type SecretSet } from "../../src/security/secret-set.js";
import { createDispatcherServer, type DispatcherServer } from "../../src/server/http.js";
import { afterEach, beforeAll, beforeEach } from "vitest";
import type { TestBackend } from "../support/databases.js";
import { bundleUrlLifetime } from "../../src/invoke/bundle-url.js";
import { truncateAll } from "../support/databases.js";
import { ManualClock } from "../support/lifecycle.js";
import { reasonOf, type ConnectErrorBody } from "../rpc/harness.js";

export const ISSUER = "https://dispatcher.api.test";
export const ADMIN_TOKEN = "admin-token-0123456789abcdef";
export const WORKER_TOKEN = "worker-token-0123456789abcdef";
export const BUNDLE_SHA = "b".repeat(64);
export const ORG_ID = "org-7";
export const READ_PREFIX = "s3://data-bucket/datasets/in/";
export const WRITE_PREFIX = "s3://out-bucket/tasks/out/";

export interface Reply {
  status: number;
  json: Record<string, unknown>;
  /** The ErrorDetail reason of an error reply. */
  reason: string | undefined;
  /** The Connect error code of an error reply. */
  code: string | undefined;
}

export interface ApiServer {
  url: string;
  db: Database;
  ctx: LifecycleContext;
  clock: ManualClock;
  keyring: TaskTokenKeyring;
  metrics: MetricsRegistry;
  logLines: Record<string, unknown>[];
  rawLog: string[];
  workerTokens: SecretSet;
  workerTokenFile: string;
  server: DispatcherServer;
  close(): Promise<void>;
  /** Uploads bytes to the embedded bundle store (RegisterBundle HEADs the object). */
  putObject(uri: string, bytes: number): Promise<void>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<Reply>;
  admin(path: string, body: unknown): Promise<Reply>;
  adminGet(pathAndQuery: string): Promise<Reply>;
  worker(path: string, body: unknown): Promise<Reply>;
  task(path: string, token: string, body: unknown): Promise<Reply>;
}

export interface ApiServerOptions {
  /** STS endpoint for /v1/task/credentials; default an address nothing listens on. */
  stsEndpoint?: string;
  /** The keyring's private JWKs (first signs); default one fresh key. */
  keys?: readonly unknown[];
  /** Start the clock here (ms since the epoch); default now, in whole seconds. */
  clockStartMs?: number;
}

/** Starts the server; the database must be freshly opened (empty tables). */
/**
 * The usual suite set-up: one database per file, emptied before each test, and a fresh API server
 * per test. `use` receives both whenever they change.
 */
export function useApiServer(backend: TestBackend, use: (db: Database, api: ApiServer) => void, options: ApiServerOptions = {}): void {
  let db: Database;
  let api: ApiServer;
  beforeAll(async () => {
    db = await backend.open();
  });
  beforeEach(async () => {
    await truncateAll(db);
    api = await startApiServer(db, options);
    use(db, api);
  });
  afterEach(async () => {
    await api.close();
  });
}

export async function startApiServer(db: Database, options: ApiServerOptions = {}): Promise<ApiServer> {
  // Whole seconds: tokens carry NumericDate seconds, and a fractional clock would make iat
  // comparisons depend on rounding.
  const clock = new ManualClock(options.clockStartMs ?? Math.floor(Date.now() / 1000) * 1000);
  const ctx = createLifecycleContext(db, { clock, random: () => 0.5 });
  const keys = options.keys ?? [await generateSigningKey({ kid: "api-test-1" })];
  const keyring = await loadKeyring({ jwksJson: JSON.stringify({ keys }) });
  const verifier = createTaskTokenVerifier({ issuer: ISSUER, keys: keyring.verificationKeys, now: () => clock.now() });
  // The embedded S3-compatible store: RegisterBundle checks bundle objects exist (HEAD).
  const bundleCredentials = { accessKeyId: "AKIDBUNDLES", secretAccessKey: "bundle-secret" };
  const store = await startLocalS3({ credentials: bundleCredentials });
  const bundleStore = createS3Client({ region: "us-east-1", endpoint: store.url, credentials: bundleCredentials });
  const invocationBuilder: InvocationBuilder = { keyring, issuer: ISSUER, bundleStore, bundleUrl: bundleUrlLifetime(120, 3600), clock };
  const credentialsIssuer: TaskCredentialsIssuer = createStsCredentialsIssuer({
    roleArn: "arn:aws:iam::123456789012:role/trace-task",
    region: "us-east-1",
    endpoint: options.stsEndpoint ?? "http://127.0.0.1:9",
    credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
    maxAttempts: 1,
    now: () => clock.now(),
  });
  const dir = mkdtempSync(join(tmpdir(), "trace-api-"));
  const workerTokenFile = join(dir, "worker-tokens");
  writeFileSync(workerTokenFile, `# accepted worker tokens\n${WORKER_TOKEN}\n`);
  const workerTokens = createSecretSet({ file: workerTokenFile });
  const logLines: Record<string, unknown>[] = [];
  const rawLog: string[] = [];
  const logger = createLogger({
    level: "debug",
    write: (line) => {
      rawLog.push(line);
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const metrics = new MetricsRegistry();
  const api = createApiServices({
    ctx,
    verifier,
    invocationBuilder,
    credentialsIssuer,
    workerTokens,
    adminTokens: createSecretSet({ secrets: [ADMIN_TOKEN] }),
    logger,
    metrics,
  });
  const server = createDispatcherServer({ ...api, logger, shutdownGraceMs: 1_000 });
  const { url } = await server.listen("127.0.0.1", 0);

  const send = async (method: "GET" | "POST", path: string, body: unknown, headers: Record<string, string>): Promise<Reply> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: method === "POST" ? { "content-type": "application/json", ...headers } : headers,
      ...(method === "POST" ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const json = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    const error = response.status === 200 ? undefined : (json as unknown as ConnectErrorBody);
    return { status: response.status, json, reason: error ? reasonOf(error) : undefined, code: error?.code };
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => send("POST", path, body, headers);
  const get = (path: string, headers: Record<string, string> = {}) => send("GET", path, undefined, headers);

  return {
    url,
    db,
    ctx,
    clock,
    keyring,
    metrics,
    logLines,
    rawLog,
    workerTokens,
    workerTokenFile,
    server,
    close: async () => {
      await server.close();
      credentialsIssuer.close();
      bundleStore.destroy();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    putObject: (uri, bytes) => putObject(bundleStore, parseS3Uri(uri), new Uint8Array(bytes)),
    post,
    get,
    admin: (path, body) => post(path, body, { authorization: `Bearer ${ADMIN_TOKEN}` }),
    adminGet: (path) => get(path, { authorization: `Bearer ${ADMIN_TOKEN}` }),
    worker: (path, body) => post(path, body, { [WORKER_TOKEN_HEADER]: WORKER_TOKEN }),
    task: (path, token, body) => post(path, body, { [TASK_CAPABILITY_HEADER]: token }),
  };
}

/** A leased attempt as a runner holds it. */
export interface Leased {
  taskId: string;
  attempt: number;
  leaseToken: string;
  token: string;
  /** The fence, as the body of every task-scoped call. */
  fence: { task_id: string; attempt: number; lease_token: string };
}

export interface JobOptions {
  name?: string;
  inputs?: { dataset_uuid: string; all_versions?: boolean }[];
  s3?: { read_prefixes: string[]; write_prefixes: string[] };
  runtime?: "RUNTIME_WORKER" | "RUNTIME_LAMBDA";
  config?: Record<string, unknown>;
  timeout_seconds?: number;
}

let jobCounter = 0;

/** Registers the bundle and a job over the admin API; returns the job's id and name. */
export async function registerJob(api: ApiServer, options: JobOptions = {}): Promise<{ jobId: string; name: string }> {
  await api.putObject(`s3://bundles/${BUNDLE_SHA}.zip`, 1234);
  const bundle = await api.admin("/v1/admin/bundles", {
    bundle: { sha256: BUNDLE_SHA, storage_uri: `s3://bundles/${BUNDLE_SHA}.zip`, size_bytes: "1234", runtime: "node" },
  });
  if (bundle.status !== 200) throw new Error(`register bundle: ${JSON.stringify(bundle.json)}`);
  jobCounter += 1;
  const name = options.name ?? `job_${jobCounter}`;
  const reply = await api.admin("/v1/admin/jobs", {
    job: {
      dag_name: "monad",
      name,
      runtime: options.runtime ?? "RUNTIME_WORKER",
      operator: "op",
      bundle_sha256: BUNDLE_SHA,
      config: options.config ?? { k: "v" },
      ...(options.timeout_seconds !== undefined ? { timeout_seconds: options.timeout_seconds } : {}),
      org_id: ORG_ID,
      inputs: options.inputs ?? [],
      s3: options.s3 ?? { read_prefixes: [READ_PREFIX], write_prefixes: [WRITE_PREFIX] },
    },
  });
  if (reply.status !== 200) throw new Error(`register job: ${JSON.stringify(reply.json)}`);
  const job = reply.json["job"] as { job_id: string };
  return { jobId: job.job_id, name };
}

export async function createTask(api: ApiServer, jobId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await api.admin("/v1/admin/tasks", { job_id: jobId, ...extra });
  if (reply.status !== 200) throw new Error(`create task: ${JSON.stringify(reply.json)}`);
  return (reply.json["task"] as { task_id: string }).task_id;
}

/** Claims a queued task over /internal/task-claim, as a worker wrapper does. */
export async function claim(api: ApiServer, taskId: string, workerId = "worker-1"): Promise<Leased> {
  const reply = await api.worker("/internal/task-claim", { task_id: taskId, worker_id: workerId });
  if (reply.status !== 200 || reply.json["claimed"] !== true) throw new Error(`claim: ${JSON.stringify(reply.json)}`);
  const attempt = Number(reply.json["attempt"]);
  const leaseToken = String(reply.json["lease_token"]);
  return {
    taskId,
    attempt,
    leaseToken,
    token: String(reply.json["capability_token"]),
    fence: { task_id: taskId, attempt, lease_token: leaseToken },
  };
}

/** A queued task of a fresh worker job, claimed: the usual starting point of a task-scoped test. */
export async function leasedTask(api: ApiServer, jobOptions: JobOptions = {}): Promise<Leased & { jobId: string }> {
  const { jobId } = await registerJob(api, jobOptions);
  const taskId = await createTask(api, jobId);
  return { ...(await claim(api, taskId)), jobId };
}

/** A valid token for any (task, attempt), signed by the server's own key. */
export async function mintFor(api: ApiServer, taskId: string, attempt: number): Promise<string> {
  const minted = await mintTaskToken(
    { keyring: api.keyring, issuer: ISSUER, now: () => api.clock.now() },
    { orgId: ORG_ID, taskId, attempt, datasets: [], s3: { read_prefixes: [READ_PREFIX], write_prefixes: [] }, jobTimeoutSeconds: 900, leaseSeconds: 120 },
  );
  return minted.token;
}

/**
 * Row counts of every table a task-scoped call may write, plus each task's state, attempt, lease
 * and timestamps: equal snapshots before and after a refused call prove it wrote nothing.
 */
export async function snapshot(db: Database): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const table of ["tasks", "task_attempts", "task_events", "task_outputs", "outbox", "buffer_publishes", "dataset_versions_published", "datasets"]) {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = Number(row?.n);
  }
  const tasks = await db.query(
    `SELECT task_id, state, attempt, lease_token, lease_expires_at, updated_at FROM tasks ORDER BY task_id`,
  );
  out["task_rows"] = JSON.stringify(tasks);
  const attempts = await db.query(`SELECT task_id, attempt, ended_at, outcome FROM task_attempts ORDER BY task_id, attempt`);
  out["attempt_rows"] = JSON.stringify(attempts);
  return out;
}
