// The edge of the API (issue 10 §2): whatever a credentialed caller sends, the answer is a 4xx
// with a reason, never a 500, and a refused request writes nothing. Undecodable application/proto
// bodies are malformed_request on every RPC (connect alone says `internal`); strings and JSON
// values the database cannot store (NUL, lone surrogates, NaN) are unstorable_value, naming the
// field, on every RPC (one descriptor-driven rule, not per handler).
import { randomUUID } from "node:crypto";
import { create, toBinary } from "@bufbuild/protobuf";
import { expect, it } from "vitest";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { StructSchema, ValueSchema, type Value } from "@bufbuild/protobuf/wkt";
import { JobSchema } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import type { Database } from "../../src/db/index.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import { TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { describeEachBackend } from "../support/databases.js";
import { reasonOf, type ConnectErrorBody } from "../rpc/harness.js";
import { ADMIN_TOKEN, BUNDLE_SHA, createTask, leasedTask, mintFor, ORG_ID, registerJob, snapshot, useApiServer, WORKER_TOKEN, type ApiServer } from "./harness.js";

describeEachBackend("request edge", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  /** Valid credentials for any route: admin and worker secrets, a capability token for some task. */
  const credentialsFor = async (typeName: string): Promise<Record<string, string>> => {
    if (typeName.endsWith("AdminService")) return { authorization: `Bearer ${ADMIN_TOKEN}` };
    if (typeName.endsWith("WorkerService")) return { [WORKER_TOKEN_HEADER]: WORKER_TOKEN };
    return { [TASK_CAPABILITY_HEADER]: await mintFor(api, randomUUID(), 1) };
  };

  const postProto = async (path: string, headers: Record<string, string>, body: Uint8Array) => {
    const response = await fetch(`${api.url}${path}`, { method: "POST", headers: { "content-type": "application/proto", ...headers }, body: Buffer.from(body) });
    const text = await response.text();
    const error = response.headers.get("content-type") === "application/json" ? (JSON.parse(text) as ConnectErrorBody) : undefined;
    return { status: response.status, code: error?.code, reason: error ? reasonOf(error) : undefined, message: error?.message };
  };

  it("answers an undecodable application/proto body with malformed_request on every RPC", async () => {
    // Field 1, length-delimited, claiming 127 bytes that never come: "premature EOF" in connect.
    const truncated = new Uint8Array([0x0a, 0x7f, 0x41]);
    const before = await snapshot(db);
    for (const route of api.server.routes.routes) {
      const headers = await credentialsFor(route.service.typeName);
      const reply = await postProto(route.connectPath, headers, truncated);
      expect({ path: route.connectPath, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({
        path: route.connectPath,
        status: 400,
        code: "invalid_argument",
        reason: "malformed_request",
      });
    }
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses a NUL in any string that would reach the database, naming the field, and writes nothing", async () => {
    const { jobId } = await registerJob(api);
    const leased = await leasedTask(api);
    const queued = await createTask(api, jobId);
    const job = { dag_name: "monad", name: "n", runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: ORG_ID };
    const cases: { send: () => ReturnType<ApiServer["post"]>; path: string }[] = [
      { send: () => api.worker("/internal/task-claim", { task_id: queued, worker_id: "w\u0000" }), path: "worker_id" },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, dag_name: "m\u0000" } }), path: "job.dag_name" },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, name: "\u0000" } }), path: "job.name" },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, operator: "op\u0000" } }), path: "job.operator" },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, org_id: "o\u0000" } }), path: "job.org_id" },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, config: { deep: [1, { k: "v\u0000" }] } } }), path: 'job.config["deep"][1]["k"]' },
      { send: () => api.admin("/v1/admin/jobs", { job: { ...job, config: { "k\u0000": 1 } } }), path: "job.config key" },
      { send: () => api.admin("/v1/admin/tasks/cancel", { task_id: queued, reason: "because\u0000" }), path: "reason" },
      { send: () => api.admin("/v1/admin/tasks", { job_id: jobId, dedupe_key: "d\u0000" }), path: "dedupe_key" },
      {
        send: () => api.task("/v1/task/complete", leased.token, { ...leased.fence, status: "TASK_STATUS_FAILED", error_message: "boom\u0000" }),
        path: "error_message",
      },
      {
        send: () => api.task("/v1/task/complete", leased.token, { ...leased.fence, status: "TASK_STATUS_COMPLETED", outputs: [{ name: "o", value: { x: "\u0000" } }] }),
        path: 'outputs[0].value["x"]',
      },
      {
        send: () =>
          api.task("/v1/task/buffer-publish", leased.token, { ...leased.fence, batch_uri: "s3://out-bucket/tasks/out/b\u0000", content_type: "x", batch_size_bytes: "1", dedupe_scope: "s" }),
        path: "batch_uri",
      },
    ];
    const before = await snapshot(db);
    for (const { send, path } of cases) {
      const reply = await send();
      expect({ path, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ path, status: 400, code: "invalid_argument", reason: "unstorable_value" });
      expect(String(reply.json["message"])).toBe(`${path}: contains a NUL character (\\u0000)`);
    }
    expect(await snapshot(db)).toEqual(before);
    const [jobs] = await db.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(Number(jobs?.n)).toBe(2);
  });

  it("refuses lone surrogates and, in the binary encoding, JSON values JSON cannot express", async () => {
    const job = { dag_name: "monad", name: "n", runtime: "RUNTIME_WORKER", operator: "op", bundle_sha256: BUNDLE_SHA, org_id: ORG_ID };
    const surrogate = await api.admin("/v1/admin/jobs", { job: { ...job, config: { k: "\ud800" } } });
    expect({ status: surrogate.status, reason: surrogate.reason, message: surrogate.json["message"] }).toEqual({
      status: 400,
      reason: "unstorable_value",
      message: 'job.config["k"]: contains a lone UTF-16 surrogate',
    });
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    // Generated code holds Struct fields as JSON objects (no NaN in JSON), so the request is built
    // as bytes: Job{…, config (field 7) = Struct{fields["k"] = Value{}}} inside RegisterJobRequest.job (field 1).
    const withConfig = (value: Value) => {
      const base = toBinary(JobSchema, create(JobSchema, { dagName: "monad", name: "n", operator: "op", bundleSha256: BUNDLE_SHA, orgId: ORG_ID }));
      const struct = toBinary(StructSchema, create(StructSchema, { fields: { k: value } }));
      const jobBytes = new BinaryWriter().raw(base).tag(7, WireType.LengthDelimited).bytes(struct).finish();
      return new BinaryWriter().tag(1, WireType.LengthDelimited).bytes(jobBytes).finish();
    };
    const nan = await postProto("/v1/admin/jobs", admin, withConfig(create(ValueSchema, { kind: { case: "numberValue", value: Number.NaN } })));
    expect({ status: nan.status, reason: nan.reason, message: nan.message }).toEqual({
      status: 400,
      reason: "unstorable_value",
      message: 'job.config["k"]: is not a finite number (JSON has no NaN or Infinity)',
    });
    const [jobs] = await db.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(Number(jobs?.n)).toBe(0);
  });

  it("refuses a NUL arriving in a GET query parameter", async () => {
    const reply = await api.get(`/internal/task-fetch?task_id=${encodeURIComponent("a\u0000")}`, { [WORKER_TOKEN_HEADER]: WORKER_TOKEN });
    expect({ status: reply.status, reason: reply.reason }).toEqual({ status: 400, reason: "unstorable_value" });
  });
});
