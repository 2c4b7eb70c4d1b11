// The TypeScript SDK (sdk/ts) against a REAL Dispatcher process: heartbeat, events, complete and
// its duplicate, credentials (moto STS), cancellation through AbortSignal, the stale-attempt
// refusal, operator failures, a forged token, and bundle mode's stdout object.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  NonRetryableError,
  StaleAttemptError,
  TaskContext,
  TaskFinishedError,
  UnauthenticatedError,
  runBundle,
  runTask,
  type Operator,
} from "../../sdk/ts/src/index.js";
import { startLiveDispatcher, waitFor, type Json, type LiveDispatcher } from "./live-dispatcher.js";

let d: LiveDispatcher;
beforeAll(async () => {
  d = await startLiveDispatcher();
});
afterAll(async () => {
  await d?.stop();
});

const eventOf = (config: Json, cursor: number) => TaskContext.cursorEvent(String(config.dataset_uuid), String(config.dataset_version), cursor);

describe("TaskContext against a live Dispatcher", () => {
  it("gives the operator the task's own params beside the job's config", async () => {
    const { taskId, config } = await d.newTask({}, { params: { block: 42, chain: "monad" } });
    const ctx = new TaskContext(await d.claim(taskId), { dispatcherUrl: d.url });
    expect(ctx.params).toEqual({ block: 42, chain: "monad" });
    expect(ctx.config).toEqual(config);
    const plain = await d.newTask();
    expect(new TaskContext(await d.claim(plain.taskId), { dispatcherUrl: d.url }).params).toEqual({});
  });

  it("heartbeats, emits events, completes, and a repeated completion is a duplicate", async () => {
    const { taskId, config } = await d.newTask();
    const ctx = new TaskContext(await d.claim(taskId), { dispatcherUrl: d.url });
    expect([ctx.taskId, ctx.attempt]).toEqual([taskId, 1]);

    const beat = await ctx.heartbeat();
    expect(beat.cancelRequested).toBe(false);
    expect(beat.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await ctx.emitEvents([eventOf(config, 3)])).toBe(1);

    const result = { events: [eventOf(config, 4)], outputs: [{ name: "rows", value: 3 }] };
    expect(await ctx.complete(result)).toMatchObject({ accepted: true, duplicate: false });
    expect(await ctx.complete(result)).toMatchObject({ accepted: true, duplicate: true });
    expect((await d.task(taskId)).state).toBe("TASK_STATE_COMPLETED");
    await expect(ctx.fail("too late")).rejects.toBeInstanceOf(TaskFinishedError);
  });

  it("renews the lease in the background at a quarter of the lease", async () => {
    const { taskId } = await d.newTask();
    const ctx = new TaskContext(await d.claim(taskId), { dispatcherUrl: d.url });
    const initial = ctx.leaseExpiresAt.getTime();
    ctx.startHeartbeats();
    await waitFor(() => ctx.leaseExpiresAt.getTime() > initial, 15_000);
    await ctx.complete();
  });

  it("issues STS credentials in the AWS SDK v3 shape", async (test) => {
    if (!d.credentials) test.skip("moto_server not installed (scripts/ci/install-aws-fakes.sh)");
    const { taskId } = await d.newTask();
    const ctx = new TaskContext(await d.claim(taskId), { dispatcherUrl: d.url });
    const creds = await ctx.credentialProvider()();
    expect(creds.accessKeyId).not.toBe("");
    expect(creds.secretAccessKey).not.toBe("");
    expect(creds.sessionToken).not.toBe("");
    expect(creds.expiration.getTime()).toBeGreaterThan(Date.now());
    await ctx.complete();
  });

  it("aborts ctx.signal on an operator cancel and completes CANCELED", async () => {
    const { taskId } = await d.newTask();
    const payload = await d.claim(taskId);
    const operator: Operator = async (ctx) => {
      await d.cancel(taskId);
      await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
      expect(ctx.signal.reason).toMatchObject({ reason: "canceled" });
      await new Promise(() => undefined); // never settles: runTask stops waiting on the abort
    };
    expect(await runTask(payload, operator, { dispatcherUrl: d.url })).toBe("canceled");
    expect((await d.task(taskId)).state).toBe("TASK_STATE_CANCELED");
  });

  it("keeps the process alive while an operator only waits for ctx.signal, until the cancel arrives", async () => {
    const { taskId } = await d.newTask();
    const payload = await d.claim(taskId);
    // A separate process: an unref'd heartbeat timer would let Node exit there (code 13, unsettled
    // top-level await) before the cancel is ever seen.
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./ts-sdk-keepalive-child.ts", import.meta.url))], {
      env: { ...process.env, CHILD_PAYLOAD: JSON.stringify(payload), CHILD_DISPATCHER_URL: d.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(child.exitCode, "the child exited before the cancel").toBeNull();
    await d.cancel(taskId);
    expect(await exited).toBe(0);
    expect(stdout.trim()).toBe("canceled");
    expect((await d.task(taskId)).state).toBe("TASK_STATE_CANCELED");
  });

  it("refuses the old attempt as stale once a retry was claimed", async () => {
    const { taskId, config } = await d.newTask();
    const first = new TaskContext(await d.claim(taskId), { dispatcherUrl: d.url });
    await first.fail("transient", { retryable: true });
    const second = await d.claim(taskId, 30_000);
    expect(second.attempt).toBe(2);

    const refused = await first.heartbeat().then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(StaleAttemptError);
    expect(refused).toMatchObject({ reason: "stale_attempt" });
    expect(first.signal.aborted).toBe(true);
    await expect(first.emitEvents([eventOf(config, 1)])).rejects.toBeInstanceOf(StaleAttemptError);
    await new TaskContext(second, { dispatcherUrl: d.url }).complete();
  });

  it("fails the attempt when the operator throws (non-retryable: dead at once)", async () => {
    const { taskId } = await d.newTask();
    const outcome = await runTask(
      await d.claim(taskId),
      async () => {
        throw new NonRetryableError("bad config");
      },
      { dispatcherUrl: d.url },
    );
    expect(outcome).toBe("failed");
    const task = await d.task(taskId);
    expect(task.state).toBe("TASK_STATE_FAILED");
    expect(task.next_retry_at).toBeUndefined();
    expect(task.last_error).toBe("NonRetryableError: bad config");
  });

  it("types a forged capability token as unauthenticated", async () => {
    const { taskId } = await d.newTask();
    const payload = await d.claim(taskId);
    const token = String(payload.capability_token);
    const forged = new TaskContext({ ...payload, capability_token: `${token.slice(0, -4)}AAAA` }, { dispatcherUrl: d.url });
    await expect(forged.heartbeat()).rejects.toBeInstanceOf(UnauthenticatedError);
    await new TaskContext(payload, { dispatcherUrl: d.url }).complete();
  });
});

describe("bundle mode", () => {
  it("prints the result object and reaches the Dispatcher through TRACE_DISPATCHER_URL", async () => {
    const { taskId, config } = await d.newTask();
    // As the platform runner hands it over: with the runner's delivery id, which the bundle acts as.
    const payload = { ...(await d.claim(taskId)), delivery_id: randomUUID() };
    const previous = process.env.TRACE_DISPATCHER_URL;
    process.env.TRACE_DISPATCHER_URL = d.url;
    let printed = "";
    try {
      const code = await runBundle(
        async (ctx) => {
          await ctx.emitEvents([eventOf(config, 9)]);
          return { events: [eventOf(config, 10)], outputs: [{ name: "ok", value: true }] };
        },
        { stdin: JSON.stringify(payload), write: (text) => (printed += text) },
      );
      expect(code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.TRACE_DISPATCHER_URL;
      else process.env.TRACE_DISPATCHER_URL = previous;
    }
    expect(JSON.parse(printed)).toEqual({ events: [eventOf(config, 10)], outputs: [{ name: "ok", value: true }], datasets_published: [] });
    await new TaskContext(payload, { dispatcherUrl: d.url }).complete();
  });
});

describe("bundle mode failures (issue 11 §1)", () => {
  const TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0YXNrOjEifQ.c2lnbmF0dXJlLWJ5dGVz";
  const payload = { task_id: "t", attempt: 1, lease_token: "l", capability_token: TOKEN, config: {} };

  async function failureOf(error: unknown): Promise<Json> {
    let printed = "";
    const code = await runBundle(
      async () => {
        throw error;
      },
      { stdin: JSON.stringify(payload), write: (text) => (printed += text) },
    );
    expect(code).toBe(1);
    const parsed = JSON.parse(printed) as Json;
    expect(Object.keys(parsed)).toEqual(["failure"]);
    return parsed.failure as Json;
  }

  it("NonRetryableError names itself and is reported as not retryable", async () => {
    expect(new NonRetryableError("x").name).toBe("NonRetryableError");
    expect(String(new NonRetryableError("x"))).toBe("NonRetryableError: x");
    expect(await failureOf(new NonRetryableError("config needs dataset_uuid"))).toEqual({
      category: "NonRetryableError",
      message: "config needs dataset_uuid",
      retryable: false,
    });
  });

  it("any other error is retryable, with its type as the category", async () => {
    expect(await failureOf(new TypeError("x is not a function"))).toEqual({ category: "TypeError", message: "x is not a function", retryable: true });
    expect(await failureOf("a thrown string")).toEqual({ category: "Error", message: "a thrown string", retryable: true });
  });

  it("the message is scrubbed and bounded", async () => {
    const secret = "wJalrXUtnFEMI/K7MDENGbPxRfiCYEXAMPLEKEY";
    const failure = await failureOf(new Error(`token ${TOKEN} aws_secret_access_key=${secret} id AKIAIOSFODNN7EXAMPLE ${"x".repeat(5000)}`));
    const message = String(failure.message);
    expect(message.startsWith("token [redacted] aws_secret_access_key=[redacted] id [redacted] ")).toBe(true);
    expect(message.length).toBeLessThanOrEqual(900);
  });
});

describe("an unreachable Dispatcher", () => {
  it("makes runTask answer report_failed instead of throwing", async () => {
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const payload = { task_id: "3b0b8f4e-7a53-4a47-9d44-0b8c1f0e6a11", attempt: 1, lease_token: "l", capability_token: "c" };
    expect(await runTask(payload, async () => ({ outputs: [{ name: "n", value: 1 }] }), { dispatcherUrl: `http://127.0.0.1:${port}` })).toBe("report_failed");
  });
});
