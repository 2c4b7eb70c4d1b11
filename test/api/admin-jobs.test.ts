// AdminService jobs: list (filters, cursor paging), get (by id or dag/name, task counts by state),
// update (partial, new bundle version), pause/resume.
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/databases.js";
import { claim, createTask, ORG_ID, registerJob, useApiServer, type ApiServer } from "./harness.js";

describeEachBackend("admin API: jobs", (backend) => {
  let api: ApiServer;
  useApiServer(backend, (_d, a) => {
    api = a;
  });

  it("lists jobs ordered by (dag, name), filtered by dag, name and org, one cursor page at a time", async () => {
    for (const name of ["c_job", "a_job", "b_job"]) await registerJob(api, { name });
    await api.putObject("s3://bundles/other.zip", 5);
    await api.admin("/v1/admin/bundles", { bundle: { sha256: "f".repeat(64), storage_uri: "s3://bundles/other.zip", size_bytes: "5", runtime: "node" } });
    const other = await api.admin("/v1/admin/jobs", {
      job: { dag_name: "zeta", name: "a_job", runtime: "RUNTIME_LAMBDA", operator: "op", bundle_sha256: "f".repeat(64), org_id: "org-other" },
    });
    expect(other.status).toBe(200);

    const names: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = await api.adminGet(`/v1/admin/jobs?page_size=2${token ? `&page_token=${token}` : ""}`);
      expect(page.status).toBe(200);
      for (const job of page.json["jobs"] as { dag_name: string; name: string }[]) names.push(`${job.dag_name}/${job.name}`);
      token = String(page.json["next_page_token"]);
      pages += 1;
    } while (token !== "");
    expect(names).toEqual(["monad/a_job", "monad/b_job", "monad/c_job", "zeta/a_job"]);
    expect(pages).toBe(2);

    const byDag = (await api.adminGet(`/v1/admin/jobs?dag_name=zeta`)).json["jobs"] as { name: string }[];
    expect(byDag.map((j) => j.name)).toEqual(["a_job"]);
    const byName = (await api.adminGet(`/v1/admin/jobs?name=a_job`)).json["jobs"] as { dag_name: string }[];
    expect(byName.map((j) => j.dag_name)).toEqual(["monad", "zeta"]);
    const byOrg = (await api.adminGet(`/v1/admin/jobs?org_id=${ORG_ID}`)).json["jobs"] as unknown[];
    expect(byOrg).toHaveLength(3);
    const bad = await api.adminGet(`/v1/admin/jobs?page_token=garbage`);
    expect({ code: bad.code, reason: bad.reason }).toEqual({ code: "invalid_argument", reason: "invalid_argument" });
  });

  it("gets a job by id or by dag and name, with its tasks counted by state", async () => {
    const { jobId, name } = await registerJob(api, { name: "counted" });
    await createTask(api, jobId);
    await claim(api, await createTask(api, jobId));
    const canceled = await createTask(api, jobId);
    await api.admin("/v1/admin/tasks/cancel", { task_id: canceled, reason: "not needed" });

    const byId = await api.adminGet(`/v1/admin/job?job_id=${jobId}`);
    expect(byId.json).toMatchObject({
      job: { job_id: jobId, name, paused: false },
      task_counts: { queued: "1", running: "1", completed: "0", failed: "0", canceled: "1" },
    });
    const byName = await api.adminGet(`/v1/admin/job?dag_name=monad&name=${name}`);
    expect(byName.json).toEqual(byId.json);
    const unknown = await api.adminGet(`/v1/admin/job?dag_name=monad&name=nope`);
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "job_not_found" });
    const unnamed = await api.adminGet(`/v1/admin/job`);
    expect(unnamed.code).toBe("invalid_argument");
  });

  it("updates only the fields given: a new bundle version, config and limits", async () => {
    const { jobId } = await registerJob(api, { name: "upd", config: { a: 1 } });
    await api.putObject("s3://bundles/v2.zip", 7);
    await api.admin("/v1/admin/bundles", { bundle: { sha256: "2".repeat(64), storage_uri: "s3://bundles/v2.zip", size_bytes: "7", runtime: "node" } });
    const reply = await api.admin("/v1/admin/jobs/update", { job_id: jobId, bundle_sha256: "2".repeat(64), config: { a: 2 }, max_concurrency: 4 });
    expect(reply.json["job"]).toMatchObject({
      job_id: jobId,
      bundle_sha256: "2".repeat(64),
      config: { a: 2 },
      max_concurrency: 4,
      timeout_seconds: 900,
      operator: "op",
      s3: { read_prefixes: ["s3://data-bucket/datasets/in/"] },
    });
    const byName = await api.admin("/v1/admin/jobs/update", { dag_name: "monad", name: "upd", timeout_seconds: 60 });
    expect(byName.json["job"]).toMatchObject({ timeout_seconds: 60, config: { a: 2 }, max_concurrency: 4 });
    const unknown = await api.admin("/v1/admin/jobs/update", { job_id: "00000000-0000-4000-8000-000000000000", max_attempts: 2 });
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "job_not_found" });
  });

  it("pauses and resumes a job (idempotently), by id or by dag and name", async () => {
    const { jobId, name } = await registerJob(api, { name: "pausable" });
    for (let i = 0; i < 2; i += 1) {
      const paused = await api.admin("/v1/admin/jobs/pause", { job_id: jobId });
      expect(paused.json["job"]).toMatchObject({ job_id: jobId, paused: true });
    }
    expect((await api.adminGet(`/v1/admin/job?job_id=${jobId}`)).json["job"]).toMatchObject({ paused: true });
    const resumed = await api.admin("/v1/admin/jobs/resume", { dag_name: "monad", name });
    expect(resumed.json["job"]).toMatchObject({ paused: false });
    // Re-registering a job does not silently unpause or pause it.
    await api.admin("/v1/admin/jobs/pause", { job_id: jobId });
    await registerJob(api, { name });
    expect((await api.adminGet(`/v1/admin/job?job_id=${jobId}`)).json["job"]).toMatchObject({ paused: true });
    // Paused, its queued tasks are not claimed (edge's claim check reads the flag PauseJob sets).
    const taskId = await createTask(api, jobId);
    const refused = await api.worker("/internal/task-claim", { task_id: taskId, worker_id: "w" });
    expect(refused.json).toMatchObject({ claimed: false, reason: "CLAIM_REJECTION_JOB_PAUSED" });
    await api.admin("/v1/admin/jobs/resume", { job_id: jobId });
    expect((await claim(api, taskId)).attempt).toBe(1);
    const unknown = await api.admin("/v1/admin/jobs/pause", { job_id: "not-a-uuid" });
    expect({ code: unknown.code, reason: unknown.reason }).toEqual({ code: "not_found", reason: "job_not_found" });
  });

  it("lists bundles newest first with cursor paging", async () => {
    for (const [i, sha] of ["1", "2", "3"].entries()) {
      await api.putObject(`s3://bundles/${sha}.zip`, 3);
      api.clock.advance(1);
      const reply = await api.admin("/v1/admin/bundles", { bundle: { sha256: sha.repeat(64), storage_uri: `s3://bundles/${sha}.zip`, size_bytes: "3", runtime: i === 0 ? "node" : "python" } });
      expect(reply.status).toBe(200);
    }
    const first = await api.adminGet(`/v1/admin/bundles?page_size=2`);
    const second = await api.adminGet(`/v1/admin/bundles?page_size=2&page_token=${String(first.json["next_page_token"])}`);
    const shas = [...(first.json["bundles"] as { sha256: string }[]), ...(second.json["bundles"] as { sha256: string }[])].map((b) => b.sha256[0]);
    expect(shas).toEqual(["3", "2", "1"]);
    expect(second.json["next_page_token"]).toBe("");
  });
});
