// The Dispatcher's HTTP front door on node:http. Every RPC answers at its Connect path and at the
// contract path its proto `http` option declares; both reach the same connect handler, so auth,
// decoding and errors cannot differ between them. This module owns what connect leaves to the
// server: routing by contract path, GET query mapping, method/content-type/size refusals before
// any body byte is read, and an ErrorDetail reason on every error.
import { setMaxListeners } from "node:events";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, createConnectRouter } from "@connectrpc/connect";
import type { ConnectRouter, ContextValues, Interceptor, ServiceImpl } from "@connectrpc/connect";
import type { UniversalHandler, UniversalServerRequest, UniversalServerResponse } from "@connectrpc/connect/protocol";
import { contentTypeUnaryJson, contentTypeUnaryRegExp } from "@connectrpc/connect/protocol-connect";
import { compressionBrotli, compressionGzip, universalResponseToNodeResponse } from "@connectrpc/connect-node";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { createLogger } from "../log/logger.js";
import type { Logger } from "../log/logger.js";
import { errorReason, refuse, TransportReason } from "../rpc/errors.js";
import { errorResponse, HTTP_PAYLOAD_TOO_LARGE, withReasonDetail } from "../rpc/error-response.js";
import { storableRequestInterceptor, unexpectedErrorInterceptor } from "../rpc/interceptors.js";
import { contractJsonOptions } from "../contract/json-format.js";
import { requestJsonFromQuery } from "../rpc/query.js";
import { deriveRouteTable } from "../rpc/routes.js";
import type { ContractHttpMethod, RouteTable, RpcRoute } from "../rpc/routes.js";
import { bodyTooLarge, cappedBody, declaresTooLargeBody, DEFAULT_MAX_BODY_BYTES, lingerBeforeClose } from "./body-limit.js";
import { plainRouteTable } from "./plain-routes.js";
import { universalRequestOf } from "./universal-request.js";
import type { PlainReply, PlainRouteProviders } from "./plain-routes.js";
import type { StaticMount, StaticReply } from "./static-files.js";

/** A service descriptor with its (possibly partial) implementation; see bindService. */
export interface ServiceBinding {
  readonly service: DescService;
  readonly register: (router: ConnectRouter) => void;
}

/** Pairs a generated service with its implementation, type-checked per method. */
export function bindService<S extends DescService>(service: S, impl: Partial<ServiceImpl<S>>): ServiceBinding {
  return { service, register: (router) => router.service(service, impl) };
}

export interface DispatcherHttpOptions {
  /** The services to serve; their RPCs without an implementation answer `unimplemented`. */
  services: readonly ServiceBinding[];
  /** Providers of the non-RPC endpoints (healthz is always served). */
  plainRoutes?: PlainRouteProviders;
  /** Static files under path prefixes (the operator console), GET and HEAD only. */
  staticMounts?: readonly StaticMount[];
  /** Request body cap in bytes, for every path. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Run around every RPC, inside the built-in unexpected-error interceptor and outside the built-in
   * storable-value check. First is outermost.
   */
  interceptors?: readonly Interceptor[];
  logger?: Logger;
  /** Per-request context values for handlers and interceptors (e.g. the caller's address). */
  /**
   * Per-request context for the handlers, computed from the headers BEFORE the body is read or
   * parsed (authentication runs here, so a caller without credentials learns nothing about how
   * its body would parse). Throwing a refusal (refuse()) answers it at once.
   */
  contextValues?: (request: http.IncomingMessage, route: RpcRoute) => ContextValues | Promise<ContextValues>;
  /**
   * Called once per finished request with a bounded route label (the contract path, the plain
   * path, or "unmatched"; never the raw URL), its status and its duration: for metrics.
   */
  onRequestFinished?: (route: string, status: number, seconds: number) => void;
  /** How long close() waits for in-flight requests before cutting connections. Default 10 s. */
  shutdownGraceMs?: number;
}

export interface DispatcherHandler {
  readonly listener: http.RequestListener;
  readonly routes: RouteTable;
  /** Aborts handlers' shutdown signal (HandlerContext.signal). */
  readonly abortHandlers: () => void;
}

export interface DispatcherServer {
  readonly server: http.Server;
  readonly routes: RouteTable;
  /** Starts listening; port 0 picks a free port. Resolves with the base URL, e.g. http://127.0.0.1:4000 */
  listen(host: string, port: number): Promise<{ url: string }>;
  /** Stops accepting, lets in-flight requests finish (up to shutdownGraceMs), then closes. */
  close(): Promise<void>;
}

