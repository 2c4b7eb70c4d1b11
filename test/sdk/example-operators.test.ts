// The example operators (examples/operators/{ts,python,rust}) end to end:
//  1. as bundles: published to a bundle store, run by the platform runner through a real
//     Dispatcher process (`serve`, local invoker, runtime lambda); each completes and its event
//     is routed to a downstream job;
//  2. as their own Lambda handlers (the SDK heartbeats and completes): the TS module's `handler`,
//     the Python module's `handler`, and the Rust bootstrap's custom-runtime loop against a
//     Runtime API peer, each on a task claimed through the worker API.
import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishBundle, type BundleStore } from "../../src/bundle/publish.js";
import { startLocalS3, type LocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client } from "../../src/objectstore/s3.js";
import { runBundle } from "../../sdk/ts/src/index.js";
import { operator as tsOperator } from "../../examples/operators/ts/main.js";
import { REPO_ROOT, startLiveDispatcher, waitFor, type Json, type LiveDispatcher } from "./live-dispatcher.js";

const DIST = join(REPO_ROOT, "examples/operators/dist");
const execFileAsync = promisify(execFile);
const LANGUAGES = [
  { name: "ts", runtime: "node", entrypoint: "main.mjs" },
  { name: "python", runtime: "python", entrypoint: "main.py" },
  { name: "rust", runtime: "rust", entrypoint: "bootstrap" },
] as const;

let store: LocalS3;
let storeCredentials: { accessKeyId: string; secretAccessKey: string };
let bundles: BundleStore;
let d: LiveDispatcher;

beforeAll(async () => {
  // CI builds them in an earlier step; this rebuild is then incremental (seconds).
  execFileSync(process.execPath, [join(REPO_ROOT, "examples/operators/build.mjs")], { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const credentials = { accessKeyId: "trace-examples", secretAccessKey: randomBytes(24).toString("base64url") };
  storeCredentials = credentials;
  store = await startLocalS3({ credentials });
  bundles = { client: createS3Client({ region: "us-east-1", endpoint: store.url, credentials }), bucket: "trace-bundles", prefix: "bundles" };
  d = await startLiveDispatcher({
    TRACE_INVOKER: "local",
    TRACE_S3_ENDPOINT: store.url,
    TRACE_BUNDLE_BUCKET: bundles.bucket,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
}, 600_000);

afterAll(async () => {
  await d?.stop();
  await store?.close();
});

async function downstreamCursor(jobId: string): Promise<string | undefined> {
  const page = await d.admin("/trace.dispatcher.v1.AdminService/ListTasks", { job_id: jobId });
  const tasks = (page.tasks ?? []) as Json[];
  const inputs = (tasks[0]?.inputs ?? []) as Json[];
  return inputs[0]?.cursor as string | undefined;
}

describe("example operators as bundles run by the platform runner", () => {
  for (const language of LANGUAGES) {
    it(`${language.name}: completes and its event is routed downstream`, async () => {
      const published = await publishBundle(bundles, join(DIST, language.name), { runtime: language.runtime, entrypoint: language.entrypoint });
      await d.admin("/v1/admin/bundles", {
        bundle: { sha256: published.sha256, storage_uri: published.storageUri, size_bytes: String(published.sizeBytes), runtime: published.runtime },
      });
      const dataset = randomUUID();
      const consumer = await d.newTask({ name: `consumer-${language.name}-${randomUUID()}`, inputs: [{ dataset_uuid: dataset }] });
      const { taskId } = await d.newTask(
        {
          name: `example-${language.name}-${randomUUID()}`,
          runtime: "RUNTIME_LAMBDA",
          operator: `example_${language.name}`,
          bundle_sha256: published.sha256,
          lease_ttl_seconds: 30,
          config: { dataset_uuid: dataset, dataset_version: randomUUID() },
        },
        { inputs: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), cursor: "41" }] },
      );

      const task = await waitFor(async () => {
        const t = await d.task(taskId);
        return t.state === "TASK_STATE_COMPLETED" || (t.state === "TASK_STATE_FAILED" && !t.next_retry_at) || t.state === "TASK_STATE_CANCELED" ? t : null;
      }, 90_000);
      expect(task.state, String(task.last_error)).toBe("TASK_STATE_COMPLETED");
      // One past the input cursor, routed to the job whose inputs name the dataset.
      expect(await waitFor(() => downstreamCursor(consumer.jobId), 30_000)).toBe("42");
    });
  }
});

describe("examples/operators/README.md", () => {
  it("its `bundle push` command publishes and registers a bundle", async () => {
    const readme = readFileSync(join(REPO_ROOT, "examples/operators/README.md"), "utf8");
    const command = /npx tsx src\/cli\/main\.ts (bundle push [^\n]+)/.exec(readme)?.[1];
    expect(command, "README documents a bundle push command").toBeDefined();
    const args = (command ?? "").trim().split(/\s+/);
    // Asynchronous: the bundle store (local S3) answers from this very process.
    const { stdout: output } = await execFileAsync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "src/cli/main.ts"), ...args], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? "",
        TRACE_DISPATCHER_URL: d.url,
        TRACE_ADMIN_TOKEN: d.adminToken,
        TRACE_S3_ENDPOINT: store.url,
        TRACE_BUNDLE_BUCKET: bundles.bucket,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: storeCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: storeCredentials.secretAccessKey,
      },
    });
    const pushed = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as Json;
    expect(pushed.event).toBe("bundle_pushed");
    expect(pushed.runtime).toBe("python");
    // Registered: registering the same bytes again is no longer new.
    const again = await d.admin("/v1/admin/bundles", {
      bundle: { sha256: String(pushed.sha256), storage_uri: String(pushed.storage_uri), size_bytes: String(pushed.size_bytes), runtime: "python" },
    });
    expect(again.created).toBe(false);
  });
});

