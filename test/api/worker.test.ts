// WorkerService over real HTTP (CONTRACT §6): task-claim races and rejections, task-fetch, and
// worker-token rotation without a restart.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import { describeEachBackend } from "../support/databases.js";
import { BUNDLE_SHA, claim, createTask, registerJob, useApiServer, WORKER_TOKEN, type ApiServer } from "./harness.js";

const CLAIM = "/internal/task-claim";

describeEachBackend("worker API", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  it("lets exactly one of several concurrent claims of one task win", async () => {
    const { jobId } = await registerJob(api);
    const taskId = await createTask(api, jobId);
    const replies = await Promise.all(
      ["w1", "w2", "w3", "w4"].map((workerId) => api.worker(CLAIM, { task_id: taskId, worker_id: workerId })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const winners = replies.filter((r) => r.json["claimed"] === true);
    const losers = replies.filter((r) => r.json["claimed"] === false);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.json["reason"])).toEqual(["CLAIM_REJECTION_ALREADY_RUNNING", "CLAIM_REJECTION_ALREADY_RUNNING", "CLAIM_REJECTION_ALREADY_RUNNING"]);
    const attempts = await db.query(`SELECT attempt FROM task_attempts WHERE task_id = $1`, [taskId]);
    expect(attempts).toHaveLength(1);
  });

  it("answers a claim with the lease, a working capability token and the full payload", async () => {
    const { jobId, name } = await registerJob(api, { config: { depth: 3 } });
    const taskId = await createTask(api, jobId);
    const reply = await api.worker(CLAIM, { task_id: taskId, worker_id: "ecs-task-1" });
    const body = reply.json as Record<string, unknown> & { task: Record<string, unknown> };
    expect(body).toMatchObject({ claimed: true, reason: "CLAIM_REJECTION_UNSPECIFIED", attempt: 1 });
    expect(body["lease_token"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.task).toMatchObject({
      task_id: taskId,
      attempt: 1,
      lease_token: body["lease_token"],
      lease_expires_at: body["lease_expires_at"],
      capability_token: body["capability_token"],
      bundle_sha256: BUNDLE_SHA,
      job: { dag_name: "monad", name },
      operator: "op",
      config: { depth: 3 },
    });
    expect(String(body.task["bundle_url"])).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bundles\/b{64}\.zip\?.*X-Amz-Signature=/);
    const [row] = await db.query(`SELECT worker_id FROM tasks WHERE task_id = $1`, [taskId]);
    expect(row?.worker_id).toBe("ecs-task-1");
    // The token is the attempt's authority on the task endpoints.
    const beat = await api.task("/v1/task/heartbeat", String(body["capability_token"]), { task_id: taskId, attempt: 1, lease_token: body["lease_token"] });
    expect(beat.status).toBe(200);
  });

  it("rejects claims of unknown, running, finished and canceled tasks with their reasons", async () => {
    const { jobId } = await registerJob(api);
    const reasonOf = async (taskId: string) => (await api.worker(CLAIM, { task_id: taskId, worker_id: "w" })).json["reason"];
    expect(await reasonOf(randomUUID())).toBe("CLAIM_REJECTION_NOT_FOUND");
    expect(await reasonOf("not-a-uuid")).toBe("CLAIM_REJECTION_NOT_FOUND");

    const running = await claim(api, await createTask(api, jobId));
    expect(await reasonOf(running.taskId)).toBe("CLAIM_REJECTION_ALREADY_RUNNING");
    await api.task("/v1/task/complete", running.token, { ...running.fence, status: "TASK_STATUS_COMPLETED" });
    expect(await reasonOf(running.taskId)).toBe("CLAIM_REJECTION_COMPLETED");

    const queued = await createTask(api, jobId);
    expect((await api.admin("/v1/admin/tasks/cancel", { task_id: queued })).status).toBe(200);
    expect(await reasonOf(queued)).toBe("CLAIM_REJECTION_CANCELED");
  });

  it("answers CONCURRENCY_LIMIT over the job's cap and RETRY_PENDING with next_retry_at for a task awaiting its retry", async () => {
    // A job may only name a registered bundle, whose object exists (issue 11 §4).
    await api.putObject(`s3://bundles/${BUNDLE_SHA}.zip`, 1);
    await api.admin("/v1/admin/bundles", { bundle: { sha256: BUNDLE_SHA, storage_uri: `s3://bundles/${BUNDLE_SHA}.zip`, size_bytes: "1", runtime: "node" } });
    const job = await api.admin("/v1/admin/jobs", {
      job: { dag_name: "monad", name: "capped", runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: "org-7", max_concurrency: 1, max_attempts: 3 },
    });
    const jobId = (job.json["job"] as { job_id: string }).job_id;
    const first = await claim(api, await createTask(api, jobId));
    const second = await createTask(api, jobId);
    expect((await api.worker(CLAIM, { task_id: second, worker_id: "w" })).json).toMatchObject({ claimed: false, reason: "CLAIM_REJECTION_CONCURRENCY_LIMIT" });

    await api.task("/v1/task/complete", first.token, { ...first.fence, status: "TASK_STATUS_FAILED", retryable: true, error_message: "boom" });
    const pending = await api.worker(CLAIM, { task_id: first.taskId, worker_id: "w" });
    const [row] = await db.query(`SELECT next_retry_at FROM tasks WHERE task_id = $1`, [first.taskId]);
    expect(pending.json).toMatchObject({ claimed: false, reason: "CLAIM_REJECTION_RETRY_PENDING" });
    expect(new Date(String(pending.json["next_retry_at"])).getTime()).toBe(new Date(row?.next_retry_at as string | Date).getTime());
    // The failed attempt freed the job's only slot.
    expect((await api.worker(CLAIM, { task_id: second, worker_id: "w" })).json).toMatchObject({ claimed: true });
  });

  it("refuses a claim without a worker id", async () => {
    const { jobId } = await registerJob(api);
    const taskId = await createTask(api, jobId);
    const reply = await api.worker(CLAIM, { task_id: taskId, worker_id: "" });
    expect({ code: reply.code, reason: reply.reason }).toEqual({ code: "invalid_argument", reason: "worker_id_required" });
    expect((await api.adminGet(`/v1/admin/task?task_id=${taskId}`)).json["task"]).toMatchObject({ state: "TASK_STATE_QUEUED" });
  });

  it("ends the attempt when a claimed task has no buildable payload (bundle never registered)", async () => {
    // RegisterJob refuses an unregistered bundle (issue 11 §4); the claim path still guards against
    // a bundle row that vanished afterwards (e.g. removed by hand).
    const { jobId } = await registerJob(api, { name: "orphan" });
    await db.query(`UPDATE jobs SET bundle_sha256 = $1 WHERE job_id = $2`, ["c".repeat(64), jobId]);
    const taskId = await createTask(api, jobId);
    const reply = await api.worker(CLAIM, { task_id: taskId, worker_id: "w" });
    expect({ code: reply.code, reason: reply.reason }).toEqual({ code: "failed_precondition", reason: "invocation_unavailable" });
    const view = (await api.adminGet(`/v1/admin/task?task_id=${taskId}`)).json as { task: { state: string }; attempts: { outcome: string }[] };
    expect(view.task.state).toBe("TASK_STATE_FAILED");
    expect(view.attempts.map((a) => a.outcome)).toEqual(["invoke_failed"]);
  });

  it("fetches a task's payload without leasing it, and reports cancellation", async () => {
    const { jobId, name } = await registerJob(api);
    const taskId = await createTask(api, jobId);
    const fetchTask = (id: string) => api.get(`/internal/task-fetch?task_id=${id}`, { [WORKER_TOKEN_HEADER]: WORKER_TOKEN });

    const queued = await fetchTask(taskId);
    expect(queued.json).toMatchObject({
      state: "TASK_STATE_QUEUED",
      task: { task_id: taskId, attempt: 1, lease_token: "", capability_token: "", bundle_url: "", bundle_sha256: BUNDLE_SHA, job: { dag_name: "monad", name } },
    });
    const leased = await claim(api, taskId);
    const running = await fetchTask(taskId);
    expect(running.json["state"]).toBe("TASK_STATE_RUNNING");
    // Fetching never hands out the lease or a token.
    expect(JSON.stringify(running.json)).not.toContain(leased.leaseToken);
    expect((running.json["task"] as Record<string, unknown>)["capability_token"]).toBe("");

    await api.admin("/v1/admin/tasks/cancel", { task_id: taskId });
    await api.task("/v1/task/complete", leased.token, { ...leased.fence, status: "TASK_STATUS_CANCELED" });
    expect((await fetchTask(taskId)).json["state"]).toBe("TASK_STATE_CANCELED");

    const unknown = await fetchTask(randomUUID());
    expect({ status: unknown.status, code: unknown.code, reason: unknown.reason }).toEqual({ status: 404, code: "not_found", reason: "not_found" });
    const missing = await api.get(`/internal/task-fetch`, { [WORKER_TOKEN_HEADER]: WORKER_TOKEN });
    expect({ code: missing.code, reason: missing.reason }).toEqual({ code: "invalid_argument", reason: "task_id_required" });
    const unauthenticated = await api.get(`/internal/task-fetch?task_id=${taskId}`);
    expect({ status: unauthenticated.status, reason: unauthenticated.reason }).toEqual({ status: 401, reason: "token_missing" });
  });

  it("rotates worker tokens without a restart", async () => {
    const { jobId } = await registerJob(api);
    const taskId = await createTask(api, jobId);
    const fetchWith = (token: string) => api.get(`/internal/task-fetch?task_id=${taskId}`, { [WORKER_TOKEN_HEADER]: token });
    const NEXT = "worker-token-next-0000000000000000";
    expect((await fetchWith(NEXT)).reason).toBe("token_invalid");

    // Overlap: the file now lists both; the edit is noticed without any call.
    writeFileSync(api.workerTokenFile, `${WORKER_TOKEN}\n${NEXT}\n`);
    expect((await fetchWith(NEXT)).status).toBe(200);
    expect((await fetchWith(WORKER_TOKEN)).status).toBe(200);

    // Retirement: the old token is removed; an explicit reload (e.g. on SIGHUP) applies it at once.
    writeFileSync(api.workerTokenFile, `${NEXT}\n`);
    api.workerTokens.reload();
    expect((await fetchWith(WORKER_TOKEN)).reason).toBe("token_invalid");
    expect((await fetchWith(NEXT)).status).toBe(200);

    // A broken edit (no secret at all) keeps the last good set instead of locking every worker out.
    writeFileSync(api.workerTokenFile, "# emptied by mistake\n");
    expect(() => api.workerTokens.reload()).toThrow(/no secret/);
    expect((await fetchWith(NEXT)).status).toBe(200);
  });
});
