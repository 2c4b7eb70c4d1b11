import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, createFileRegistry, setExtension } from "@bufbuild/protobuf";
import type { DescService } from "@bufbuild/protobuf";
import {
  file_google_protobuf_descriptor,
  FileDescriptorProtoSchema,
  MethodOptions_IdempotencyLevel,
  MethodOptionsSchema,
} from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { file_trace_dispatcher_v1_options, http, HttpMethod, HttpRouteSchema } from "../../gen/ts/trace/dispatcher/v1/options_pb.js";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { contractRouteOf, deriveRouteTable, RouteTableError } from "../../src/rpc/routes.js";
import { bindService } from "../../src/server/http.js";
import { PlainPath } from "../../src/server/paths.js";
import { startServer } from "./harness.js";
import type { RunningServer } from "./harness.js";

const CONTRACT_SERVICES: readonly DescService[] = [TaskService, WorkerService, AdminService];

describe("route table derived from the proto http options", () => {
  it("gives every RPC of every service a contract route, unique per (method, path)", () => {
    const table = deriveRouteTable(CONTRACT_SERVICES);
    const rpcCount = CONTRACT_SERVICES.reduce((n, s) => n + s.methods.length, 0);
    expect(table.routes).toHaveLength(rpcCount);
    const seen = new Set<string>();
    for (const route of table.routes) {
      expect(route.contract, route.method.name).toBeDefined();
      const key = `${route.contract?.httpMethod} ${route.contract?.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(table.byContractPath.get(route.contract?.path ?? "")?.get(route.contract?.httpMethod ?? "POST")).toBe(route);
      expect(table.byConnectPath.get(`/${route.service.typeName}/${route.method.name}`)).toBe(route);
    }
  });

  it("reads the contract paths of CONTRACT.md from the descriptors", () => {
    const contractOf = (service: DescService, name: string) =>
      contractRouteOf(service.methods.find((m) => m.name === name) ?? expect.unreachable(name));
    expect(contractOf(TaskService, "Heartbeat")).toEqual({ httpMethod: "POST", path: "/v1/task/heartbeat" });
    expect(contractOf(TaskService, "PublishBuffer")).toEqual({ httpMethod: "POST", path: "/v1/task/buffer-publish" });
    expect(contractOf(WorkerService, "ClaimTask")).toEqual({ httpMethod: "POST", path: "/internal/task-claim" });
    expect(contractOf(WorkerService, "FetchTask")).toEqual({ httpMethod: "GET", path: "/internal/task-fetch" });
  });

  describe("refuses at startup what it could not serve", () => {
    type MethodSpec = { name: string; input: string; route?: { method: HttpMethod; path: string }; noSideEffects?: boolean };
    const serviceWith = (methods: MethodSpec[]): DescService => {
      const file = create(FileDescriptorProtoSchema, {
        name: "test/routes.proto",
        package: "test.routes",
        syntax: "proto3",
        dependency: ["trace/dispatcher/v1/options.proto"],
        messageType: [
          { name: "Flat", field: [{ name: "id", number: 1, type: 9, label: 1, jsonName: "id" }] },
          { name: "Nested", field: [{ name: "flat", number: 1, type: 11, label: 1, typeName: ".test.routes.Flat", jsonName: "flat" }] },
        ],
        service: [
          {
            name: "Svc",
            method: methods.map((m) => {
              const options = create(MethodOptionsSchema, {
                idempotencyLevel: m.noSideEffects === true ? MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS : MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN,
              });
              if (m.route !== undefined) setExtension(options, http, create(HttpRouteSchema, m.route));
              return { name: m.name, inputType: `.test.routes.${m.input}`, outputType: ".test.routes.Flat", options };
            }),
          },
        ],
      });
      const registry = createFileRegistry(file, (name) =>
        name === "trace/dispatcher/v1/options.proto" ? file_trace_dispatcher_v1_options : name === "google/protobuf/descriptor.proto" ? file_google_protobuf_descriptor : undefined,
      );
      return registry.getService("test.routes.Svc") ?? expect.unreachable("service");
    };

    it("accepts a well-formed service, including an RPC without a route", () => {
      const table = deriveRouteTable([
        serviceWith([
          { name: "Get", input: "Flat", route: { method: HttpMethod.GET, path: "/x" }, noSideEffects: true },
          { name: "Put", input: "Nested", route: { method: HttpMethod.POST, path: "/x" } },
          { name: "Plain", input: "Flat" },
        ]),
      ]);
      expect(table.routes.map((r) => r.contract?.path)).toEqual(["/x", "/x", undefined]);
    });

    it.each<[string, MethodSpec[]]>([
      ["the same (method, path) twice", [
        { name: "A", input: "Flat", route: { method: HttpMethod.POST, path: "/x" } },
        { name: "B", input: "Flat", route: { method: HttpMethod.POST, path: "/x" } },
      ]],
      ["a GET route on an RPC with side effects", [{ name: "A", input: "Flat", route: { method: HttpMethod.GET, path: "/x" } }]],
      ["a GET route whose request has a message field", [{ name: "A", input: "Nested", route: { method: HttpMethod.GET, path: "/x" }, noSideEffects: true }]],
      ["a route without a method", [{ name: "A", input: "Flat", route: { method: HttpMethod.UNSPECIFIED, path: "/x" } }]],
      ["a relative path", [{ name: "A", input: "Flat", route: { method: HttpMethod.POST, path: "x" } }]],
      ["a path with a query", [{ name: "A", input: "Flat", route: { method: HttpMethod.POST, path: "/x?y=1" } }]],
      ["a contract path equal to a Connect path", [{ name: "A", input: "Flat", route: { method: HttpMethod.POST, path: "/test.routes.Svc/A" } }]],
    ])("%s", (_, methods) => {
      expect(() => deriveRouteTable([serviceWith(methods)])).toThrow(RouteTableError);
    });
  });
});

describe("every RPC answers at its contract route over HTTP", () => {
  const calls: string[] = [];
  let srv: RunningServer;

  /** An implementation of every method that records which RPC ran and answers an empty reply. */
  function recordingImpl<S extends DescService>(service: S): Partial<ServiceImpl<S>> {
    const impl: Record<string, () => object> = {};
    for (const method of service.methods) {
      impl[method.localName] = () => {
        calls.push(`${service.typeName}/${method.name}`);
        return {};
      };
    }
    return impl as unknown as Partial<ServiceImpl<S>>;
  }

  beforeAll(async () => {
    srv = await startServer({
      services: [bindService(TaskService, recordingImpl(TaskService)), bindService(WorkerService, recordingImpl(WorkerService)), bindService(AdminService, recordingImpl(AdminService))],
      plainRoutes: { jwksTask: () => ({ keys: [] }), metrics: () => "" },
    });
  });
  afterAll(async () => srv.close());

  it("reaches each RPC's own handler at its contract (method, path)", async () => {
    for (const route of deriveRouteTable(CONTRACT_SERVICES).routes) {
      const contract = route.contract ?? expect.unreachable(route.method.name);
      calls.length = 0;
      const response =
        contract.httpMethod === "GET"
          ? await fetch(`${srv.url}${contract.path}`)
          : await fetch(`${srv.url}${contract.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(response.status, `${contract.httpMethod} ${contract.path}`).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      await response.json();
      expect(calls).toEqual([`${route.service.typeName}/${route.method.name}`]);
    }
  });

  it("serves the plain routes at the constants of paths.ts", async () => {
    for (const path of Object.values(PlainPath)) {
      const response = await fetch(`${srv.url}${path}`);
      expect(response.status, path).toBe(200);
      await response.text();
    }
  });
});
