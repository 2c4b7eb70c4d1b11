// The entrypoint can reach the Dispatcher: the runner passes its own Dispatcher URL as
// TRACE_DISPATCHER_URL (the one reserved name it sets), never a value copied from its environment,
// so an operator can call /v1/task/* (credentials, events) with the token it gets on stdin.

import { create } from "@bufbuild/protobuf";
import { beforeEach, describe, expect, it } from "vitest";
import { CompleteResponseSchema, TaskStatus } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { buildBundle } from "../../src/bundle/build.js";
import { buildEntrypointEnv, DEFAULT_CHILD_PATH } from "../../src/runner/env.js";
import { runInvocation } from "../../src/runner/run.js";
import { CAPABILITY, invocationFor, renewed, useFakeServers, testRunner, type BundleServer, type FakeDispatcher } from "./harness.js";

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

describe("TRACE_DISPATCHER_URL in the entrypoint's environment", () => {
  it("is the runner's Dispatcher URL, even when the runner's own environment and the allowlist name another", () => {
    const env = buildEntrypointEnv(["TRACE_DISPATCHER_URL"], { TRACE_DISPATCHER_URL: "http://elsewhere" }, DEFAULT_CHILD_PATH, "http://dispatcher.internal");
    expect(env).toEqual({ PATH: DEFAULT_CHILD_PATH, TRACE_DISPATCHER_URL: "http://dispatcher.internal" });
  });

  it("is absent when the runner has no Dispatcher URL to give", () => {
    expect(buildEntrypointEnv(undefined, { TRACE_DISPATCHER_URL: "http://elsewhere" })).toEqual({ PATH: DEFAULT_CHILD_PATH });
  });

  it("lets a bundle call the task endpoints with the capability token from stdin", async () => {
    // The entrypoint heartbeats on its own (what an SDK's credentials()/emit_events do), then prints its result.
    const code = `import { readFileSync } from "node:fs";
const invocation = JSON.parse(readFileSync(0, "utf8"));
const url = process.env.TRACE_DISPATCHER_URL;
const reply = await fetch(url + "/trace.dispatcher.v1.TaskService/Heartbeat", {
  method: "POST",
  headers: { "content-type": "application/json", "x-trace-task-capability": invocation.capability_token },
  body: JSON.stringify({ task_id: invocation.task_id, attempt: invocation.attempt, lease_token: invocation.lease_token, delivery_id: invocation.delivery_id }),
});
console.log(JSON.stringify({ outputs: [{ name: "url", value: url }, { name: "status", value: reply.status }] }));`;
    const bundle = await buildBundle({ "main.mjs": code }, { runtime: "node", entrypoint: "main.mjs" });
    const runner = testRunner(dispatcher.url, { sourceEnv: { TRACE_DISPATCHER_URL: "http://elsewhere" }, heartbeatIntervalMs: 60_000 });

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "completed" });
    const completion = dispatcher.completions[0]?.request;
    expect(completion?.status).toBe(TaskStatus.COMPLETED);
    const outputs = Object.fromEntries((completion?.outputs ?? []).map((o) => [o.name, o.value?.kind.value]));
    expect(outputs).toEqual({ url: dispatcher.url, status: 200 });
    // The runner's first heartbeat and its check before executing, then the entrypoint's own,
    // carrying the token and the runner's delivery id it read from stdin.
    expect(dispatcher.heartbeats).toHaveLength(3);
    expect(dispatcher.heartbeats[2]?.capability).toBe(CAPABILITY);
    expect(dispatcher.heartbeats[2]?.request.deliveryId).toBe(dispatcher.heartbeats[0]?.request.deliveryId);
  });
});
