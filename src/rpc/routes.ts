// The routing table, derived from the `(trace.dispatcher.v1.http)` method options in the generated
// descriptors. No path is written by hand: adding an RPC with an `http` option to a proto and
// regenerating is all it takes to serve it at its contract path.
import { getOption, hasOption } from "@bufbuild/protobuf";
import type { DescField, DescMethod, DescService } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { createMethodUrl } from "@connectrpc/connect/protocol";
import { http, HttpMethod } from "../../gen/ts/trace/dispatcher/v1/options_pb.js";

export type ContractHttpMethod = "GET" | "POST";

/** The contract route of an RPC, from its `http` option. */
export interface ContractRoute {
  readonly httpMethod: ContractHttpMethod;
  /** Absolute path, e.g. the one TaskService.Heartbeat declares. */
  readonly path: string;
}

/** One RPC and every path it answers on. */
export interface RpcRoute {
  readonly service: DescService;
  readonly method: DescMethod;
  /** The standard Connect path, `/<package>.<Service>/<Method>`. */
  readonly connectPath: string;
  /** Absent when the RPC declares no `http` option (served at its Connect path only). */
  readonly contract: ContractRoute | undefined;
}

export interface RouteTable {
  readonly routes: readonly RpcRoute[];
  readonly byConnectPath: ReadonlyMap<string, RpcRoute>;
  /** Contract path → HTTP method → RPC. One path may serve several RPCs by method (GET lists, POST creates). */
  readonly byContractPath: ReadonlyMap<string, ReadonlyMap<ContractHttpMethod, RpcRoute>>;
}

/** Thrown at startup when the descriptors declare routes that cannot be served as written. */
export class RouteTableError extends Error {
  override readonly name = "RouteTableError";
}

/** The contract route an RPC declares, or undefined when it declares none. */
export function contractRouteOf(method: DescMethod): ContractRoute | undefined {
  if (!hasOption(method, http)) return undefined;
  const option = getOption(method, http);
  const where = `${method.parent.typeName}.${method.name}`;
  let httpMethod: ContractHttpMethod;
  switch (option.method) {
    case HttpMethod.GET:
      httpMethod = "GET";
      break;
    case HttpMethod.POST:
      httpMethod = "POST";
      break;
    default:
      throw new RouteTableError(`${where}: http option without a method`);
  }
  if (!option.path.startsWith("/") || /[?#\s]/.test(option.path)) {
    throw new RouteTableError(`${where}: http path "${option.path}" must be an absolute path without query`);
  }
  return { httpMethod, path: option.path };
}

/**
 * Builds the routing table of `services`, refusing (at startup, not per request) anything that
 * could not be served faithfully: a (path, method) declared twice, a contract path equal to a
 * Connect path, streaming RPCs on a contract path, GET routes on
 * RPCs with side effects or with request fields a query string cannot express.
 */
export function deriveRouteTable(services: readonly DescService[]): RouteTable {
  const routes: RpcRoute[] = [];
  const byConnectPath = new Map<string, RpcRoute>();
  const byContractPath = new Map<string, Map<ContractHttpMethod, RpcRoute>>();
  for (const service of services) {
    for (const method of service.methods) {
      const contract = contractRouteOf(method);
      if (contract !== undefined) assertServable(method, contract);
      const route: RpcRoute = { service, method, connectPath: createMethodUrl("/", method), contract };
      if (byConnectPath.has(route.connectPath)) {
        throw new RouteTableError(`${route.connectPath}: service registered twice`);
      }
      byConnectPath.set(route.connectPath, route);
      routes.push(route);
    }
  }
  for (const route of routes) {
    if (route.contract === undefined) continue;
    const { path, httpMethod } = route.contract;
    const byMethod = byContractPath.get(path) ?? new Map<ContractHttpMethod, RpcRoute>();
    const clash = byMethod.get(httpMethod) ?? byConnectPath.get(path);
    if (clash !== undefined) {
      throw new RouteTableError(`${httpMethod} ${path}: declared by ${route.method.name} and by ${clash.method.name}`);
    }
    byMethod.set(httpMethod, route);
    byContractPath.set(path, byMethod);
  }
  return { routes, byConnectPath, byContractPath };
}

function assertServable(method: DescMethod, contract: ContractRoute): void {
  const where = `${method.parent.typeName}.${method.name}`;
  if (method.methodKind !== "unary") {
    throw new RouteTableError(`${where}: contract routes serve unary RPCs only`);
  }
  if (contract.httpMethod !== "GET") return;
  if (method.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS) {
    throw new RouteTableError(`${where}: a GET route requires idempotency_level = NO_SIDE_EFFECTS`);
  }
  for (const field of method.input.fields) {
    if (!isQueryExpressible(field)) {
      throw new RouteTableError(`${where}: request field ${field.name} cannot be read from a query string`);
    }
  }
}

/** Scalars and enums, singular or repeated; messages and maps have no query-string form. */
export function isQueryExpressible(field: DescField): boolean {
  switch (field.fieldKind) {
    case "scalar":
    case "enum":
      return true;
    case "list":
      return field.listKind === "scalar" || field.listKind === "enum";
    default:
      return false;
  }
}
