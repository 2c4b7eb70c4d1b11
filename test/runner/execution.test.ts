// How the entrypoint runs: a cleared environment, the stdout contract and its bounds, the
// wall-clock limit killing the whole process group, the private work directory, each runtime,
// and the two entry points (Lambda handler, CLI).

import { Code, ConnectError } from "@connectrpc/connect";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { create, toJsonString } from "@bufbuild/protobuf";
import { TaskInvocationSchema } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { CompleteResponseSchema, TaskStatus, type CompleteRequest } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { buildBundle, type BuildBundleOptions, type BundleSourceFiles } from "../../src/bundle/build.js";
import { DEFAULT_CHILD_PATH } from "../../src/runner/env.js";
import { handler } from "../../src/runner/lambda.js";
import type { RunnerOptions } from "../../src/runner/options.js";
import { runInvocation, type RunOutcome } from "../../src/runner/run.js";
import { invocationFor, renewed, useFakeServers, testRunner, type BundleServer, type FakeDispatcher, type TestRunner } from "./harness.js";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = mkdtempSync(join(tmpdir(), "runner-exec-"));

let dispatcher: FakeDispatcher;
let bundles: BundleServer;
useFakeServers((d, b) => {
  dispatcher = d;
  bundles = b;
});
beforeEach(() => {
  dispatcher.completions.length = 0;
  dispatcher.heartbeats.length = 0;
  dispatcher.onHeartbeat = () => renewed();
  dispatcher.onComplete = () => create(CompleteResponseSchema, { accepted: true });
});

interface Ran {
  outcome: RunOutcome;
  completion: CompleteRequest | undefined;
  runner: TestRunner;
}

async function run(files: BundleSourceFiles, options: BuildBundleOptions, overrides: Partial<RunnerOptions> = {}): Promise<Ran> {
  const bundle = await buildBundle(files, options);
  const runner = testRunner(dispatcher.url, overrides);
  const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);
  return { outcome, completion: dispatcher.completions[0]?.request, runner };
}

const node = (code: string, envAllowlist?: string[]) =>
  [{ "main.mjs": code }, { runtime: "node", entrypoint: "main.mjs", ...(envAllowlist ? { envAllowlist } : {}) }] as const;

function outputValue(completion: CompleteRequest | undefined, name: string): unknown {
  const value = completion?.outputs.find((output) => output.name === name)?.value;
  return value?.kind.case === "stringValue" ? JSON.parse(value.kind.value) : undefined;
}

describe("the entrypoint's environment", () => {
  const sourceEnv = {
    ALLOWED_VAR: "visible",
    HIDDEN_VAR: "invisible",
    HOME: "/root",
    AWS_SECRET_ACCESS_KEY: "runner-role-secret",
    TRACE_DISPATCHER_URL: "http://dispatcher",
    PATH: "/opt/evil/bin",
  };

  it("holds only a minimal PATH and the allowlisted variables (node)", async () => {
    const { completion } = await run(
      ...node(`console.log(JSON.stringify({ outputs: [{ name: "env", value: JSON.stringify(process.env) }] }));`, [
        "ALLOWED_VAR",
        "AWS_SECRET_ACCESS_KEY",
        "TRACE_DISPATCHER_URL",
        "PATH",
        "NOT_SET_ANYWHERE",
      ]),
      { sourceEnv },
    );
    expect(completion?.status).toBe(TaskStatus.COMPLETED);
    // Reserved names (the runner's credentials, configuration and PATH) are never passed, allowlisted or not.
    // TRACE_DISPATCHER_URL is the runner's own Dispatcher URL (test/runner/dispatcher-url.test.ts), not the source value.
    expect(outputValue(completion, "env")).toEqual({ PATH: DEFAULT_CHILD_PATH, ALLOWED_VAR: "visible", TRACE_DISPATCHER_URL: dispatcher.url });
  });

  it("hides variables that are not allowlisted (python)", async () => {
    const { completion } = await run(
      {
        "main.py": `import json, os\nprint(json.dumps({"outputs": [{"name": "env", "value": json.dumps({k: os.environ.get(k) for k in ["ALLOWED_VAR", "HIDDEN_VAR", "HOME", "PATH"]})}]}))\n`,
      },
      { runtime: "python", entrypoint: "main.py", envAllowlist: ["ALLOWED_VAR"] },
      { sourceEnv },
    );
    expect(outputValue(completion, "env")).toEqual({ ALLOWED_VAR: "visible", HIDDEN_VAR: null, HOME: null, PATH: DEFAULT_CHILD_PATH });
  });

  it("receives the invocation on stdin as protobuf JSON with proto field names", async () => {
    const { completion } = await run(
      ...node(`import { readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify({ outputs: [{ name: "keys", value: JSON.stringify(Object.keys(input).sort()) }, { name: "job", value: input.job.dag_name }] }));`),
    );
    expect(outputValue(completion, "keys")).toEqual(
      // delivery_id: the runner's own, so an SDK in the bundle acts as this delivery.
      ["attempt", "bundle_sha256", "bundle_url", "capability_token", "delivery_id", "job", "lease_expires_at", "lease_token", "operator", "task_id"].sort(),
    );
    expect(completion?.outputs.find((output) => output.name === "job")?.value?.kind.value).toBe("monad");
  });
});