describe("an operator's NonRetryableError under the platform runner (issue 11 §1)", () => {
  for (const language of LANGUAGES) {
    it(`${language.name}: fails at once, without a retry, with the error's type and message`, async () => {
      const published = await publishBundle(bundles, join(DIST, language.name), { runtime: language.runtime, entrypoint: language.entrypoint });
      await d.admin("/v1/admin/bundles", {
        bundle: { sha256: published.sha256, storage_uri: published.storageUri, size_bytes: String(published.sizeBytes), runtime: published.runtime },
      });
      // The examples refuse a config without the dataset as the operator's (non-retryable) error.
      const { taskId } = await d.newTask({
        name: `non-retryable-${language.name}-${randomUUID()}`,
        runtime: "RUNTIME_LAMBDA",
        operator: `example_${language.name}`,
        bundle_sha256: published.sha256,
        lease_ttl_seconds: 30,
        max_attempts: 3,
        config: {},
      });

      const task = await waitFor(async () => {
        const t = await d.task(taskId);
        return t.state === "TASK_STATE_FAILED" || t.state === "TASK_STATE_COMPLETED" ? t : null;
      }, 90_000);
      expect(task.state).toBe("TASK_STATE_FAILED");
      expect(task.next_retry_at).toBeUndefined();
      expect(task.attempt).toBe(1);
      expect(String(task.last_error)).toMatch(/^NonRetryableError: config needs dataset_uuid/);
    });
  }
});

describe("the TypeScript example's logic (source, typechecked with the repo)", () => {
  it("emits config.cursor when given, else one past the highest input cursor", async () => {
    const run = async (config: Json, inputs: Json[]) => {
      let printed = "";
      const payload = { task_id: randomUUID(), attempt: 1, lease_token: randomUUID(), capability_token: "unused", operator: "op", config, inputs };
      expect(await runBundle(tsOperator, { stdin: JSON.stringify(payload), write: (text) => (printed += text) })).toBe(0);
      return (JSON.parse(printed) as { events: Json[] }).events;
    };
    const config = { dataset_uuid: "d", dataset_version: "v" };
    expect(await run(config, [{ dataset_uuid: "a", dataset_version: "b", cursor: "9" }, { dataset_uuid: "a", dataset_version: "b", cursor: "12" }])).toEqual([
      { dataset_uuid: "d", dataset_version: "v", cursor: "13" },
    ]);
    expect(await run({ ...config, cursor: "5" }, [])).toEqual([{ dataset_uuid: "d", dataset_version: "v", cursor: "5" }]);
    // A config without the dataset is the operator's error: exit code 1 (the runner fails the attempt).
    const bad = { task_id: randomUUID(), attempt: 1, lease_token: randomUUID(), capability_token: "unused", config: {} };
    expect(await runBundle(tsOperator, { stdin: JSON.stringify(bad), write: () => undefined })).toBe(1);
  });
});

