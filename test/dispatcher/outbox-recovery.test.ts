// Outbox claims on real Postgres with a real drain process: a live drain keeps the rows it is
// delivering however long the delivery takes (its short claims are renewed), and the rows of a
// drain that is SIGKILLed mid-delivery are claimable again within one visibility window.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { acquireTasks, claimOutbox, createLifecycleContext, createTask } from "../../src/lifecycle/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { makeJob } from "../support/lifecycle.js";

const serverUrl = postgresServerUrl();
const VISIBILITY_SECONDS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!serverUrl)("outbox claims of a drain process", () => {
  let db: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await db?.close();
    await drop?.();
  });

  it("are renewed while the drain lives and visible again within the window once it is killed", async () => {
    const fresh = await createFreshPostgresDatabase(serverUrl as string);
    drop = fresh.drop;
    db = await openDatabase({ url: fresh.url, maxConnections: 4 });
    const ctx = createLifecycleContext(db);
    const job = await makeJob(ctx);
    for (let i = 0; i < 3; i++) await createTask(ctx, { jobId: job.jobId });
    expect(await acquireTasks(ctx, { limit: 3, workerId: "test" })).toHaveLength(3);

    const delivering = new Set<number>();
    child = spawn(process.execPath, ["--import", "tsx", "test/support/outbox-drain-child.ts"], {
      env: { ...process.env, DATABASE_URL: fresh.url, VISIBILITY_SECONDS: String(VISIBILITY_SECONDS) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<void>((resolve) => child?.on("exit", () => resolve()));
    child.stdout?.on("data", (d: Buffer) => {
      for (const m of d.toString().matchAll(/delivering (\d+)/g)) delivering.add(Number(m[1]));
    });
    const deadline = Date.now() + 30_000;
    while (delivering.size < 3 && Date.now() < deadline) await sleep(50);
    expect(delivering.size).toBe(3);

    // Three windows with the delivery stuck: a second drain never gets these rows.
    const watchUntil = Date.now() + 3 * VISIBILITY_SECONDS * 1000;
    while (Date.now() < watchUntil) {
      expect(await claimOutbox(ctx, { kinds: ["invoke"], limit: 10, visibilitySeconds: 30 })).toEqual([]);
      await sleep(100);
    }

    child.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    let recovered: number[] = [];
    while (recovered.length < 3 && Date.now() - killedAt < 10_000) {
      recovered.push(...(await claimOutbox(ctx, { kinds: ["invoke"], limit: 10, visibilitySeconds: 30 })).map((r) => r.id));
      if (recovered.length < 3) await sleep(50);
    }
    const recoveryMs = Date.now() - killedAt;
    recovered = recovered.sort((a, b) => a - b);
    expect(recovered).toEqual([...delivering].sort((a, b) => a - b));
    // At most one window (plus a renewal's worth of slack and polling), not the old fixed 60 s.
    expect(recoveryMs).toBeLessThan(VISIBILITY_SECONDS * 1000 + 1500);
    console.log(`dead drain's rows claimable again after ${recoveryMs} ms (window ${VISIBILITY_SECONDS} s)`);
  }, 60_000);
});
