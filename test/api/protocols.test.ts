// Connect, gRPC and gRPC-Web from one port, called by a client the project did not write: `buf
// curl` with each --protocol, over HTTP/1.1 and h2c (prior knowledge). Every service answers in
// every protocol, and a refusal keeps its code and ErrorDetail reason in each. The front door's own
// guarantees (auth before body, the body cap, ErrorDetail on connect's own errors, unknown paths)
// are checked for gRPC with node's HTTP/2 client, where the test controls every frame.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as http2 from "node:http2";
import { fileURLToPath } from "node:url";
import { fromBinary } from "@bufbuild/protobuf";
import { base64Decode } from "@bufbuild/protobuf/wire";
import { expect, it } from "vitest";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/server/body-limit.js";
import { bufCurl, refusalOf, SERVICE, VARIANTS, type Variant } from "../support/buf-curl.js";
import { testBackends } from "../support/databases.js";
import { reasonOf, type ConnectErrorBody } from "../rpc/harness.js";
import { ADMIN_TOKEN, createTask, leasedTask, registerJob, useApiServer, WORKER_TOKEN, type ApiServer } from "./harness.js";

// The protocols are the server's, not the database's: one backend is enough (Postgres when there is one).
const backend = testBackends().at(-1);
if (backend === undefined) throw new Error("no test backend");
let api: ApiServer;
useApiServer(backend, (_db, a) => {
  api = a;
});

/** buf curl against this test's server. */
const curl = (variant: Variant, method: string, body: unknown, headers: Record<string, string>) => bufCurl(api.url, variant, method, body, headers);

it.each(VARIANTS)("admin, worker and task services all answer in $name", async (variant) => {
  const { jobId, name } = await registerJob(api);
  const taskId = await createTask(api, jobId);

  const jobs = await curl(variant, "AdminService/ListJobs", { name }, { authorization: `Bearer ${ADMIN_TOKEN}` });
  expect(jobs.ok).toBe(true);
  expect((jobs.json["jobs"] as { jobId: string }[]).map((job) => job.jobId)).toEqual([jobId]);

  const claimed = await curl(variant, "WorkerService/ClaimTask", { task_id: taskId, worker_id: "buf-curl" }, { [WORKER_TOKEN_HEADER]: WORKER_TOKEN });
  expect(claimed.ok).toBe(true);
  expect(claimed.json).toMatchObject({ claimed: true, attempt: 1 });

  const fence = { task_id: taskId, attempt: 1, lease_token: claimed.json["leaseToken"] };
  const beat = await curl(variant, "TaskService/Heartbeat", fence, { [TASK_CAPABILITY_HEADER]: String(claimed.json["capabilityToken"]) });
  expect(beat.ok).toBe(true);
  expect(typeof beat.json["leaseExpiresAt"]).toBe("string");
});

it.each(VARIANTS)("refusals keep their code and ErrorDetail reason in $name", async (variant) => {
  // Refused at the front door, from the headers alone.
  const badToken = await curl(variant, "AdminService/ListJobs", {}, { authorization: "Bearer not-the-token" });
  expect(refusalOf(badToken)).toEqual({ code: "unauthenticated", reasons: ["token_invalid"] });
  // Refused by an interceptor after the body was read: a valid token for another attempt.
  const leased = await leasedTask(api);
  const otherAttempt = await curl(variant, "TaskService/Heartbeat", { ...leased.fence, attempt: 2 }, { [TASK_CAPABILITY_HEADER]: leased.token });
  expect(refusalOf(otherAttempt)).toEqual({ code: "permission_denied", reasons: ["claims_mismatch"] });
  // Refused by a handler.
  const missing = await curl(variant, "AdminService/GetJob", { job_id: "00000000-0000-4000-8000-000000000000" }, { authorization: `Bearer ${ADMIN_TOKEN}` });
  expect(refusalOf(missing)).toEqual({ code: "not_found", reasons: ["job_not_found"] });
});

