// Heartbeat benchmark (`npm run bench -- heartbeat`): heartbeats/s when N runners keep their
// leases alive over HTTP (POST /v1/task/heartbeat with the attempt's capability token, keep-alive),
// at 1, 8 and 32 runners, through a real Dispatcher app on real Postgres — beside the bare floor
// run in the same process on the same server: a node:http server that verifies the ES256 token
// with node:crypto (every time) and renews the leases waiting at that moment with one fenced UPDATE.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { generateKeyPairSync, randomUUID, sign as cryptoSign, verify as cryptoVerify } from "node:crypto";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { startDispatcherApp } from "../src/app/app.js";
import { loadConfig } from "../src/app/config.js";
import { createKeyring } from "../src/auth/index.js";
import { openDatabase } from "../src/db/index.js";
import { createLifecycleContext, registerBundle, registerJob } from "../src/lifecycle/index.js";
import { createLogger } from "../src/log/logger.js";
import { createS3Client } from "../src/objectstore/s3.js";
import { groupCommit, type FencedCall } from "./floor.js";
import { createBacklog } from "./lifecycle.js";
import { benchServer, freshDatabase, serverSettings } from "./postgres.js";
import { median } from "./stats.js";

// BENCH_RUNNERS="1,8" runs only those levels (quick iterations while profiling).
const RUNNERS = process.env.BENCH_RUNNERS ? process.env.BENCH_RUNNERS.split(",").map(Number) : [1, 8, 32];
const SECONDS = 4;
// BENCH_ROUNDS: how many times the project and the floor alternate per level (median reported).
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

interface Lease {
  body: string;
  token: string;
}

function post(agent: Agent, url: URL, path: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-trace-task-capability": token } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Heartbeats/s, and this process's CPU per heartbeat (server and client side: the robust metric on a busy host). */
interface HammerResult {
  perSecond: number;
  cpuMicrosPerCall: number;
}

/** Each runner heartbeats its own lease back to back for SECONDS. */
async function hammer(baseUrl: string, leases: readonly Lease[]): Promise<HammerResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: leases.length });
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  const start = performance.now();
  const startCpu = process.cpuUsage();
  await Promise.all(
    leases.map(async (lease) => {
      while (performance.now() < deadline) {
        const status = await post(agent, url, "/v1/task/heartbeat", lease.token, lease.body);
        if (status !== 200) throw new Error(`heartbeat answered ${status}`);
        count++;
      }
    }),
  );
  const cpu = process.cpuUsage(startCpu);
  agent.destroy();
  return { perSecond: count / ((performance.now() - start) / 1000), cpuMicrosPerCall: (cpu.user + cpu.system) / Math.max(1, count) };
}

async function setupJob(url: string, tasks: number): Promise<void> {
  const db = await openDatabase({ url, maxConnections: 4 });
  const ctx = createLifecycleContext(db);
  const sha = "e".repeat(64);
  await registerBundle(ctx, { sha256: sha, storageUri: `s3://bench-bundles/bundles/${sha}.zip`, sizeBytes: 1, runtime: "node" });
  const job = await registerJob(ctx, { dagName: "bench", name: "heartbeat", runtime: "lambda", operator: "noop", bundleSha256: sha, orgId: "bench", leaseTtlSeconds: 900 });
  if (!job.ok) throw new Error(job.reason);
  await createBacklog(ctx, job.job.jobId, tasks);
  await db.close();
}

/** The project: the app leases the tasks and "invokes" a runner that only keeps the payload. */
async function projectHeartbeats(serverUrl: string, runners: number): Promise<HammerResult> {
  const fresh = await freshDatabase(serverUrl);
  try {
    await setupJob(fresh.url, runners);
    const leases: Lease[] = [];
    let allLeased: () => void = () => {};
    const leased = new Promise<void>((resolve) => (allLeased = resolve));
    const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", DATABASE_URL: fresh.url, TRACE_TASK_JWKS: JSON.stringify(await createKeyring()), TRACE_BUNDLE_BUCKET: "bench-bundles", LOG_LEVEL: "warn", TRACE_CONSOLE: "off", TRACE_ADMIN_TOKENS: "bench-admin-token-0123456789" });
    const app = await startDispatcherApp(config, {
      logger: createLogger({ level: "warn" }),
      bundleStore: createS3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" } }),
      invoker: () => ({
        async invoke(payloadJson: string) {
          const p = JSON.parse(payloadJson) as { task_id: string; attempt: number; lease_token: string; capability_token: string };
          // Each runner is one delivery, as the platform runner is: its first heartbeat binds the attempt.
          leases.push({ token: p.capability_token, body: JSON.stringify({ task_id: p.task_id, attempt: p.attempt, lease_token: p.lease_token, delivery_id: randomUUID() }) });
          if (leases.length === runners) allLeased();
          return { kind: "sent" as const };
        },
        async close() {},
      }),
    });
    try {
      await leased;
      // BENCH_PROFILE_FILE: a CPU profile of the project's run at the most runners (Chrome DevTools, speedscope).
      const profileFile = runners === RUNNERS[RUNNERS.length - 1] ? process.env.BENCH_PROFILE_FILE : undefined;
      if (profileFile === undefined) return await hammer(app.url, leases);
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      const result = await hammer(app.url, leases);
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(profile));
      session.disconnect();
      return result;
    } finally {
      await app.stop();
    }
  } finally {
    await fresh.drop();
  }
}

