// AdminService tasks and outbox: ListTasks filters (job by id or dag/name, state, created range,
// has-error) with cursor paging; GetTask's full view as one snapshot; RetryTask with who/why;
// cancel of a finished task refused; ListOutbox by kind and status.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { builtinOutboxHandlers } from "../../src/dispatcher/handlers.js";
import { claimOutbox, enqueueWakeup, markOutboxDone, markOutboxFailed } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { claim, createTask, leasedTask, registerJob, useApiServer, type ApiServer } from "./harness.js";

const COMPLETE = "/v1/task/complete";

describeEachBackend("admin API: tasks and outbox", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  const taskIds = (reply: { json: Record<string, unknown> }) => (reply.json["tasks"] as { task_id: string }[]).map((t) => t.task_id);

  it("filters tasks by job (id or dag/name), state, created range and error, newest first across pages", async () => {
    const { jobId, name } = await registerJob(api, { name: "listed" });
    const { jobId: otherJob } = await registerJob(api, { name: "other" });
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      api.clock.advance(10);
      created.push(await createTask(api, jobId));
    }
    await createTask(api, otherJob);
    const failed = await claim(api, created[1] ?? "");
    await api.task(COMPLETE, failed.token, { ...failed.fence, status: "TASK_STATUS_FAILED", error_message: "boom", retryable: false });

    const newestFirst = [...created].reverse();
    expect(taskIds(await api.adminGet(`/v1/admin/tasks?dag_name=monad&job_name=${name}`))).toEqual(newestFirst);
    // Paging walks the same order with no gap or repeat.
    const paged: string[] = [];
    let token = "";
    do {
      const page = await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&page_size=2${token ? `&page_token=${token}` : ""}`);
      paged.push(...taskIds(page));
      token = String(page.json["next_page_token"]);
    } while (token !== "");
    expect(paged).toEqual(newestFirst);

    expect(taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&states=TASK_STATE_FAILED`))).toEqual([created[1]]);
    expect(taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&has_error=true`))).toEqual([created[1]]);
    expect(taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&has_error=false`))).toHaveLength(4);
    const third = (await api.adminGet(`/v1/admin/task?task_id=${created[2]}`)).json["task"] as { created_at: string };
    const at = third.created_at;
    expect(taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&created_after=${at}`))).toEqual(newestFirst.slice(0, 3));
    expect(taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${jobId}&created_before=${at}`))).toEqual(newestFirst.slice(3));

    // A job name where a UUID belongs used to answer an empty page; now it says why.
    const byNameAsId = await api.adminGet(`/v1/admin/tasks?job_id=${name}`);
    expect({ code: byNameAsId.code, reason: byNameAsId.reason }).toEqual({ code: "invalid_argument", reason: "invalid_argument" });
    const unknownJob = await api.adminGet(`/v1/admin/tasks?dag_name=monad&job_name=nope`);
    expect({ code: unknownJob.code, reason: unknownJob.reason }).toEqual({ code: "not_found", reason: "job_not_found" });
    const badTime = await api.adminGet(`/v1/admin/tasks?created_after=yesterday`);
    expect(badTime.code).toBe("invalid_argument");
  });

  it("shows a task's attempts, outputs, emitted events with the tasks they created, buffer publishes, wake-ups and params", async () => {
    const dataset = randomUUID();
    const version = randomUUID();
    const { jobId } = await registerJob(api, { name: "producer" });
    const { jobId: consumerJob } = await registerJob(api, { name: "consumer", inputs: [{ dataset_uuid: dataset }] });
    const taskId = await createTask(api, jobId, { params: { block: 7 } });
    // The wake-up sits in the worker queue until a worker receives it.
    const [wakeRow] = await claimOutbox(api.ctx, { kinds: ["wakeup"], limit: 10 });
    if (!wakeRow) throw new Error("no wakeup row");
    await enqueueWakeup(api.ctx, wakeRow);
    await markOutboxDone(api.ctx, [wakeRow.id]);

    const first = await claim(api, taskId, "worker-a");
    api.clock.advance(3);
    await api.task(COMPLETE, first.token, { ...first.fence, status: "TASK_STATUS_FAILED", error_message: "flaky", retryable: true });
    await db.query(`UPDATE task_attempts SET error_category = 'entrypoint_crashed', retryable = true WHERE task_id = $1 AND attempt = 1`, [taskId]);
    api.clock.advance(3600);
    // Waiting for its backoff, the operator retries it at once (FAILED is retryable by hand).
    expect((await api.admin("/v1/admin/tasks/retry", { task_id: taskId, requested_by: "ops", reason: "skip backoff" })).status).toBe(200);
    const second = await claim(api, taskId, "worker-b");
    const batch = { batch_uri: "s3://out-bucket/tasks/out/b1.parquet", content_type: "application/vnd.apache.parquet", batch_size_bytes: "2048", dedupe_scope: "monad" };
    await api.task("/v1/task/buffer-publish", second.token, { ...second.fence, ...batch });
    const event = { dataset_uuid: dataset, dataset_version: version, cursor: "99" };
    await api.task(COMPLETE, second.token, { ...second.fence, status: "TASK_STATUS_COMPLETED", events: [event], outputs: [{ name: "rows", value: 12 }] });
    const [routeRow] = await claimOutbox(api.ctx, { kinds: ["route_event"], limit: 10 });
    if (!routeRow) throw new Error("no route_event row");
    expect(await builtinOutboxHandlers(api.ctx).route_event?.(routeRow)).toBe("done");
    await markOutboxDone(api.ctx, [routeRow.id]);
    const [routed] = taskIds(await api.adminGet(`/v1/admin/tasks?job_id=${consumerJob}`));

    const view = (await api.adminGet(`/v1/admin/task?task_id=${taskId}`)).json;
    expect(view["task"]).toMatchObject({ task_id: taskId, state: "TASK_STATE_COMPLETED", attempt: 2, params: { block: 7 }, job: { name: "producer" } });
    expect(view["attempts"]).toEqual([
      expect.objectContaining({ attempt: 1, worker_id: "worker-a", outcome: "failed", error: "flaky", error_category: "entrypoint_crashed", retryable: true, duration_ms: "3000" }),
      expect.objectContaining({ attempt: 2, worker_id: "worker-b", outcome: "completed", error_category: "" }),
    ]);
    expect(view["outputs"]).toEqual([{ attempt: 2, name: "rows", value: 12 }]);
    expect(view["events"]).toEqual([{ attempt: 2, event, routed_task_ids: [routed], created_at: expect.any(String) }]);
    expect(view["buffer_publishes"]).toEqual([{ attempt: 2, ...batch, created_at: expect.any(String) }]);
    expect(view["wakeups"]).toEqual([{ attempt: 1, visible_at: expect.any(String), receives: 0, created_at: expect.any(String) }]);
    expect(view["retries"]).toEqual([expect.objectContaining({ attempt: 2, requested_by: "ops", reason: "skip backoff", previous_state: "FAILED" })]);
    // Rows still owed (the retry's wake-up, the buffer pointer) are visible per task; done ones are not.
    expect((view["outbox"] as { kind: string; status: string }[]).map((r) => `${r.kind}:${r.status}`)).toEqual(["wakeup:pending", "buffer_publish:pending"]);
  });

  it("retries a dead or canceled task as a new attempt, recording who and why; refuses other states", async () => {
    const { jobId } = await registerJob(api, { name: "retry" });
    const dead = await leasedTask(api);
    await api.task(COMPLETE, dead.token, { ...dead.fence, status: "TASK_STATUS_FAILED", error_message: "bad input", retryable: false });
    const noWho = await api.admin("/v1/admin/tasks/retry", { task_id: dead.taskId });
    expect({ code: noWho.code, reason: noWho.reason }).toEqual({ code: "invalid_argument", reason: "invalid_argument" });

    const retried = await api.admin("/v1/admin/tasks/retry", { task_id: dead.taskId, requested_by: "alice", reason: "input fixed upstream" });
    expect(retried.json["task"]).toMatchObject({ state: "TASK_STATE_QUEUED", attempt: 2 });
    const again = await claim(api, dead.taskId);
    expect(again.attempt).toBe(2);
    const view = (await api.adminGet(`/v1/admin/task?task_id=${dead.taskId}`)).json;
    expect(view["retries"]).toEqual([{ attempt: 2, requested_by: "alice", reason: "input fixed upstream", previous_state: "FAILED", created_at: expect.any(String) }]);

    // Canceled while QUEUED: attempt 1 never ran, so it is the attempt that runs.
    const queued = await createTask(api, jobId);
    await api.admin("/v1/admin/tasks/cancel", { task_id: queued, reason: "oops" });
    const canceledView = (await api.adminGet(`/v1/admin/task?task_id=${queued}`)).json;
    expect(canceledView["task"]).toMatchObject({ state: "TASK_STATE_CANCELED", cancel_reason: "oops" });
    const revived = await api.admin("/v1/admin/tasks/retry", { task_id: queued, requested_by: "bob" });
    expect(revived.json["task"]).toMatchObject({ state: "TASK_STATE_QUEUED", attempt: 1, cancel_reason: "" });

    // Not FAILED/CANCELED: refused, nothing recorded.
    for (const taskId of [queued, again.taskId]) {
      const refused = await api.admin("/v1/admin/tasks/retry", { task_id: taskId, requested_by: "carol" });
      expect({ code: refused.code, reason: refused.reason }).toEqual({ code: "failed_precondition", reason: "not_retryable" });
    }
    const unknown = await api.admin("/v1/admin/tasks/retry", { task_id: randomUUID(), requested_by: "carol" });
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "not_found" });
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM task_retries`))[0]?.n)).toBe(2);
  });

  it("answers failed_precondition/task_finished when canceling a finished task", async () => {
    const leased = await leasedTask(api);
    await api.task(COMPLETE, leased.token, { ...leased.fence, status: "TASK_STATUS_COMPLETED" });
    const reply = await api.admin("/v1/admin/tasks/cancel", { task_id: leased.taskId, reason: "late" });
    expect({ status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ status: 400, code: "failed_precondition", reason: "task_finished" });
    const view = (await api.adminGet(`/v1/admin/task?task_id=${leased.taskId}`)).json;
    expect(view["task"]).toMatchObject({ state: "TASK_STATE_COMPLETED", cancel_reason: "" });
  });

  it("lists pending and failed outbox rows by kind and task, with tries and last error", async () => {
    const { jobId } = await registerJob(api, { name: "outboxed" });
    const a = await createTask(api, jobId);
    const b = await createTask(api, jobId);
    const rows = await db.query(`SELECT id, task_id FROM outbox WHERE kind = 'wakeup' ORDER BY id`);
    const idOf = (taskId: string) => Number(rows.find((r) => r.task_id === taskId)?.id);
    await markOutboxFailed(api.ctx, idOf(a), "queue unreachable");

    const all = (await api.adminGet(`/v1/admin/outbox?kind=wakeup`)).json["rows"] as Record<string, unknown>[];
    expect(all.map((r) => [r["task_id"], r["status"]])).toEqual([
      [a, "failed"],
      [b, "pending"],
    ]);
    expect(all[0]).toMatchObject({ tries: 1, last_error: "queue unreachable" });
    const failedOnly = (await api.adminGet(`/v1/admin/outbox?statuses=failed`)).json["rows"] as Record<string, unknown>[];
    expect(failedOnly.map((r) => r["task_id"])).toEqual([a]);
    const forB = (await api.adminGet(`/v1/admin/outbox?task_id=${b}`)).json["rows"] as Record<string, unknown>[];
    expect(forB.map((r) => r["kind"])).toEqual(["wakeup"]);
    expect((await api.adminGet(`/v1/admin/outbox?kind=invoke`)).json["rows"]).toEqual([]);
    const page = await api.adminGet(`/v1/admin/outbox?page_size=1`);
    expect((await api.adminGet(`/v1/admin/outbox?page_size=1&page_token=${String(page.json["next_page_token"])}`)).json["rows"]).toHaveLength(1);
    for (const bad of ["kind=email", "statuses=lost", "task_id=nope"]) {
      expect((await api.adminGet(`/v1/admin/outbox?${bad}`)).code).toBe("invalid_argument");
    }
  });
});

describeEachBackend("admin API: GetTask is one snapshot", (backend) => {
  let api: ApiServer;
  useApiServer(backend, (_d, a) => {
    api = a;
  });

  it("never shows a QUEUED task with an attempt row, or a RUNNING task without one, while claims race the reads", async () => {
    const { jobId } = await registerJob(api, { name: "raced" });
    for (let i = 0; i < 25; i += 1) {
      const taskId = await createTask(api, jobId);
      const reads = Array.from({ length: 4 }, () => api.adminGet(`/v1/admin/task?task_id=${taskId}`));
      const [, ...views] = await Promise.all([claim(api, taskId), ...reads]);
      for (const view of views) {
        const state = (view.json["task"] as { state: string }).state;
        const attempts = view.json["attempts"] as unknown[];
        expect({ state, attempts: attempts.length }).toEqual({ state, attempts: state === "TASK_STATE_QUEUED" ? 0 : 1 });
      }
    }
  });
});
