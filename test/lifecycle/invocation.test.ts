// loadInvocation: one statement reads the live lease, its job and its bundle; null once the
// attempt holds no lease. On PGlite and (when available) real Postgres.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { acquireTasks, completeTask, createTask, getBundle, loadInvocation, loadInvocations, type LifecycleContext } from "../../src/lifecycle/index.js";
import { batchedInvocationLoader } from "../../src/invoke/invocation-loader.js";
import { describeEachBackend } from "../support/databases.js";
import { BUNDLE_SHA, makeJob, useLifecycle } from "../support/lifecycle.js";

const DS = "11111111-1111-4111-8111-111111111111";

describeEachBackend("loadInvocation", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c) => {
    db = d;
    ctx = c;
  });

  async function leased(overrides: Parameters<typeof makeJob>[1] = {}) {
    const job = await makeJob(ctx, overrides);
    const created = await createTask(ctx, { jobId: job.jobId, inputs: [{ datasetUuid: DS, datasetVersion: randomUUID(), cursor: 42n }] });
    if (!created.ok) throw new Error(created.reason);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w1" });
    if (!lease) throw new Error("not acquired");
    return { job, task: created.task, lease };
  }

  it("returns the task, every job field the payload uses, the bundle and the live lease", async () => {
    const { job, task, lease } = await leased({
      inputs: [{ datasetUuid: DS }],
      datasetGrants: [{ dataset_uuid: DS, dataset_version: "" }],
      s3Grants: { read_prefixes: ["s3://in/"], write_prefixes: ["s3://out/"] },
      orgId: "org-1",
      config: { nested: { a: [1, "two"] } },
      timeoutSeconds: 321,
      leaseTtlSeconds: 45,
    });
    const invocation = await loadInvocation(ctx, lease);
    // Job inputs are not read by the invoker: loaded as an empty list, everything else as stored.
    expect(invocation?.job).toEqual({ ...job, inputs: [] });
    expect(invocation?.bundle).toEqual(await getBundle(ctx, BUNDLE_SHA));
    // The task: exactly the columns its payload and lease need, nothing more read per task.
    expect(invocation?.task).toEqual({
      taskId: task.taskId,
      jobId: job.jobId,
      attempt: 1,
      inputs: task.inputs,
      params: task.params,
      leaseToken: lease.leaseToken,
      leaseExpiresAt: lease.leaseExpiresAt,
      workerId: "w1",
    });
    expect(invocation?.lease).toEqual({ attempt: 1, leaseToken: lease.leaseToken, leaseExpiresAt: lease.leaseExpiresAt, workerId: "w1" });
  });

  it("returns a null bundle when the job names a bundle that was never registered", async () => {
    const { lease } = await leased();
    // RegisterJob refuses an unregistered bundle; a row changed by hand can still name one.
    await db.query(`UPDATE jobs SET bundle_sha256 = $1`, ["f".repeat(64)]);
    const invocation = await loadInvocation(ctx, lease);
    expect(invocation).not.toBeNull();
    expect(invocation?.bundle).toBeNull();
    expect(invocation?.job.bundleSha256).toBe("f".repeat(64));
  });

  it("returns null when the attempt holds no live lease", async () => {
    const { lease } = await leased();
    expect(await loadInvocation(ctx, { taskId: lease.taskId, attempt: 2 })).toBeNull();
    expect(await loadInvocation(ctx, { taskId: randomUUID(), attempt: 1 })).toBeNull();
    expect(await loadInvocation(ctx, { taskId: "not-a-uuid", attempt: 1 })).toBeNull();
    await completeTask(ctx, { ...lease, status: "COMPLETED" });
    expect(await loadInvocation(ctx, lease)).toBeNull();
  });

  it("loadInvocations reads many attempts in one statement, in the order asked, null where loadInvocation is null", async () => {
    const a = await leased();
    const b = await leased();
    const c = await leased();
    await completeTask(ctx, { ...c.lease, status: "COMPLETED" });
    const asked = [b.lease, { taskId: "not-a-uuid", attempt: 1 }, a.lease, { taskId: a.lease.taskId, attempt: 2 }, c.lease, { taskId: b.lease.taskId, attempt: 2 ** 40 }];
    const statements: string[] = [];
    const counting: LifecycleContext = { ...ctx, db: Object.assign(Object.create(db) as Database, { query: (text: string, params?: readonly unknown[]) => (statements.push(text), db.query(text, params)) }) };
    const many = await loadInvocations(counting, asked);
    expect(statements).toHaveLength(1);
    // (An attempt beyond int4 matches nothing, rather than failing the statement for the whole batch.)
    expect(many.slice(0, 5)).toEqual(await Promise.all(asked.slice(0, 5).map((key) => loadInvocation(ctx, key))));
    expect(many.map((i) => i?.task.taskId ?? null)).toEqual([b.task.taskId, null, a.task.taskId, null, null, null]);
  });

  it("the invoke drain's loader shares one statement among the calls of one turn", async () => {
    const a = await leased();
    const b = await leased();
    const statements: string[] = [];
    const counting: LifecycleContext = { ...ctx, db: Object.assign(Object.create(db) as Database, { query: (text: string, params?: readonly unknown[]) => (statements.push(text), db.query(text, params)) }) };
    const load = batchedInvocationLoader(counting);
    const [first, second, gone] = await Promise.all([load(a.lease), load(b.lease), load({ taskId: randomUUID(), attempt: 1 })]);
    expect(statements).toHaveLength(1);
    expect(first?.lease.leaseToken).toBe(a.lease.leaseToken);
    expect(second?.lease.leaseToken).toBe(b.lease.leaseToken);
    expect(gone).toBeNull();
    // A later turn is a statement of its own.
    expect((await load(a.lease))?.task.taskId).toBe(a.task.taskId);
    expect(statements).toHaveLength(2);
  });
});
