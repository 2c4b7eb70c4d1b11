// Issue 11 §4: refuse at registration what can never run, with one rule on every path that creates
// or changes a job or a task: RegisterJob, UpdateJob, RegisterBundle, CreateTask, event routing and
// RetryTask. Each refusal changes nothing.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { builtinOutboxHandlers } from "../../src/dispatcher/handlers.js";
import { claimOutbox, MAX_TASK_PAYLOAD_BYTES, MAX_TIMEOUT_SECONDS } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { BUNDLE_SHA, claim, createTask, leasedTask, ORG_ID, registerJob, snapshot, useApiServer, type ApiServer } from "./harness.js";

/** A config whose JSON is exactly `bytes` long. */
const configOfBytes = (bytes: number) => ({ blob: "x".repeat(bytes - '{"blob":""}'.length) });

const jobBody = (name: string, extra: Record<string, unknown> = {}) => ({
  job: {
    dag_name: "monad",
    name,
    runtime: "RUNTIME_WORKER",
    operator: "op",
    bundle_sha256: BUNDLE_SHA,
    org_id: ORG_ID,
    ...extra,
  },
});

describeEachBackend("admin API: refusing what can never run", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  const jobCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM jobs`))[0]?.n);

  it("RegisterJob refuses an unregistered bundle, a timeout beyond the token cap and a config no task can carry", async () => {
    const unregistered = await api.admin("/v1/admin/jobs", jobBody("a", { bundle_sha256: "c".repeat(64) }));
    expect({ code: unregistered.code, reason: unregistered.reason }).toEqual({ code: "failed_precondition", reason: "bundle_not_found" });
    await registerJob(api, { name: "seed" }); // registers BUNDLE_SHA
    const before = await jobCount();

    const tooLong = await api.admin("/v1/admin/jobs", jobBody("b", { timeout_seconds: MAX_TIMEOUT_SECONDS + 1 }));
    expect({ code: tooLong.code, reason: tooLong.reason }).toEqual({ code: "invalid_argument", reason: "timeout_too_long" });
    const tooBig = await api.admin("/v1/admin/jobs", jobBody("c", { config: configOfBytes(MAX_TASK_PAYLOAD_BYTES + 1) }));
    expect({ code: tooBig.code, reason: tooBig.reason }).toEqual({ code: "invalid_argument", reason: "payload_too_large" });
    expect(await jobCount()).toBe(before);

    // The limits themselves are accepted.
    const atCap = await api.admin("/v1/admin/jobs", jobBody("d", { timeout_seconds: MAX_TIMEOUT_SECONDS, config: configOfBytes(MAX_TASK_PAYLOAD_BYTES) }));
    expect(atCap.status).toBe(200);
  });

  it("RegisterBundle refuses an object that does not exist, or is not the size declared", async () => {
    const bundle = { sha256: "d".repeat(64), storage_uri: "s3://bundles/never-uploaded.zip", size_bytes: "10", runtime: "node" };
    const missing = await api.admin("/v1/admin/bundles", { bundle });
    expect({ code: missing.code, reason: missing.reason }).toEqual({ code: "failed_precondition", reason: "bundle_object_missing" });
    await api.putObject(bundle.storage_uri, 11);
    const wrongSize = await api.admin("/v1/admin/bundles", { bundle });
    expect({ code: wrongSize.code, reason: wrongSize.reason }).toEqual({ code: "failed_precondition", reason: "bundle_size_mismatch" });
    expect(await db.query(`SELECT sha256 FROM bundles`)).toEqual([]);
    await api.putObject(bundle.storage_uri, 10);
    expect((await api.admin("/v1/admin/bundles", { bundle })).json).toMatchObject({ created: true });
  });

  it("UpdateJob applies the same rules and leaves the job unchanged when it refuses", async () => {
    const { jobId } = await registerJob(api, { name: "upd" });
    const before = (await api.adminGet(`/v1/admin/job?job_id=${jobId}`)).json;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ bundle_sha256: "e".repeat(64) }, "failed_precondition", "bundle_not_found"],
      [{ bundle_sha256: "NOPE" }, "invalid_argument", "invalid_argument"],
      [{ timeout_seconds: MAX_TIMEOUT_SECONDS + 1 }, "invalid_argument", "timeout_too_long"],
      [{ config: configOfBytes(MAX_TASK_PAYLOAD_BYTES + 1) }, "invalid_argument", "payload_too_large"],
      [{ max_attempts: 0 }, "invalid_argument", "invalid_argument"],
    ];
    for (const [change, code, reason] of cases) {
      const reply = await api.admin("/v1/admin/jobs/update", { job_id: jobId, ...change });
      expect({ change: Object.keys(change)[0], code: reply.code, reason: reply.reason }).toEqual({ change: Object.keys(change)[0], code, reason });
    }
    expect((await api.adminGet(`/v1/admin/job?job_id=${jobId}`)).json).toEqual(before);
  });

  it("CreateTask counts params in the payload-size rule, and params reach the invocation payload", async () => {
    const { jobId } = await registerJob(api, { config: configOfBytes(1000) });
    const before = await snapshot(db);
    const tooBig = await api.admin("/v1/admin/tasks", { job_id: jobId, params: configOfBytes(MAX_TASK_PAYLOAD_BYTES - 900) });
    expect({ code: tooBig.code, reason: tooBig.reason }).toEqual({ code: "invalid_argument", reason: "payload_too_large" });
    expect(await snapshot(db)).toEqual(before);

    const taskId = await createTask(api, jobId, { params: { block: 42, chain: "monad" } });
    expect(((await api.adminGet(`/v1/admin/task?task_id=${taskId}`)).json["task"] as Record<string, unknown>)["params"]).toEqual({ block: 42, chain: "monad" });
    const claimed = await api.worker("/internal/task-claim", { task_id: taskId, worker_id: "w" });
    expect((claimed.json["task"] as Record<string, unknown>)["params"]).toEqual({ block: 42, chain: "monad" });
  });

  it("event routing creates no oversized task: the route_event row fails with payload_too_large, other consumers still get theirs", async () => {
    const dataset = randomUUID();
    const producer = await leasedTask(api);
    // Alone the config fits; with the routed event as input it does not.
    const { jobId: bigJob } = await registerJob(api, { inputs: [{ dataset_uuid: dataset }], config: configOfBytes(MAX_TASK_PAYLOAD_BYTES - 20) });
    const { jobId: smallJob } = await registerJob(api, { inputs: [{ dataset_uuid: dataset }] });
    await api.task("/v1/task/events", producer.token, { ...producer.fence, events: [{ dataset_uuid: dataset, dataset_version: randomUUID(), cursor: "7" }] });

    const [row] = await claimOutbox(api.ctx, { kinds: ["route_event"], limit: 10 });
    if (!row) throw new Error("no route_event row");
    const result = await builtinOutboxHandlers(api.ctx).route_event?.(row);
    expect(result).toEqual({ fail: expect.stringMatching(new RegExp(`^payload_too_large: job ${bigJob} \\(\\d+ bytes, limit ${MAX_TASK_PAYLOAD_BYTES}\\)$`)) });
    expect((await api.adminGet(`/v1/admin/tasks?job_id=${bigJob}`)).json["tasks"]).toEqual([]);
    expect((await api.adminGet(`/v1/admin/tasks?job_id=${smallJob}`)).json["tasks"]).toHaveLength(1);
  });

  it("RetryTask re-checks the rule: a job config grown since creation blocks the retry", async () => {
    const { jobId } = await registerJob(api, { config: configOfBytes(100) });
    const taskId = await createTask(api, jobId, { params: configOfBytes(MAX_TASK_PAYLOAD_BYTES / 2) });
    const leased = await claim(api, taskId);
    await api.task("/v1/task/complete", leased.token, { ...leased.fence, status: "TASK_STATUS_FAILED", error_message: "boom", retryable: false });
    const grown = await api.admin("/v1/admin/jobs/update", { job_id: jobId, config: configOfBytes(MAX_TASK_PAYLOAD_BYTES / 2 + 10) });
    expect(grown.status).toBe(200);
    const before = await snapshot(db);
    const retry = await api.admin("/v1/admin/tasks/retry", { task_id: taskId, requested_by: "alice", reason: "try again" });
    expect({ code: retry.code, reason: retry.reason }).toEqual({ code: "invalid_argument", reason: "payload_too_large" });
    expect(await snapshot(db)).toEqual(before);
  });
});
