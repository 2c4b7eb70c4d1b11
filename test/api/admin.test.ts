// AdminService over real HTTP: bearer-token auth on every RPC, jobs, bundles, task creation
// (dedupe, payload size), reads without lease tokens, listing with filters and paging,
// cancellation, failed outbox rows and replay.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { markOutboxFailed } from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { BUNDLE_SHA, claim, createTask, registerJob, snapshot, useApiServer, WORKER_TOKEN, type ApiServer } from "./harness.js";

const ADMIN_CALLS: [string, "GET" | "POST", unknown][] = [
  ["/v1/admin/jobs", "POST", { job: {} }],
  ["/v1/admin/bundles", "POST", { bundle: {} }],
  ["/v1/admin/tasks", "POST", { job_id: randomUUID() }],
  ["/v1/admin/task?task_id=" + randomUUID(), "GET", undefined],
  ["/v1/admin/tasks", "GET", undefined],
  ["/v1/admin/tasks/cancel", "POST", { task_id: randomUUID() }],
  ["/v1/admin/outbox/failed", "GET", undefined],
  ["/v1/admin/outbox/replay", "POST", { id: "1" }],
];

describeEachBackend("admin API", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  it("refuses every admin RPC without the admin token, or with a wrong one", async () => {
    const attempts: [string, Record<string, string>, string][] = [
      ["none", {}, "token_missing"],
      ["empty bearer", { authorization: "Bearer " }, "token_invalid"],
      ["wrong token", { authorization: "Bearer not-the-admin-token-000" }, "token_invalid"],
      ["worker token", { authorization: `Bearer ${WORKER_TOKEN}` }, "token_invalid"],
      ["another scheme", { authorization: "Basic YWRtaW46YWRtaW4=" }, "token_invalid"],
      ["token without scheme", { authorization: "admin-token-0123456789abcdef" }, "token_invalid"],
    ];
    const before = await snapshot(db);
    for (const [path, method, body] of ADMIN_CALLS) {
      for (const [name, headers, reason] of attempts) {
        const reply = method === "GET" ? await api.get(path, headers) : await api.post(path, body, headers);
        expect({ path, name, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ path, name, status: 401, code: "unauthenticated", reason });
      }
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it("registers jobs (create, then update) and refuses bad definitions", async () => {
    const first = await registerJob(api, { name: "block_follower" });
    const again = await api.admin("/v1/admin/jobs", {
      job: { dag_name: "monad", name: "block_follower", runtime: "RUNTIME_LAMBDA", operator: "op2", bundle_sha256: BUNDLE_SHA, org_id: "org-7", timeout_seconds: 60 },
    });
    expect(again.json).toMatchObject({ created: false, job: { job_id: first.jobId, runtime: "RUNTIME_LAMBDA", operator: "op2", timeout_seconds: 60, max_attempts: 3 } });

    const bad: [string, Record<string, unknown>, string][] = [
      ["no runtime", { runtime: "RUNTIME_UNSPECIFIED" }, "invalid_runtime"],
      ["bad sha", { bundle_sha256: "XYZ" }, "invalid_argument"],
      ["wildcard prefix", { s3: { read_prefixes: ["s3://data-bucket/*/"], write_prefixes: [] } }, "s3_prefix_refused"],
      ["dot-dot prefix", { s3: { read_prefixes: [], write_prefixes: ["s3://out-bucket/a/../b/"] } }, "s3_prefix_refused"],
      ["prefix without slash", { s3: { read_prefixes: ["s3://data-bucket/datasets"], write_prefixes: [] } }, "s3_prefix_refused"],
      ["input not a uuid", { inputs: [{ dataset_uuid: "nope" }] }, "invalid_argument"],
      ["no org_id", { org_id: "" }, "org_id_required"],
    ];
    for (const [name, override, reason] of bad) {
      const reply = await api.admin("/v1/admin/jobs", {
        job: { dag_name: "monad", name: `bad_${name.replace(/\W/g, "_")}`, runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: "org-7", ...override },
      });
      expect({ name, code: reply.code, reason: reply.reason }).toEqual({ name, code: "invalid_argument", reason });
    }
    const [jobs] = await db.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(jobs?.n).toBe(1);
  });

  it("registers bundles idempotently and refuses a conflicting re-registration", async () => {
    const bundle = { sha256: "d".repeat(64), storage_uri: "s3://bundles/d.zip", size_bytes: "99", runtime: "python" };
    await api.putObject(bundle.storage_uri, 99);
    expect((await api.admin("/v1/admin/bundles", { bundle })).json).toMatchObject({ created: true, bundle: { ...bundle } });
    expect((await api.admin("/v1/admin/bundles", { bundle })).json).toMatchObject({ created: false });
    const conflict = await api.admin("/v1/admin/bundles", { bundle: { ...bundle, runtime: "node" } });
    expect({ code: conflict.code, reason: conflict.reason }).toEqual({ code: "already_exists", reason: "bundle_conflict" });
    const badUri = await api.admin("/v1/admin/bundles", { bundle: { ...bundle, sha256: "e".repeat(64), storage_uri: "https://x" } });
    expect(badUri.code).toBe("invalid_argument");
  });

  it("creates tasks idempotently on the dedupe key and refuses unknown jobs", async () => {
    const { jobId } = await registerJob(api);
    const first = await api.admin("/v1/admin/tasks", { job_id: jobId, dedupe_key: "block-100" });
    const second = await api.admin("/v1/admin/tasks", { job_id: jobId, dedupe_key: "block-100" });
    expect(first.json["created"]).toBe(true);
    expect(second.json["created"]).toBe(false);
    expect((second.json["task"] as { task_id: string }).task_id).toBe((first.json["task"] as { task_id: string }).task_id);
    expect(first.json["task"]).toMatchObject({ job_id: jobId, state: "TASK_STATE_QUEUED", attempt: 1, dedupe_key: "block-100" });

    for (const body of [{ job_id: randomUUID() }, { job: { dag_name: "monad", name: "nope" } }]) {
      const reply = await api.admin("/v1/admin/tasks", body);
      expect({ code: reply.code, reason: reply.reason }).toEqual({ code: "not_found", reason: "job_not_found" });
    }
    const neither = await api.admin("/v1/admin/tasks", {});
    expect(neither.code).toBe("invalid_argument");
  });

  it("refuses a lambda task whose payload would exceed the 1 MiB invoke limit, writing nothing", async () => {
    const { jobId } = await registerJob(api, { runtime: "RUNTIME_LAMBDA", config: { blob: "x".repeat(400 * 1024) } });
    const dataset = randomUUID();
    const version = randomUUID();
    const inputs = Array.from({ length: 4000 }, (_, i) => ({ dataset_uuid: dataset, dataset_version: version, cursor: String(i) }));
    const before = await snapshot(db);
    const reply = await api.admin("/v1/admin/tasks", { job_id: jobId, inputs });
    expect({ code: reply.code, reason: reply.reason }).toEqual({ code: "invalid_argument", reason: "payload_too_large" });
    expect(await snapshot(db)).toEqual(before);
    // A small one is fine.
    expect((await api.admin("/v1/admin/tasks", { job_id: jobId, inputs: inputs.slice(0, 10) })).status).toBe(200);
  });

  it("keeps config_json integers exact beyond 2^53, from RegisterJob to the claimed task's payload", async () => {
    await registerJob(api); // registers the bundle
    const exact = '{"big": 9007199254740993, "n": 100}';
    const registered = await api.admin("/v1/admin/jobs", {
      job: { dag_name: "monad", name: `exact_${randomUUID()}`, runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: "org-1", config_json: exact },
    });
    expect(registered.status, JSON.stringify(registered.json)).toBe(200);
    const job = registered.json["job"] as Record<string, unknown>;
    expect(String(job["config_json"])).toMatch(/"big": 9007199254740993\b/);
    const taskId = await createTask(api, String(job["job_id"]));
    const claimed = await api.worker("/internal/task-claim", { task_id: taskId, worker_id: "worker-1" });
    expect(String((claimed.json["task"] as Record<string, unknown>)["config_json"])).toMatch(/"big": 9007199254740993\b/);

    const refused = await api.admin("/v1/admin/jobs", {
      job: { dag_name: "monad", name: `bad_${randomUUID()}`, runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: "org-1", config_json: "[1]" },
    });
    expect({ code: refused.code }).toEqual({ code: "invalid_argument" });
  });

  it("returns a task with its attempts and never a lease token", async () => {
    const { jobId, name } = await registerJob(api);
    const leased = await claim(api, await createTask(api, jobId));
    const reply = await api.adminGet(`/v1/admin/task?task_id=${leased.taskId}`);
    expect(reply.json).toMatchObject({
      task: { task_id: leased.taskId, job_id: jobId, job: { dag_name: "monad", name }, state: "TASK_STATE_RUNNING", attempt: 1, max_attempts: 3 },
      attempts: [{ attempt: 1, worker_id: "worker-1", outcome: "" }],
    });
    expect((reply.json["attempts"] as Record<string, unknown>[])[0]).not.toHaveProperty("ended_at");
    expect(JSON.stringify(reply.json)).not.toContain(leased.leaseToken);
    expect(JSON.stringify(reply.json)).not.toContain("lease_token");
    const listed = await api.adminGet(`/v1/admin/tasks`);
    expect(JSON.stringify(listed.json)).not.toContain(leased.leaseToken);
    const canceled = await api.admin("/v1/admin/tasks/cancel", { task_id: leased.taskId });
    expect(JSON.stringify(canceled.json)).not.toContain(leased.leaseToken);

    const unknown = await api.adminGet(`/v1/admin/task?task_id=${randomUUID()}`);
    expect({ status: unknown.status, reason: unknown.reason }).toEqual({ status: 404, reason: "not_found" });
  });

  it("lists tasks newest first with job and state filters and cursor paging", async () => {
    const a = await registerJob(api);
    const b = await registerJob(api);
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      api.clock.advance(1);
      created.push(await createTask(api, a.jobId));
    }
    api.clock.advance(1);
    const other = await createTask(api, b.jobId);
    await claim(api, created[0] ?? "");

    const ids = (reply: { json: Record<string, unknown> }) => (reply.json["tasks"] as { task_id: string }[]).map((t) => t.task_id);
    const pages: string[][] = [];
    let token = "";
    do {
      const reply = await api.adminGet(`/v1/admin/tasks?job_id=${a.jobId}&page_size=2${token ? `&page_token=${token}` : ""}`);
      pages.push(ids(reply));
      token = String(reply.json["next_page_token"]);
    } while (token !== "");
    expect(pages).toEqual([created.slice(3).reverse(), created.slice(1, 3).reverse(), [created[0]]]);

    expect(ids(await api.adminGet(`/v1/admin/tasks?states=TASK_STATE_RUNNING`))).toEqual([created[0]]);
    expect(ids(await api.adminGet(`/v1/admin/tasks?job_id=${b.jobId}`))).toEqual([other]);
    expect(ids(await api.adminGet(`/v1/admin/tasks?states=TASK_STATE_RUNNING&states=TASK_STATE_QUEUED`))).toHaveLength(6);
    expect(ids(await api.adminGet(`/v1/admin/tasks`))).toEqual([other, ...[...created].reverse()]);

    for (const query of ["page_size=501", "page_token=garbage", "states=TASK_STATE_UNSPECIFIED", "states=NOPE", "color=red"]) {
      const reply = await api.adminGet(`/v1/admin/tasks?${query}`);
      expect({ query, code: reply.code }).toEqual({ query, code: "invalid_argument" });
    }
  });

  it("cancels queued tasks at once and flags running ones", async () => {
    const { jobId } = await registerJob(api);
    const queued = await createTask(api, jobId);
    const running = await claim(api, await createTask(api, jobId));
    expect((await api.admin("/v1/admin/tasks/cancel", { task_id: queued, reason: "no longer needed" })).json["task"]).toMatchObject({ state: "TASK_STATE_CANCELED" });
    expect((await api.admin("/v1/admin/tasks/cancel", { task_id: running.taskId })).json["task"]).toMatchObject({ state: "TASK_STATE_RUNNING", cancel_requested: true });
    const unknown = await api.admin("/v1/admin/tasks/cancel", { task_id: randomUUID() });
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "not_found" });
  });

  it("lists failed outbox rows and replays them", async () => {
    const { jobId } = await registerJob(api);
    const taskId = await createTask(api, jobId); // worker runtime: writes a wakeup outbox row
    const [row] = await db.query(`SELECT id FROM outbox WHERE task_id = $1`, [taskId]);
    const id = Number(row?.id);
    expect(await markOutboxFailed(api.ctx, id, "queue unreachable")).toBe(true);

    const listed = await api.adminGet(`/v1/admin/outbox/failed`);
    expect(listed.json).toEqual({
      rows: [{ id: String(id), kind: "wakeup", task_id: taskId, attempt: 1, status: "failed", tries: 1, last_error: "queue unreachable", created_at: expect.any(String), next_attempt_at: expect.any(String) }],
      next_page_token: "",
    });
    const replayed = await api.admin("/v1/admin/outbox/replay", { id: String(id) });
    expect(replayed.json["row"]).toMatchObject({ id: String(id), status: "pending", tries: 0 });
    expect((await api.adminGet(`/v1/admin/outbox/failed`)).json["rows"]).toEqual([]);

    const again = await api.admin("/v1/admin/outbox/replay", { id: String(id) });
    expect({ code: again.code, reason: again.reason }).toEqual({ code: "failed_precondition", reason: "not_failed" });
    const unknown = await api.admin("/v1/admin/outbox/replay", { id: "999999" });
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "not_found" });
    const badPage = await api.adminGet(`/v1/admin/outbox/failed?page_token=x`);
    expect(badPage.code).toBe("invalid_argument");
  });
});
