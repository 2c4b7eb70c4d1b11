// The unary Connect-JSON path (src/server/unary-json.ts) answers exactly as connect's own handler.
// Over HTTP/1.1 a unary JSON call takes that path; over h2c the same call is served by connect's
// handler. Each request below is sent both ways to one server and the answers must be identical:
// status, headers (but the hop-by-hop ones HTTP/2 forbids) and body bytes (decompressed when
// compressed), for successes, every kind of refusal, and response compression.
import * as http from "node:http";
import * as http2 from "node:http2";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import { testBackends } from "../support/databases.js";
import { ADMIN_TOKEN, createTask, leasedTask, registerJob, useApiServer, WORKER_TOKEN, type ApiServer } from "../api/harness.js";

const backend = testBackends().at(-1);
if (backend === undefined) throw new Error("no test backend");

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers HTTP/2 does not carry, and the ones that differ by the moment of sending. */
const NOT_COMPARED = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

function normalized(status: number, raw: Record<string, string | string[] | undefined>, body: Buffer): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith(":") || NOT_COMPARED.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const text = headers["content-encoding"] === "gzip" ? gunzipSync(body).toString() : body.toString();
  return { status, headers, body: text };
}

function overHttp1(url: string, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(normalized(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function overH2c(url: string, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  const session = http2.connect(url);
  return new Promise<Answer>((resolve, reject) => {
    session.on("error", reject);
    const stream = session.request({ ":method": "POST", ":path": path, ...headers, "content-length": String(Buffer.byteLength(body)) });
    let status = 0;
    let responseHeaders: Record<string, string | string[] | undefined> = {};
    stream.on("response", (h) => {
      status = Number(h[":status"]);
      responseHeaders = h;
    });
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(normalized(status, responseHeaders, Buffer.concat(chunks))));
    stream.on("error", reject);
    stream.end(body);
  }).finally(() => session.close());
}

describe("unary Connect JSON over HTTP/1.1 answers as connect's handler does over h2c", () => {
  let api: ApiServer;
  useApiServer(backend, (_db, a) => {
    api = a;
  });

  /** The handler the server logged for each request from `from` on (its request log is written when the answer is). */
  async function handlersSince(from: number, count: number): Promise<unknown[]> {
    const logged = () => api.logLines.slice(from).filter((line) => line["msg"] === "http request");
    for (let i = 0; i < 100 && logged().length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return logged().map((line) => line["handler"]);
  }

  /** Sends the call both ways; each must have been served by the handler this test compares. */
  async function both(path: string, headers: Record<string, string>, body: string, viaHttp1Handler = "unary-json"): Promise<Answer> {
    const from = api.logLines.length;
    const viaHttp1 = await overHttp1(api.url, path, headers, body);
    const viaH2c = await overH2c(api.url, path, headers, body);
    expect(await handlersSince(from, 2)).toEqual([viaHttp1Handler, "connect"]);
    expect(viaHttp1).toEqual(viaH2c);
    return viaHttp1;
  }

  const json = { "content-type": "application/json" };

  it("for successes, on contract and Connect paths, with a timeout and a charset", async () => {
    const leased = await leasedTask(api);
    const task = { ...json, [TASK_CAPABILITY_HEADER]: leased.token };
    const fence = JSON.stringify(leased.fence);
    expect((await both("/v1/task/heartbeat", task, fence)).status).toBe(200);
    expect((await both("/trace.dispatcher.v1.TaskService/Heartbeat", { ...task, "connect-timeout-ms": "5000", "connect-protocol-version": "1" }, fence)).status).toBe(200);
    expect((await both("/v1/task/events", { ...task, "content-type": "application/json; charset=utf-8" }, JSON.stringify({ ...leased.fence, events: [] }))).status).toBe(200);
    const admin = { ...json, authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await both("/trace.dispatcher.v1.AdminService/ListJobs", admin, "{}")).body).toContain(leased.jobId);
    // An answer with multi-byte characters: its Content-Length counts bytes, not characters.
    const message = "naïve ☃ failure";
    expect((await overHttp1(api.url, "/v1/task/complete", task, JSON.stringify({ ...leased.fence, status: "TASK_STATUS_FAILED", error_message: message }))).status).toBe(200);
    const failed = await both("/trace.dispatcher.v1.AdminService/GetTask", admin, JSON.stringify({ task_id: leased.fence.task_id }));
    expect(failed.body).toContain(message);
    expect(Number(failed.headers["content-length"])).toBe(Buffer.byteLength(failed.body));
  });

  it("for every kind of refusal", async () => {
    const leased = await leasedTask(api);
    const task = { ...json, [TASK_CAPABILITY_HEADER]: leased.token };
    const refusals: [string, string, Record<string, string>, string][] = [
      ["undecodable JSON", "/v1/task/heartbeat", task, "{"],
      ["a field of the wrong type", "/v1/task/heartbeat", task, JSON.stringify({ ...leased.fence, attempt: "one" })],
      ["an unknown field", "/v1/task/heartbeat", task, JSON.stringify({ ...leased.fence, surprise: 1 })],
      ["claims of another attempt (interceptor)", "/v1/task/heartbeat", task, JSON.stringify({ ...leased.fence, attempt: 2 })],
      ["an unstorable value (interceptor)", "/v1/task/complete", task, JSON.stringify({ ...leased.fence, status: "TASK_STATUS_FAILED", error_message: "a\u0000b" })],
      ["another lease token (lifecycle)", "/v1/task/heartbeat", task, JSON.stringify({ ...leased.fence, lease_token: "00000000-0000-4000-8000-000000000000" })],
      ["a bad status (handler)", "/v1/task/complete", task, JSON.stringify({ ...leased.fence, status: "TASK_STATUS_UNSPECIFIED" })],
      ["a malformed timeout (connect's own check)", "/v1/task/heartbeat", { ...task, "connect-timeout-ms": "soon" }, JSON.stringify(leased.fence)],
      ["an unknown request compression", "/v1/task/heartbeat", { ...task, "content-encoding": "zstd" }, JSON.stringify(leased.fence)],
      ["a missing job (admin handler)", "/trace.dispatcher.v1.AdminService/GetJob", { ...json, authorization: `Bearer ${ADMIN_TOKEN}` }, JSON.stringify({ job_id: "00000000-0000-4000-8000-000000000000" })],
    ];
    for (const [what, path, headers, body] of refusals) {
      // Connect's own checks (a malformed timeout, an unknown compression) keep connect's handler.
      const answer = await both(path, headers, body, "connect-timeout-ms" in headers || "content-encoding" in headers ? "connect" : "unary-json");
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(answer.body), what).toMatchObject({ code: expect.any(String), details: [expect.objectContaining({ type: "trace.dispatcher.v1.ErrorDetail" })] });
    }
  });

  it("compresses a large answer the way the client accepts, and a small one not at all", async () => {
    const { jobId } = await registerJob(api);
    const headers = { ...json, [WORKER_TOKEN_HEADER]: WORKER_TOKEN, "accept-encoding": "br;q=0.5, gzip" };
    const first = await createTask(api, jobId);
    const second = await createTask(api, jobId);
    // A claim answers with the task's whole invocation (well over connect's 1 KiB threshold); each
    // protocol claims its own task, so the answers differ only in identifiers and the token.
    const viaHttp1 = await overHttp1(api.url, "/internal/task-claim", headers, JSON.stringify({ task_id: first, worker_id: "w" }));
    const viaH2c = await overH2c(api.url, "/trace.dispatcher.v1.WorkerService/ClaimTask", headers, JSON.stringify({ task_id: second, worker_id: "w" }));
    expect(viaHttp1.headers["content-encoding"]).toBe("gzip");
    expect(Object.keys(viaHttp1.headers).sort()).toEqual(Object.keys(viaH2c.headers).sort());
    expect(Object.keys(JSON.parse(viaHttp1.body) as object).sort()).toEqual(Object.keys(JSON.parse(viaH2c.body) as object).sort());
    const small = await both("/trace.dispatcher.v1.AdminService/ListJobs", { ...json, authorization: `Bearer ${ADMIN_TOKEN}`, "accept-encoding": "gzip" }, JSON.stringify({ name: "none" }));
    expect(small.headers["content-encoding"]).toBeUndefined();
  });
});