/** The floor: node:crypto ES256 verify of every heartbeat's token, and group-committed fenced UPDATEs. */
async function floorHeartbeats(serverUrl: string, runners: number): Promise<HammerResult> {
  const fresh = await freshDatabase(serverUrl);
  const sql = postgres(fresh.url, { max: 8, onnotice: () => {} });
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  // Group commit, as the e2e floor's completions: every heartbeat waiting while a statement runs
  // renews its lease in the next one (the project's heartbeats are batched the same way).
  const commit = groupCommit<FencedCall>(async (batch) => {
    const rows = await sql`
      UPDATE tasks SET lease_expires_at = now() + interval '15 minutes', updated_at = now()
      FROM unnest(${batch.map((b) => b.taskId)}::uuid[], ${batch.map((b) => b.leaseToken)}::uuid[]) AS h(task_id, lease_token)
      WHERE tasks.task_id = h.task_id AND tasks.lease_token = h.lease_token AND tasks.state = 'RUNNING'
      RETURNING tasks.task_id, lease_expires_at, cancel_requested`;
    const renewed = new Map(rows.map((r) => [String(r.task_id), r]));
    for (const b of batch) {
      const row = renewed.get(b.taskId);
      b.reply.statusCode = row === undefined ? 400 : 200;
      b.reply.setHeader("content-type", "application/json");
      b.reply.end(JSON.stringify({ lease_expires_at: (row?.lease_expires_at as Date | undefined)?.toISOString(), cancel_requested: row?.cancel_requested === true }));
    }
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const [h = "", p = "", s = ""] = String(req.headers["x-trace-task-capability"] ?? "").split(".");
      if (!cryptoVerify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) {
        res.statusCode = 401;
        return res.end();
      }
      const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { task_id: string; attempt: number };
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { task_id: string; attempt: number; lease_token: string };
      if (claims.task_id !== body.task_id || claims.attempt !== body.attempt) {
        res.statusCode = 403;
        return res.end();
      }
      commit({ taskId: body.task_id, leaseToken: body.lease_token, reply: res });
    });
  });
  try {
    await setupJob(fresh.url, runners);
    const leased = await sql`UPDATE tasks SET state = 'RUNNING', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '15 minutes', worker_id = 'floor', started_at = now()
                             RETURNING task_id, attempt, lease_token`;
    const header = Buffer.from(JSON.stringify({ alg: "ES256", kid: "floor", typ: "JWT" })).toString("base64url");
    const leases = leased.map((row) => {
      const iat = Math.floor(Date.now() / 1000);
      const claims = Buffer.from(JSON.stringify({ iss: "floor", aud: "trace.task", sub: `task:${String(row.task_id)}`, iat, exp: iat + 1200, jti: randomUUID(), task_id: String(row.task_id), attempt: row.attempt })).toString("base64url");
      const signature = cryptoSign("sha256", Buffer.from(`${header}.${claims}`), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url");
      return { token: `${header}.${claims}.${signature}`, body: JSON.stringify({ task_id: String(row.task_id), attempt: row.attempt, lease_token: String(row.lease_token) }) };
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return await hammer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, leases);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sql.end();
    await fresh.drop();
  }
}

export async function run(): Promise<void> {
  const server = benchServer();
  try {
    console.log(`heartbeat benchmark — ${server.origin}; ${await serverSettings(server.url)}; ES256 capability tokens; ${SECONDS} s per run`);
    // Warm-up of both, not reported (a cold floor would flatter the project's first round).
    await projectHeartbeats(server.url, 8);
    await floorHeartbeats(server.url, 8);
    console.log(`medians of ${ROUNDS} alternating rounds (project, floor, project, floor, …); the last column gives each round's ratios`);
    console.log("| runners | project heartbeats/s | floor heartbeats/s | ratio  | project CPU µs/call | floor CPU µs/call | ratio  | rounds: throughput / CPU ratios |");
    console.log("|---------|----------------------|--------------------|--------|---------------------|-------------------|--------|---------------------------------|");
    for (const runners of RUNNERS) {
      const projects: HammerResult[] = [];
      const floors: HammerResult[] = [];
      // Alternating: the machine's speed drifts within minutes, and that drift must hit both alike.
      for (let round = 0; round < ROUNDS; round++) {
        projects.push(await projectHeartbeats(server.url, runners));
        floors.push(await floorHeartbeats(server.url, runners));
      }
      const rates = projects.map((p, i) => p.perSecond / (floors[i]?.perSecond ?? NaN));
      const cpus = projects.map((p, i) => p.cpuMicrosPerCall / (floors[i]?.cpuMicrosPerCall ?? NaN));
      console.log(
        `| ${String(runners).padStart(7)} | ${median(projects.map((p) => p.perSecond)).toFixed(0).padStart(20)} | ${median(floors.map((f) => f.perSecond)).toFixed(0).padStart(18)} | ${median(rates).toFixed(2).padStart(5)}× | ${median(projects.map((p) => p.cpuMicrosPerCall)).toFixed(0).padStart(19)} | ${median(floors.map((f) => f.cpuMicrosPerCall)).toFixed(0).padStart(17)} | ${median(cpus).toFixed(2).padStart(5)}× | ${rates.map((r) => r.toFixed(2)).join(" ")} / ${cpus.map((r) => r.toFixed(2)).join(" ")} |`,
      );
    }
    console.log("Target (issue 12): ≥ 0.9× the floor. The project caches a verified token until its exp; the floor verifies every time.");
    console.log("CPU per call: this process (the Dispatcher or the floor server, and the runners' HTTP client), the robust metric on a busy host.");
  } finally {
    await server.stop();
  }
}
