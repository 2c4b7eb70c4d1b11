// End-to-end benchmark (`npm run bench -- e2e [--profile] [--hs256]`): tasks/s through the whole Lambda
// loop of a real Dispatcher app on real Postgres — acquire (lease), invoke outbox drain, payload
// build (capability token minted with the app's ES256 keyring, bundle URL presigned), invoke, and
// a no-op runner that completes over HTTP (POST /v1/task/complete with the payload's capability
// token; keep-alive agent) — at 1, 8 and 32 runners in flight. Printed beside the raw-SQL
// baselines of the lifecycle benchmark (bench/lifecycle.ts) measured in the same process.
//
// Also reported, to show where the time goes: CPU used by this Node process and by the whole
// host during each run (2 cores: Node is one process on one core, Postgres the rest), the
// per-operation cost of each CPU-heavy stage measured in isolation, and with --profile a CPU
// profile of the 32-in-flight run grouped by component.
import { Agent, request } from "node:http";
import { Session } from "node:inspector/promises";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { startDispatcherApp, type DispatcherApp } from "../src/app/app.js";
import { loadConfig } from "../src/app/config.js";
import { createKeyring, createTaskTokenVerifier, loadKeyring, mintTaskToken, type TaskTokenKeyring } from "../src/auth/index.js";
import { openDatabase, type Database, type Queryable, type Row } from "../src/db/index.js";
import type { Invoker } from "../src/invoke/outcome.js";
import { buildInvocation, type InvocationBuilder } from "../src/invoke/payload.js";
import { createLifecycleContext, createTask, loadInvocation, registerBundle, registerJob, type LifecycleContext } from "../src/lifecycle/index.js";
import { createLogger } from "../src/log/logger.js";
import { bundleUrlLifetime } from "../src/invoke/bundle-url.js";
import { createS3Client, presignGet } from "../src/objectstore/s3.js";
import { floorThroughput, type FloorResult } from "./floor.js";
import { batched, createBacklog, oneByOne } from "./lifecycle.js";
import { benchServer, freshDatabase, serverSettings } from "./postgres.js";
import { median } from "./stats.js";

// BENCH_IN_FLIGHT="8,32" runs only those levels (quick iterations while profiling).
const IN_FLIGHT = process.env.BENCH_IN_FLIGHT ? process.env.BENCH_IN_FLIGHT.split(",").map(Number) : [1, 8, 32];
const TASKS: Record<number, number> = { 1: 1500, 8: 5000, 32: 8000 };
// BENCH_ROUNDS: how many times the project's loop and the floor alternate at each level (median reported).
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
// BENCH_WARMUP_TASKS: tasks each loop runs at 8 in flight, unreported, before the rounds. A full
// run also warms the 32 level with the 1 and 8 levels before it; run alone (BENCH_IN_FLIGHT=32),
// the project's first rounds there still run partly unoptimized code (its CPU per task read 300+
// µs in rounds 1-2 against ~250 after, on 2026-12-02). Compare partial runs with partial runs.
const WARMUP_TASKS = Number(process.env.BENCH_WARMUP_TASKS ?? 1500);
const ISSUER = "https://dispatcher.bench";

// ---------------------------------------------------------------------------------------------
// The no-op runner: an in-process Invoker. Event semantics: invoke() returns "sent" once the
// runner has the event; the runner then completes over HTTP on its own. At most `inFlight`
// runners run at once (a Lambda concurrency limit): invoke() waits for a free one.

interface NoOpRunner extends Invoker {
  completed: number;
  failures: string[];
  /** Resolves when `n` completions have been accepted. */
  waitFor(n: number): Promise<void>;
}