describe("the stdout contract", () => {
  it("accepts events, outputs and datasets_published", async () => {
    const { completion } = await run(
      ...node(`console.log(JSON.stringify({
  events: [{ dataset_uuid: "d", dataset_version: "v", partition_key: "10-20", start: "10", end: "20" }],
  outputs: [{ name: "rows", value: 3 }],
  datasets_published: [{ dataset_uuid: "d", dataset_version: "v", make_current: true }],
}));`),
    );
    expect(completion?.status).toBe(TaskStatus.COMPLETED);
    expect(completion?.events[0]).toMatchObject({ partitionKey: "10-20", start: 10n, end: 20n });
    expect(completion?.datasetsPublished[0]).toMatchObject({ datasetUuid: "d", makeCurrent: true });
  });

  it.each([
    { name: "stdout beyond the limit", code: `process.stdout.write("x".repeat(4096)); setTimeout(() => {}, 60000);`, detail: "invalid_output: stdout exceeded 1024 bytes" },
    { name: "empty stdout", code: ``, detail: "invalid_output: stdout is empty; expected one JSON object" },
    { name: "two JSON objects", code: `console.log("{}"); console.log("{}");`, detail: "invalid_output: stdout is not exactly one JSON value" },
    { name: "a JSON array", code: `console.log("[]");`, detail: "invalid_output: stdout is not a JSON object" },
    { name: "an unknown key", code: `console.log(JSON.stringify({ status: "ok" }));`, detail: 'invalid_output: unknown key "status"' },
    { name: "an event with an unknown field", code: `console.log(JSON.stringify({ events: [{ dataset_uuid: "d", bogus: 1 }] }));`, detail: "invalid_output: events[0]:" },
    { name: "a NUL in an output value", code: `console.log(JSON.stringify({ outputs: [{ name: "a", value: { s: "x\\u0000" } }] }));`, detail: 'invalid_output: outputs[0].value["s"]: contains a NUL character' },
    { name: "a NUL in an event field", code: `console.log(JSON.stringify({ events: [{ dataset_uuid: "d\\u0000", cursor: "1" }] }));`, detail: "invalid_output: events[0].dataset_uuid: contains a NUL character" },
    { name: "duplicate output names", code: `console.log(JSON.stringify({ outputs: [{ name: "a", value: 1 }, { name: "a", value: 2 }] }));`, detail: 'invalid_output: duplicate output name "a"' },
  ])("fails the attempt with invalid_output for $name", async ({ code, detail }) => {
    const { outcome, completion } = await run(...node(code), { maxStdoutBytes: 1024 });
    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "invalid_output" });
    expect(completion?.errorMessage.startsWith(detail)).toBe(true);
    expect(completion?.retryable).toBe(false);
  });

  it("fails the attempt with invalid_output when the Dispatcher refuses the result", async () => {
    dispatcher.onComplete = (request) => {
      if (request.status === TaskStatus.COMPLETED) throw new ConnectError("partition_key must be {start}-{end}", Code.InvalidArgument);
      return create(CompleteResponseSchema, { accepted: true });
    };
    const { outcome } = await run(...node(`console.log(JSON.stringify({ events: [{ dataset_uuid: "d", dataset_version: "v", partition_key: "x", start: 1, end: 2 }] }));`));
    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "invalid_output" });
    expect(dispatcher.completions.map((call) => call.request.status)).toEqual([TaskStatus.COMPLETED, TaskStatus.FAILED]);
    expect(dispatcher.completions[1]?.request.errorMessage).toBe("invalid_output: dispatcher refused the result: partition_key must be {start}-{end}");
  });
});

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 3 is the state; a zombie has exited and only awaits its parent.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

