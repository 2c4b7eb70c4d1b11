import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import {
  HeartbeatRequestSchema,
  HeartbeatResponseSchema,
  TaskService,
} from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import type { ListTasksRequest } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import type { FetchTaskRequest } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { TaskState } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { errorReason, refuse } from "../../src/rpc/errors.js";
import { bindService } from "../../src/server/http.js";
import { getJson, postJson, reasonOf, sendUnendingBody, startServer } from "./harness.js";
import type { ConnectErrorBody, RunningServer } from "./harness.js";

const LEASE_EXPIRY = new Date("2026-11-27T16:00:00.000Z");
const fence = { task_id: "7d1c1f0e-0000-4000-8000-000000000001", attempt: 2, lease_token: "lease-1" };

describe("Dispatcher HTTP routing", () => {
  const heartbeats: { taskId: string; attempt: number; leaseToken: string; url: string }[] = [];
  const fetches: FetchTaskRequest[] = [];
  const listings: ListTasksRequest[] = [];
  let srv: RunningServer;

  beforeAll(async () => {
    srv = await startServer({
      services: [
        bindService(TaskService, {
          heartbeat(request, context) {
            heartbeats.push({ taskId: request.taskId, attempt: request.attempt, leaseToken: request.leaseToken, url: context.url });
            return { leaseExpiresAt: timestampFromDate(LEASE_EXPIRY), cancelRequested: false };
          },
          complete() {
            throw refuse(Code.FailedPrecondition, "stale_attempt", "attempt 2 is not the current attempt");
          },
          emitEvents() {
            throw new Error("connection to postgres://dispatcher:hunter2@db failed at /srv/app/db.ts:12");
          },
        }),
        bindService(WorkerService, {
          fetchTask(request) {
            fetches.push(request);
            return { state: TaskState.RUNNING, task: { taskId: request.taskId } };
          },
        }),
        bindService(AdminService, {
          listTasks(request) {
            listings.push(request);
            return { tasks: [], nextPageToken: "" };
          },
        }),
      ],
      plainRoutes: {
        jwksTask: () => ({ keys: [{ kty: "EC", crv: "P-256", kid: "k1", x: "x", y: "y" }] }),
        metrics: () => "# TYPE dispatcher_up gauge\ndispatcher_up 1\n",
        readiness: () => ({ ready: false, checks: { database: "unreachable" } }),
      },
    });
  });
  afterAll(async () => srv.close());

  it("serves the contract path and the Connect path from the same handler, with snake_case JSON", async () => {
    heartbeats.length = 0;
    const viaContract = await postJson(`${srv.url}/v1/task/heartbeat`, fence);
    const viaConnect = await postJson(`${srv.url}/trace.dispatcher.v1.TaskService/Heartbeat`, fence);
    for (const reply of [viaContract, viaConnect]) {
      expect(reply.status).toBe(200);
      expect(reply.headers.get("content-type")).toBe("application/json");
      // Proto field names, and implicit fields present (cancel_requested: false).
      expect(reply.json).toEqual({ lease_expires_at: "2026-11-27T16:00:00Z", cancel_requested: false });
    }
    expect(heartbeats).toHaveLength(2);
    expect(heartbeats[0]).toEqual(heartbeats[1]);
    expect(heartbeats[0]).toMatchObject({ taskId: fence.task_id, attempt: 2, leaseToken: "lease-1" });
  });

  it("answers the generated Connect client, and the client reads refusal reasons", async () => {
    heartbeats.length = 0;
    const transport = createConnectTransport({ baseUrl: srv.url, httpVersion: "1.1" });
    const client = createClient(TaskService, transport);
    const reply = await client.heartbeat({ taskId: fence.task_id, attempt: 2, leaseToken: "lease-1" });
    expect(reply.leaseExpiresAt?.seconds).toBe(BigInt(LEASE_EXPIRY.getTime() / 1000));
    expect(heartbeats).toHaveLength(1);

    const refused = await client.complete({ taskId: fence.task_id, attempt: 2, leaseToken: "lease-1" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectError);
    expect((refused as ConnectError).code).toBe(Code.FailedPrecondition);
    expect(errorReason(refused)).toBe("stale_attempt");

    const binary = createClient(TaskService, createConnectTransport({ baseUrl: srv.url, httpVersion: "1.1", useBinaryFormat: true }));
    expect((await binary.heartbeat({ taskId: fence.task_id })).cancelRequested).toBe(false);
  });

  it("answers Connect GET on the Connect path of a side-effect-free RPC", async () => {
    fetches.length = 0;
    const client = createClient(WorkerService, createConnectTransport({ baseUrl: srv.url, httpVersion: "1.1", useHttpGet: true }));
    const reply = await client.fetchTask({ taskId: "t-get" });
    expect(reply.state).toBe(TaskState.RUNNING);
    expect(fetches.map((f) => f.taskId)).toEqual(["t-get"]);
  });

  it("accepts application/proto on a contract POST route", async () => {
    const body = toBinary(HeartbeatRequestSchema, create(HeartbeatRequestSchema, { taskId: "t-proto", attempt: 1 }));
    const response = await fetch(`${srv.url}/v1/task/heartbeat`, { method: "POST", headers: { "content-type": "application/proto" }, body });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/proto");
    const reply = fromBinary(HeartbeatResponseSchema, new Uint8Array(await response.arrayBuffer()));
    expect(reply.leaseExpiresAt?.seconds).toBe(BigInt(LEASE_EXPIRY.getTime() / 1000));
    expect(heartbeats.at(-1)?.taskId).toBe("t-proto");
  });

  it("maps query parameters of a GET contract route to request fields", async () => {
    fetches.length = 0;
    const fetched = await getJson(`${srv.url}/internal/task-fetch?task_id=${fence.task_id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json["state"]).toBe("TASK_STATE_RUNNING");
    expect((fetched.json["task"] as Record<string, unknown>)["task_id"]).toBe(fence.task_id);
    expect(fetches.map((f) => f.taskId)).toEqual([fence.task_id]);

    listings.length = 0;
    const listed = await getJson(`${srv.url}/v1/admin/tasks?job_id=j1&states=TASK_STATE_QUEUED&states=TASK_STATE_RUNNING&page_size=7`);
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ tasks: [], next_page_token: "" });
    expect(listings).toHaveLength(1);
    expect(listings[0]).toMatchObject({ jobId: "j1", states: [TaskState.QUEUED, TaskState.RUNNING], pageSize: 7 });
  });

  it.each([
    ["/internal/task-fetch?task_id=a&bogus=1", "unknown_query_parameter"],
    ["/internal/task-fetch?taskId=a", "unknown_query_parameter"],
    ["/internal/task-fetch?task_id=a&task_id=b", "invalid_query_parameter"],
    ["/v1/admin/tasks?page_size=ten", "invalid_query_parameter"],
    ["/v1/admin/tasks?page_size=-1", "invalid_query_parameter"],
    ["/v1/admin/tasks?page_size=4294967296", "invalid_query_parameter"],
    ["/v1/admin/tasks?states=RUNNING", "invalid_query_parameter"],
  ])("refuses the bad query %s with invalid_argument/%s", async (path, reason) => {
    const reply = await getJson(`${srv.url}${path}`);
    expect(reply.status).toBe(400);
    expect(reply.json["code"]).toBe("invalid_argument");
    expect(reasonOf(reply.json as unknown as ConnectErrorBody)).toBe(reason);
  });

  it("answers an unknown path with 404 unimplemented/unknown_path", async () => {
    for (const path of ["/v1/task/nope", "/trace.dispatcher.v1.TaskService/Nope", "/", "//v1/task/heartbeat", "/v1/task/heartbeat/"]) {
      const reply = await postJson(`${srv.url}${path}`, fence);
      expect(reply.status).toBe(404);
      expect(reply.json["code"]).toBe("unimplemented");
      expect(reasonOf(reply.json as unknown as ConnectErrorBody)).toBe("unknown_path");
    }
  });

  it("answers a wrong content type with 415 before calling the handler", async () => {
    heartbeats.length = 0;
    for (const path of ["/v1/task/heartbeat", "/trace.dispatcher.v1.TaskService/Heartbeat"]) {
      for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "application/connect+json"]) {
        const reply = await postJson(`${srv.url}${path}`, fence, { "content-type": contentType });
        expect(reply.status).toBe(415);
        expect(reply.json["code"]).toBe("invalid_argument");
        expect(reasonOf(reply.json as unknown as ConnectErrorBody)).toBe("unsupported_media_type");
      }
    }
    expect(heartbeats).toHaveLength(0);
  });

  it("answers a wrong HTTP method on a contract path with 405 and Allow", async () => {
    const get = await getJson(`${srv.url}/v1/task/heartbeat?task_id=x`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(reasonOf(get.json as unknown as ConnectErrorBody)).toBe("method_not_allowed");

    const post = await postJson(`${srv.url}/internal/task-fetch`, { task_id: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");

    const del = await fetch(`${srv.url}/trace.dispatcher.v1.TaskService/Heartbeat`, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(reasonOf((await del.json()) as ConnectErrorBody)).toBe("method_not_allowed");
  });

  it("refuses malformed JSON, wrong field types and unknown fields with invalid_argument and a reason", async () => {
    heartbeats.length = 0;
    for (const body of ['{"task_id": ', '{"task_id": "t", "attempt": "two"}', '{"task_id": 5}', '{"task_id": "t", "lease_tokn": "x"}', "[]"]) {
      for (const path of ["/v1/task/heartbeat", "/trace.dispatcher.v1.TaskService/Heartbeat"]) {
        const reply = await postJson(`${srv.url}${path}`, body);
        expect(reply.status, body).toBe(400);
        expect(reply.json["code"]).toBe("invalid_argument");
        expect(reasonOf(reply.json as unknown as ConnectErrorBody)).toBe("malformed_request");
      }
    }
    expect(heartbeats).toHaveLength(0);
  });

  it("puts the reason in the error body as a decodable ErrorDetail with a readable debug copy", async () => {
    const reply = await postJson(`${srv.url}/v1/task/complete`, fence);
    expect(reply.status).toBe(400);
    const body = reply.json as unknown as ConnectErrorBody;
    expect(body.code).toBe("failed_precondition");
    expect(body.message).toBe("attempt 2 is not the current attempt");
    expect(body.details).toHaveLength(1);
    expect(body.details?.[0]?.type).toBe("trace.dispatcher.v1.ErrorDetail");
    expect(body.details?.[0]?.debug).toEqual({ reason: "stale_attempt" });
    expect(reasonOf(body)).toBe("stale_attempt");
  });

  it("turns an unexpected exception into internal with a generic message, logged but not leaked", async () => {
    const response = await fetch(`${srv.url}/v1/task/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fence) });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|postgres|db\.ts|at /);
    const body = JSON.parse(text) as ConnectErrorBody;
    expect(body).toMatchObject({ code: "internal", message: "internal error" });
    expect(reasonOf(body)).toBe("internal");
    const logged = srv.logLines.find((line) => line["msg"] === "rpc handler failed");
    expect(logged).toMatchObject({ level: "error", procedure: "trace.dispatcher.v1.TaskService/EmitEvents" });
    expect(JSON.stringify(logged)).toContain("hunter2"); // the operator sees the cause in the log
  });

  it("serves the plain JSON slots: healthz, readyz, metrics, jwks", async () => {
    const health = await getJson(`${srv.url}/healthz`);
    expect(health).toMatchObject({ status: 200, json: { status: "ok" } });

    const ready = await getJson(`${srv.url}/readyz`);
    expect(ready).toMatchObject({ status: 503, json: { status: "not_ready", checks: { database: "unreachable" } } });

    const metrics = await fetch(`${srv.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await metrics.text()).toBe("# TYPE dispatcher_up gauge\ndispatcher_up 1\n");

    const jwks = await getJson(`${srv.url}/internal/jwks/task`);
    expect(jwks.status).toBe(200);
    expect(jwks.json).toEqual({ keys: [{ kty: "EC", crv: "P-256", kid: "k1", x: "x", y: "y" }] });

    const post = await postJson(`${srv.url}/healthz`, {});
    expect(post.status).toBe(405);
    expect(reasonOf(post.json as unknown as ConnectErrorBody)).toBe("method_not_allowed");
  });
});

describe("request body cap", () => {
  let srv: RunningServer;
  let calls = 0;
  const heartbeat = () => {
    calls++;
    return { cancelRequested: true };
  };

  beforeAll(async () => {
    srv = await startServer({ services: [bindService(TaskService, { heartbeat })] });
  });
  afterAll(async () => srv.close());

  it("refuses a declared Content-Length over the default 1 MiB before reading the body", async () => {
    calls = 0;
    // Declares 2 MiB and keeps sending; the answer comes without the body ever being complete.
    const reply = await sendUnendingBody(
      `${srv.url}/v1/task/heartbeat`,
      { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) },
      Buffer.alloc(16 * 1024, 0x20),
    );
    expect(reply.status).toBe(413);
    expect(reply.headers["connection"]).toBe("close");
    const body = JSON.parse(reply.body) as ConnectErrorBody;
    expect(body.code).toBe("resource_exhausted");
    expect(reasonOf(body)).toBe("body_too_large");
    expect(calls).toBe(0);
  });

  it("refuses a chunked body as soon as it passes the cap, without waiting for its end", async () => {
    calls = 0;
    for (const path of ["/v1/task/heartbeat", "/trace.dispatcher.v1.TaskService/Heartbeat"]) {
      const reply = await sendUnendingBody(`${srv.url}${path}`, { "content-type": "application/json" }, Buffer.alloc(64 * 1024, 0x20));
      expect(reply.status).toBe(413);
      const body = JSON.parse(reply.body) as ConnectErrorBody;
      expect(body.code).toBe("resource_exhausted");
      expect(reasonOf(body)).toBe("body_too_large");
    }
    expect(calls).toBe(0);
  });

  it("refuses a small gzip body that inflates past the cap with 413 body_too_large", async () => {
    calls = 0;
    const inflated = `{"task_id": "t"${" ".repeat(2 * 1024 * 1024)}}`;
    const response = await fetch(`${srv.url}/v1/task/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync(inflated),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as ConnectErrorBody;
    expect(body.code).toBe("resource_exhausted");
    expect(reasonOf(body)).toBe("body_too_large");
    expect(calls).toBe(0);
    // Within the cap, a gzip body is accepted.
    const small = await fetch(`${srv.url}/v1/task/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: gzipSync('{"task_id": "t"}'),
    });
    expect(small.status).toBe(200);
    expect(calls).toBe(1);
  });

  it("accepts a body of exactly the cap and applies a configured cap", async () => {
    const small = await startServer({ services: [bindService(TaskService, { heartbeat })], maxBodyBytes: 4096 });
    try {
      const padded = (size: number) => {
        const json = JSON.stringify({ task_id: "t" });
        return json.slice(0, -1) + " ".repeat(size - json.length) + "}";
      };
      calls = 0;
      const atCap = await postJson(`${small.url}/v1/task/heartbeat`, padded(4096));
      expect(atCap).toMatchObject({ status: 200, json: { cancel_requested: true } });
      const over = await postJson(`${small.url}/v1/task/heartbeat`, padded(4097));
      expect(over.status).toBe(413);
      expect(reasonOf(over.json as unknown as ConnectErrorBody)).toBe("body_too_large");
      expect(calls).toBe(1);
    } finally {
      await small.close();
    }
  });
});
