// Two real `serve` processes whose wall clocks are an hour ahead and an hour behind (a --import
// hook shifts Date) share one Postgres. Leases, heartbeats, reaping and attempt times all come from
// the database's clock, so neither host shortens nor lengthens the other's leases: a lease taken
// on the slow host is not reaped early by the fast one, a lease taken on the fast host is reaped
// on time by the slow one, and capability tokens minted on one verify on the other.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { createLifecycleContext, createTask, getTask } from "../../src/lifecycle/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { makeJob } from "../support/lifecycle.js";
import { startServe, stopServe, type ServeProcess } from "../support/serve-process.js";

const serverUrl = postgresServerUrl();
const HOUR_MS = 3_600_000;
const TTL_SECONDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Claimed {
  claimed: boolean;
  attempt: number;
  lease_token: string;
  lease_expires_at: string;
  capability_token: string;
}

describe.skipIf(!serverUrl)("Dispatchers on hosts with skewed clocks", () => {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  const serves: ServeProcess[] = [];
  afterAll(async () => {
    for (const s of serves) await stopServe(s, 2000);
    await db?.close();
    await drop?.();
  });

  it("lease, reap and record every attempt on the database's clock", async () => {
    const fresh = await createFreshPostgresDatabase(serverUrl as string);
    drop = fresh.drop;
    db = await openDatabase({ url: fresh.url, maxConnections: 4 });
    const ctx = createLifecycleContext(db);
    const job = await makeJob(ctx, { runtime: "worker", orgId: "skew", leaseTtlSeconds: TTL_SECONDS, timeoutSeconds: 60, maxAttempts: 1 });
    const workerToken = randomBytes(16).toString("hex");
    const env = {
      DATABASE_URL: fresh.url,
      TRACE_TASK_TOKEN_MODE: "local-hs256",
      TRACE_TASK_HS256_SECRET: randomBytes(32).toString("base64url"),
      TRACE_WORKER_TOKENS: workerToken,
      TRACE_INVOKER: "local",
      // The claim reply carries a presigned bundle URL: signing needs (fake) credentials, no network.
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: "us-east-1",
    };
    const skewed = (ms: number) => startServe({ env: { ...env, CLOCK_SKEW_MS: String(ms) }, imports: ["./test/support/skew-clock.mjs"] });
    const [ahead, behind] = await Promise.all([skewed(HOUR_MS), skewed(-HOUR_MS)]);
    serves.push(ahead as ServeProcess, behind as ServeProcess);

    const dbNow = async () => new Date(String((await (db as Database).query(`SELECT clock_timestamp()::text AS t`))[0]?.t)).getTime();
    const post = async <T>(serve: ServeProcess, path: string, body: object, headers: Record<string, string>): Promise<T> => {
      const res = await fetch(serve.url + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const claim = (serve: ServeProcess, taskId: string) =>
      post<Claimed>(serve, "/internal/task-claim", { task_id: taskId, worker_id: "skew-test" }, { "x-trace-worker-token": workerToken });
    const state = async (taskId: string) => {
      const got = await getTask(ctx, taskId);
      return got?.task.state;
    };
    const expectAbout = (iso: string, expectedMs: number) => expect(Math.abs(Date.parse(iso) - expectedMs)).toBeLessThan(1500);

    // A lease taken on the slow host: expiry is database time + TTL, not an hour in the past.
    const a = await createTask(ctx, { jobId: job.jobId });
    if (!a.ok) throw new Error(a.reason);
    const taskA = a.task.taskId;
    const leaseA = await claim(behind as ServeProcess, taskA);
    expect(leaseA.claimed).toBe(true);
    expectAbout(leaseA.lease_expires_at, (await dbNow()) + TTL_SECONDS * 1000);
    // The fast host's reaper (every second) must not see it as expired an hour ago.
    await sleep(1500);
    expect(await state(taskA)).toBe("RUNNING");
    // A heartbeat on the fast host with the slow host's token: accepted, extended on database time.
    const fence = { task_id: taskA, attempt: leaseA.attempt, lease_token: leaseA.lease_token };
    const beat = await post<{ lease_expires_at: string }>(ahead as ServeProcess, "/v1/task/heartbeat", fence, {
      "x-trace-task-capability": leaseA.capability_token,
    });
    const beatAt = await dbNow();
    expectAbout(beat.lease_expires_at, beatAt + TTL_SECONDS * 1000);
    while ((await state(taskA)) === "RUNNING") await sleep(100);
    const reapedA = await dbNow();
    expect(reapedA).toBeGreaterThanOrEqual(Date.parse(beat.lease_expires_at) - 200);
    expect(reapedA).toBeLessThan(Date.parse(beat.lease_expires_at) + 2500);

    // A lease taken on the fast host, with only the slow host left to reap it: on time, not in an hour.
    const b = await createTask(ctx, { jobId: job.jobId });
    if (!b.ok) throw new Error(b.reason);
    const taskB = b.task.taskId;
    const leaseB = await claim(ahead as ServeProcess, taskB);
    expectAbout(leaseB.lease_expires_at, (await dbNow()) + TTL_SECONDS * 1000);
    await stopServe(ahead as ServeProcess);
    const deadline = Date.parse(leaseB.lease_expires_at) + 2500;
    while ((await state(taskB)) === "RUNNING" && (await dbNow()) < deadline) await sleep(100);
    expect(await state(taskB)).toBe("FAILED");

    // Every recorded attempt time is the database's, within seconds, on both hosts.
    const now = await dbNow();
    const attempts = await db.query<{ started_at: Date; ended_at: Date; outcome: string }>(
      `SELECT started_at, ended_at, outcome FROM task_attempts WHERE task_id IN ($1, $2) ORDER BY started_at`,
      [taskA, taskB],
    );
    expect(attempts.map((r) => r.outcome)).toEqual(["timed_out", "timed_out"]);
    for (const r of attempts) {
      expect(Math.abs(now - new Date(r.started_at).getTime())).toBeLessThan(30_000);
      expect(Math.abs(now - new Date(r.ended_at).getTime())).toBeLessThan(30_000);
    }
  }, 120_000);
});