describe("example operators as their own Lambda handlers", () => {
  const claimFresh = async () => {
    const { taskId } = await d.newTask({}, { inputs: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), cursor: "7" }] });
    return { taskId, payload: await d.claim(taskId) };
  };

  it("ts: the built module's handler runs the task over RPC", async () => {
    const { taskId, payload } = await claimFresh();
    const module = (await import(pathToFileURL(join(DIST, "ts/main.mjs")).href)) as { handler: (event: unknown) => Promise<{ outcome: string }> };
    const previous = process.env.TRACE_DISPATCHER_URL;
    process.env.TRACE_DISPATCHER_URL = d.url;
    try {
      expect(await module.handler(payload)).toEqual({ outcome: "completed" });
    } finally {
      if (previous === undefined) delete process.env.TRACE_DISPATCHER_URL;
      else process.env.TRACE_DISPATCHER_URL = previous;
    }
    expect((await d.task(taskId)).state).toBe("TASK_STATE_COMPLETED");
  });

  it("python: main.handler runs the task over RPC", async (test) => {
    const python = join(REPO_ROOT, ".venv/bin/python");
    if (!existsSync(python)) {
      if (process.env.CI) throw new Error(".venv is missing (scripts/ci/install-codegen.sh)");
      test.skip(".venv not installed");
    }
    const { taskId, payload } = await claimFresh();
    const script = "import json, sys; import main; print(json.dumps(main.handler(json.load(sys.stdin))))";
    const output = execFileSync(python, ["-c", script], {
      cwd: join(REPO_ROOT, "examples/operators/python"),
      input: JSON.stringify(payload),
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", PYTHONPATH: join(REPO_ROOT, "sdk/python/src"), TRACE_DISPATCHER_URL: d.url },
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual({ outcome: "completed" });
    expect((await d.task(taskId)).state).toBe("TASK_STATE_COMPLETED");
  });

  it("rust: the bootstrap serves the Lambda Runtime API loop", async () => {
    const { taskId, payload } = await claimFresh();
    const runtime = await startRuntimeApi(JSON.stringify(payload));
    const child = spawn(join(DIST, "rust/bootstrap"), [], {
      env: { PATH: "/usr/bin:/bin", AWS_LAMBDA_RUNTIME_API: runtime.address, TRACE_DISPATCHER_URL: d.url },
      stdio: ["ignore", "inherit", "inherit"],
    });
    try {
      expect(JSON.parse(await runtime.response)).toEqual({ outcome: "completed" });
    } finally {
      child.kill("SIGKILL");
      await runtime.close();
    }
    expect((await d.task(taskId)).state).toBe("TASK_STATE_COMPLETED");
  });
});

/** A Lambda Runtime API peer that hands out one invocation and resolves with its response body. */
async function startRuntimeApi(event: string): Promise<{ address: string; response: Promise<string>; close(): Promise<void> }> {
  let handedOut = false;
  let resolveResponse: (body: string) => void = () => undefined;
  const response = new Promise<string>((resolve) => (resolveResponse = resolve));
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/2018-06-01/runtime/invocation/next") {
      if (handedOut) return; // long poll: the next invocation never comes
      handedOut = true;
      res.writeHead(200, { "content-type": "application/json", "lambda-runtime-aws-request-id": "req-1" });
      res.end(event);
      return;
    }
    if (req.method === "POST" && req.url === "/2018-06-01/runtime/invocation/req-1/response") {
      void readBody(req).then((body) => {
        res.writeHead(202).end();
        resolveResponse(body);
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    response,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
