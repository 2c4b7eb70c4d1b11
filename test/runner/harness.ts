// Test harness for the runner: a real Connect TaskService (recording every call), a tiny HTTP
// server for bundle bytes, crafted zips for attacks, and runner options pointed at both.

import { afterAll, beforeAll } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Zip, ZipDeflate } from "fflate";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { TaskInvocationSchema, type TaskInvocation } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import {
  CompleteResponseSchema,
  HeartbeatResponseSchema,
  TaskService,
  type CompleteRequest,
  type CompleteResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
} from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { sha256Hex } from "../../src/bundle/hash.js";
import { defaultRunnerOptions, type RunnerLogEvent, type RunnerOptions } from "../../src/runner/options.js";

export const CAPABILITY = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0YXNrOnRlc3QifQ.c2lnbmF0dXJl";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface RecordedCall<T> {
  request: T;
  capability: string | null;
}

export interface FakeDispatcher {
  url: string;
  heartbeats: RecordedCall<HeartbeatRequest>[];
  completions: RecordedCall<CompleteRequest>[];
  /** Decides each heartbeat's reply (index counts from 0); default: renew for 120 s. */
  onHeartbeat: (request: HeartbeatRequest, index: number) => HeartbeatResponse;
  onComplete: (request: CompleteRequest, index: number) => CompleteResponse;
  /** Resolves on the next completion. */
  nextCompletion(): Promise<CompleteRequest>;
  close(): Promise<void>;
}

export function fencedError(reason: string): ConnectError {
  return new ConnectError(`refused: ${reason}`, Code.FailedPrecondition, undefined, [{ desc: ErrorDetailSchema, value: { reason } }]);
}

export function renewed(cancelRequested = false): HeartbeatResponse {
  return create(HeartbeatResponseSchema, { leaseExpiresAt: timestampFromDate(new Date(Date.now() + 120_000)), cancelRequested });
}

/** Starts a fake TaskService and a bundle server for the file's tests and closes them after. */
export function useFakeServers(use: (dispatcher: FakeDispatcher, bundles: BundleServer) => void): void {
  let dispatcher: FakeDispatcher | undefined;
  let bundles: BundleServer | undefined;
  beforeAll(async () => {
    dispatcher = await startFakeDispatcher();
    bundles = await startBundleServer();
    use(dispatcher, bundles);
  });
  afterAll(async () => {
    await dispatcher?.close();
    await bundles?.close();
  });
}

export async function startFakeDispatcher(): Promise<FakeDispatcher> {
  const waiters: Array<(request: CompleteRequest) => void> = [];
  const fake: FakeDispatcher = {
    url: "",
    heartbeats: [],
    completions: [],
    onHeartbeat: () => renewed(),
    onComplete: () => create(CompleteResponseSchema, { accepted: true }),
    nextCompletion: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => undefined,
  };
  const capability = (context: HandlerContext): string | null => context.requestHeader.get("x-trace-task-capability");
  const routes = (router: ConnectRouter): void => {
    router.service(TaskService, {
      heartbeat(request, context) {
        fake.heartbeats.push({ request, capability: capability(context) });
        return fake.onHeartbeat(request, fake.heartbeats.length - 1);
      },
      complete(request, context) {
        fake.completions.push({ request, capability: capability(context) });
        const reply = fake.onComplete(request, fake.completions.length - 1);
        for (const waiter of waiters.splice(0)) waiter(request);
        return reply;
      },
    });
  };
  const server = createServer(connectNodeAdapter({ routes, jsonOptions: { useProtoFieldName: true } }));
  fake.url = await listen(server);
  fake.close = () => close(server);
  return fake;
}

export interface BundleServer {
  /** Serves `bytes` and returns a presigned-looking URL for them. */
  serve(bytes: Uint8Array): string;
  requests: number;
  close(): Promise<void>;
}

export async function startBundleServer(): Promise<BundleServer> {
  const objects = new Map<string, Uint8Array>();
  let counter = 0;
  const state: BundleServer = {
    requests: 0,
    serve: () => "",
    close: async () => undefined,
  };
  const server = createServer((request, response) => {
    state.requests++;
    const path = new URL(request.url ?? "/", "http://x").pathname;
    const body = objects.get(path);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/zip", "content-length": body.byteLength }).end(body);
  });
  const base = await listen(server);
  state.serve = (bytes) => {
    const path = `/bundles/${++counter}.zip`;
    objects.set(path, bytes);
    return `${base}${path}?X-Amz-Signature=not-a-real-signature`;
  };
  state.close = () => close(server);
  return state;
}

export function invocationFor(bundleUrl: string, bundleSha256: string, overrides: Partial<Omit<TaskInvocation, "$typeName">> = {}): TaskInvocation {
  return create(TaskInvocationSchema, {
    taskId: "3b0b8f4e-7a53-4a47-9d44-0b8c1f0e6a11",
    attempt: 1,
    leaseToken: "6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e",
    leaseExpiresAt: timestampFromDate(new Date(Date.now() + 120_000)),
    capabilityToken: CAPABILITY,
    bundleUrl,
    bundleSha256,
    job: { dagName: "monad", name: "block_follower" },
    operator: "block_follower",
    ...overrides,
  });
}

export interface TestRunner {
  options: RunnerOptions;
  logs: RunnerLogEvent[];
  workRoot: string;
  /** Entries left in workRoot (must be none after a run). */
  leftovers(): string[];
}

let realPython: string | undefined;
/** The real interpreter, not a version-manager shim that needs HOME and friends. */
export function pythonExecutable(): string {
  realPython ??= execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
  return realPython;
}

export function testRunner(dispatcherUrl: string, overrides: Partial<RunnerOptions> = {}): TestRunner {
  const workRoot = mkdtempSync(join(tmpdir(), "runner-test-root-"));
  const logs: RunnerLogEvent[] = [];
  const options: RunnerOptions = {
    ...defaultRunnerOptions(dispatcherUrl),
    workRoot,
    timeoutMs: 30_000,
    killGraceMs: 200,
    completeAttempts: 2,
    pythonCommand: pythonExecutable(),
    sourceEnv: {},
    log: (event) => logs.push(event),
    ...overrides,
  };
  return { options, logs, workRoot, leftovers: () => readdirSync(workRoot) };
}

export interface CraftedEntry {
  name: string;
  data: Uint8Array | string;
  /** Unix mode including the file type bits, e.g. 0o120777 for a symlink. */
  unixMode?: number;
}

/** A zip with exactly these entries, in this order (duplicates allowed): for attacks. */
export function craftZip(entries: readonly CraftedEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const entry of entries) {
    const file = new ZipDeflate(entry.name, { level: 6 });
    file.os = 3;
    file.attrs = ((entry.unixMode ?? 0o100644) << 16) >>> 0;
    zip.add(file);
    file.push(typeof entry.data === "string" ? new TextEncoder().encode(entry.data) : entry.data, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

export function fileEntry(path: string, data: Uint8Array | string): { path: string; sha256: string; bytes: number } {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return { path, sha256: sha256Hex(bytes), bytes: bytes.byteLength };
}

export function manifestJson(value: Record<string, unknown>): string {
  return JSON.stringify({ schema_version: 1, runtime: "node", entrypoint: "main.mjs", ...value });
}
