// The job configuration as exact JSON text (issue 11 §5): stored as written (Postgres numerics keep
// every digit), read back as configJson, and carried into the invocation's config_json.
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { acquireTasks, createTask, getJob, loadInvocation, registerJob, type LifecycleContext } from "../../src/lifecycle/index.js";
import { invocationMessage } from "../../src/invoke/payload.js";
import { describeEachBackend } from "../support/databases.js";
import { BUNDLE_SHA, makeJob, useLifecycle } from "../support/lifecycle.js";

const EXACT = '{"n": 100, "big": 9007199254740993, "nested": {"ids": [12345678901234567890]}}';

describeEachBackend("job config_json", (backend) => {
  let db: Database;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c) => {
    db = d;
    ctx = c;
  });

  it("keeps integers beyond 2^53 exact from registration to the invocation payload", async () => {
    const job = await makeJob(ctx, { configJson: EXACT });
    expect(job.configJson).toContain("9007199254740993");
    expect(JSON.parse((await getJob(ctx, job.jobId))?.configJson ?? "{}")).toBeTypeOf("object");
    expect((await getJob(ctx, job.jobId))?.configJson).toMatch(/"big": 9007199254740993\b/);
    const created = await createTask(ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error(created.reason);
    const [lease] = await acquireTasks(ctx, { limit: 1, workerId: "w" });
    const invocation = await loadInvocation(ctx, { taskId: created.task.taskId, attempt: lease?.attempt ?? 1 });
    expect(invocation?.job.configJson).toMatch(/"ids": \[12345678901234567890\]/);
    const message = invocationMessage(invocation!.task, invocation!.job, invocation!.bundle);
    expect(message.configJson).toBe(invocation?.job.configJson);
  });

  it("without config_json the object config is carried as JSON text too", async () => {
    const job = await makeJob(ctx, { config: { n: 100 } });
    expect(JSON.parse(job.configJson)).toEqual({ n: 100 });
  });

  it("refuses config_json that is not a JSON object, changing nothing", async () => {
    for (const configJson of ["[1]", "{not json", "42"]) {
      const result = await registerJob(ctx, { dagName: "d", name: "bad", runtime: "lambda", operator: "op", bundleSha256: BUNDLE_SHA, configJson });
      expect(result).toMatchObject({ ok: false, reason: "invalid_argument" });
    }
    expect(await db.query(`SELECT 1 FROM jobs WHERE name = 'bad'`)).toHaveLength(0);
  });
});
