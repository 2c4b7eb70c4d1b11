// Heavy test (real Postgres): three Dispatcher processes (test/support/dispatcher-fixture.ts, the
// real loops with a simulated runner that completes, fails and times out at random) drain 5,000
// tasks from one database while one process is SIGKILLed mid-drain and restarted. Afterwards,
// from the database's own history:
//   - every task is terminal (COMPLETED, CANCELED, or FAILED with no retry pending);
//   - every attempt was acquired exactly once: one task_attempts row per (task_id, attempt),
//     attempts numbered 1..n with n = the task's attempt, every attempt ended;
//   - never two live leases: a task's attempts never overlap in time;
//   - per-job max_concurrency held the whole time;
//   - the only repeats are outbox deliveries (at-least-once), which fencing made harmless.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { createLifecycleContext, createTask, type Job } from "../../src/lifecycle/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { auditAttemptHistory, auditViolations } from "../support/attempt-audit.js";
import { makeJob } from "../support/lifecycle.js";

const TASKS = 5000;
const CAP = 5;
const serverUrl = postgresServerUrl();

interface Fixture {
  id: string;
  child: ChildProcess;
  stderr: string[];
  exited: Promise<number | null>;
}

function startFixture(id: string, url: string, seed: number): Promise<Fixture> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/dispatcher-fixture.ts"], {
    env: { ...process.env, DATABASE_URL: url, FIXTURE_ID: id, FIXTURE_SEED: String(seed) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      if (d.toString().includes(`ready ${id}`)) resolve({ id, child, stderr, exited });
    });
    void exited.then((code) => reject(new Error(`fixture ${id} exited early (${code}): ${stderr.join("")}`)));
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!serverUrl)("three dispatcher processes on one Postgres", () => {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  const fixtures: Fixture[] = [];
  afterAll(async () => {
    for (const f of fixtures) if (f.child.exitCode === null) f.child.kill("SIGKILL");
    await db?.close();
    await drop?.();
  });

  it(
    "drains 5,000 tasks through a SIGKILL and restart with every invariant intact",
    async () => {
      const fresh = await createFreshPostgresDatabase(serverUrl as string);
      drop = fresh.drop;
      db = await openDatabase({ url: fresh.url, maxConnections: 20 });
      const ctx = createLifecycleContext(db);
      const policy = { leaseTtlSeconds: 2, timeoutSeconds: 60, retryBaseSeconds: 1, retryMaxSeconds: 2, maxAttempts: 3 };
      const lambda = await makeJob(ctx, policy);
      const worker = await makeJob(ctx, { ...policy, runtime: "worker" });
      const capped = await makeJob(ctx, { ...policy, maxConcurrency: CAP });

      for (const [i, id] of ["d1", "d2", "d3"].entries()) fixtures.push(await startFixture(id, fresh.url, 1000 + i));

      let maxCappedRunning = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const [row] = await (db as Database).query(`SELECT count(*)::int AS n FROM tasks WHERE job_id = $1 AND state = 'RUNNING'`, [
            capped.jobId,
          ]);
          maxCappedRunning = Math.max(maxCappedRunning, Number(row?.n));
          await new Promise((r) => setTimeout(r, 20));
        }
      })();

      const jobFor = (i: number): Job => (i % 10 === 0 ? worker : i % 10 === 1 ? capped : lambda);
      for (let start = 0; start < TASKS; start += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, TASKS - start) }, (_, k) =>
            createTask(ctx, { jobId: jobFor(start + k).jobId, dedupeKey: `t${start + k}` }),
          ),
        );
      }

      const terminal = async () =>
        Number(
          (
            await (db as Database).query(
              `SELECT count(*)::int AS n FROM tasks WHERE state IN ('COMPLETED', 'CANCELED') OR (state = 'FAILED' AND next_retry_at IS NULL)`,
            )
          )[0]?.n,
        );
      await waitUntil("a third of the tasks to finish", async () => (await terminal()) >= TASKS / 3, 120_000);
      const victim = fixtures[0] as Fixture;
      victim.child.kill("SIGKILL");
      await victim.exited;
      fixtures[0] = await startFixture("d1", fresh.url, 2000);

      await waitUntil("every task to be terminal", async () => (await terminal()) === TASKS, 150_000);
      sampling = false;
      await sampler;

      // Graceful shutdown: SIGTERM → stop taking work, finish in flight, exit 0 within the bound.
      for (const f of fixtures) f.child.kill("SIGTERM");
      const codes = await Promise.all(fixtures.map((f) => f.exited));
      expect(codes).toEqual([0, 0, 0]);

      const q = (sql: string) => (db as Database).query(sql);
      // Every task terminal, attempts 1..n all ended, no overlapping leases, no stale or double
      // completion, nothing left in the outbox (simulated throttles were retried and succeeded).
      const audit = await auditAttemptHistory(db);
      expect(audit.tasks).toBe(TASKS);
      expect(auditViolations(audit)).toEqual({ lost: 0, doubleCompleted: 0, overlappingLeases: 0, staleCommits: 0, unfinishedAttempts: 0, stuckOutbox: 0 });
      expect(maxCappedRunning).toBeLessThanOrEqual(CAP);
      // One invoke row per lambda attempt acquired (written in the acquiring transaction).
      expect(
        await q(`SELECT a.task_id, a.attempt FROM task_attempts a JOIN tasks t USING (task_id)
                 WHERE t.runtime = 'lambda' AND NOT EXISTS (
                   SELECT 1 FROM outbox o WHERE o.kind = 'invoke' AND o.task_id = a.task_id AND o.attempt = a.attempt)
                 GROUP BY a.task_id, a.attempt`),
      ).toEqual([]);
      console.log("attempt outcomes", JSON.stringify(audit.outcomes), "task states", JSON.stringify(audit.states), "max capped running", maxCappedRunning);
      expect(Object.keys(audit.outcomes)).toEqual(expect.arrayContaining(["completed", "failed", "timed_out", "invoke_failed"]));
    },
    240_000,
  );
});
