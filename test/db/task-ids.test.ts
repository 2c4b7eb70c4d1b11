// New task ids are UUIDv7 (migration 0007): time first, so new tasks' keys land at the right edge of
// tasks_pkey and of the indexes that lead with task_id however long the history is.
import { expect, it } from "vitest";
import { createTask } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { lifecycleSuite, makeJob } from "../support/lifecycle.js";

/** The Unix milliseconds in a UUIDv7's first 48 bits. */
function uuidMillis(id: string): number {
  return parseInt(id.replaceAll("-", "").slice(0, 12), 16);
}

describeEachBackend("task ids", (backend) => {
  const suite = lifecycleSuite(backend);

  it("are version 7 with the RFC 9562 variant and the creation time in their first 48 bits", async () => {
    const job = await makeJob(suite.ctx);
    const before = Date.now();
    const created = await createTask(suite.ctx, { jobId: job.jobId });
    const after = Date.now();
    if (!created.ok) throw new Error(created.reason);
    const id = created.task.taskId;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The database's clock: the same host, so within a second of ours.
    expect(uuidMillis(id)).toBeGreaterThanOrEqual(before - 1000);
    expect(uuidMillis(id)).toBeLessThanOrEqual(after + 1000);
  });

  it("sort in creation order across milliseconds", async () => {
    const job = await makeJob(suite.ctx);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await createTask(suite.ctx, { jobId: job.jobId });
      if (!created.ok) throw new Error(created.reason);
      ids.push(created.task.taskId);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it("are built as RFC 9562's UUIDv7 example from a given instant and entropy (the seeded history's ids)", async () => {
    // RFC 9562 appendix A.6: 2022-02-22 19:22:22 UTC, rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    // The entropy's first 6 bytes and its version and variant bits are overwritten.
    const [row] = await suite.db.query<{ id: string }>(
      `SELECT trace_uuid_v7(to_timestamp(1645557742), decode('ffffffffffff0cc3d8c4dc0c0c07398f', 'hex'))::text AS id`,
    );
    expect(row?.id).toBe("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
  });
});
