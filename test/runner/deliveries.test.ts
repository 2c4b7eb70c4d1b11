// The runner as one delivery (CONTRACT §3): a fresh delivery id per invocation on every call and
// on the entrypoint's stdin; duplicate_delivery stops it before downloading; the binding is
// confirmed again right before executing, and nothing runs when it cannot be.

import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CompleteResponseSchema } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { buildBundle } from "../../src/bundle/build.js";
import { runInvocation } from "../../src/runner/run.js";
import { fencedError, invocationFor, renewed, testRunner, useFakeServers, type BundleServer, type FakeDispatcher } from "./harness.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

/** A bundle whose entrypoint prints the delivery_id it read on stdin and leaves a marker file. */
async function markerBundle(marker: string) {
  return buildBundle(
    {
      "main.mjs": `import { readFileSync, writeFileSync } from "node:fs";
const invocation = JSON.parse(readFileSync(0, "utf8"));
writeFileSync(${JSON.stringify(marker)}, "ran");
console.log(JSON.stringify({ outputs: [{ name: "delivery_id", value: invocation.delivery_id ?? "" }] }));`,
    },
    { runtime: "node", entrypoint: "main.mjs" },
  );
}

const markerPath = () => join(mkdtempSync(join(tmpdir(), "runner-delivery-")), "ran");

it("sends one fresh delivery id per invocation on every call and hands it to the entrypoint", async () => {
  const seen: string[] = [];
  for (let run = 0; run < 2; run++) {
    reset();
    const marker = markerPath();
    const bundle = await markerBundle(marker);
    const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), testRunner(dispatcher.url).options);
    expect(outcome).toMatchObject({ kind: "reported", status: "completed" });
    const ids = new Set([...dispatcher.heartbeats.map((h) => h.request.deliveryId), ...dispatcher.completions.map((c) => c.request.deliveryId)]);
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(id).toMatch(UUID);
    // Bound before downloading, confirmed again before executing.
    expect(dispatcher.heartbeats.length).toBeGreaterThanOrEqual(2);
    const output = dispatcher.completions[0]?.request.outputs.find((o) => o.name === "delivery_id");
    expect(output?.value?.kind).toEqual({ case: "stringValue", value: id });
    seen.push(String(id));
  }
  expect(seen[0]).not.toBe(seen[1]);
});

it("stops before downloading when another delivery holds the attempt", async () => {
  reset();
  dispatcher.onHeartbeat = () => {
    throw fencedError("duplicate_delivery");
  };
  const requestsBefore = bundles.requests;
  const outcome = await runInvocation(invocationFor(bundles.serve(new Uint8Array(1)), "0".repeat(64)), testRunner(dispatcher.url).options);
  expect(outcome).toEqual({ kind: "fenced", reason: "duplicate_delivery", code: "FailedPrecondition" });
  expect(dispatcher.completions).toHaveLength(0);
  expect(bundles.requests).toBe(requestsBefore);
});

it("runs nothing and reports nothing when refused at the check right before executing", async () => {
  reset();
  const marker = markerPath();
  const bundle = await markerBundle(marker);
  dispatcher.onHeartbeat = (_request, index) => {
    if (index >= 1) throw fencedError("duplicate_delivery");
    return renewed();
  };
  const runner = testRunner(dispatcher.url, { heartbeatIntervalMs: 60_000 });
  const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);
  expect(outcome).toEqual({ kind: "fenced", reason: "duplicate_delivery", code: "FailedPrecondition" });
  expect(existsSync(marker)).toBe(false);
  expect(dispatcher.completions).toHaveLength(0);
  expect(runner.leftovers()).toEqual([]);
});

it("runs nothing when the Dispatcher cannot confirm the binding before executing", async () => {
  reset();
  const marker = markerPath();
  const bundle = await markerBundle(marker);
  dispatcher.onHeartbeat = (_request, index) => {
    if (index >= 1) throw new ConnectError("down", Code.Unavailable);
    return renewed();
  };
  dispatcher.onComplete = () => {
    throw new ConnectError("down", Code.Unavailable);
  };
  const runner = testRunner(dispatcher.url, { heartbeatIntervalMs: 60_000 });
  const outcome = await runInvocation(invocationFor(bundles.serve(bundle.zip), bundle.sha256), runner.options);
  expect(outcome).toMatchObject({ kind: "report_failed" });
  expect(existsSync(marker)).toBe(false);
  expect(dispatcher.heartbeats.length).toBe(4);
  expect(dispatcher.completions).toHaveLength(0);
});
