// Issue 10 §1 end to end on real components (see harness.ts): Lambda delivers one Event twice,
// the second time late. The replayed payload goes through the packaged runner 1.5 s after its
// lease_expires_at while the original, healthy delivery is still running a 14 s entrypoint under a
// 6 s lease: the duplicate is refused duplicate_delivery at its first heartbeat, runs and reports
// nothing, and the task (max_attempts 1) completes with the original's result.
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  e2eUnavailableReason,
  eventually,
  MAX_EVENT_AGE_SECONDS,
  outputsOf,
  startEnvironment,
  startSharedServices,
  type E2eEnvironment,
  type SharedServices,
} from "./harness.js";

const unavailable = e2eUnavailableReason();
if (unavailable) console.warn(`e2e suite skipped locally: ${unavailable}`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Appends a line to `marker` each time it starts, then sleeps `seconds` and succeeds. */
function sleepingEntrypoint(marker: string, seconds: number): string {
  return `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(marker)}, "started\\n");
setTimeout(() => console.log(JSON.stringify({ outputs: [{ name: "slept_seconds", value: ${seconds} }] })), ${seconds * 1000});
`;
}

describe.skipIf(unavailable !== null)("duplicate Lambda deliveries end to end", () => {
  let shared: SharedServices;
  let env: E2eEnvironment;
  const markers = mkdtempSync(join(tmpdir(), "trace-e2e-deliveries-"));

  beforeAll(async () => {
    shared = await startSharedServices();
    env = await startEnvironment(shared);
  });
  afterAll(async () => {
    await env?.stop();
    await shared?.stop();
  });

  it("a late duplicate, replayed after lease_expires_at, neither runs nor changes the healthy attempt's outcome", async () => {
    const marker = join(markers, "late");
    appendFileSync(marker, "");
    const bundle = await env.addBundle({ "main.mjs": sleepingEntrypoint(marker, 14) }, { runtime: "node", entrypoint: "main.mjs" });
    const job = await env.addJob({ name: "late_duplicate", bundleSha256: bundle.sha256, leaseTtlSeconds: 6, maxAttempts: 1, timeoutSeconds: 120 });
    const task = await env.createTask(job.jobId);
    await eventually(() => env.invokesOf(task.taskId).length === 1, "the invoke");
    const saved = env.invokesOf(task.taskId)[0]?.payload ?? {};
    await eventually(() => readFileSync(marker, "utf8").length > 0, "the original's entrypoint to start");

    // The bundle URL outlives the lease: it must work for as long as Lambda may still deliver.
    const url = new URL(String(saved.bundle_url));
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeGreaterThanOrEqual(MAX_EVENT_AGE_SECONDS + 60);

    await sleep(Date.parse(String(saved.lease_expires_at)) + 1500 - Date.now());
    expect((await env.task(task.taskId)).task.state).toBe("RUNNING");
    const replay = await env.runHandler(saved);
    expect(replay).toEqual({ kind: "fenced", reason: "duplicate_delivery", code: "FailedPrecondition" });
    expect((await env.task(task.taskId)).task.state).toBe("RUNNING");

    const done = await env.settled(task.taskId, 40_000);
    expect(done.task.state).toBe("COMPLETED");
    expect(done.attempts.map((a) => a.outcome)).toEqual(["completed"]);
    expect(await outputsOf(env.app, task.taskId)).toHaveLength(1);
    // The entrypoint ran once: the original's.
    expect(readFileSync(marker, "utf8")).toBe("started\n");
    const [recorded] = await env.app.db.query(`SELECT delivery_id FROM task_attempts WHERE task_id = $1 AND attempt = 1`, [task.taskId]);
    expect(String(recorded?.delivery_id)).toMatch(UUID);

    // Replayed once more after completion: still refused, still nothing changes.
    expect(await env.runHandler(saved)).toEqual({ kind: "fenced", reason: "duplicate_delivery", code: "FailedPrecondition" });
    expect((await env.task(task.taskId)).task.state).toBe("COMPLETED");
    expect(readFileSync(marker, "utf8")).toBe("started\n");
  }, 60_000);

  it("two deliveries at once: exactly one binds and runs the entrypoint, the other stops before downloading", async () => {
    const marker = join(markers, "concurrent");
    appendFileSync(marker, "");
    const bundle = await env.addBundle({ "main.mjs": sleepingEntrypoint(marker, 1) }, { runtime: "node", entrypoint: "main.mjs" });
    const held: Record<string, unknown>[] = [];
    env.behaviour = async (event) => void held.push(event);
    let taskId: string;
    try {
      const job = await env.addJob({ name: "concurrent_duplicate", bundleSha256: bundle.sha256, maxAttempts: 1 });
      taskId = (await env.createTask(job.jobId)).taskId;
      await eventually(() => held.length === 1, "the invoke");
    } finally {
      env.behaviour = env.runHandler;
    }
    const event = held[0] as Record<string, unknown>;
    const results = await Promise.all([env.runHandler(event), env.runHandler(event)]);
    expect(results).toContainEqual({ kind: "reported", status: "completed", duplicate: false });
    expect(results).toContainEqual({ kind: "fenced", reason: "duplicate_delivery", code: "FailedPrecondition" });
    const done = await env.settled(taskId);
    expect(done.task.state).toBe("COMPLETED");
    expect(readFileSync(marker, "utf8")).toBe("started\n");
  }, 60_000);
});
