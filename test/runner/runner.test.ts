// The runner against a real Connect TaskService and a real HTTP bundle server: samples complete
// with their events, cancellation, crashes, fencing, and the heartbeat/capability plumbing.

import { create, toJson } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DatasetEventSchema } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { CompleteResponseSchema, HeartbeatResponseSchema, TaskStatus } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { buildBundle } from "../../src/bundle/build.js";
import { runInvocation } from "../../src/runner/run.js";
import { CAPABILITY, fencedError, invocationFor, renewed, useFakeServers, testRunner, type BundleServer, type FakeDispatcher } from "./harness.js";

const examples = join(dirname(fileURLToPath(import.meta.url)), "../../examples/bundles");
const DATASET = { dataset_uuid: "0d7f6a52-3c1e-4d1a-9a55-6b0f3e2c1a90", dataset_version: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" };

let dispatcher: FakeDispatcher;
let bundles: BundleServer;
useFakeServers((d, b) => {
  dispatcher = d;
  bundles = b;
});

function reset(): void {
  dispatcher.heartbeats.length = 0;
  dispatcher.completions.length = 0;
  dispatcher.onHeartbeat = () => renewed();
  dispatcher.onComplete = () => create(CompleteResponseSchema, { accepted: true });
}

describe.each([
  { runtime: "node" as const, entrypoint: "main.mjs" },
  { runtime: "python" as const, entrypoint: "main.py" },
])("the $runtime sample bundle", ({ runtime, entrypoint }) => {
  it("completes with the events and outputs it printed", async () => {
    reset();
    const bundle = await buildBundle(join(examples, runtime), { runtime, entrypoint });
    const runner = testRunner(dispatcher.url);
    const invocation = invocationFor(bundles.serve(bundle.zip), bundle.sha256, {
      config: { ...DATASET },
      inputs: [{ $typeName: "trace.dispatcher.v1.DatasetEvent", datasetUuid: DATASET.dataset_uuid, datasetVersion: DATASET.dataset_version, cursor: 41n }],
    });

    const outcome = await runInvocation(invocation, runner.options);

    expect(outcome).toEqual({ kind: "reported", status: "completed", duplicate: false });
    expect(dispatcher.completions).toHaveLength(1);
    const completion = dispatcher.completions[0];
    expect(completion?.capability).toBe(CAPABILITY);
    expect(completion?.request.status).toBe(TaskStatus.COMPLETED);
    expect(completion?.request.taskId).toBe(invocation.taskId);
    expect(completion?.request.attempt).toBe(1);
    expect(completion?.request.leaseToken).toBe(invocation.leaseToken);
    expect(completion?.request.events.map((event) => toJson(DatasetEventSchema, event, { useProtoFieldName: true }))).toEqual([{ ...DATASET, cursor: "42" }]);
    expect(completion?.request.outputs.map((output) => [output.name, output.value?.kind.value])).toEqual([
      ["runtime", runtime],
      ["operator", "block_follower"],
    ]);
    // The first heartbeat precedes any work and carries the fence and the capability.
    expect(dispatcher.heartbeats[0]?.capability).toBe(CAPABILITY);
    expect(dispatcher.heartbeats[0]?.request.leaseToken).toBe(invocation.leaseToken);
    expect(runner.leftovers()).toEqual([]);
  });
});

describe("runner lifecycle", () => {
  it("kills the entrypoint and completes CANCELED when a heartbeat says cancel_requested", async () => {
    reset();
    const marker = join(testRunner(dispatcher.url).workRoot, "finished");
    const started = join(testRunner(dispatcher.url).workRoot, "started");
    const bundle = await buildBundle(
      {
        // Announces itself, then would write a marker after a long sleep.
        "main.mjs": `import { writeFileSync } from "node:fs";
writeFileSync(${JSON.stringify(started)}, "x");
setTimeout(() => { writeFileSync(${JSON.stringify(marker)}, "x"); console.log("{}"); }, 60000);`,
      },
      { runtime: "node", entrypoint: "main.mjs" },
    );
    // Heartbeats renew until the entrypoint runs (the runner's checks before it must pass); then they ask to cancel.
    dispatcher.onHeartbeat = () => renewed(existsSync(started));
    const runner = testRunner(dispatcher.url, { heartbeatIntervalMs: 100 });

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    expect(outcome).toEqual({ kind: "reported", status: "canceled", duplicate: false });
    expect(dispatcher.completions.map((call) => call.request.status)).toEqual([TaskStatus.CANCELED]);
    expect(existsSync(marker)).toBe(false);
    expect(runner.logs.some((event) => event.msg === "entrypoint finished" && event.termination === "aborted")).toBe(true);
    expect(runner.leftovers()).toEqual([]);
  });

  it("completes CANCELED without downloading when cancel is already requested", async () => {
    reset();
    dispatcher.onHeartbeat = () => renewed(true);
    const requestsBefore = bundles.requests;
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(new Uint8Array(1)), "0".repeat(64)), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "canceled" });
    expect(bundles.requests).toBe(requestsBefore);
  });

  it("completes FAILED entrypoint_crashed for a non-zero exit, without stderr on the wire", async () => {
    reset();
    const bundle = await buildBundle(
      { "main.mjs": `process.stderr.write("boom with secret ${CAPABILITY}\\n"); process.exit(3);` },
      { runtime: "node", entrypoint: "main.mjs" },
    );
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    expect(outcome).toMatchObject({ kind: "reported", status: "failed", category: "entrypoint_crashed" });
    const request = dispatcher.completions[0]?.request;
    expect(request?.status).toBe(TaskStatus.FAILED);
    expect(request?.errorMessage).toBe("entrypoint_crashed: exit code 3");
    expect(request?.retryable).toBe(true);
    // The runner's own log keeps the stderr tail, with the capability token scrubbed.
    const finished = runner.logs.find((event) => event.msg === "entrypoint finished");
    expect(String(finished?.stderr_tail)).toContain("boom with secret [redacted]");
    expect(JSON.stringify(runner.logs)).not.toContain(CAPABILITY);
    expect(JSON.stringify(runner.logs)).not.toContain("not-a-real-signature");
  });

  it("appends a bounded, redacted stderr tail to the error when configured", async () => {
    reset();
    const bundle = await buildBundle(
      { "main.mjs": `process.stderr.write("x".repeat(500) + " token=${CAPABILITY} the end"); process.exit(1);` },
      { runtime: "node", entrypoint: "main.mjs" },
    );
    const runner = testRunner(dispatcher.url, { stderrTailOnWireBytes: 40 });

    await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    const message = dispatcher.completions[0]?.request.errorMessage ?? "";
    expect(message).toMatch(/^entrypoint_crashed: exit code 1; stderr tail: /);
    expect(message).toContain("[redacted] the end");
    expect(message).not.toContain(CAPABILITY);
    expect(message.length).toBeLessThan("entrypoint_crashed: exit code 1; stderr tail: ".length + 41);
  });

  it("stops quietly, without completing, when the first heartbeat is fenced", async () => {
    reset();
    dispatcher.onHeartbeat = () => {
      throw fencedError("stale_attempt");
    };
    const requestsBefore = bundles.requests;
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(new Uint8Array(1)), "0".repeat(64)), runner.options);

    expect(outcome).toEqual({ kind: "fenced", reason: "stale_attempt", code: "FailedPrecondition" });
    expect(dispatcher.completions).toHaveLength(0);
    expect(bundles.requests).toBe(requestsBefore);
  });

  it("kills the entrypoint and reports nothing when the lease is lost mid-run", async () => {
    reset();
    const bundle = await buildBundle({ "main.mjs": `setTimeout(() => console.log("{}"), 60000);` }, { runtime: "node", entrypoint: "main.mjs" });
    dispatcher.onHeartbeat = (_request, index) => {
      if (index >= 2) throw fencedError("lease_mismatch");
      return renewed();
    };
    const runner = testRunner(dispatcher.url, { heartbeatIntervalMs: 100 });

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    expect(outcome).toMatchObject({ kind: "fenced", reason: "lease_mismatch" });
    expect(dispatcher.completions).toHaveLength(0);
    expect(runner.leftovers()).toEqual([]);
  });

  it("stops quietly when the completion is refused as stale", async () => {
    reset();
    const bundle = await buildBundle({ "main.mjs": `console.log("{}")` }, { runtime: "node", entrypoint: "main.mjs" });
    dispatcher.onComplete = () => {
      throw fencedError("stale_attempt");
    };
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);

    expect(outcome).toMatchObject({ kind: "fenced", reason: "stale_attempt" });
    expect(dispatcher.completions).toHaveLength(1);
  });

  it("heartbeats at a quarter of the lease when no interval is configured", async () => {
    reset();
    // A 4 s lease: heartbeats every second (not the 30 s default); the third asks to cancel.
    const bundle = await buildBundle({ "main.mjs": `setTimeout(() => console.log("{}"), 60000);` }, { runtime: "node", entrypoint: "main.mjs" });
    const shortLease = () => timestampFromDate(new Date(Date.now() + 4000));
    dispatcher.onHeartbeat = (_request, index) => create(HeartbeatResponseSchema, { leaseExpiresAt: shortLease(), cancelRequested: index >= 2 });
    const runner = testRunner(dispatcher.url);

    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256, { leaseExpiresAt: shortLease() }), runner.options);

    // With the 30 s default this run would outlast the test timeout instead.
    expect(outcome).toMatchObject({ kind: "reported", status: "canceled" });
    expect(dispatcher.heartbeats).toHaveLength(3);
  });
});
