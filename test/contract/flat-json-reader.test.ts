// The flat JSON reader (src/contract/flat-json-reader.ts) against protobuf-es: on generated bodies
// for every request message, whenever it returns a message, protobuf-es reads the same text into
// the same message; and it does return one for the bodies runners send most.
import { equals, fromJsonString, toBinary, type DescMessage } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { CompleteRequestSchema, HeartbeatRequestSchema, TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { contractJsonOptions } from "../../src/contract/json-format.js";
import { flatJsonReader } from "../../src/contract/flat-json-reader.js";
import { jsonMessageArbitrary, textArbitrary } from "../support/request-arbitraries.js";

const REQUESTS: DescMessage[] = [...new Set([TaskService, WorkerService, AdminService].flatMap((s) => s.methods.map((m) => m.input)))];
const TASK_ID = "0193a5b2-0000-7000-8000-000000000001";
const LEASE = "0193a5b2-0000-7000-8000-000000000003";

function protobufRead(desc: DescMessage, text: string) {
  try {
    return fromJsonString(desc, text, contractJsonOptions);
  } catch {
    return undefined;
  }
}

/** What the flat reader returned is what protobuf-es returns: same fields, same presence, same bytes. */
function expectSameAsProtobuf(desc: DescMessage, text: string): boolean {
  const fast = flatJsonReader(desc)(text);
  if (fast === undefined) return false;
  const reference = protobufRead(desc, text);
  expect(reference, `protobuf-es refuses what the flat reader accepted: ${text}`).toBeDefined();
  if (reference === undefined) return true;
  expect(equals(desc, fast, reference), text).toBe(true);
  expect(toBinary(desc, fast)).toEqual(toBinary(desc, reference));
  expect(fast).toStrictEqual(reference);
  return true;
}

// Bodies as a client may write them: the generated object as JSON, or edited as text to repeat a
// key, add an escape, rename a key to its JSON name, nest, or pad with whitespace.
function bodyArbitrary(desc: DescMessage): fc.Arbitrary<string> {
  const text = fc.oneof(textArbitrary(() => [TASK_ID, LEASE]), fc.constantFrom("TASK_STATUS_COMPLETED", "a\"b", "\ud800", "x\\y"));
  return fc.tuple(jsonMessageArbitrary(desc, text), fc.nat(7), fc.nat(3)).map(([object, edit, pick]) => {
    const json = JSON.stringify(object);
    const keys = Object.keys(object);
    const key = keys[pick % Math.max(1, keys.length)];
    switch (edit) {
      case 0:
        return key === undefined ? json : `${json.slice(0, -1)}${keys.length > 0 ? "," : ""}"${key}":${JSON.stringify(object[key])}}`; // repeated key
      case 1:
        return key === undefined ? json : json.replace(`"${key}"`, `"${key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}"`); // JSON name
      case 2:
        return ` \n${json.replace(/,/g, " , ")}\t`;
      case 3:
        return json.replace(/"([a-z_]+)":/, '"\\u0061$1":'); // an escaped key
      default:
        return json;
    }
  });
}

describe("the flat JSON reader", () => {
  it.each(REQUESTS.map((desc) => [desc.typeName, desc] as const))("returns only what protobuf-es returns, for %s", (_name, desc) => {
    fc.assert(
      fc.property(bodyArbitrary(desc), (body) => {
        expectSameAsProtobuf(desc, body);
      }),
      { numRuns: 400 },
    );
  });

  it("is not vacuous: it reads many generated heartbeat bodies (all of whose fields are flat)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(bodyArbitrary(HeartbeatRequestSchema), (body) => {
        if (expectSameAsProtobuf(HeartbeatRequestSchema, body)) accepted++;
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it("reads the bodies runners send most (a complete, a heartbeat) and hands everything unusual back", () => {
    const complete = `{"task_id":"${TASK_ID}","attempt":1,"lease_token":"${LEASE}","status":"TASK_STATUS_COMPLETED","events":[],"retryable":false}`;
    expect(expectSameAsProtobuf(CompleteRequestSchema, complete)).toBe(true);
    expect(expectSameAsProtobuf(HeartbeatRequestSchema, `{"taskId":"${TASK_ID}","attempt":2,"leaseToken":"${LEASE}"}`)).toBe(true);
    // A raw lone surrogate (no escape in the text): whatever the reader makes of it is protobuf-es's.
    const read = flatJsonReader(CompleteRequestSchema);
    expect(read(`{"task_id":"x\ud800y"}`)).toBeUndefined(); // protobuf-es refuses it
    for (const unusual of [
      `{"task_id":"${TASK_ID}","task_id":"${LEASE}"}`, // a repeated key (JSON.parse keeps the last)
      `{"task_id":"${TASK_ID}","taskId":"${TASK_ID}"}`, // one field under both names
      `{"task_id":"a\\"b"}`, // an escape
      `{"attempt":"1"}`, // a number as a string (valid, protobuf-es's to read)
      `{"attempt":null}`,
      `{"attempt":1.5}`,
      `{"attempt":4294967296}`,
      `{"status":"NO_SUCH_STATUS"}`,
      `{"status":3}`,
      `{"unknown":1}`,
      `{"events":[{"dataset_uuid":"${TASK_ID}"}]}`,
      `{"__proto__":{"attempt":1}}`,
      `[]`,
      `{"task_id":"${TASK_ID}"`,
    ]) {
      expect(read(unusual), unusual).toBeUndefined();
    }
  });
});
