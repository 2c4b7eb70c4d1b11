// The stdout contract of an entrypoint: exactly one JSON object (surrounding whitespace allowed),
//   { "events"?: DatasetEvent[], "outputs"?: TaskOutput[], "datasets_published"?: DatasetPublished[] }
// each element in protobuf JSON (proto or JSON field names), unknown keys refused at every level.

import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { DatasetEventSchema, type DatasetEvent } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import {
  DatasetPublishedSchema,
  TaskOutputSchema,
  type DatasetPublished,
  type TaskOutput,
} from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { describeUnstorable, findUnstorableValue, type UnstorableValue } from "../contract/storable-text.js";
import { RunnerFailure } from "./failure.js";

export interface EntrypointResult {
  events: DatasetEvent[];
  outputs: TaskOutput[];
  datasetsPublished: DatasetPublished[];
}

const RESULT_KEYS = ["events", "outputs", "datasets_published"] as const;

function invalidOutput(detail: string): RunnerFailure {
  return new RunnerFailure("invalid_output", detail);
}

function parseList<T>(value: unknown, key: string, parse: (item: JsonValue) => T, storable: (item: T) => UnstorableValue | undefined): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidOutput(`"${key}" is not an array`);
  return value.map((item: JsonValue, index) => {
    let parsed: T;
    try {
      parsed = parse(item);
    } catch (error) {
      // fromJson messages name the field and the problem, never more than the offending value.
      const reason = error instanceof Error ? error.message.slice(0, 200) : "invalid";
      throw invalidOutput(`${key}[${index}]: ${reason}`);
    }
    // The Dispatcher would refuse it (unstorable_value): say so here, with the field's path.
    const found = storable(parsed);
    if (found !== undefined) throw invalidOutput(`${key}[${index}].${describeUnstorable(found)}`);
    return parsed;
  });
}

export function parseEntrypointOutput(stdout: Uint8Array): EntrypointResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(stdout);
  } catch {
    throw invalidOutput("stdout is not valid UTF-8");
  }
  if (text.trim() === "") throw invalidOutput("stdout is empty; expected one JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidOutput("stdout is not exactly one JSON value");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidOutput("stdout is not a JSON object");
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(RESULT_KEYS as readonly string[]).includes(key)) throw invalidOutput(`unknown key ${JSON.stringify(key.slice(0, 64))}`);
  }
  const result: EntrypointResult = {
    events: parseList(record.events, "events", (item) => fromJson(DatasetEventSchema, item), (m) => findUnstorableValue(DatasetEventSchema, m)),
    outputs: parseList(record.outputs, "outputs", (item) => fromJson(TaskOutputSchema, item), (m) => findUnstorableValue(TaskOutputSchema, m)),
    datasetsPublished: parseList(
      record.datasets_published,
      "datasets_published",
      (item) => fromJson(DatasetPublishedSchema, item),
      (m) => findUnstorableValue(DatasetPublishedSchema, m),
    ),
  };
  const names = new Set<string>();
  for (const output of result.outputs) {
    if (names.has(output.name)) throw invalidOutput(`duplicate output name ${JSON.stringify(output.name.slice(0, 64))}`);
    names.add(output.name);
  }
  return result;
}