function noOpRunner(dispatcherUrl: string, inFlight: number): NoOpRunner {
  const base = new URL(dispatcherUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight, maxFreeSockets: inFlight });
  let running = 0;
  const slotWaiters: (() => void)[] = [];
  let target = Infinity;
  let reached: (() => void) | undefined;

  const runner: NoOpRunner = {
    completed: 0,
    failures: [],
    waitFor: (n) =>
      new Promise<void>((resolve) => {
        target = n;
        reached = resolve;
        if (runner.completed >= n) resolve();
      }),
    async invoke(payloadJson) {
      const payload = JSON.parse(payloadJson) as { task_id: string; attempt: number; lease_token: string; capability_token: string };
      while (running >= inFlight) await new Promise<void>((r) => slotWaiters.push(r));
      running++;
      const body = JSON.stringify({ task_id: payload.task_id, attempt: payload.attempt, lease_token: payload.lease_token, status: "TASK_STATUS_COMPLETED" });
      // Callbacks, as the floor's runner uses: the runner stands in for Lambda, and promises of
      // its own would be CPU charged to the project's loop that the floor's loop does not pay.
      complete(payload.capability_token, body, (error, reply) => {
        if (error !== undefined) runner.failures.push(String(error));
        else if (reply.status !== 200 || !reply.body.includes('"accepted":true')) runner.failures.push(`${reply.status} ${reply.body.slice(0, 200)}`);
        else runner.completed++;
        running--;
        slotWaiters.shift()?.();
        if (runner.completed >= target) reached?.();
      });
      return { kind: "sent" };
    },
    async close() {
      agent.destroy();
    },
  };

  function complete(token: string, body: string, done: (error: unknown, reply: { status: number; body: string }) => void): void {
    let settled = false;
    const settle = (error: unknown, reply = { status: 0, body: "" }) => {
      if (settled) return;
      settled = true;
      done(error, reply);
    };
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: "/v1/task/complete",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-trace-task-capability": token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => settle(undefined, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", settle);
      },
    );
    req.on("error", settle);
    req.end(body);
  }
  return runner;
}

// ---------------------------------------------------------------------------------------------
// One measured run: a fresh database with a backlog, then a Dispatcher app started on it.

interface CpuSample {
  process: NodeJS.CpuUsage;
  host: { busy: number; total: number };
  at: number;
}