/** One gRPC call over h2c with node's client; `body` undefined leaves the request stream open. */
async function grpcCall(
  path: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<{ status: number | undefined; grpcStatus: string | undefined; reasons: string[]; message: string | undefined }> {
  const session = http2.connect(api.url);
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc+proto", te: "trailers", ...headers });
      let status: number | undefined;
      stream.on("response", (h) => (status = Number(h[":status"])));
      stream.on("trailers", (trailers) => {
        const details = trailers["grpc-status-details-bin"];
        const reasons = typeof details === "string" ? statusDetailReasons(details) : [];
        const message = trailers["grpc-message"];
        resolve({ status, grpcStatus: String(trailers["grpc-status"]), reasons, message: typeof message === "string" ? decodeURIComponent(message) : undefined });
      });
      stream.on("error", reject);
      stream.on("data", () => {});
      if (body !== undefined) stream.end(body);
      else stream.write(envelope(new Uint8Array(16)).subarray(0, 8)); // part of a message, then silence
    });
  } finally {
    session.destroy();
  }
}

/** The ErrorDetail reasons inside a google.rpc.Status (grpc-status-details-bin), decoded by hand. */
function statusDetailReasons(base64: string): string[] {
  // google.rpc.Status{ code=1, message=2, repeated Any details=3 }; Any{ type_url=1, value=2 }.
  const fields = (bytes: Uint8Array) => {
    const out: { field: number; value: Uint8Array }[] = [];
    let i = 0;
    const varint = () => {
      let shift = 0;
      let n = 0;
      for (;;) {
        const b = bytes[i++] ?? 0;
        n += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if ((b & 0x80) === 0) return n;
      }
    };
    while (i < bytes.length) {
      const key = varint();
      if ((key & 7) === 0) varint();
      else {
        const length = varint();
        out.push({ field: key >>> 3, value: bytes.subarray(i, i + length) });
        i += length;
      }
    }
    return out;
  };
  return fields(base64Decode(base64))
    .filter((f) => f.field === 3)
    .map((any) => fields(any.value))
    .filter((any) => new TextDecoder().decode(any.find((f) => f.field === 1)?.value).endsWith("/trace.dispatcher.v1.ErrorDetail"))
    .map((any) => fromBinary(ErrorDetailSchema, any.find((f) => f.field === 2)?.value ?? new Uint8Array()).reason);
}

function envelope(message: Uint8Array): Uint8Array<ArrayBuffer> {
  const framed = new Uint8Array(5 + message.byteLength);
  new DataView(framed.buffer).setUint32(1, message.byteLength);
  framed.set(message, 5);
  return framed;
}

it("gRPC: a refused token is answered without waiting for the body", async () => {
  // The request stream stays open with half a message: an answer proves the body was not awaited.
  const answer = await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: "Bearer wrong" }, undefined);
  expect(answer).toMatchObject({ status: 200, grpcStatus: "16", reasons: ["token_invalid"] });
});

it("gRPC: bodies above the cap are refused body_too_large, declared or streamed", async () => {
  const oversized = envelope(new Uint8Array(DEFAULT_MAX_BODY_BYTES));
  const streamed = await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: `Bearer ${ADMIN_TOKEN}` }, oversized);
  expect(streamed).toMatchObject({ status: 200, grpcStatus: "8", reasons: ["body_too_large"] });
  const declared = await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: `Bearer ${ADMIN_TOKEN}`, "content-length": String(oversized.byteLength) }, oversized);
  expect(declared).toMatchObject({ status: 200, grpcStatus: "8", reasons: ["body_too_large"] });
  // The session is still usable for the next call.
  const jobs = await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: `Bearer ${ADMIN_TOKEN}` }, envelope(new Uint8Array()));
  expect(jobs.grpcStatus).toBe("0");
});

it("gRPC-Web over HTTP/1.1: an oversized body is refused in a trailer frame the client gets to read", async () => {
  const response = await fetch(`${api.url}${SERVICE}AdminService/ListJobs`, {
    method: "POST",
    headers: { "content-type": "application/grpc-web+proto", authorization: `Bearer ${ADMIN_TOKEN}` },
    body: envelope(new Uint8Array(2 * DEFAULT_MAX_BODY_BYTES)),
  });
  expect(response.status).toBe(200);
  const frame = new Uint8Array(await response.arrayBuffer());
  expect(frame[0]).toBe(0x80); // the trailer flag: no message, only the status
  const trailer = new TextDecoder().decode(frame.subarray(5));
  expect(trailer).toMatch(/grpc-status: 8\r\n/);
  const details = /grpc-status-details-bin: (\S+)/.exec(trailer)?.[1];
  expect(statusDetailReasons(details ?? "")).toEqual(["body_too_large"]);
});

