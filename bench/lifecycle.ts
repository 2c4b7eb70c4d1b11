// Lifecycle benchmark on real Postgres:
//   - throughput of acquire→complete over a created backlog at 1, 8 and 32 concurrent completions:
//     the engine (batched acquireTasks + grouped completeTasks via the completion batcher, with
//     attempts history and invoke outbox rows) beside two raw-SQL baselines on the same database
//     in the same run: one-by-one (UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)
//     + one fenced UPDATE) and batched (claim 100, complete 100);
//   - create→acquire latency through the real dispatcher acquire loop woken by LISTEN/NOTIFY.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { openDatabase, type Database } from "../src/db/index.js";
import { startDispatcher } from "../src/dispatcher/dispatcher.js";
import {
  acquireTasks,
  createCompletionBatcher,
  createLifecycleContext,
  createTask,
  registerBundle,
  registerJob,
  type Lease,
  type LifecycleContext,
} from "../src/lifecycle/index.js";
import { createLogger } from "../src/log/logger.js";
import { benchServer, freshDatabase, serverSettings } from "./postgres.js";
import { pct } from "./stats.js";

const CONCURRENCY = [1, 8, 32];
const TASKS: Record<number, number> = { 1: 2000, 8: 5000, 32: 8000 };
// 1,000 samples: p99 is then the 10th slowest (with 400 it was the 4th, and swung 1.0–3.8 ms
// between back-to-back probes of one database).
const LATENCY_SAMPLES = 1000;
/** Samples taken first and not kept: they warm connections and plans. */
const LATENCY_WARMUP = 20;

async function setupJob(ctx: LifecycleContext): Promise<string> {
  const sha = "b".repeat(64);
  await registerBundle(ctx, { sha256: sha, storageUri: `s3://bench/${sha}.zip`, sizeBytes: 1, runtime: "node" });
  const job = await registerJob(ctx, {
    dagName: "bench",
    name: `job_${Math.random().toString(36).slice(2, 8)}`,
    runtime: "lambda",
    operator: "op",
    bundleSha256: sha,
    leaseTtlSeconds: 600,
  });
  if (!job.ok) throw new Error("registerJob failed");
  return job.job.jobId;
}

/** Queues n tasks of a job with 16 concurrent creators (creation is set-up, not measured). */
export async function createBacklog(ctx: LifecycleContext, jobId: string, n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        next++;
        const r = await createTask(ctx, { jobId });
        if (!r.ok) throw new Error(r.reason);
      }
    }),
  );
}

/** The engine: one acquire loop feeding `concurrency` completers that share a completion batcher. */
async function engineThroughput(url: string, concurrency: number, n: number): Promise<number> {
  const db = await openDatabase({ url, maxConnections: concurrency + 4 });
  const ctx = createLifecycleContext(db);
  const jobId = await setupJob(ctx);
  await createBacklog(ctx, jobId, n);
  await db.query(`ANALYZE`);
  const batcher = createCompletionBatcher(ctx);
  const ready: Lease[] = [];
  const waiters: (() => void)[] = [];
  let acquiredAll = false;
  let done = 0;
  const start = performance.now();
  const acquirer = (async () => {
    let acquired = 0;
    while (acquired < n) {
      if (ready.length > concurrency * 4 + 100) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      const leases = await acquireTasks(ctx, { limit: 100, workerId: "bench" });
      acquired += leases.length;
      ready.push(...leases);
      waiters.splice(0).forEach((w) => w());
      if (leases.length === 0) await new Promise((r) => setTimeout(r, 1));
    }
    acquiredAll = true;
    waiters.splice(0).forEach((w) => w());
  })();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const lease = ready.shift();
        if (!lease) {
          if (acquiredAll) return;
          await new Promise<void>((r) => waiters.push(r));
          continue;
        }
        const r = await batcher.complete({ ...lease, status: "COMPLETED" });
        if (!r.ok || r.duplicate) throw new Error(`completion refused: ${JSON.stringify(r)}`);
        done++;
      }
    }),
  );
  await acquirer;
  const seconds = (performance.now() - start) / 1000;
  if (done !== n) throw new Error(`completed ${done} of ${n}`);
  await db.close();
  return n / seconds;
}

async function baselineTable(sql: postgres.Sql, n: number): Promise<void> {
  await sql.unsafe(`DROP TABLE IF EXISTS bench_q`);
  await sql.unsafe(`CREATE TABLE bench_q (id bigserial PRIMARY KEY, state text NOT NULL DEFAULT 'queued', lease uuid,
    payload jsonb NOT NULL DEFAULT '{}', updated_at timestamptz NOT NULL DEFAULT now())`);
  await sql.unsafe(`CREATE INDEX bench_q_queued ON bench_q (id) WHERE state = 'queued'`);
  await sql.unsafe(`INSERT INTO bench_q (state) SELECT 'queued' FROM generate_series(1, ${n})`);
  await sql.unsafe(`ANALYZE bench_q`);
}

export async function oneByOne(url: string, concurrency: number, n: number): Promise<number> {
  const sql = postgres(url, { max: concurrency, onnotice: () => {} });
  await baselineTable(sql, n);
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const [row] = await sql`UPDATE bench_q SET state = 'running', lease = gen_random_uuid(), updated_at = now()
          WHERE id = (SELECT id FROM bench_q WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, lease`;
        if (!row) return;
        const updated = await sql`UPDATE bench_q SET state = 'done', lease = NULL, updated_at = now()
          WHERE id = ${row.id} AND lease = ${row.lease} AND state = 'running'`;
        if (updated.count !== 1) throw new Error("fenced update missed");
        done++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await sql.end();
  if (done !== n) throw new Error(`one-by-one completed ${done} of ${n}`);
  return n / seconds;
}

