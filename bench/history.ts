// History benchmark (`npm run bench -- history [--sizes 10000,1000000] [--rounds 2] [--tasks 1500,5000,8000] [--plans]`):
// does a long history of finished tasks slow the live loop? (issue 12)
//
// For each size, one database is seeded once with that many finished tasks and everything they
// leave (bench/history-seed.ts), vacuumed and analyzed, and warmed by one unreported run. Then, in
// rounds whose order flips each time (10k, 1M, 1M, 10k, …: the machine is shared, so drift hits
// both sizes alike), on each database:
//   - the e2e loop of bench/e2e.ts (a real Dispatcher app, ES256 tokens, no-op runners completing
//     over HTTP) at 1, 8 and 32 in flight, on the job that owns a share of the history;
//   - create→acquire latency through the real acquire loop (bench/lifecycle.ts), from the commit.
// After every run the rows it created are deleted and the tables vacuumed, so every run starts
// from the same history. Printed: each run, the medians per size and their ratio (target: within
// ±10 %), then EXPLAIN (ANALYZE, BUFFERS) of the hot statements on the largest history, recorded
// from the real lifecycle functions (acquire, heartbeat, complete, outbox claim, reaper scan,
// outbox prune, history retention) on every size, flagging any sequential scan of a history table:
// the buffers a statement touches do not depend on the machine's load, its throughput does.
import { createKeyring } from "../src/auth/index.js";
import { openDatabase, type Database } from "../src/db/index.js";
import {
  acquireTasks,
  claimOutbox,
  createCompletionBatcher,
  createLifecycleContext,
  createTask,
  heartbeat,
  pruneOutbox,
  reapExpired,
  type Lease,
} from "../src/lifecycle/index.js";
import { deleteExpiredHistory } from "../src/lifecycle/retention.js";
import { recordingDatabase, type RecordedStatement } from "../test/support/recording-database.js";
import { e2eRun, type TokenEnv, type WalStats } from "./e2e.js";
import { seedHistory } from "./history-seed.js";
import { createBacklog, pickupLatency } from "./lifecycle.js";
import { benchServer, freshDatabase, serverSettings } from "./postgres.js";
import { median, pct } from "./stats.js";

const IN_FLIGHT = [1, 8, 32];
/** Tasks per e2e run at 1/8/32 in flight (bench/e2e.ts's counts); --tasks 500,2000,3000 for shorter runs on a busy machine. */
const DEFAULT_TASKS = [1500, 5000, 8000];
const HISTORY_TABLES = ["tasks", "task_attempts", "outbox", "task_events", "task_outputs", "dataset_versions_published", "buffer_publishes"];

interface Seeded {
  size: number;
  url: string;
  /** Every seeded row was created before this instant; later rows belong to a bench run. */
  seededBefore: Date;
  drop(): Promise<void>;
}

interface Sample {
  tasksPerSecond: Record<number, number>;
  p50: number;
  p99: number;
  /** WAL per task over the three e2e runs: bytes and full-page images (pages first changed since a checkpoint). */
  wal: WalStats;
  /** Autovacuum and autoanalyze runs on tasks, task_attempts and outbox while this sample's runs went. */
  autovacuums: number;
  autoanalyzes: number;
}

