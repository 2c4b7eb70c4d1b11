// `runtime: lambda` end to end on real components (see harness.ts): the Dispatcher leases, mints,
// presigns and invokes the fake Lambda over the real Invoke API; the function runs the packaged
// runner handler, which downloads the bundle from moto, runs it and reports over /v1/task/*.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTaskTokenVerifier, TASK_TOKEN_AUDIENCE } from "../../src/auth/index.js";
import { BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS } from "../../src/invoke/bundle-url.js";
import { bundleKey } from "../../src/objectstore/s3.js";
import {
  BUNDLE_BUCKET,
  BUNDLE_PREFIX,
  buildRustSample,
  e2eUnavailableReason,
  eventsOf,
  eventually,
  EXAMPLES,
  FUNCTION_NAME,
  MAX_EVENT_AGE_SECONDS,
  outputsOf,
  REGION,
  startEnvironment,
  startSharedServices,
  type E2eEnvironment,
  type SharedServices,
} from "./harness.js";

const unavailable = e2eUnavailableReason();
if (unavailable) console.warn(`e2e suite skipped locally: ${unavailable}`);

const RAW = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c00a1";
const RAW_V = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c10a1";
const CLEAN = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c00a2";
const CLEAN_V = "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c10a2";

/** A node entrypoint that records its pid in `marker`, then never finishes on its own. */
function hangingEntrypoint(marker: string): string {
  return `import { writeFileSync } from "node:fs";
writeFileSync(${JSON.stringify(marker)}, String(process.pid));
setInterval(() => {}, 1000);
`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(unavailable !== null)("lambda runtime end to end", () => {
  let shared: SharedServices;
  let env: E2eEnvironment;
  let node: { sha256: string; storageUri: string };
  let python: { sha256: string; storageUri: string };
  let rust: { sha256: string; storageUri: string };
  const markers = mkdtempSync(join(tmpdir(), "trace-e2e-markers-"));

  beforeAll(async () => {
    shared = await startSharedServices();
    env = await startEnvironment(shared);
    const bootstrap = await buildRustSample();
    node = await env.addBundle(join(EXAMPLES, "node"), { runtime: "node", entrypoint: "main.mjs" });
    python = await env.addBundle(join(EXAMPLES, "python"), { runtime: "python", entrypoint: "main.py" });
    rust = await env.addBundle({ bootstrap }, { runtime: "rust", entrypoint: "bootstrap" });
  });
  afterAll(async () => {
    await env?.stop();
    await shared?.stop();
  });

  it("invokes with InvocationType Event and exactly the CONTRACT §3 payload", async () => {
    const held: Record<string, unknown>[] = [];
    env.behaviour = async (event) => void held.push(event);
    try {
      const config = { dataset_uuid: RAW, dataset_version: RAW_V, nested: { list: [1, "two", null, true], "ключ": "значение" } };
      const job = await env.addJob({ name: "payload_probe", operator: "probe_op", bundleSha256: node.sha256, config, leaseTtlSeconds: 45 });
      const task = await env.createTask(job.jobId, [{ datasetUuid: CLEAN, datasetVersion: CLEAN_V, cursor: 41n }]);
      await eventually(() => held.length === 1, "the invoke to reach the function");

      const [captured] = env.invokesOf(task.taskId);
      expect(env.invokesOf(task.taskId)).toHaveLength(1);
      expect(captured?.invocationType).toBe("Event");
      const payload = captured?.payload ?? {};
      expect(held[0]).toEqual(payload);
      expect(Object.keys(payload).sort()).toEqual(
        ["attempt", "bundle_sha256", "bundle_url", "capability_token", "config", "config_json", "delivery_id", "inputs", "job", "lease_expires_at", "lease_token", "operator", "params", "task_id"],
      );
      // Never set by the Dispatcher: each delivery of the event generates its own.
      expect(payload.delivery_id).toBe("");

      // The lease fields are the live lease on the task row.
      const { task: running } = await env.task(task.taskId);
      expect(running.state).toBe("RUNNING");
      expect(payload.task_id).toBe(task.taskId);
      expect(payload.attempt).toBe(1);
      expect(payload.lease_token).toBe(running.leaseToken);
      expect(Date.parse(String(payload.lease_expires_at))).toBe(running.leaseExpiresAt?.getTime());
      expect(payload.job).toEqual({ dag_name: "e2e", name: "payload_probe" });
      expect(payload.operator).toBe("probe_op");
      expect(payload.config).toEqual(config);
      // The task's own params (issue 11): none were given at creation.
      expect(payload.params).toEqual({});
      expect(payload.inputs).toEqual([{ dataset_uuid: CLEAN, dataset_version: CLEAN_V, cursor: "41" }]);
      expect(payload.bundle_sha256).toBe(node.sha256);

      // The capability token is this attempt's, signed by the Dispatcher's keyring.
      const verifier = createTaskTokenVerifier({ issuer: "https://dispatcher.e2e.test", keys: env.app.keyring.verificationKeys });
      const { claims } = await verifier.verify(String(payload.capability_token));
      expect(claims).toMatchObject({ task_id: task.taskId, attempt: 1, aud: TASK_TOKEN_AUDIENCE, sub: `task:${task.taskId}`, org_id: "org-e2e" });
      expect(claims.exp * 1000).toBeGreaterThanOrEqual(running.leaseExpiresAt?.getTime() ?? Infinity);

      // The bundle URL: a presigned GET for exactly the content-addressed key, valid for as long as a
      // delivery may arrive and download (max event age + download allowance), here longer than the lease.
      const url = new URL(String(payload.bundle_url));
      expect(`${url.protocol}//${url.host}`).toBe(shared.moto.endpoint);
      expect(url.pathname).toBe(`/${BUNDLE_BUCKET}/${bundleKey(BUNDLE_PREFIX, node.sha256)}`);
      expect(url.searchParams.get("X-Amz-Algorithm")).toBe("AWS4-HMAC-SHA256");
      expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
      expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
      const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get("X-Amz-Date") ?? "");
      expect(signedAt).not.toBeNull();
      const [, y, mo, d, h, mi, s] = signedAt ?? [];
      const signedMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
      const expiresMs = signedMs + Number(url.searchParams.get("X-Amz-Expires")) * 1000;
      expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeGreaterThan(0);
      expect(expiresMs).toBe(signedMs + (MAX_EVENT_AGE_SECONDS + BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS) * 1000);
      expect(expiresMs).toBeGreaterThan(running.leaseExpiresAt?.getTime() ?? Infinity);
      const download = await fetch(url);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(payload.bundle_sha256);

      // The held event, handed to the packaged runner, completes the attempt.
      await expect(env.runHandler(payload)).resolves.toEqual({ kind: "reported", status: "completed", duplicate: false });
      const done = await env.settled(task.taskId);
      expect(done.task.state).toBe("COMPLETED");
      expect(await eventsOf(env.app, task.taskId)).toEqual([`${RAW}@42#1`]);
    } finally {
      env.behaviour = env.runHandler;
    }
  });

  it.each([
    ["node", () => node],
    ["python", () => python],
    ["rust", () => rust],
  ])("runs the %s sample bundle to completion", async (runtime, bundle) => {
    const job = await env.addJob({ name: `sample_${runtime}`, operator: `op_${runtime}`, bundleSha256: bundle().sha256, config: { dataset_uuid: RAW, dataset_version: RAW_V, cursor: "7" } });
    const task = await env.createTask(job.jobId);
    const done = await env.settled(task.taskId);
    expect(done.task.state).toBe("COMPLETED");
    expect(done.attempts.map((a) => a.outcome)).toEqual(["completed"]);
    expect(await outputsOf(env.app, task.taskId)).toEqual([
      { attempt: 1, name: "operator", value: `op_${runtime}` },
      { attempt: 1, name: "runtime", value: runtime },
    ]);
    expect(await eventsOf(env.app, task.taskId)).toEqual([`${RAW}@7#1`]);
    expect(env.invokesOf(task.taskId).map((i) => i.invocationType)).toEqual(["Event"]);
  });

  it("runs a two-job DAG: B consumes A's dataset events and runs after A", async () => {
    const dagA = "aaaaaaaa-0000-4000-8000-00000000000a";
    const dagAV = "aaaaaaaa-0000-4000-8000-0000000000a1";
    const dagB = "bbbbbbbb-0000-4000-8000-00000000000b";
    const dagBV = "bbbbbbbb-0000-4000-8000-0000000000b1";
    const a = await env.addJob({ dagName: "dag", name: "a", operator: "extract", bundleSha256: node.sha256, config: { dataset_uuid: dagA, dataset_version: dagAV } });
    const b = await env.addJob({
      dagName: "dag",
      name: "b",
      operator: "transform",
      bundleSha256: rust.sha256,
      config: { dataset_uuid: dagB, dataset_version: dagBV },
      inputs: [{ datasetUuid: dagA }],
    });
    const taskA = await env.createTask(a.jobId, [{ datasetUuid: dagA, datasetVersion: dagAV, cursor: 99n }]);
    const doneA = await env.settled(taskA.taskId);
    expect(doneA.task.state).toBe("COMPLETED");
    expect(await eventsOf(env.app, taskA.taskId)).toEqual([`${dagA}@100#1`]);

    // Routing created B's task from A's event; nothing else did.
    let taskBId = "";
    await eventually(async () => {
      const rows = await env.app.db.query(`SELECT task_id FROM tasks WHERE job_id = $1`, [b.jobId]);
      taskBId = rows[0] ? String(rows[0].task_id) : "";
      return rows.length === 1;
    }, "routing to create B's task");
    const doneB = await env.settled(taskBId);
    expect(doneB.task.state).toBe("COMPLETED");
    expect(doneB.task.inputs).toEqual([{ datasetUuid: dagA, datasetVersion: dagAV, cursor: 100n }]);
    // B's only attempt started after A's attempt ended, and B read A's event (cursor 100 → 101).
    const aEnded = doneA.attempts[0]?.endedAt?.getTime() ?? Infinity;
    expect(doneB.attempts[0]?.startedAt.getTime()).toBeGreaterThanOrEqual(aEnded);
    expect(await eventsOf(env.app, taskBId)).toEqual([`${dagB}@101#1`]);
  });

  it("commits once when the same event is delivered twice", async () => {
    const held: Record<string, unknown>[] = [];
    env.behaviour = async (event) => void held.push(event);
    let event: Record<string, unknown>;
    let taskId: string;
    try {
      const job = await env.addJob({ name: "twice", bundleSha256: python.sha256, config: { dataset_uuid: RAW, dataset_version: RAW_V, cursor: "5" } });
      taskId = (await env.createTask(job.jobId)).taskId;
      await eventually(() => held.length === 1, "the invoke");
      event = held[0] as Record<string, unknown>;
    } finally {
      env.behaviour = env.runHandler;
    }
    // Lambda delivers the same event twice (at-least-once), both through the Invoke API at once.
    const client = new LambdaClient({ region: REGION, endpoint: shared.lambda.url, maxAttempts: 1 });
    const before = env.runs.length;
    const body = Buffer.from(JSON.stringify(event));
    await Promise.all([0, 1].map(() => client.send(new InvokeCommand({ FunctionName: FUNCTION_NAME, InvocationType: "Event", Payload: body }))));
    client.destroy();
    await eventually(() => env.runs.length === before + 2, "both deliveries to finish");
    const results = env.runs.slice(before).map((r) => r.result as { kind: string; duplicate?: boolean; reason?: string });
    // Exactly one delivery committed; the other was refused at its first heartbeat (another delivery is bound).
    const committed = results.filter((r) => r.kind === "reported" && r.duplicate === false);
    expect(committed).toHaveLength(1);
    const other = results.find((r) => r !== committed[0]);
    expect(other).toMatchObject({ kind: "fenced", reason: "duplicate_delivery" });

    const done = await env.settled(taskId);
    expect(done.task.state).toBe("COMPLETED");
    expect(done.attempts).toHaveLength(1);
    expect(await eventsOf(env.app, taskId)).toEqual([`${RAW}@5#1`]);
    expect(await outputsOf(env.app, taskId)).toHaveLength(2);
    const routed = await env.app.db.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'route_event' AND task_id = $1`, [taskId]);
    expect(routed[0]?.n).toBe(1);
  });

  it("delivers an admin CancelTask to a running bundle within a heartbeat: the child is killed, the task CANCELED", async () => {
    const marker = join(markers, "cancel-pid");
    expect(env.servedCalls("Heartbeat")).toBeGreaterThan(0); // the log does show the runner's calls
    const bundle = await env.addBundle({ "main.mjs": hangingEntrypoint(marker) }, { runtime: "node", entrypoint: "main.mjs" });
    // A long lease: only the runner's heartbeat (every HEARTBEAT_MS) can carry the cancel to it.
    const job = await env.addJob({ name: "cancel_me", bundleSha256: bundle.sha256, leaseTtlSeconds: 300 });
    const task = await env.createTask(job.jobId);
    await eventually(() => existsSync(marker) && readFileSync(marker, "utf8").length > 0, "the entrypoint to start");
    const pid = Number(readFileSync(marker, "utf8"));
    expect(alive(pid)).toBe(true);

    const reply = await env.admin.cancelTask({ taskId: task.taskId, reason: "operator says stop" });
    expect(reply.task?.cancelRequested).toBe(true);
    const heartbeatsBefore = env.servedCalls("Heartbeat");
    const completesBefore = env.servedCalls("Complete");
    await eventually(() => env.servedCalls("Complete") > completesBefore, "the runner to report");
    // Within one heartbeat: at most the heartbeat already in flight when the cancel committed,
    // then the one that carried cancel_requested; the runner killed the child and reported at once.
    expect(env.servedCalls("Heartbeat") - heartbeatsBefore).toBeLessThanOrEqual(2);
    const done = await env.settled(task.taskId);
    expect(done.task.state).toBe("CANCELED");
    expect(done.attempts.map((a) => a.outcome)).toEqual(["canceled"]);
    expect(alive(pid)).toBe(false);
    expect(env.runs.at(-1)?.result).toEqual({ kind: "reported", status: "canceled", duplicate: false });
  });

  it("retries a throttled invoke without spending the attempt", async () => {
    const job = await env.addJob({ name: "throttled", bundleSha256: node.sha256, config: { dataset_uuid: RAW, dataset_version: RAW_V, cursor: "3" } });
    shared.lambda.throttleNext(1);
    const task = await env.createTask(job.jobId);
    const done = await env.settled(task.taskId);
    expect(done.task.state).toBe("COMPLETED");
    expect(done.task.attempt).toBe(1);
    expect(done.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, "completed"]]);
    // Two invokes of the same attempt with the same lease: the 429 and the retry that ran.
    const invokes = env.invokesOf(task.taskId);
    expect(invokes).toHaveLength(2);
    expect(invokes.map((i) => [i.payload.attempt, i.payload.lease_token])).toEqual([
      [1, invokes[0]?.payload.lease_token],
      [1, invokes[0]?.payload.lease_token],
    ]);
    const outbox = await env.app.db.query(`SELECT status, tries FROM outbox WHERE kind = 'invoke' AND task_id = $1`, [task.taskId]);
    expect(outbox).toEqual([{ status: "done", tries: expect.any(Number) }]);
    expect(Number(outbox[0]?.tries)).toBeGreaterThanOrEqual(1);
  });
});