export async function batched(url: string, concurrency: number, n: number): Promise<number> {
  const sql = postgres(url, { max: concurrency, onnotice: () => {} });
  await baselineTable(sql, n);
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const rows = await sql`UPDATE bench_q q SET state = 'running', lease = gen_random_uuid(), updated_at = now()
          FROM (SELECT id FROM bench_q WHERE state = 'queued' ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED) c
          WHERE q.id = c.id RETURNING q.id, q.lease`;
        if (rows.length === 0) return;
        const fences = JSON.stringify(rows.map((r) => ({ id: Number(r.id), lease: String(r.lease) })));
        const updated = await sql`UPDATE bench_q q SET state = 'done', lease = NULL, updated_at = now()
          FROM jsonb_to_recordset(${fences}::text::jsonb) AS x(id bigint, lease uuid)
          WHERE q.id = x.id AND q.lease = x.lease AND q.state = 'running'`;
        if (updated.count !== rows.length) throw new Error("fenced batch update missed");
        done += rows.length;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await sql.end();
  if (done !== n) throw new Error(`batched completed ${done} of ${n}`);
  return n / seconds;
}

/** create → acquired by the real dispatcher acquire loop (LISTEN/NOTIFY; polling set to 10 min). */
export async function pickupLatency(url: string): Promise<{ fromCall: number[]; fromCommit: number[] }> {
  const db: Database = await openDatabase({ url, maxConnections: 4 });
  const ctx = createLifecycleContext(db);
  const jobId = await setupJob(ctx);
  const waiting = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  const dispatcher = await startDispatcher({
    db,
    logger: createLogger({ level: "warn" }),
    // No drain delivers the invokes, so every leased task leaves a pending invoke row: room for all of
    // them, or the acquire loop would stop leasing at the default 1,000 and the probe would wait forever.
    options: { workerId: "bench", acquireIntervalMs: 600_000, maxPendingInvokes: LATENCY_SAMPLES + LATENCY_WARMUP, loops: { drain: false, reap: false, retry: false } },
    onAcquired: (leases) => {
      const at = performance.now();
      for (const l of leases) {
        const w = waiting.get(l.taskId);
        if (w) w(at);
        else early.set(l.taskId, at);
      }
    },
  });
  const fromCall: number[] = [];
  const fromCommit: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + LATENCY_WARMUP; i++) {
    const t0 = performance.now();
    const created = await createTask(ctx, { jobId });
    const t1 = performance.now();
    if (!created.ok) throw new Error("create failed");
    const id = created.task.taskId;
    const at = early.get(id) ?? (await new Promise<number>((resolve) => waiting.set(id, resolve)));
    waiting.delete(id);
    if (i >= LATENCY_WARMUP) {
      fromCall.push(at - t0);
      fromCommit.push(at - t1);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await dispatcher.stop();
  await db.close();
  return { fromCall, fromCommit };
}

export async function run(_args: readonly string[]): Promise<void> {
  const server = benchServer();
  try {
    console.log(`lifecycle benchmark — ${server.origin}; ${await serverSettings(server.url)}`);
    const rows: string[] = [];
    for (const c of CONCURRENCY) {
      const n = TASKS[c] ?? 2000;
      const measure = async (f: (url: string, c: number, n: number) => Promise<number>) => {
        const fresh = await freshDatabase(server.url);
        try {
          return await f(fresh.url, c, n);
        } finally {
          await fresh.drop();
        }
      };
      const engine = await measure(engineThroughput);
      const single = await measure(oneByOne);
      const batch = await measure(batched);
      rows.push(
        `| ${String(c).padStart(11)} | ${String(n).padStart(5)} | ${engine.toFixed(0).padStart(12)} | ${single.toFixed(0).padStart(10)} | ${(engine / single).toFixed(2).padStart(7)}× | ${batch.toFixed(0).padStart(12)} | ${(engine / batch).toFixed(2).padStart(7)}× |`,
      );
      console.log(rows[rows.length - 1]);
    }
    console.log("\nacquire→complete throughput, tasks/s (backlog created first; same database server, same run)");
    console.log("| completions | tasks | engine tasks/s | one-by-one | ratio    | batched 100  | ratio    |");
    console.log("|-------------|-------|----------------|------------|----------|--------------|----------|");
    for (const r of rows) console.log(r);
    const fresh = await freshDatabase(server.url);
    try {
      const lat = await pickupLatency(fresh.url);
      console.log(`\ncreate→acquire latency through the dispatcher acquire loop (LISTEN/NOTIFY), ${LATENCY_SAMPLES} samples, ms`);
      console.log("| measured from            | p50   | p99   |");
      console.log("|--------------------------|-------|-------|");
      console.log(`| createTask call          | ${pct(lat.fromCall, 50).toFixed(2)} | ${pct(lat.fromCall, 99).toFixed(2)} |`);
      console.log(`| createTask commit        | ${pct(lat.fromCommit, 50).toFixed(2)} | ${pct(lat.fromCommit, 99).toFixed(2)} |`);
    } finally {
      await fresh.drop();
    }
  } finally {
    await server.stop();
  }
}
