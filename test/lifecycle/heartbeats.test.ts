// heartbeats: many heartbeats renewed by one statement, each answered exactly as heartbeat
// answers it alone (refusals, malformed fences, a second delivery of a task already in the batch).
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database, Row } from "../../src/db/index.js";
import { recordingDatabase, type RecordedStatement } from "../support/recording-database.js";
import { acquireTasks, cancelTask, completeTask, createTask, heartbeats, type Fence, type Lease, type LifecycleContext } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { lifecycleSuite, makeJob } from "../support/lifecycle.js";

describeEachBackend("heartbeats (batched)", (backend) => {
  const suite = lifecycleSuite(backend);

  /** `ctx` with a database that records every statement it runs. */
  function recording(): { ctx: LifecycleContext; statements: () => string[] } {
    const log: RecordedStatement[] = [];
    return { ctx: { ...suite.ctx, db: recordingDatabase(suite.db, log) }, statements: () => log.map((r) => r.text) };
  }

  async function leases(n: number): Promise<Lease[]> {
    const { ctx } = suite;
    const job = await makeJob(ctx, { leaseTtlSeconds: 60, timeoutSeconds: 600 });
    for (let i = 0; i < n; i++) await createTask(ctx, { jobId: job.jobId });
    const leased = await acquireTasks(ctx, { limit: n, workerId: "w" });
    expect(leased).toHaveLength(n);
    return leased;
  }
  const fenceOf = (lease: Lease, deliveryId?: string): Fence => ({ taskId: lease.taskId, attempt: lease.attempt, leaseToken: lease.leaseToken, deliveryId });
  const deliveryOf = async (taskId: string) => (await suite.db.query(`SELECT delivery_id FROM tasks WHERE task_id = $1`, [taskId]))[0]?.delivery_id;

  it("renews the live leases in one statement and answers every other fence as heartbeat alone", async () => {
    const { ctx, clock } = suite;
    const [a, b, c, d, e, f] = (await leases(6)) as [Lease, Lease, Lease, Lease, Lease, Lease];
    await completeTask(ctx, { ...fenceOf(d), status: "COMPLETED" });
    await cancelTask(ctx, e.taskId, "operator");
    clock.advance(30);
    const first = randomUUID();
    const second = randomUUID();
    const { ctx: counted, statements } = recording();
    const results = await heartbeats(counted, [
      fenceOf(a, first),
      fenceOf(b),
      { ...fenceOf(c), leaseToken: randomUUID() },
      fenceOf(d),
      { ...fenceOf(a), taskId: "not-a-uuid" },
      fenceOf(a, second), // a's second delivery, in the batch that binds the first
      fenceOf(e),
      { ...fenceOf(f), attempt: 2 },
    ]);
    const renewed = new Date(clock.now().getTime() + 60_000);
    expect(results).toEqual([
      { ok: true, leaseExpiresAt: renewed, cancelRequested: false },
      { ok: true, leaseExpiresAt: renewed, cancelRequested: false },
      { ok: false, reason: "lease_mismatch" },
      { ok: false, reason: "task_finished" },
      { ok: false, reason: "not_found" },
      { ok: false, reason: "duplicate_delivery" },
      { ok: true, leaseExpiresAt: renewed, cancelRequested: true },
      { ok: false, reason: "stale_attempt" },
    ]);
    expect(await deliveryOf(a.taskId)).toBe(first);
    // One statement renewed a, b and e; c, d, a's second delivery and f went one by one after it.
    expect(statements().filter((s) => s.includes("jsonb_to_recordset"))).toHaveLength(1);
    expect(statements()[0]).toContain("jsonb_to_recordset");
  });

  it("a lone heartbeat keeps the single-key statement", async () => {
    const [a] = (await leases(1)) as [Lease];
    const { ctx: counted, statements } = recording();
    expect(await heartbeats(counted, [fenceOf(a)])).toMatchObject([{ ok: true }]);
    expect(statements()).toHaveLength(1);
    expect(statements()[0]).not.toContain("jsonb_to_recordset");
  });

  it("a failed batch statement is retried one by one, so each heartbeat gets its own answer", async () => {
    const { db, ctx } = suite;
    const [a, b] = (await leases(2)) as [Lease, Lease];
    let failed = false;
    const query = async <T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]> => {
      if (text.includes("jsonb_to_recordset") && !failed) {
        failed = true;
        throw new Error("deadlock detected");
      }
      return db.query<T>(text, params);
    };
    const flaky: LifecycleContext = { ...ctx, db: Object.assign(Object.create(db) as Database, { query }) };
    expect(await heartbeats(flaky, [fenceOf(a), { ...fenceOf(b), leaseToken: randomUUID() }])).toMatchObject([
      { ok: true },
      { ok: false, reason: "lease_mismatch" },
    ]);
    expect(failed).toBe(true);
  });
});
