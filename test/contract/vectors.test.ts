// Shared contract vectors (test/vectors) against protobuf-es: every vector decodes, re-encodes to
// its canonical JSON (proto field names), survives a binary round trip, and every malformed vector
// is rejected. The same files are checked by test/contract/python and test/contract/rust.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createRegistry,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type JsonValue,
} from "@bufbuild/protobuf";
import { file_trace_dispatcher_v1_admin } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { file_trace_dispatcher_v1_errors } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { file_trace_dispatcher_v1_payload } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { file_trace_dispatcher_v1_task, TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { file_trace_dispatcher_v1_worker, WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { semanticDiff } from "./json-semantic.js";

const vectorsDir = join(import.meta.dirname, "..", "vectors");
const malformedDir = join(vectorsDir, "malformed");

const registry = createRegistry(
  file_trace_dispatcher_v1_admin,
  file_trace_dispatcher_v1_errors,
  file_trace_dispatcher_v1_payload,
  file_trace_dispatcher_v1_task,
  file_trace_dispatcher_v1_worker,
);

// The decoding options every language uses (test/vectors/README.md): unknown fields are ignored.
const readOptions = { registry, ignoreUnknownFields: true } as const;
const writeOptions = { registry, useProtoFieldName: true } as const;

interface Vector {
  file: string;
  description: string;
  message: string;
  json: JsonValue;
  canonical?: JsonValue;
  /** Malformed only: rejected under strict decoding (unknown fields and enum names not ignored). */
  strict?: boolean;
}

function loadVectors(dir: string): Vector[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), "utf8")) as Omit<Vector, "file">) }));
}

function schemaOf(vector: Vector): DescMessage {
  const schema = registry.getMessage(vector.message);
  if (!schema) throw new Error(`${vector.file}: unknown message ${vector.message}`);
  return schema;
}

const vectors = loadVectors(vectorsDir);
const malformed = loadVectors(malformedDir);

describe("contract vectors (protobuf-es)", () => {
  it("has vectors and malformed vectors", () => {
    expect(vectors.length).toBeGreaterThan(20);
    expect(malformed.length).toBeGreaterThan(20);
  });

  it.each(vectors.map((v) => [v.file, v] as const))("%s decodes and re-encodes to canonical", (_file, vector) => {
    const schema = schemaOf(vector);
    expect(vector.canonical, "valid vectors need canonical").toBeDefined();
    const message = fromJson(schema, vector.json, readOptions);
    const reencoded = toJson(schema, message, writeOptions);
    expect(semanticDiff(reencoded, vector.canonical ?? null)).toEqual([]);
    // The canonical form is itself a fixed point, also through the binary encoding.
    const fromCanonical = fromJson(schema, vector.canonical ?? null, readOptions);
    const viaBinary = fromBinary(schema, toBinary(schema, fromCanonical));
    expect(semanticDiff(toJson(schema, viaBinary, writeOptions), vector.canonical ?? null)).toEqual([]);
  });

  it.each(malformed.map((v) => [v.file, v] as const))("malformed/%s is rejected", (_file, vector) => {
    const schema = schemaOf(vector);
    const options = vector.strict ? { registry, ignoreUnknownFields: false } : readOptions;
    expect(() => fromJson(schema, vector.json, options)).toThrow();
  });

  // Every contract RPC (CONTRACT §4 and §6) has a request and a reply example.
  it.each([...TaskService.methods, ...WorkerService.methods].map((m) => [m.name, m] as const))(
    "%s has request and reply vectors",
    (_name, method) => {
      const covered = new Set(vectors.map((v) => v.message));
      expect(covered).toContain(method.input.typeName);
      expect(covered).toContain(method.output.typeName);
    },
  );

  it("has the CONTRACT §3 seed invocation payload", () => {
    const seed = vectors.find((v) => v.file === "invocation_seed.json");
    expect(seed?.message).toBe("trace.dispatcher.v1.TaskInvocation");
  });
});

describe("semanticDiff", () => {
  it("treats int64 strings and numbers as equal and everything else strictly", () => {
    expect(semanticDiff({ a: "12345", b: 1 }, { a: 12345, b: 1.0 })).toEqual([]);
    expect(semanticDiff({ a: "18446744073709551615" }, { a: "18446744073709551615" })).toEqual([]);
    expect(semanticDiff({ a: "18446744073709551615" }, { a: "18446744073709551614" })).not.toEqual([]);
    expect(semanticDiff({ a: 1 }, { a: 2 })).not.toEqual([]);
    expect(semanticDiff({ a: "x" }, { a: "y" })).not.toEqual([]);
    expect(semanticDiff({ a: 1 }, { a: 1, b: 2 })).not.toEqual([]);
    expect(semanticDiff([1, 2], [1])).not.toEqual([]);
    expect(semanticDiff({ a: null }, {})).not.toEqual([]);
    expect(semanticDiff({ a: true }, { a: "true" })).not.toEqual([]);
  });
});
