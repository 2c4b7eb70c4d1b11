// The batchers' load-adaptive wait (createBatcher): while a commit is in flight, calls wait for
// it (joining the next batch) instead of each opening a commit of their own, but never longer
// than maxWaitMs. The first statement is held back to make "a commit is in flight" certain.
import { setImmediate as nextTurn } from "node:timers/promises";
import { expect, it } from "vitest";
import type { Database, Row } from "../../src/db/index.js";
import { acquireTasks, createCompletionBatcher, createHeartbeatBatcher, createTask, type LifecycleContext, type Lease } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, useLifecycle } from "../support/lifecycle.js";

describeEachBackend("completion and heartbeat batchers", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c) => {
    db = d;
    ctx = c;
  });

  /** A context whose database counts statements and holds the first one back for `holdMs`. */
  function slowFirstStatement(holdMs: number): { ctx: LifecycleContext; statements: string[] } {
    const statements: string[] = [];
    const query = async <T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]> => {
      statements.push(text);
      if (statements.length === 1) await new Promise((r) => setTimeout(r, holdMs));
      return db.query<T>(text, params);
    };
    return { ctx: { ...ctx, db: Object.assign(Object.create(db) as Database, { query }) }, statements };
  }

  async function leases(n: number): Promise<Lease[]> {
    const job = await makeJob(ctx);
    for (let i = 0; i < n; i++) await createTask(ctx, { jobId: job.jobId });
    return acquireTasks(ctx, { limit: n, workerId: "w" });
  }

  it("completions arriving while a commit is in flight share the next commit", async () => {
    const [a, b, c] = (await leases(3)) as [Lease, Lease, Lease];
    const slow = slowFirstStatement(100);
    const batcher = createCompletionBatcher(slow.ctx, { maxWaitMs: 10_000 });
    const first = batcher.complete({ ...a, status: "COMPLETED" });
    await nextTurn();
    await nextTurn();
    // Two more, each in a turn of its own, while the first commit is still held back.
    const second = batcher.complete({ ...b, status: "COMPLETED" });
    await nextTurn();
    const third = batcher.complete({ ...c, status: "COMPLETED" });
    const results = await Promise.all([first, second, third]);
    expect(results.map((r) => r.ok && r.state)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
    // One commit for a, one for b and c together (without the wait: one each).
    expect(slow.statements).toHaveLength(2);
  });

  it("a completion waits for a running commit at most maxWaitMs, then commits beside it", async () => {
    const [a, b] = (await leases(2)) as [Lease, Lease];
    const slow = slowFirstStatement(1000);
    const batcher = createCompletionBatcher(slow.ctx, { maxWaitMs: 5 });
    const finished: string[] = [];
    const first = batcher.complete({ ...a, status: "COMPLETED" }).then(() => finished.push("a"));
    await nextTurn();
    await nextTurn();
    const second = batcher.complete({ ...b, status: "COMPLETED" }).then(() => finished.push("b"));
    await Promise.all([first, second]);
    expect(finished).toEqual(["b", "a"]);
    expect(slow.statements).toHaveLength(2);
  });

  it("heartbeats arriving while a heartbeat statement is in flight share the next one", async () => {
    const [a, b, c] = (await leases(3)) as [Lease, Lease, Lease];
    const slow = slowFirstStatement(100);
    const batcher = createHeartbeatBatcher(slow.ctx, { maxWaitMs: 10_000 });
    const first = batcher.heartbeat(a);
    await nextTurn();
    await nextTurn();
    const second = batcher.heartbeat(b);
    await nextTurn();
    const third = batcher.heartbeat(c);
    const results = await Promise.all([first, second, third]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    // One statement for a, one for b and c together (without the wait: one each).
    expect(slow.statements).toHaveLength(2);
    expect(slow.statements[1]).toContain("jsonb_to_recordset");
  });

  it("a call with nothing committing goes out before the event loop turns, with the calls made beside it", async () => {
    const [a, b, c] = (await leases(3)) as [Lease, Lease, Lease];
    const counting = slowFirstStatement(0);
    const batcher = createHeartbeatBatcher(counting.ctx);
    const lone = batcher.heartbeat(a);
    // One microtask later the statement is on its way: requests the event loop reads next (in the
    // same I/O phase) cannot hold it back to join them.
    await Promise.resolve();
    expect(counting.statements).toHaveLength(1);
    await lone;
    // Calls made by the same synchronous code share one statement.
    const together = await Promise.all([batcher.heartbeat(b), batcher.heartbeat(c)]);
    expect(together.map((r) => r.ok)).toEqual([true, true]);
    expect(counting.statements).toHaveLength(2);
    expect(counting.statements[1]).toContain("jsonb_to_recordset");
  });
});