/** Autovacuum/autoanalyze runs so far on the tables the loop churns. */
async function autovacuumCounts(url: string): Promise<{ vacuums: number; analyzes: number }> {
  const db = await openDatabase({ url, maxConnections: 1, migrate: false });
  try {
    const [row] = await db.query<{ vacuums: string; analyzes: string }>(
      `SELECT coalesce(sum(autovacuum_count), 0) AS vacuums, coalesce(sum(autoanalyze_count), 0) AS analyzes
       FROM pg_stat_user_tables WHERE relname IN ('tasks', 'task_attempts', 'outbox')`,
    );
    return { vacuums: Number(row?.vacuums ?? 0), analyzes: Number(row?.analyzes ?? 0) };
  } finally {
    await db.close();
  }
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function seeded(serverUrl: string, size: number): Promise<Seeded> {
  const fresh = await freshDatabase(serverUrl);
  const db = await openDatabase({ url: fresh.url, maxConnections: 2 });
  try {
    const start = performance.now();
    const counts = await seedHistory(db, { tasks: size });
    await db.query(`VACUUM ANALYZE`);
    const [size_] = await db.query<{ s: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
    const rows = Object.entries(counts).map(([t, c]) => `${t} ${c.toLocaleString("en")}`).join(", ");
    console.log(`seeded ${size.toLocaleString("en")} finished tasks in ${((performance.now() - start) / 1000).toFixed(0)} s (${size_?.s}): ${rows}`);
    return { size, url: fresh.url, seededBefore: new Date(), drop: fresh.drop };
  } finally {
    await db.close();
  }
}

/** Deletes what a bench run added (tasks created after the seed, their attempts and outbox rows), then vacuums. */
async function resetToHistory(history: Seeded): Promise<void> {
  const db = await openDatabase({ url: history.url, maxConnections: 1, migrate: false });
  try {
    const cut = history.seededBefore.toISOString();
    await db.query(`DELETE FROM outbox WHERE created_at >= $1`, [cut]);
    await db.query(`DELETE FROM task_attempts WHERE task_id IN (SELECT task_id FROM tasks WHERE created_at >= $1)`, [cut]);
    await db.query(`DELETE FROM tasks WHERE created_at >= $1`, [cut]);
    await db.query(`VACUUM ANALYZE tasks, task_attempts, outbox`);
    // Write the run's dirty pages out now, so the next run (or latency probe) does not share the
    // disk with a checkpoint whose size depends on how big the tables just vacuumed are.
    await db.query(`CHECKPOINT`);
  } finally {
    await db.close();
  }
}

async function measure(serverUrl: string, tokenEnv: TokenEnv, history: Seeded, tasks: readonly number[]): Promise<Sample> {
  const onHistory = () => Promise.resolve({ url: history.url, drop: () => resetToHistory(history) });
  const before = await autovacuumCounts(history.url);
  const tasksPerSecond: Record<number, number> = {};
  const wal: WalStats = { bytes: 0, fullPages: 0 };
  let total = 0;
  for (const [i, c] of IN_FLIGHT.entries()) {
    const n = tasks[i] ?? 2000;
    const result = await e2eRun(serverUrl, tokenEnv, c, n, undefined, onHistory);
    tasksPerSecond[c] = result.tasksPerSecond;
    wal.bytes += result.walPerTask.bytes * n;
    wal.fullPages += result.walPerTask.fullPages * n;
    total += n;
  }
  const latency = await pickupLatency(history.url);
  const after = await autovacuumCounts(history.url);
  await resetToHistory(history);
  return {
    tasksPerSecond,
    p50: pct(latency.fromCommit, 50),
    p99: pct(latency.fromCommit, 99),
    wal: { bytes: wal.bytes / total, fullPages: wal.fullPages / total },
    autovacuums: after.vacuums - before.vacuums,
    autoanalyzes: after.analyzes - before.analyzes,
  };
}

function sampleRow(label: string, s: Sample): string {
  const tps = IN_FLIGHT.map((c) => (s.tasksPerSecond[c] ?? NaN).toFixed(0).padStart(7)).join(" | ");
  const wal = `${(s.wal.bytes / 1024).toFixed(1)} / ${s.wal.fullPages.toFixed(2)}`;
  return `| ${label.padEnd(17)} | ${tps} | ${s.p50.toFixed(2).padStart(6)} | ${s.p99.toFixed(2).padStart(6)} | ${wal.padStart(13)} | ${`${s.autovacuums} / ${s.autoanalyzes}`.padStart(16)} |`;
}

// ---------------------------------------------------------------------------------------------
// Plans of the hot statements on the largest history, recorded from the real lifecycle functions.

class Rollback extends Error {}

/**
 * EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back: the statement runs, its effects
 * do not stay. `first` runs before it in the same transaction (e.g. dropping an index to show the
 * plan without it).
 */
async function explainAnalyze(db: Database, r: RecordedStatement, first?: string): Promise<string> {
  let plan = "";
  try {
    await db.transaction(async (tx) => {
      if (first) await tx.query(first);
      const rows = await tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${r.text}`, r.params);
      plan = rows.map((row) => String(Object.values(row)[0])).join("\n");
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return plan;
}

async function hotPlans(history: Seeded, printPlans: boolean): Promise<void> {
  const raw = await openDatabase({ url: history.url, maxConnections: 4, migrate: false });
  const log: RecordedStatement[] = [];
  const ctx = createLifecycleContext(recordingDatabase(raw, log));
  try {
    const [job] = await raw.query<{ job_id: string }>(`SELECT job_id FROM jobs WHERE dag_name = 'bench' AND name = 'e2e'`);
    if (!job) throw new Error("the seeded history has no bench/e2e job");
    await createBacklog(createLifecycleContext(raw), job.job_id, 200);
    await raw.query(`ANALYZE tasks`);
    const plans: [string, string][] = [];
    const capture = async (name: string, run: () => Promise<unknown>, pick: (r: RecordedStatement) => boolean, rewrite?: (p: unknown) => unknown) => {
      log.length = 0;
      await run();
      const statement = log.find(pick);
      if (!statement) throw new Error(`no statement recorded for ${name}`);
      plans.push([name, await explainAnalyze(raw, rewrite ? { text: statement.text, params: statement.params.map(rewrite) } : statement)]);
    };
    // Inserts touch the history's indexes too (tasks_pkey is a random uuid: one leaf page per insert).
    await capture("create task", () => createTask(ctx, { jobId: job.job_id }), (r) => /INSERT INTO\s+"?tasks/i.test(r.text));
    let leases: Lease[] = [];
    await capture("acquire (10 of 200 queued)", async () => (leases = await acquireTasks(ctx, { limit: 10, workerId: "plans" })), (r) => /SKIP LOCKED/i.test(r.text));
    const [a, b] = leases;
    if (!a || !b) throw new Error("acquire took fewer than 2 leases");
    await capture("heartbeat", () => heartbeat(ctx, a), (r) => /^\s*UPDATE\s+"?tasks/i.test(r.text));
    // The completion is recorded for lease a, then explained with lease b's fence (a is completed by then).
    const swap = (p: unknown) => (typeof p === "string" ? p.replaceAll(a.taskId, b.taskId).replaceAll(a.leaseToken, b.leaseToken) : p);
    const batcher = createCompletionBatcher(ctx);
    await capture("complete (batched path)", () => batcher.complete({ ...a, status: "COMPLETED" }), (r) => /UPDATE\s+"?tasks/i.test(r.text), swap);
    await capture("outbox claim (invoke)", () => claimOutbox(ctx, { kinds: ["invoke"], limit: 64 }), (r) => /FROM\s+"?outbox/i.test(r.text));
    await capture("reaper scan", () => reapExpired(ctx, { limit: 500 }), (r) => /lease_expires_at"?\s*</i.test(r.text));
    await capture("outbox prune (done > 1 day)", () => pruneOutbox(ctx, new Date(Date.now() - 86_400_000)), (r) => /DELETE/i.test(r.text));
    const prune = log.find((r) => /DELETE/i.test(r.text));
    if (prune) plans.push(["prune without outbox_done_idx", await explainAnalyze(raw, prune, "DROP INDEX outbox_done_idx")]);
    await capture(
      "history retention (> 30 days)",
      () => deleteExpiredHistory(ctx, { olderThan: new Date(Date.now() - 30 * 86_400_000), limit: 500 }),
      (r) => /SKIP LOCKED/i.test(r.text),
    );
    const historyScan = new RegExp(`Seq Scan on (${HISTORY_TABLES.join("|")})\\b`);
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the hot statements with ${history.size.toLocaleString("en")} finished tasks of history:`);
    console.log("| statement                      | execution ms | shared buffers | history table scanned? | index                          |");
    console.log("|--------------------------------|--------------|----------------|------------------------|--------------------------------|");
    for (const [name, plan] of plans) {
      const ms = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? "?";
      const buffers = [...plan.matchAll(/Buffers: shared ((?:hit|read|dirtied|written)=\d+(?: (?:hit|read|dirtied|written)=\d+)*)/g)][0]?.[1] ?? "-";
      const scanned = historyScan.exec(plan)?.[0] ?? "no";
      const indexes = [...new Set([...plan.matchAll(/using (\w+)/g)].map((m) => m[1]))].join(", ");
      console.log(`| ${name.padEnd(30)} | ${ms.padStart(12)} | ${buffers.padEnd(14)} | ${scanned.padEnd(22)} | ${indexes.slice(0, 30).padEnd(30)} |`);
    }
    if (printPlans) for (const [name, plan] of plans) console.log(`\n-- ${name}\n${plan}`);
  } finally {
    await raw.close();
    await resetToHistory(history);
  }
}

/**
 * Retention at catch-up: ages the oldest `share` of the history past 30 days, then deletes it with
 * deleteExpiredHistory in default batches, as the retention loop would; prints tasks/s and the
 * slowest batch (how long its row locks were held). Runs last: it consumes part of the history.
 */
async function retentionCatchUp(history: Seeded, share: number): Promise<void> {
  const db = await openDatabase({ url: history.url, maxConnections: 2, migrate: false });
  try {
    const ctx = createLifecycleContext(db);
    const aged = Math.round(history.size * share);
    await db.query(
      `UPDATE tasks SET created_at = created_at - interval '40 days', updated_at = updated_at - interval '40 days'
       WHERE task_id IN (SELECT task_id FROM tasks ORDER BY created_at LIMIT $1)`,
      [aged],
    );
    await db.query(`VACUUM ANALYZE tasks`);
    const olderThan = new Date(Date.now() - 30 * 86_400_000);
    let deleted = 0;
    let slowest = 0;
    const start = performance.now();
    for (;;) {
      const t0 = performance.now();
      const n = await deleteExpiredHistory(ctx, { olderThan });
      slowest = Math.max(slowest, performance.now() - t0);
      deleted += n;
      if (n === 0) break;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `\nretention catch-up on ${history.size.toLocaleString("en")} tasks of history: ${deleted.toLocaleString("en")} expired tasks (with their rows) deleted ` +
        `in ${seconds.toFixed(1)} s, ${(deleted / seconds).toFixed(0)} tasks/s, batches of 500, slowest batch ${slowest.toFixed(0)} ms`,
    );
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------

export async function run(args: readonly string[]): Promise<void> {
  const sizes = (option(args, "--sizes") ?? "10000,1000000").split(",").map(Number);
  const rounds = Number(option(args, "--rounds") ?? 2);
  const tasks = option(args, "--tasks")?.split(",").map(Number) ?? DEFAULT_TASKS;
  if ([...sizes, ...tasks].some((s) => !Number.isInteger(s) || s < 0) || tasks.length !== IN_FLIGHT.length || !Number.isInteger(rounds) || rounds < 1) {
    throw new Error("usage: history [--sizes 10000,1000000] [--rounds 2] [--tasks 1500,5000,8000] [--plans]");
  }
  const server = benchServer();
  const histories: Seeded[] = [];
  try {
    const tokenEnv: TokenEnv = { TRACE_TASK_JWKS: JSON.stringify(await createKeyring()) };
    console.log(`history benchmark — ${server.origin}; ${await serverSettings(server.url)}; ES256 capability tokens`);
    for (const size of sizes) histories.push(await seeded(server.url, size));
    // Warm the JIT, the connection paths and each database's caches once; not reported.
    for (const h of histories) await e2eRun(server.url, tokenEnv, 8, 1500, undefined, () => Promise.resolve({ url: h.url, drop: () => resetToHistory(h) }));

    const samples = new Map<number, Sample[]>(histories.map((h) => [h.size, []]));
    const header = `| history           | ${IN_FLIGHT.map((c) => `${String(c).padStart(2)} in fl`).join(" | ")} | p50 ms | p99 ms | WAL kB / FPI  | autovacuum / analyze |`;
    const rule = `|-------------------|${IN_FLIGHT.map(() => "---------").join("|")}|--------|--------|---------------|------------------|`;
    console.log(
      `\nruns (e2e tasks/s at 1/8/32 in flight; create→acquire latency from the commit, ms; WAL per e2e task, kB and full-page images; ` +
        `autovacuum / autoanalyze runs on tasks, task_attempts and outbox during the runs, all rounds together in the medians):\n${header}\n${rule}`,
    );
    for (let round = 1; round <= rounds; round++) {
      // Every other round in reverse (small, large, large, small, …): the machine speeds up or slows
      // down over minutes, and a fixed order hands that drift to whichever size always runs second
      // (3 rounds in a fixed order read the large history 8–36 % faster in every pair).
      for (const h of round % 2 === 1 ? histories : [...histories].reverse()) {
        const s = await measure(server.url, tokenEnv, h, tasks);
        samples.get(h.size)?.push(s);
        console.log(sampleRow(`${h.size.toLocaleString("en")} (round ${round})`, s));
      }
    }
    const medians = histories.map((h): [number, Sample] => {
      const all = samples.get(h.size) ?? [];
      const tasksPerSecond: Record<number, number> = {};
      for (const c of IN_FLIGHT) tasksPerSecond[c] = median(all.map((s) => s.tasksPerSecond[c] ?? NaN));
      const sum = (f: (s: Sample) => number) => all.reduce((acc, s) => acc + f(s), 0);
      return [
        h.size,
        {
          tasksPerSecond,
          p50: median(all.map((s) => s.p50)),
          p99: median(all.map((s) => s.p99)),
          wal: { bytes: median(all.map((s) => s.wal.bytes)), fullPages: median(all.map((s) => s.wal.fullPages)) },
          autovacuums: sum((s) => s.autovacuums),
          autoanalyzes: sum((s) => s.autoanalyzes),
        },
      ];
    });
    console.log(`\nmedians over ${rounds} round(s):\n${header}\n${rule}`);
    for (const [size, s] of medians) console.log(sampleRow(size.toLocaleString("en"), s));
    const [small, large] = [medians[0], medians[medians.length - 1]];
    if (small && large && small !== large) {
      const ratio = (x: number, y: number) => `${((100 * x) / y).toFixed(0)} %`.padStart(7);
      const tps = IN_FLIGHT.map((c) => ratio(large[1].tasksPerSecond[c] ?? NaN, small[1].tasksPerSecond[c] ?? NaN)).join(" | ");
      console.log(`| ${"ratio large/small".padEnd(17)} | ${tps} | ${ratio(large[1].p50, small[1].p50).slice(1)} | ${ratio(large[1].p99, small[1].p99).slice(1)} | ${ratio(large[1].wal.bytes, small[1].wal.bytes).padStart(13)} |                  |`);
      console.log("Target (issue 12): throughput and create→acquire p99 within ±10 % (90–110 %) between the two history sizes.");
    }
    const largest = histories[histories.length - 1];
    // Every size, so the buffers each statement touches can be compared; full plans of the largest.
    for (const h of histories) await hotPlans(h, h === largest && args.includes("--plans"));
    if (largest) await retentionCatchUp(largest, 0.1);
  } finally {
    for (const h of histories) await h.drop().catch(() => {});
    await server.stop();
  }
}