const POST = "POST";
const GET = "GET";

function contractMethodOf(method: string): ContractHttpMethod | undefined {
  return method === GET || method === POST ? method : undefined;
}

/** The request listener alone, for embedding in a server created elsewhere. */
export function createDispatcherHandler(options: DispatcherHttpOptions): DispatcherHandler {
  const logger = options.logger ?? createLogger();
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new RangeError(`maxBodyBytes must be a positive integer, got ${maxBodyBytes}`);
  }
  const routes = deriveRouteTable(options.services.map((binding) => binding.service));
  const plainRoutes = plainRouteTable(options.plainRoutes ?? {}, logger);
  for (const path of plainRoutes.keys()) {
    if (routes.byContractPath.has(path) || routes.byConnectPath.has(path)) {
      throw new Error(`${path} is both a plain route and an RPC route`);
    }
  }

  const shutdown = new AbortController();
  // Every in-flight call links its signal to this one (and unlinks when it ends); more than 10
  // concurrent calls is normal load, not a listener leak, so do not warn about it.
  setMaxListeners(0, shutdown.signal);
  const router = createConnectRouter({
    // Connect only: the contract is Connect over HTTP/JSON (or binary proto); no gRPC variants.
    connect: true,
    grpc: false,
    grpcWeb: false,
    jsonOptions: contractJsonOptions,
    // A second guard behind cappedBody, for what decompression of a gzip body produces.
    readMaxBytes: maxBodyBytes,
    acceptCompression: [compressionGzip, compressionBrotli],
    // Storable-value checks run innermost: authentication and the fence's claim check (CONTRACT
    // §4) answer first, then no handler sees a value the database cannot store.
    interceptors: [unexpectedErrorInterceptor(logger), ...(options.interceptors ?? []), storableRequestInterceptor()],
    shutdownSignal: shutdown.signal,
  });
  for (const binding of options.services) binding.register(router);
  const handlers = new Map<string, UniversalHandler>();
  for (const handler of router.handlers) handlers.set(handler.requestPath, handler);

  const serve = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    // Split by hand: URL parsing would read a target like "//host/path" as an authority.
    const target = request.url ?? "/";
    const queryStart = target.indexOf("?");
    const url = {
      pathname: queryStart < 0 ? target : target.slice(0, queryStart),
      searchParams: new URLSearchParams(queryStart < 0 ? "" : target.slice(queryStart + 1)),
    };
    const method = request.method ?? "";

    const mount = options.staticMounts?.find((m) => url.pathname.startsWith(m.prefix) || url.pathname === m.prefix.slice(0, -1));
    if (mount !== undefined) {
      if (method !== GET && method !== "HEAD") return send(response, methodNotAllowed([GET, "HEAD"]));
      return sendStatic(response, mount.reply(url.pathname), method === "HEAD");
    }

    const plain = plainRoutes.get(url.pathname);
    if (plain !== undefined) {
      if (method !== GET) return send(response, methodNotAllowed([GET]));
      return sendPlain(response, await plain());
    }

    const viaConnect = routes.byConnectPath.get(url.pathname);
    const viaContract = routes.byContractPath.get(url.pathname);
    if (viaConnect === undefined && viaContract === undefined) {
      return send(response, errorResponse(refuse(Code.Unimplemented, TransportReason.unknownPath, `no route for ${url.pathname}`), 404));
    }
    const allowed = viaConnect !== undefined ? connectPathMethods(viaConnect) : [...(viaContract?.keys() ?? [])];
    const route = viaConnect ?? viaContract?.get(contractMethodOf(method) ?? POST);
    const handler = route === undefined ? undefined : handlers.get(route.connectPath);
    if (route === undefined || handler === undefined || !allowed.includes(method)) {
      return send(response, methodNotAllowed(allowed));
    }

    const contextValues = await options.contextValues?.(request, route);
    let uRequest: UniversalServerRequest;
    if (method === POST) {
      if (!contentTypeUnaryRegExp.test(request.headers["content-type"] ?? "")) {
        return send(response, errorResponse(refuse(Code.InvalidArgument, TransportReason.unsupportedMediaType, "content type must be application/json or application/proto"), 415, { "accept-post": "application/json, application/proto" }));
      }
      if (declaresTooLargeBody(request, maxBodyBytes)) return send(response, errorResponse(bodyTooLarge(maxBodyBytes)));
      uRequest = { ...universalRequestOf(request, response, route.connectPath, contextValues), body: cappedBody(request, maxBodyBytes) };
    } else if (viaConnect === undefined) {
      // A GET contract route: the request comes from the query string and is handed to the
      // connect handler as the equivalent JSON POST, so decoding and errors stay connect's.
      const json = requestJsonFromQuery(route.method.input, url.searchParams);
      const base = universalRequestOf(request, response, route.connectPath, contextValues);
      const header = new Headers(base.header);
      header.set("content-type", contentTypeUnaryJson);
      header.delete("content-length");
      header.delete("content-encoding");
      uRequest = { ...base, method: POST, header, body: bodyOf(JSON.stringify(json)) };
    } else {
      // Connect GET (?connect=v1&encoding=json&message=...) on a side-effect-free RPC: the query stays.
      uRequest = universalRequestOf(request, response, target, contextValues);
    }
    await send(response, await handler(uRequest));
  };

  const listener: http.RequestListener = (request, response) => {
    const started = process.hrtime.bigint();
    response.once("finish", () => {
      options.onRequestFinished?.(routeLabel(request.url ?? "/"), response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
      logger.debug("http request", {
        method: request.method,
        path: (request.url ?? "").split("?", 1)[0], // never the query: it may carry identifiers
        status: response.statusCode,
        duration_ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    serve(request, response).catch(async (error: unknown) => {
      if (error instanceof ConnectError && errorReason(error) !== undefined && !response.headersSent) {
        // A refusal raised before reaching connect (e.g. a bad query parameter).
        return send(response, errorResponse(error));
      }
      logger.error("http request failed", { method: request.method, path: (request.url ?? "").split("?", 1)[0], error });
      if (!response.headersSent) {
        return send(response, errorResponse(refuse(Code.Internal, TransportReason.internal, "internal error")));
      }
      response.destroy();
    }).catch((error: unknown) => {
      logger.error("http response failed", { error });
      response.destroy();
    });
  };

  /** One label per route whichever path reached it: unknown paths must not grow the label set. */
  function routeLabel(target: string): string {
    const queryStart = target.indexOf("?");
    const pathname = queryStart < 0 ? target : target.slice(0, queryStart);
    if (plainRoutes.has(pathname) || routes.byContractPath.has(pathname)) return pathname;
    const viaConnect = routes.byConnectPath.get(pathname);
    return viaConnect === undefined ? "unmatched" : (viaConnect.contract?.path ?? viaConnect.connectPath);
  }

  return { listener, routes, abortHandlers: () => shutdown.abort() };
}

/** A node:http server serving the Dispatcher's routes. */
export function createDispatcherServer(options: DispatcherHttpOptions): DispatcherServer {
  const { listener, routes, abortHandlers } = createDispatcherHandler(options);
  const server = http.createServer(listener);
  const graceMs = options.shutdownGraceMs ?? 10_000;
  return {
    server,
    routes,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({ url: `http://${hostPart}:${address.port}` });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        const cutoff = setTimeout(() => {
          abortHandlers();
          server.closeAllConnections();
        }, graceMs);
        cutoff.unref();
        server.close((error) => {
          clearTimeout(cutoff);
          abortHandlers();
          if (error !== undefined) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Methods a Connect path accepts: POST, and GET for RPCs without side effects (Connect GET). */
function connectPathMethods(route: RpcRoute): string[] {
  return route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS ? [POST, GET] : [POST];
}

function methodNotAllowed(allowed: readonly string[]): UniversalServerResponse {
  const error = refuse(Code.Unimplemented, TransportReason.methodNotAllowed, `method not allowed; use ${allowed.join(" or ")}`);
  return errorResponse(error, 405, { allow: allowed.join(", ") });
}

async function send(response: http.ServerResponse, uResponse: UniversalServerResponse): Promise<void> {
  const final = await withReasonDetail(uResponse);
  // A body refused as too large is left unread: close without a reset, so the client reads the 413.
  if (final.status === HTTP_PAYLOAD_TOO_LARGE) lingerBeforeClose(response.req);
  await universalResponseToNodeResponse(final, response);
}

function sendPlain(response: http.ServerResponse, reply: PlainReply): void {
  const headers: http.OutgoingHttpHeaders = {
    "content-type": reply.contentType,
    "content-length": Buffer.byteLength(reply.body),
    "cache-control": reply.cacheControl ?? "no-store",
  };
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

function sendStatic(response: http.ServerResponse, reply: StaticReply, headOnly: boolean): void {
  response.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  response.end(headOnly ? undefined : reply.body);
}

async function* bodyOf(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}
