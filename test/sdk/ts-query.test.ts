// ctx.query() in the TypeScript SDK against a real Dispatcher (ES256 tokens) and a real Query
// Service that verifies them through the Dispatcher's JWKS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TaskContext, TaskError, UnauthenticatedError } from "../../sdk/ts/src/index.js";
import { startQueryStack, type QueryStack } from "./query-stack.js";

let stack: QueryStack;
beforeAll(async () => {
  stack = await startQueryStack();
}, 120_000);
afterAll(async () => stack?.stop());

describe("ctx.query against a live Query Service", () => {
  it("reads typed rows of the granted dataset with the task's token", async () => {
    const ctx = new TaskContext(await stack.claimedTask(), { dispatcherUrl: stack.url, queryUrl: stack.queryUrl });
    const result = await ctx.query<{ id: bigint; name: string; amount: number }>("SELECT id, name, amount FROM dataset WHERE id < 3 ORDER BY id", {
      dataset: stack.dataset.dataset_uuid,
    });
    expect(result.rows).toEqual([
      { id: 0n, name: "row-0", amount: 0 },
      { id: 1n, name: "row-1", amount: 1.5 },
      { id: 2n, name: "row-2", amount: 3 },
    ]);
    expect(result.columns.map((c) => c.type)).toEqual(["BIGINT", "VARCHAR", "DOUBLE"]);
    expect(result.truncated).toBe(false);
    expect(result.datasetVersion).toBe(stack.dataset.dataset_version);
    const page = await ctx.query("SELECT id FROM dataset ORDER BY id", { dataset: stack.dataset.dataset_uuid, limit: 10 });
    expect([page.rowCount, page.truncated]).toEqual([10, true]);
    await ctx.complete();
  });

  it("refusals are the SDK's typed errors", async () => {
    const ctx = new TaskContext(await stack.claimedTask(), { dispatcherUrl: stack.url, queryUrl: stack.queryUrl });
    const gate = await ctx.query("COPY dataset TO '/tmp/x.csv'", { dataset: stack.dataset.dataset_uuid }).catch((e: unknown) => e);
    expect(gate).toBeInstanceOf(TaskError);
    expect((gate as TaskError).reason).toMatch(/keyword_not_allowed|not_a_select/);
    const denied = await ctx.query("SELECT 1", { dataset: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(UnauthenticatedError); // permission_denied, like the other task calls
    expect((denied as TaskError).reason).toBe("dataset_not_granted");
    await ctx.complete();
  });
});