it("gRPC: connect's own errors get an ErrorDetail, and an unknown method is UNIMPLEMENTED", async () => {
  // Bytes that do not decode as ListJobsRequest: connect raises this itself, before any of our code.
  const garbage = await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: `Bearer ${ADMIN_TOKEN}` }, envelope(new Uint8Array([0xff, 0xff, 0xff])));
  expect(garbage).toMatchObject({ status: 200, grpcStatus: "3", reasons: ["malformed_request"] });
  // The same through gRPC-Web over HTTP/1.1, where the status travels in the body's trailer frame.
  const web = await fetch(`${api.url}${SERVICE}AdminService/ListJobs`, {
    method: "POST",
    headers: { "content-type": "application/grpc-web+proto", authorization: `Bearer ${ADMIN_TOKEN}` },
    body: envelope(new Uint8Array([0xff, 0xff, 0xff])),
  });
  const trailer = new TextDecoder().decode(new Uint8Array(await web.arrayBuffer()).subarray(5));
  expect(trailer).toMatch(/grpc-status: 3\r\n/);
  expect(statusDetailReasons(/grpc-status-details-bin: (\S+)/.exec(trailer)?.[1] ?? "")).toEqual(["malformed_request"]);
  // What an ALB gRPC health check calls by default; it counts UNIMPLEMENTED (12) as healthy.
  const unknown = await grpcCall("/AWS.ALB/healthcheck", {}, envelope(new Uint8Array()));
  expect(unknown).toMatchObject({ status: 200, grpcStatus: "12", reasons: ["unknown_path"] });
});

it("the contract paths stay Connect/JSON: gRPC there is 415", async () => {
  // POST /v1/admin/jobs is RegisterJob's contract path.
  const response = await fetch(`${api.url}/v1/admin/jobs`, {
    method: "POST",
    headers: { "content-type": "application/grpc-web+proto", authorization: `Bearer ${ADMIN_TOKEN}` },
    body: envelope(new Uint8Array()),
  });
  expect(response.status).toBe(415);
  const error = (await response.json()) as ConnectErrorBody;
  expect([error.code, reasonOf(error)]).toEqual(["invalid_argument", "unsupported_media_type"]);
});

it("logs and metrics record a gRPC call with the status a Connect client would have seen", async () => {
  await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: "Bearer wrong" }, envelope(new Uint8Array()));
  await grpcCall(`${SERVICE}AdminService/ListJobs`, { authorization: `Bearer ${ADMIN_TOKEN}` }, envelope(new Uint8Array()));
  const lines = api.logLines.filter((line) => line["msg"] === "http request" && line["protocol"] === "grpc");
  expect(lines.map((line) => [line["status"], line["http_version"]])).toEqual([
    [401, "2.0"],
    [200, "2.0"],
  ]);
});

it("a Python grpcio client generated from the same proto gets answers and decodes ErrorDetail", async (test) => {
  const python = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
  if (!existsSync(python)) {
    if (process.env.CI) throw new Error(".venv is missing (scripts/ci/install-codegen.sh)");
    test.skip(".venv not installed (scripts/ci/install-codegen.sh)");
  }
  const { jobId, name } = await registerJob(api);
  const client = fileURLToPath(new URL("./grpc-python/client.py", import.meta.url));
  const output = await new Promise<string>((resolve, reject) => {
    execFile(python, [client, new URL(api.url).host, ADMIN_TOKEN, name], { encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
  expect(JSON.parse(output)).toEqual({
    list_jobs: [jobId],
    bad_token: { code: "UNAUTHENTICATED", reasons: ["token_invalid"] },
    missing_job: { code: "NOT_FOUND", reasons: ["job_not_found"] },
  });
});
