// The TypeScript SDK's ctx.config on the shared vector test/vectors/invocation_config_json_integers.json
// (issue 11 §5): integers arrive as integers, exact beyond 2^53; the same vector is checked by the
// Python (test/contract/python/test_sdk_config.py) and Rust (sdk/rust/tests/config_vector.rs) SDKs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { JsonObject } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TaskContext } from "../../sdk/ts/src/index.js";

const vector = JSON.parse(readFileSync(join(import.meta.dirname, "../vectors/invocation_config_json_integers.json"), "utf8")) as { json: JsonObject };

describe("TS SDK config from config_json", () => {
  it("keeps integers integral and exact at any size", () => {
    const config = new TaskContext(vector.json, { dispatcherUrl: "http://unused.invalid" }).config;
    expect(config.n).toBe(100);
    expect(Number.isInteger(config.n)).toBe(true);
    expect(config.big).toBe(9007199254740993n);
    expect(config.neg).toBe(-9007199254740993n);
    expect(config.u64_max).toBe(18446744073709551615n);
    expect(config.ratio).toBe(1.5);
    expect(config.nested).toEqual({ ids: [12345678901234567890n, 7] });
  });

  it("falls back to the Struct when an older Dispatcher sends no config_json", () => {
    const { config_json: _omitted, ...older } = vector.json;
    expect(new TaskContext(older, { dispatcherUrl: "http://unused.invalid" }).config).toEqual({ n: 100, ratio: 1.5 });
  });
});
