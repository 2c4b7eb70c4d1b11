// The hand-written invocation JSON (src/invoke/invocation-json.ts) is byte-for-byte what
// protobuf-es writes for the same message with the contract's JSON options, on generated
// payloads; and the writer knows every field the proto defines, so a new field fails here
// until the writer emits it.
import { fromJsonString, toJsonString, type DescMessage } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetEventSchema, JobRefSchema, TaskInvocationSchema } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { contractJsonOptions } from "../../src/contract/json-format.js";
import { invocationJson, type LeaseFields } from "../../src/invoke/invocation-json.js";
import { invocationMessage } from "../../src/invoke/payload.js";
import type { Bundle, DatasetEvent, Job, JsonValue, Task } from "../../src/lifecycle/index.js";

// Strings a payload may carry: empty, quotes and backslashes, control characters, non-ASCII,
// astral and lone surrogates (JSON.stringify escapes those), and ordinary noise.
const anyText = fc.oneof(
  fc.constantFrom("", '"', "\\", "\u0000\n\t\u001f", "é€😀", "\ud800", "x\udfff", "</script>", "\u2028\u2029"),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
// Keys include integer-like ones, which JavaScript objects order before the others.
const anyKey = fc.oneof(fc.constantFrom("1", "10", "0", "a", "b", "é", "", "__proto__"), fc.string({ maxLength: 8 }));
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e21, 2 ** 53 + 2, 5e-324));
const { json: anyJson } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    anyNumber,
    anyText,
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(anyKey, tie("json"), { maxKeys: 4 }),
  ),
}));
const anyObject = fc.dictionary(anyKey, anyJson, { maxKeys: 5 });
const uint64 = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 2n ** 64n - 1n));

const anyEvent: fc.Arbitrary<DatasetEvent> = fc.record(
  { datasetUuid: fc.uuid(), datasetVersion: anyText, cursor: uint64, partitionKey: anyText, start: uint64, end: uint64 },
  { requiredKeys: ["datasetUuid", "datasetVersion"] },
);
// Dates across the Timestamp range, with and without milliseconds.
const anyDate = fc.oneof(
  fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }),
  fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000)),
);
const anyLease: fc.Arbitrary<LeaseFields | undefined> = fc.option(
  fc.record({ attempt: fc.integer({ min: 1, max: 0xffff_ffff }), leaseToken: fc.uuid(), leaseExpiresAt: fc.option(anyDate, { nil: null }), capabilityToken: anyText, bundleUrl: anyText }),
  { nil: undefined },
);

const at = new Date("2026-01-01T00:00:00Z");
const anyPayload = fc.record({
  task: fc.record({ taskId: fc.uuid(), attempt: fc.integer({ min: 0, max: 0xffff_ffff }), inputs: fc.array(anyEvent, { maxLength: 3 }), params: anyObject }),
  job: fc.record({ dagName: anyText, name: anyText, operator: anyText, config: anyObject, configJson: anyText, bundleSha256: anyText }),
  bundleSha256: fc.option(anyText, { nil: undefined }),
  lease: anyLease,
});

/** A task, its job and bundle with the generated fields (the rest are never in the payload). */
function sample(p: { task: Pick<Task, "taskId" | "attempt" | "inputs" | "params">; job: Pick<Job, "dagName" | "name" | "operator" | "config" | "configJson" | "bundleSha256">; bundleSha256?: string }): { task: Task; job: Job; bundle: Bundle | null } {
  const task = { ...p.task, jobId: "j", runtime: "lambda", state: "RUNNING", maxAttempts: 3, dedupeKey: null, leaseToken: null, leaseExpiresAt: null, workerId: null, startedAt: null, cancelRequested: false, cancelReason: null, nextRetryAt: null, lastError: null, createdAt: at, updatedAt: at } as Task;
  const job = { ...p.job, jobId: "j", runtime: "lambda" } as Job;
  const bundle: Bundle | null = p.bundleSha256 === undefined ? null : { sha256: p.bundleSha256, storageUri: "s3://b/k", sizeBytes: 1, runtime: "lambda", createdAt: at };
  return { task, job, bundle };
}

function protobufJson(task: Task, job: Job, bundle: Bundle | null, lease?: LeaseFields): string {
  return toJsonString(TaskInvocationSchema, invocationMessage(task, job, bundle, lease), contractJsonOptions);
}

describe("the invocation JSON writer", () => {
  it("writes exactly what protobuf-es writes, on generated payloads", () => {
    fc.assert(
      fc.property(anyPayload, (p) => {
        const { task, job, bundle } = sample(p);
        expect(invocationJson(task, job, bundle, p.lease)).toBe(protobufJson(task, job, bundle, p.lease));
      }),
      { numRuns: 600 },
    );
  });

  it("writes a payload protobuf-es reads back into the same message", () => {
    const { task, job, bundle } = sample({
      task: { taskId: "0193a5b2-0000-7000-8000-000000000001", attempt: 2, inputs: [{ datasetUuid: "0193a5b2-0000-7000-8000-000000000002", datasetVersion: "v", cursor: 12345678901234567890n }], params: { day: "2026-01-01" } },
      job: { dagName: "monad", name: "block_follower", operator: "op", config: { n: 100, nested: { a: [1, "x", null] } }, configJson: '{"n": 100}', bundleSha256: "b".repeat(64) },
    });
    const lease: LeaseFields = { attempt: 2, leaseToken: "0193a5b2-0000-7000-8000-000000000003", leaseExpiresAt: new Date("2026-12-02T08:00:00.123Z"), capabilityToken: "h.p.s", bundleUrl: "https://b.s3/k?X-Amz-Signature=1" };
    const written = invocationJson(task, job, bundle, lease);
    expect(fromJsonString(TaskInvocationSchema, written, contractJsonOptions)).toEqual(invocationMessage(task, job, bundle, lease));
    expect(JSON.parse(written)).toMatchObject({ attempt: 2, lease_expires_at: "2026-12-02T08:00:00.123Z", inputs: [{ cursor: "12345678901234567890" }] });
  });

  // The writer lists every field by name: a field added to the proto must be added to it too.
  it.each<[string, DescMessage, string[]]>([
    ["TaskInvocation", TaskInvocationSchema, ["task_id", "attempt", "lease_token", "lease_expires_at", "capability_token", "bundle_url", "bundle_sha256", "job", "operator", "config", "inputs", "delivery_id", "params", "config_json"]],
    ["JobRef", JobRefSchema, ["dag_name", "name"]],
    ["DatasetEvent", DatasetEventSchema, ["dataset_uuid", "dataset_version", "cursor", "partition_key", "start", "end"]],
  ])("knows every field of %s", (_name, schema, written) => {
    expect(schema.fields.map((f) => f.name)).toEqual(written);
  });
});