describe("limits and isolation", () => {
  it("kills the whole process group at the wall-clock limit and reports timed_out", async () => {
    const pids = join(scratch, "pids.json");
    const { outcome, completion } = await run(
      ...node(`import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const grandchild = spawn("sleep", ["600"], { stdio: "ignore" });
writeFileSync(${JSON.stringify(pids)}, JSON.stringify([process.pid, grandchild.pid]));
process.on("SIGTERM", () => {}); // ignores the polite signal: SIGKILL must follow
setInterval(() => {}, 1000);`),
      { timeoutMs: 1500, killGraceMs: 100 },
    );
    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "timed_out" });
    expect(completion?.errorMessage).toBe("timed_out: entrypoint exceeded 1500 ms; process group killed");
    expect(completion?.retryable).toBe(true);
    const [leader, grandchild] = JSON.parse(readFileSync(pids, "utf8")) as [number, number];
    expect(isRunning(leader)).toBe(false);
    expect(isRunning(grandchild)).toBe(false);
  });

  it("runs in a private work directory that is removed afterwards", async () => {
    const { completion, runner } = await run(
      ...node(`import { statSync } from "node:fs";
console.log(JSON.stringify({ outputs: [{ name: "cwd", value: JSON.stringify(process.cwd()) }, { name: "mode", value: JSON.stringify(statSync(".").mode & 0o777) }] }));`),
    );
    const cwd = outputValue(completion, "cwd") as string;
    expect(cwd.startsWith(runner.workRoot)).toBe(true);
    expect(outputValue(completion, "mode")).toBe(0o700);
    expect(existsSync(cwd)).toBe(false);
    expect(runner.leftovers()).toEqual([]);
  });

  it("removes the work directory after a crash too", async () => {
    const { outcome, runner } = await run(...node(`import { writeFileSync } from "node:fs"; writeFileSync("scratch.txt", "x"); throw new Error("boom");`));
    expect(outcome).toMatchObject({ status: "failed", category: "entrypoint_crashed" });
    expect(runner.leftovers()).toEqual([]);
  });

  it("reports a signal death as entrypoint_crashed", async () => {
    const { completion } = await run(...node(`process.kill(process.pid, "SIGSEGV");`));
    expect(completion?.errorMessage).toBe("entrypoint_crashed: killed by SIGSEGV");
  });

  it("reports a missing interpreter as runtime_unavailable", async () => {
    const { outcome, completion } = await run({ "main.py": "print('{}')" }, { runtime: "python", entrypoint: "main.py" }, { pythonCommand: "/nonexistent/python3" });
    expect(outcome).toMatchObject({ status: "failed", category: "runtime_unavailable" });
    expect(completion?.errorMessage).toBe("runtime_unavailable: could not start the python entrypoint (ENOENT)");
  });

  it("executes a rust bundle's bootstrap directly", async () => {
    const { completion } = await run(
      { bootstrap: `#!/bin/sh\nread -r _input\necho '{"outputs":[{"name":"runtime","value":"rust"}]}'\n` },
      { runtime: "rust", entrypoint: "bootstrap" },
    );
    expect(completion?.status).toBe(TaskStatus.COMPLETED);
    expect(completion?.outputs[0]?.value?.kind.value).toBe("rust");
  });
});

describe("entry points", () => {
  it("the Lambda handler decodes the event, reads its config from the environment and runs it", async () => {
    const bundle = await buildBundle(...node(`console.log(JSON.stringify({ outputs: [{ name: "via", value: "lambda" }] }));`));
    const workRoot = mkdtempSync(join(tmpdir(), "runner-lambda-"));
    const saved = { ...process.env };
    Object.assign(process.env, { TRACE_DISPATCHER_URL: dispatcher.url, TRACE_RUNNER_WORK_ROOT: workRoot });
    try {
      const event = JSON.parse(toJsonString(TaskInvocationSchema, invocationFor(bundles.serve(bundle.zip), bundle.sha256), { useProtoFieldName: true })) as unknown;
      const outcome = await handler(event, { getRemainingTimeInMillis: () => 60_000 });
      expect(outcome).toEqual({ kind: "reported", status: "completed", duplicate: false });
      expect(dispatcher.completions[0]?.request.outputs[0]?.value?.kind.value).toBe("lambda");

      expect(await handler({ task_id: "t" })).toMatchObject({ kind: "invalid_invocation" });
    } finally {
      process.env = saved;
    }
  });

  it("the CLI runs an invocation read from stdin (as the local invoker does)", async () => {
    const bundle = await buildBundle(...node(`console.log(JSON.stringify({ outputs: [{ name: "via", value: "cli" }] }));`));
    const payload = toJsonString(TaskInvocationSchema, invocationFor(bundles.serve(bundle.zip), bundle.sha256), { useProtoFieldName: true });
    const child = spawn(process.execPath, ["--import", "tsx", "src/runner/cli.ts"], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TRACE_DISPATCHER_URL: dispatcher.url, TRACE_RUNNER_WORK_ROOT: scratch },
      stdio: ["pipe", "ignore", "pipe"],
    });
    child.stdin.end(payload);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(dispatcher.completions[0]?.request.outputs[0]?.value?.kind.value).toBe("cli");
  });

  it("the CLI exits 1 on an invocation it cannot decode", async () => {
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, ["--import", "tsx", "src/runner/cli.ts"], { cwd: repoRoot, env: { PATH: process.env.PATH, TRACE_DISPATCHER_URL: dispatcher.url } }, () => undefined);
      child.stdin?.end("not json");
      child.once("exit", resolve);
    });
    expect(code).toBe(1);
  });
});
