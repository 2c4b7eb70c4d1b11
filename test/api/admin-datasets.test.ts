// AdminService datasets and throughput (the console's datasets view and overview chart):
// ListDatasets shows the current version, recent publications and consuming jobs of every known
// dataset, paged by uuid; GetThroughput counts finished attempts per minute by outcome.
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/databases.js";
import { claim, createTask, registerJob, useApiServer, type ApiServer } from "./harness.js";

const COMPLETE = "/v1/task/complete";
const PUBLISHED = "6a1e0000-0000-4000-8000-000000000001";
const CONSUMED_ONLY = "6a1e0000-0000-4000-8000-000000000002";
const V1 = "7b2f0000-0000-4000-8000-000000000001";
const V2 = "7b2f0000-0000-4000-8000-000000000002";

describeEachBackend("admin API: datasets and throughput", (backend) => {
  let api: ApiServer;
  useApiServer(backend, (_d, a) => {
    api = a;
  });

  async function finish(taskId: string, body: Record<string, unknown>): Promise<void> {
    const lease = await claim(api, taskId);
    const reply = await api.task(COMPLETE, lease.token, { ...lease.fence, ...body });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  }

  it("lists published, current and consumed datasets with their versions and consumers, paged by uuid", async () => {
    const producer = await registerJob(api, { name: "producer" });
    const consumer = await registerJob(api, { name: "consumer", inputs: [{ dataset_uuid: PUBLISHED }, { dataset_uuid: CONSUMED_ONLY, all_versions: true }] });
    await finish(await createTask(api, producer.jobId), { status: "TASK_STATUS_COMPLETED", datasets_published: [{ dataset_uuid: PUBLISHED, dataset_version: V1, make_current: true }] });
    api.clock.advance(5);
    const second = await createTask(api, producer.jobId);
    await finish(second, { status: "TASK_STATUS_COMPLETED", datasets_published: [{ dataset_uuid: PUBLISHED, dataset_version: V2, make_current: false }] });

    const reply = await api.adminGet("/v1/admin/datasets");
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const datasets = reply.json["datasets"] as Record<string, unknown>[];
    expect(datasets.map((d) => d["dataset_uuid"])).toEqual([PUBLISHED, CONSUMED_ONLY]);
    const [published, consumedOnly] = datasets as [Record<string, unknown>, Record<string, unknown>];
    expect(published["current_version"]).toBe(V1);
    expect((published["versions"] as Record<string, unknown>[]).map((v) => [v["dataset_version"], v["make_current"]])).toEqual([
      [V2, false],
      [V1, true],
    ]);
    expect((published["versions"] as Record<string, unknown>[])[0]?.["task_id"]).toBe(second);
    expect(published["consumers"]).toEqual([{ job_id: consumer.jobId, job: { dag_name: "monad", name: "consumer" }, all_versions: false }]);
    expect(consumedOnly["current_version"]).toBe("");
    expect(consumedOnly["versions"]).toEqual([]);
    expect((consumedOnly["consumers"] as Record<string, unknown>[])[0]?.["all_versions"]).toBe(true);

    const first = await api.adminGet("/v1/admin/datasets?page_size=1");
    expect((first.json["datasets"] as Record<string, unknown>[]).map((d) => d["dataset_uuid"])).toEqual([PUBLISHED]);
    const next = await api.adminGet(`/v1/admin/datasets?page_size=1&page_token=${String(first.json["next_page_token"])}`);
    expect((next.json["datasets"] as Record<string, unknown>[]).map((d) => d["dataset_uuid"])).toEqual([CONSUMED_ONLY]);
    expect(next.json["next_page_token"]).toBe("");
    expect((await api.adminGet("/v1/admin/datasets?page_token=bm90LWEtdG9rZW4")).reason).toBe("invalid_argument");
  });

  it("counts finished attempts per minute by outcome, empty minutes included", async () => {
    const { jobId } = await registerJob(api, { name: "throughput" });
    await finish(await createTask(api, jobId), { status: "TASK_STATUS_COMPLETED" });
    await finish(await createTask(api, jobId), { status: "TASK_STATUS_COMPLETED" });
    await finish(await createTask(api, jobId), { status: "TASK_STATUS_FAILED", error_message: "boom", retryable: false });
    const reply = await api.adminGet("/v1/admin/throughput?minutes=5");
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    const buckets = reply.json["buckets"] as { completed: string; failed: string; other: string }[];
    expect(buckets).toHaveLength(5);
    const totals = buckets.reduce((sum, b) => ({ completed: sum.completed + Number(b.completed), failed: sum.failed + Number(b.failed) }), { completed: 0, failed: 0 });
    expect(totals).toEqual({ completed: 2, failed: 1 });
    expect(buckets[buckets.length - 1]?.completed).toBe("2");
    expect((await api.adminGet("/v1/admin/throughput?minutes=181")).reason).toBe("invalid_argument");
  });
});