function hostCpu(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** A floor run with the host's CPU over it (all processes, share of all cores). */
function withHostCpu(result: FloorResult, before: { busy: number; total: number }): FloorResult & { hostCpu: number } {
  const after = hostCpu();
  return { ...result, hostCpu: (after.busy - before.busy) / Math.max(1, after.total - before.total) };
}

/**
 * CPU per task outside this process (PostgreSQL, mostly): the host's busy time less Node's. On a
 * small host it competes with the Node thread, so it is printed beside the Node CPU ratio.
 */
function otherCpuPerTask(r: { hostCpu: number; nodeCpu: number; tasksPerSecond: number }): number {
  return (1e6 * Math.max(0, r.hostCpu * cpus().length - r.nodeCpu)) / r.tasksPerSecond;
}

function sampleCpu(): CpuSample {
  return { process: process.cpuUsage(), host: hostCpu(), at: performance.now() };
}

// Statement accounting: the app's database handle wrapped to count statements and commits by
// kind, to show what one task costs the database.
interface DbCounts {
  statements: Map<string, number>;
  transactions: number;
}

function statementKind(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? "?";
  const table = /\b(?:FROM|INTO|UPDATE)\s+"?(\w+)/i.exec(text)?.[1] ?? "";
  return `${verb === "WITH" ? "WITH…" : verb} ${table}`.trim();
}

function countingDatabase(db: Database, counts: DbCounts): Database {
  const count = (text: string) => {
    const kind = statementKind(text);
    counts.statements.set(kind, (counts.statements.get(kind) ?? 0) + 1);
  };
  const wrap = (q: Queryable): Queryable => ({
    query: <T extends Row = Row>(text: string, params?: readonly unknown[]) => {
      count(text);
      return q.query<T>(text, params);
    },
  });
  return Object.assign(Object.create(db) as Database, {
    query: <T extends Row = Row>(text: string, params?: readonly unknown[]) => {
      count(text);
      return db.query<T>(text, params);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      counts.transactions++;
      return db.transaction((tx) => fn(wrap(tx)));
    },
  });
}

export interface RunResult {
  tasksPerSecond: number;
  /** Node process CPU as a share of one core. */
  nodeCpu: number;
  /** Whole host CPU as a share of all cores. */
  hostCpu: number;
  /** Statements and transactions per completed task, by statement kind. */
  perTask: { statements: [string, number][]; transactions: number; total: number };
  /** WAL the server wrote while the loop ran (pg_stat_wal, the whole server), per completed task. */
  walPerTask: WalStats;
}

export interface WalStats {
  bytes: number;
  /** Full-page images: the first change to a page after a checkpoint logs the whole 8 kB page. */
  fullPages: number;
}

async function walStats(db: Database): Promise<WalStats> {
  const [row] = await db.query<{ bytes: string; fpi: string }>(`SELECT wal_bytes AS bytes, wal_fpi AS fpi FROM pg_stat_wal`);
  return { bytes: Number(row?.bytes ?? 0), fullPages: Number(row?.fpi ?? 0) };
}

async function setupJob(ctx: LifecycleContext): Promise<string> {
  const sha = "e".repeat(64);
  await registerBundle(ctx, { sha256: sha, storageUri: `s3://bench-bundles/bundles/${sha}.zip`, sizeBytes: 1, runtime: "node" });
  const job = await registerJob(ctx, {
    dagName: "bench",
    name: "e2e",
    runtime: "lambda",
    operator: "noop",
    bundleSha256: sha,
    orgId: "bench",
    config: { dataset_uuid: "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001" },
    // Long enough that nothing is reaped while the backlog drains.
    leaseTtlSeconds: 900,
  });
  if (!job.ok) throw new Error(`registerJob: ${job.reason}`);
  return job.job.jobId;
}

/** The token configuration: ES256 (production) or, with --hs256, the local-development HS256 mode. */
export type TokenEnv = Record<string, string>;

/** One run on a database from `database` (default: a fresh one, dropped after; the history bench passes seeded ones). */
export async function e2eRun(
  serverUrl: string,
  tokenEnv: TokenEnv,
  inFlight: number,
  n: number,
  profile?: Session,
  database: () => Promise<{ url: string; drop(): Promise<void> }> = () => freshDatabase(serverUrl),
): Promise<RunResult> {
  const fresh = await database();
  let app: DispatcherApp | undefined;
  try {
    const db = await openDatabase({ url: fresh.url, maxConnections: 16 });
    const ctx = createLifecycleContext(db);
    const jobId = await setupJob(ctx);
    await createBacklog(ctx, jobId, n);
    await db.query(`ANALYZE`);

    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      ...tokenEnv,
      TRACE_TOKEN_ISSUER: ISSUER,
      TRACE_ADMIN_TOKENS: "bench-admin-token-0123456789",
      TRACE_BUNDLE_BUCKET: "bench-bundles",
      AWS_REGION: "us-east-1",
      LOG_LEVEL: "warn",
    });
    let runner: NoOpRunner | undefined;
    const counts: DbCounts = { statements: new Map(), transactions: 0 };
    const walBefore = await walStats(db);
    const before = sampleCpu();
    if (profile) await profile.post("Profiler.start");
    app = await startDispatcherApp(config, {
      db: countingDatabase(db, counts),
      // Presigning is offline; the no-op runner never downloads the bundle.
      bundleStore: createS3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" } }),
      invoker: (url) => (runner = noOpRunner(url, inFlight)),
      logger: createLogger({ level: "warn" }),
    });
    if (!runner) throw new Error("invoker not created");
    await runner.waitFor(n);
    const after = sampleCpu();
    const walAfter = await walStats(db);
    if (profile) {
      const { profile: cpuProfile } = await profile.post("Profiler.stop");
      // BENCH_PROFILE_FILE: also keep the raw profile (open in Chrome DevTools or speedscope); the floor's goes to <file>.floor.
      if (process.env.BENCH_PROFILE_FILE) writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(cpuProfile));
      printProfile(cpuProfile as unknown as CpuProfile);
    }
    if (runner.failures.length > 0) throw new Error(`${runner.failures.length} completions failed, e.g. ${runner.failures[0]}`);
    const seconds = (after.at - before.at) / 1000;
    const nodeCpuMicros = after.process.user - before.process.user + (after.process.system - before.process.system);
    await app.stop();
    app = undefined;
    await db.close();
    const total = [...counts.statements.values()].reduce((a, b) => a + b, 0);
    return {
      perTask: {
        statements: [...counts.statements].map(([k, v]): [string, number] => [k, v / n]).sort((a, b) => b[1] - a[1]),
        transactions: counts.transactions / n,
        total: total / n,
      },
      tasksPerSecond: n / seconds,
      nodeCpu: nodeCpuMicros / 1e6 / seconds,
      hostCpu: (after.host.busy - before.host.busy) / Math.max(1, after.host.total - before.host.total),
      walPerTask: { bytes: (walAfter.bytes - walBefore.bytes) / n, fullPages: (walAfter.fullPages - walBefore.fullPages) / n },
    };
  } finally {
    await app?.stop();
    await fresh.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// Per-operation cost of the CPU-heavy stages, in isolation (same keyring, same code paths).

async function stageCosts(serverUrl: string, keyring: TaskTokenKeyring): Promise<[string, number][]> {
  const fresh = await freshDatabase(serverUrl);
  const db = await openDatabase({ url: fresh.url, maxConnections: 4 });
  try {
    const ctx = createLifecycleContext(db);
    const jobId = await setupJob(ctx);
    const bundleStore = createS3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" } });
    const builder: InvocationBuilder = { keyring, issuer: ISSUER, bundleStore, clock: { now: () => new Date() }, bundleUrl: bundleUrlLifetime(120, 3600) };
    const created = await createTask(ctx, { jobId });
    if (!created.ok) throw new Error("createTask");
    await db.query(`UPDATE tasks SET state = 'RUNNING', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '1 hour' WHERE task_id = $1`, [created.task.taskId]);
    const invocation = await loadInvocation(ctx, { taskId: created.task.taskId, attempt: 1 });
    if (!invocation) throw new Error("loadInvocation");
    const verifier = createTaskTokenVerifier({ issuer: ISSUER, keys: keyring.verificationKeys });
    const mintInput = { orgId: "bench", taskId: created.task.taskId, attempt: 1, datasets: [], s3: { read_prefixes: [], write_prefixes: [] }, jobTimeoutSeconds: 900, leaseSeconds: 900 };
    const token = (await mintTaskToken({ keyring, issuer: ISSUER }, mintInput)).token;
    // Distinct tokens for the full verification (the verifier caches a token it has verified).
    const distinctTokens: string[] = [];
    for (let i = 0; i < 2200; i++) distinctTokens.push((await mintTaskToken({ keyring, issuer: ISSUER }, mintInput)).token);
    let nextFresh = 0;
    const time = async (label: string, iterations: number, op: () => Promise<unknown>): Promise<[string, number]> => {
      for (let i = 0; i < Math.min(200, iterations); i++) await op();
      const start = performance.now();
      for (let i = 0; i < iterations; i++) await op();
      return [label, ((performance.now() - start) * 1000) / iterations];
    };
    const expires = new Date(Date.now() + 600_000);
    return [
      await time(`mint capability token (${keyring.algorithm} sign)`, 2000, async () => mintTaskToken({ keyring, issuer: ISSUER }, mintInput)),
      await time(`verify capability token (${keyring.algorithm} verify, first sight)`, 2000, () => verifier.verify(distinctTokens[nextFresh++] ?? "")),
      await time(`verify capability token (again: cached until exp)`, 2000, () => verifier.verify(token)),
      await time("presign bundle URL (SigV4; same second + expiry: URL reused)", 2000, async () => presignGet(bundleStore, { bucket: "b", key: `bundles/${"e".repeat(64)}.zip` }, new Date(), expires)),
      await time("buildInvocation (mint + presign + JSON)", 2000, () => buildInvocation(builder, ctx, invocation)),
      await time("loadInvocation (one statement, 1 caller)", 1000, () => loadInvocation(ctx, { taskId: created.task.taskId, attempt: 1 })),
    ];
  } finally {
    await db.close();
    await fresh.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

const COMPONENTS: [string, RegExp][] = [
  ["capability tokens (src/auth/jws.ts on node:crypto; jose for remote JWKS)", /\/src\/auth\/jws\.[jt]s|node_modules\/jose\//],
  ["AWS SDK (presigner, SigV4, client)", /node_modules\/@(aws-sdk|smithy|aws-crypto)\//],
  ["postgres.js driver", /node_modules\/postgres\//],
  ["drizzle", /node_modules\/drizzle-orm\//],
  ["Connect / protobuf-es", /node_modules\/@(connectrpc|bufbuild)\//],
  ["lifecycle engine (src/lifecycle, src/db)", /\/src\/(lifecycle|db)\//],
  ["API layer (src/rpc, src/server, src/auth)", /\/src\/(rpc|server|auth|security)\//],
  ["invoke + dispatcher loops (src/invoke, src/dispatcher)", /\/src\/(invoke|dispatcher)\//],
  ["no-op runner + bench", /\/bench\//],
  ["Node core (http, net, streams, crypto…)", /^node:|^internal\//],
];

function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfMicros.set(samples[i] ?? 0, (selfMicros.get(samples[i] ?? 0) ?? 0) + (deltas[i] ?? 0));
  const totals = new Map<string, number>();
  let all = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id);
    if (!node) continue;
    const { url, functionName } = node.callFrame;
    let component: string;
    if (functionName === "(idle)") component = "(idle: waiting on Postgres / network)";
    else if (functionName === "(garbage collector)") component = "(garbage collector)";
    else if (functionName === "(program)" || url === "") component = "(native / V8 / program)";
    else component = COMPONENTS.find(([, re]) => re.test(url))?.[0] ?? "other JS";
    totals.set(component, (totals.get(component) ?? 0) + micros);
    all += micros;
  }
  const topFunctions = [...selfMicros]
    .map(([id, micros]) => {
      const frame = byId.get(id)?.callFrame;
      const where = frame?.url ? frame.url.replace(/^.*\/(node_modules|src|bench)\//, "$1/") : "native";
      return [`${frame?.functionName || "(anonymous)"} ${where}`, micros] as const;
    })
    .reduce((acc, [name, micros]) => acc.set(name, (acc.get(name) ?? 0) + micros), new Map<string, number>());
  console.log("\nCPU profile of the Dispatcher process, 32 in flight: top functions by self time");
  for (const [name, micros] of [...topFunctions].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${((100 * micros) / all).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
  }
  console.log("\nCPU profile of the Dispatcher process, 32 in flight (self time by component):");
  console.log("| component                                              | share  |");
  console.log("|--------------------------------------------------------|--------|");
  for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${name.padEnd(54)} | ${((100 * micros) / all).toFixed(1).padStart(5)}% |`);
  }
}

// ---------------------------------------------------------------------------------------------

export async function run(args: readonly string[]): Promise<void> {
  const profileRequested = args.includes("--profile");
  const server = benchServer();
  try {
    // ES256 is what production runs; --hs256 (local development only) shows what the signatures cost.
    const hs256 = args.includes("--hs256");
    const secret = "bench-hs256-secret-0123456789abcdef0123456789";
    const jwks = JSON.stringify(await createKeyring());
    const tokenEnv: TokenEnv = hs256 ? { TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: secret } : { TRACE_TASK_JWKS: jwks };
    const keyring = await loadKeyring(hs256 ? { mode: "local-hs256", hs256Secret: secret } : { jwksJson: jwks });
    console.log(`e2e benchmark — ${server.origin}; ${await serverSettings(server.url)}; ${keyring.algorithm} capability tokens`);


    const rows: string[] = [];
    const floorRows: string[] = [];
    const otherRows: string[] = [];
    let perTask: RunResult["perTask"] | undefined;
    const floorRun = async (c: number, n: number, profileFile?: string) => {
      const fresh = await freshDatabase(server.url);
      try {
        const db = await openDatabase({ url: fresh.url, maxConnections: 4 });
        await createBacklog(createLifecycleContext(db), await setupJob(createLifecycleContext(db)), n);
        await db.query(`ANALYZE`);
        await db.close();
        const before = hostCpu();
        if (profileFile === undefined) return withHostCpu(await floorThroughput(fresh.url, c, n), before);
        // The floor's profile beside the project's, for comparing them function by function.
        const session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
        const result = await floorThroughput(fresh.url, c, n);
        writeFileSync(profileFile, JSON.stringify((await session.post("Profiler.stop")).profile));
        session.disconnect();
        return withHostCpu(result, before);
      } finally {
        await fresh.drop();
      }
    };
    const cpuPerTask = (r: { nodeCpu: number; tasksPerSecond: number }) => (1e6 * r.nodeCpu) / r.tasksPerSecond;
    // Warm the JIT and connection paths of both loops once; not reported. (Without the floor's,
    // its first round ran cold and flattered the project's first ratio by ~20 %.)
    process.stderr.write(`warming both loops up (${WARMUP_TASKS} tasks each, not reported)…\n`);
    await e2eRun(server.url, tokenEnv, 8, WARMUP_TASKS);
    await floorRun(8, WARMUP_TASKS);
    for (const c of IN_FLIGHT) {
      const n = TASKS[c] ?? 2000;
      // The project's loop and the floor alternate, ROUNDS times each: the machine's speed drifts
      // by tens of percent within minutes, and drift between two lone runs would decide the ratio.
      const e2eRuns: RunResult[] = [];
      const floorRuns: (FloorResult & { hostCpu: number })[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const last = c === IN_FLIGHT[IN_FLIGHT.length - 1] && round === ROUNDS - 1;
        const session = profileRequested && last ? new Session() : undefined;
        session?.connect();
        if (session) await session.post("Profiler.enable");
        e2eRuns.push(await e2eRun(server.url, tokenEnv, c, n, session));
        session?.disconnect();
        const floorProfile = session !== undefined && process.env.BENCH_PROFILE_FILE ? `${process.env.BENCH_PROFILE_FILE}.floor` : undefined;
        floorRuns.push(await floorRun(c, n, floorProfile));
        // Progress, with each round's own figures (the table below gives medians and ratios).
        const [project, floor] = [e2eRuns[e2eRuns.length - 1], floorRuns[floorRuns.length - 1]] as [RunResult, FloorResult];
        process.stderr.write(
          `  ${c} in flight, round ${round + 1}/${ROUNDS}: project ${project.tasksPerSecond.toFixed(0)} tasks/s, ${cpuPerTask(project).toFixed(0)} µs CPU/task; floor ${floor.tasksPerSecond.toFixed(0)} tasks/s, ${cpuPerTask(floor).toFixed(0)} µs CPU/task\n`,
        );
      }
      const baseline = async (f: (url: string, c: number, n: number) => Promise<number>): Promise<number> => {
        const fresh = await freshDatabase(server.url);
        try {
          return await f(fresh.url, c, n);
        } finally {
          await fresh.drop();
        }
      };
      const single = await baseline(oneByOne);
      const batch = await baseline(batched);
      const throughputRatios = e2eRuns.map((r, i) => r.tasksPerSecond / (floorRuns[i]?.tasksPerSecond ?? NaN));
      const cpuRatios = e2eRuns.map((r, i) => cpuPerTask(r) / cpuPerTask(floorRuns[i] ?? { nodeCpu: NaN, tasksPerSecond: 1 }));
      const e2eTps = median(e2eRuns.map((r) => r.tasksPerSecond));
      const floorTps = median(floorRuns.map((r) => r.tasksPerSecond));
      floorRows.push(
        `| ${String(c).padStart(9)} | ${e2eTps.toFixed(0).padStart(11)} | ${floorTps.toFixed(0).padStart(13)} | ${median(throughputRatios).toFixed(2).padStart(6)}× | ${median(e2eRuns.map(cpuPerTask)).toFixed(0).padStart(15)} | ${median(floorRuns.map(cpuPerTask)).toFixed(0).padStart(17)} | ${median(cpuRatios).toFixed(2).padStart(6)}× | ${throughputRatios.map((r) => r.toFixed(2)).join(" ")} / ${cpuRatios.map((r) => r.toFixed(2)).join(" ")} |`,
      );
      otherRows.push(
        `| ${String(c).padStart(9)} | ${median(e2eRuns.map(otherCpuPerTask)).toFixed(0).padStart(21)} | ${median(floorRuns.map(otherCpuPerTask)).toFixed(0).padStart(23)} |`,
      );
      const e2e = e2eRuns[e2eRuns.length - 1] as RunResult;
      rows.push(
        `| ${String(c).padStart(9)} | ${String(n).padStart(5)} | ${e2eTps.toFixed(0).padStart(11)} | ${single.toFixed(0).padStart(10)} | ${(e2eTps / single).toFixed(2).padStart(6)}× | ${batch.toFixed(0).padStart(11)} | ${(e2eTps / batch).toFixed(2).padStart(6)}× | ${(100 * median(e2eRuns.map((r) => r.nodeCpu))).toFixed(0).padStart(8)}% | ${(100 * median(e2eRuns.map((r) => r.hostCpu))).toFixed(0).padStart(8)}% |`,
      );
      console.log(rows[rows.length - 1]);
      if (c === IN_FLIGHT[IN_FLIGHT.length - 1]) perTask = e2e.perTask;
    }
    if (perTask) {
      console.log(`\ndatabase work per completed task at ${String(IN_FLIGHT[IN_FLIGHT.length - 1])} in flight: ${perTask.total.toFixed(2)} statements, ${perTask.transactions.toFixed(2)} transactions (+ autocommitted statements)`);
      for (const [kind, perOne] of perTask.statements) if (perOne >= 0.01) console.log(`  ${kind.padEnd(28)} ${perOne.toFixed(2)}`);
    }
    console.log("\nwhole-loop throughput (lease → token mint → presign → invoke → no-op runner → HTTP complete), tasks/s");
    console.log("| in flight | tasks | e2e tasks/s | one-by-one | ratio   | batched 100 | ratio   | Node CPU | host CPU |");
    console.log("|-----------|-------|-------------|------------|---------|-------------|---------|----------|----------|");
    for (const r of rows) console.log(r);
    console.log("Node CPU: this process, % of one core. Host CPU: all processes (Node + Postgres), % of all cores.");
    console.log("\nagainst the bare floor (bench/floor.ts: node:http + node:crypto ES256 + postgres.js, claims of ≤100, group-committed completions)");
    console.log(`medians of ${ROUNDS} alternating rounds (project, floor, project, floor, …); the last column gives each round's ratios`);
    console.log("| in flight | e2e tasks/s | floor tasks/s | ratio   | e2e CPU µs/task | floor CPU µs/task | ratio   | rounds: throughput / CPU ratios |");
    console.log("|-----------|-------------|---------------|---------|-----------------|-------------------|---------|---------------------------------|");
    for (const r of floorRows) console.log(r);
    console.log("\nCPU per task outside this process (PostgreSQL, mostly: host busy time less Node's), medians; on a 2-core host it slows the Node thread too");
    console.log("| in flight | project µs/task (db…) | floor µs/task (db…)     |");
    console.log("|-----------|-----------------------|-------------------------|");
    for (const r of otherRows) console.log(r);
    console.log("Targets (issue 12): throughput ≥ 0.9× the floor at 8 and 32 in flight; CPU per task ≤ 1.2× the floor's.");

    console.log("\nper-operation cost of the CPU-heavy stages, in isolation (µs/op, one caller):");
    for (const [label, micros] of await stageCosts(server.url, keyring)) console.log(`  ${label.padEnd(52)} ${micros.toFixed(0).padStart(6)} µs`);
  } finally {
    await server.stop();
  }
}
