// The task-scoped calls over real HTTP (CONTRACT §4): completion idempotency and late completion,
// events routed to dependent jobs, buffer publish, and refusals of malformed, mistyped and
// oversized bodies that must write nothing.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { builtinOutboxHandlers } from "../../src/dispatcher/handlers.js";
import { claimOutbox, markOutboxDone, reapExpired, requeueDueRetries } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { claim, createTask, leasedTask, registerJob, snapshot, useApiServer, type ApiServer } from "./harness.js";

const COMPLETE = "/v1/task/complete";

describeEachBackend("task API calls", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  const taskState = async (taskId: string) => {
    const reply = await api.adminGet(`/v1/admin/task?task_id=${taskId}`);
    return reply.json as { task: { state: string; attempt: number }; attempts: { attempt: number; outcome: string }[] };
  };

  it("answers a repeated completion with duplicate = true and commits nothing the second time", async () => {
    const leased = await leasedTask(api);
    const completion = {
      ...leased.fence,
      status: "TASK_STATUS_COMPLETED",
      outputs: [{ name: "rows", value: 42 }, { name: "summary", value: { ok: true } }],
      events: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), cursor: "10" }],
    };
    expect((await api.task(COMPLETE, leased.token, completion)).json).toEqual({ accepted: true, duplicate: false });
    const after = await snapshot(db);
    expect(after["task_outputs"]).toBe(2);
    expect(after["task_events"]).toBe(1);

    api.clock.advance(5);
    expect((await api.task(COMPLETE, leased.token, completion)).json).toEqual({ accepted: true, duplicate: true });
    expect(await snapshot(db)).toEqual(after);

    // The same attempt completing differently is not a duplicate: refused, still nothing written.
    const different = await api.task(COMPLETE, leased.token, { ...leased.fence, status: "TASK_STATUS_FAILED", error_message: "x" });
    expect({ code: different.code, reason: different.reason }).toEqual({ code: "failed_precondition", reason: "task_finished" });
    expect(await snapshot(db)).toEqual(after);
  });

  it("accepts a late completion while no newer attempt exists", async () => {
    const leased = await leasedTask(api);
    api.clock.advance(200); // past the 120 s lease
    expect(await reapExpired(api.ctx, { limit: 10 })).toHaveLength(1);
    expect((await taskState(leased.taskId)).task.state).toBe("TASK_STATE_FAILED");

    const reply = await api.task(COMPLETE, leased.token, { ...leased.fence, status: "TASK_STATUS_COMPLETED" });
    expect(reply.json).toEqual({ accepted: true, duplicate: false });
    const view = await taskState(leased.taskId);
    expect(view.task.state).toBe("TASK_STATE_COMPLETED");
    expect(view.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, "completed"]]);
  });

  it("refuses a late completion once a newer attempt was acquired (stale_attempt), committing nothing", async () => {
    const leased = await leasedTask(api);
    api.clock.advance(200);
    await reapExpired(api.ctx, { limit: 10 });
    api.clock.advance(60);
    expect(await requeueDueRetries(api.ctx, { limit: 10 })).toHaveLength(1);
    const second = await claim(api, leased.taskId);
    expect(second.attempt).toBe(2);

    const before = await snapshot(db);
    const reply = await api.task(COMPLETE, leased.token, {
      ...leased.fence,
      status: "TASK_STATUS_COMPLETED",
      events: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), cursor: "1" }],
    });
    expect({ status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ status: 400, code: "failed_precondition", reason: "stale_attempt" });
    expect(await snapshot(db)).toEqual(before);
    // The current attempt is unaffected.
    expect((await api.task(COMPLETE, second.token, { ...second.fence, status: "TASK_STATUS_COMPLETED" })).json).toEqual({ accepted: true, duplicate: false });
  });

  it("refuses malformed JSON, wrong types, unknown fields, bad values and oversized bodies, writing nothing", async () => {
    const leased = await leasedTask(api);
    const before = await snapshot(db);
    const cases: [string, unknown, number, string, string][] = [
      ["truncated JSON", '{"task_id": "', 400, "invalid_argument", "malformed_request"],
      ["not an object", "[1, 2, 3]", 400, "invalid_argument", "malformed_request"],
      ["attempt as a word", { ...leased.fence, attempt: "one", status: "TASK_STATUS_COMPLETED" }, 400, "invalid_argument", "malformed_request"],
      ["negative attempt", { ...leased.fence, attempt: -1, status: "TASK_STATUS_COMPLETED" }, 400, "invalid_argument", "malformed_request"],
      ["events not a list", { ...leased.fence, status: "TASK_STATUS_COMPLETED", events: { a: 1 } }, 400, "invalid_argument", "malformed_request"],
      ["unknown status name", { ...leased.fence, status: "TASK_STATUS_DONE" }, 400, "invalid_argument", "malformed_request"],
      ["misspelled field", { ...leased.fence, lease_tokn: "x", status: "TASK_STATUS_COMPLETED" }, 400, "invalid_argument", "malformed_request"],
      ["status missing", { ...leased.fence }, 400, "invalid_argument", "invalid_status"],
      ["status as an unknown number", { ...leased.fence, status: 7 }, 400, "invalid_argument", "invalid_status"],
      [
        "event that is neither cursor nor partition",
        { ...leased.fence, status: "TASK_STATUS_COMPLETED", events: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID() }] },
        400,
        "invalid_argument",
        "invalid_argument",
      ],
      [
        "partition key not {start}-{end}",
        {
          ...leased.fence,
          status: "TASK_STATUS_COMPLETED",
          events: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), partition_key: "0-5", start: "0", end: "10" }],
        },
        400,
        "invalid_argument",
        "invalid_argument",
      ],
      [
        "repeated output name",
        { ...leased.fence, status: "TASK_STATUS_COMPLETED", outputs: [{ name: "a", value: 1 }, { name: "a", value: 2 }] },
        400,
        "invalid_argument",
        "invalid_argument",
      ],
      [
        "body over 1 MiB",
        { ...leased.fence, status: "TASK_STATUS_FAILED", error_message: "x".repeat(1024 * 1024) },
        413,
        "resource_exhausted",
        "body_too_large",
      ],
    ];
    for (const [name, body, status, code, reason] of cases) {
      const reply = await api.task(COMPLETE, leased.token, body);
      expect({ name, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ name, status, code, reason });
    }
    const events = await api.task("/v1/task/events", leased.token, { ...leased.fence, events: [{ dataset_uuid: "nope", dataset_version: randomUUID(), cursor: "1" }] });
    expect({ code: events.code, reason: events.reason }).toEqual({ code: "invalid_argument", reason: "invalid_argument" });
    const buffer = await api.task("/v1/task/buffer-publish", leased.token, { ...leased.fence, batch_uri: "" });
    expect({ code: buffer.code, reason: buffer.reason }).toEqual({ code: "invalid_argument", reason: "invalid_argument" });
    expect(await snapshot(db)).toEqual(before);
    // The attempt is still live and completes normally afterwards.
    expect((await api.task(COMPLETE, leased.token, { ...leased.fence, status: "TASK_STATUS_COMPLETED" })).json).toEqual({ accepted: true, duplicate: false });
  });

  it("routes an events call on job A's output to exactly one task of dependent job B, even when repeated", async () => {
    const dataset = randomUUID();
    const version = randomUUID();
    const producer = await leasedTask(api);
    const { jobId: consumerJob } = await registerJob(api, { inputs: [{ dataset_uuid: dataset }] });
    const { jobId: unrelatedJob } = await registerJob(api, { inputs: [{ dataset_uuid: randomUUID() }] });
    const event = { dataset_uuid: dataset, dataset_version: version, cursor: "12345" };

    for (let i = 0; i < 3; i += 1) {
      const reply = await api.task("/v1/task/events", producer.token, { ...producer.fence, events: [event, event] });
      expect(reply.json).toEqual({ accepted: 2 });
    }
    // Completion repeats the event once more: still deduplicated per producing task.
    await api.task(COMPLETE, producer.token, { ...producer.fence, status: "TASK_STATUS_COMPLETED", events: [event] });
    const [events] = await db.query(`SELECT count(*)::int AS n FROM task_events`);
    expect(events?.n).toBe(1);

    // Drain the route_event outbox with the Dispatcher's own handler, delivering every row twice
    // (the outbox is at-least-once).
    const handlers = builtinOutboxHandlers(api.ctx);
    const rows = await claimOutbox(api.ctx, { kinds: ["route_event"], limit: 100 });
    expect(rows).toHaveLength(1);
    for (const row of [...rows, ...rows]) expect(await handlers.route_event?.(row)).toBe("done");
    await markOutboxDone(api.ctx, rows.map((r) => r.id));

    const consumerTasks = await api.adminGet(`/v1/admin/tasks?job_id=${consumerJob}`);
    const tasks = consumerTasks.json["tasks"] as { state: string; inputs: unknown[]; dedupe_key: string }[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ state: "TASK_STATE_QUEUED", inputs: [event], dedupe_key: `evt:${dataset}:${version}:12345` });
    expect((await api.adminGet(`/v1/admin/tasks?job_id=${unrelatedJob}`)).json["tasks"]).toEqual([]);
  });

  it("publishes a buffer batch once per (task, attempt, batch_uri)", async () => {
    const leased = await leasedTask(api);
    const batch = { ...leased.fence, batch_uri: "s3://out-bucket/tasks/out/batch-0001.parquet", content_type: "application/vnd.apache.parquet", batch_size_bytes: "2048", dedupe_scope: "monad" };
    expect((await api.task("/v1/task/buffer-publish", leased.token, batch)).json).toEqual({ duplicate: false });
    const after = await snapshot(db);
    expect((await api.task("/v1/task/buffer-publish", leased.token, batch)).json).toEqual({ duplicate: true });
    expect(await snapshot(db)).toEqual(after);
    const rows = await db.query(`SELECT kind, count(*)::int AS n FROM outbox WHERE kind = 'buffer_publish' GROUP BY kind`);
    expect(rows).toEqual([{ kind: "buffer_publish", n: 1 }]);
    expect((await api.task("/v1/task/buffer-publish", leased.token, { ...batch, batch_uri: `${batch.batch_uri}.2` })).json).toEqual({ duplicate: false });
  });

  it("renews the lease on heartbeat and reports cancellation requests", async () => {
    const leased = await leasedTask(api);
    api.clock.advance(60);
    const beat = await api.task("/v1/task/heartbeat", leased.token, leased.fence);
    expect(Date.parse(String(beat.json["lease_expires_at"]))).toBe(api.clock.now().getTime() + 120_000);
    await api.admin("/v1/admin/tasks/cancel", { task_id: leased.taskId });
    expect((await api.task("/v1/task/heartbeat", leased.token, leased.fence)).json["cancel_requested"]).toBe(true);
  });

  it("lets a task be created for a job named by dag and name", async () => {
    const { name } = await registerJob(api);
    const reply = await api.admin("/v1/admin/tasks", { job: { dag_name: "monad", name } });
    expect(reply.status).toBe(200);
    expect(await createTask(api, (reply.json["task"] as { job_id: string }).job_id)).toMatch(/-/);
  });
});
