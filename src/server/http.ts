// The Dispatcher's HTTP front door: HTTP/1.1 and h2c on one port (one-port.ts). Every RPC answers
// at its Connect path in Connect, gRPC and gRPC-Web, and at the contract path its proto `http`
// option declares in Connect only; all reach the same connect handler, so auth, decoding and errors
// cannot differ between them. This module owns what connect leaves to the server: routing by
// contract path, GET query mapping, method/content-type/size refusals before any body byte is
// read, and an ErrorDetail reason on every error, in the caller's protocol (rpc-protocols.ts).
import { setMaxListeners } from "node:events";
import type * as http from "node:http";
import type * as http2 from "node:http2";
import type * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, createConnectRouter } from "@connectrpc/connect";
import type { ConnectRouter, ContextValues, Interceptor, ServiceImpl } from "@connectrpc/connect";
import type { UniversalHandler, UniversalServerRequest, UniversalServerResponse } from "@connectrpc/connect/protocol";
import { contentTypeUnaryJson, contentTypeUnaryRegExp } from "@connectrpc/connect/protocol-connect";
import {
  compressionBrotli,
  compressionGzip,
  universalResponseToNodeResponse,
} from "@connectrpc/connect-node";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { createLogger } from "../log/logger.js";
import type { Logger } from "../log/logger.js";
import { errorReason, refuse, TransportReason } from "../rpc/errors.js";
import { errorResponse, HTTP_PAYLOAD_TOO_LARGE, singleChunk, withReasonDetail } from "../rpc/error-response.js";
import { storableRequestInterceptor, unexpectedErrorInterceptor } from "../rpc/interceptors.js";
import { contractJsonOptions } from "../contract/json-format.js";
import { requestJsonFromQuery } from "../rpc/query.js";
import { deriveRouteTable } from "../rpc/routes.js";
import type { ContractHttpMethod, RouteTable, RpcRoute } from "../rpc/routes.js";
import { bodyTooLarge, cappedBody, declaresTooLargeBody, DEFAULT_MAX_BODY_BYTES, lingerBeforeClose, readCappedBody } from "./body-limit.js";
import { createOnePortServer } from "./one-port.js";
import type { RequestListener, TlsIdentity } from "./one-port.js";
import { isGrpcContentType, refusalResponse, wireProtocolOf, withReasonInTrailers } from "./rpc-protocols.js";
import type { WireProtocol } from "./rpc-protocols.js";
import { plainRouteTable } from "./plain-routes.js";
import { clientGoneSignal, isCleartextHttp1, universalRequestOf, urlOf } from "./universal-request.js";
import { unaryJsonMethods } from "./unary-json.js";
import type { UnaryJsonMethod, UnaryJsonOptions } from "./unary-json.js";
import type { PlainReply, PlainRouteProviders } from "./plain-routes.js";
import type { StaticMount, StaticReply } from "./static-files.js";

/** A service descriptor with its (possibly partial) implementation; see bindService. */
export interface ServiceBinding {
  readonly service: DescService;
  readonly register: (router: ConnectRouter) => void;
  /** The same implementation's unary methods for the Connect JSON path that bypasses connect's handler (unary-json.ts). */
  readonly unaryJson: (options: UnaryJsonOptions) => Map<string, UnaryJsonMethod>;
}

/** Pairs a generated service with its implementation, type-checked per method. */
export function bindService<S extends DescService>(service: S, impl: Partial<ServiceImpl<S>>): ServiceBinding {
  return { service, register: (router) => router.service(service, impl), unaryJson: (options) => unaryJsonMethods(service, impl, options) };
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
  contextValues?: (request: ServerRequest, route: RpcRoute) => ContextValues | Promise<ContextValues>;
  /**
   * Called once per finished request with a bounded route label (the contract path, the plain
   * path, or "unmatched"; never the raw URL), its status and its duration: for metrics.
   */
  onRequestFinished?: (route: string, status: number, seconds: number) => void;
  /** How long close() waits for in-flight requests before cutting connections. Default 10 s. */
  shutdownGraceMs?: number;
  /** Serve TLS (ALPN h2 and http/1.1) with this certificate instead of cleartext HTTP/1.1 and h2c. */
  tls?: TlsIdentity;
}

/** A request over HTTP/1.1 or HTTP/2. */
export type ServerRequest = http.IncomingMessage | http2.Http2ServerRequest;
type ServerResponse = http.ServerResponse | http2.Http2ServerResponse;

export interface DispatcherHandler {
  readonly listener: RequestListener;
  readonly routes: RouteTable;
  /** Aborts handlers' shutdown signal (HandlerContext.signal). */
  readonly abortHandlers: () => void;
}

export interface DispatcherServer {
  /** The listening server; HTTP/2 connections on its port are handed to a node:http2 server. */
  readonly server: http.Server | https.Server;
  readonly routes: RouteTable;
  /** Starts listening; port 0 picks a free port. Resolves with the base URL, e.g. http://127.0.0.1:4000 (https:// with TLS) */
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
  // Storable-value checks run innermost: authentication and the fence's claim check (CONTRACT §4)
  // answer first, then no handler sees a value the database cannot store.
  const interceptors = [unexpectedErrorInterceptor(logger), ...(options.interceptors ?? []), storableRequestInterceptor()];
  const acceptCompression = [compressionGzip, compressionBrotli];
  const router = createConnectRouter({
    // The same handlers in all three protocols; the contract paths stay Connect only (serve()).
    connect: true,
    grpc: true,
    grpcWeb: true,
    jsonOptions: contractJsonOptions,
    // A second guard behind cappedBody, for what decompression of a gzip body produces.
    readMaxBytes: maxBodyBytes,
    acceptCompression,
    interceptors,
    shutdownSignal: shutdown.signal,
  });
  for (const binding of options.services) binding.register(router);
  const handlers = new Map<string, UniversalHandler>();
  for (const handler of router.handlers) handlers.set(handler.requestPath, handler);
  // The common call (unary, Connect JSON, uncompressed, HTTP/1.1) skips connect's per-call handler
  // machinery; the same interceptors and implementations answer it (unary-json.ts).
  const unaryJsonOptions: UnaryJsonOptions = { jsonOptions: contractJsonOptions, interceptors, acceptCompression, readMaxBytes: maxBodyBytes, shutdownSignal: shutdown.signal };
  const unaryJson = new Map<string, UnaryJsonMethod>();
  for (const binding of options.services) for (const [path, method] of binding.unaryJson(unaryJsonOptions)) unaryJson.set(path, method);

  // The methods each contract path answers, listed once (a 405 names them).
  const contractPathMethods = new Map<string, readonly string[]>();
  for (const [path, byMethod] of routes.byContractPath) contractPathMethods.set(path, [...byMethod.keys()]);

  /** Serves one request; `reply` answers in the request's protocol, `servedBy` learns which handler answers an RPC. */
  const serve = async (request: ServerRequest, response: ServerResponse, protocol: WireProtocol, reply: Reply, servedBy: (handler: RpcHandler) => void): Promise<void> => {
    // Split by hand: URL parsing would read a target like "//host/path" as an authority.
    const target = request.url ?? "/";
    const queryStart = target.indexOf("?");
    const url = { pathname: queryStart < 0 ? target : target.slice(0, queryStart) };
    const query = () => new URLSearchParams(queryStart < 0 ? "" : target.slice(queryStart + 1));
    const method = request.method ?? "";

    const mount = options.staticMounts?.find((m) => url.pathname.startsWith(m.prefix) || url.pathname === m.prefix.slice(0, -1));
    if (mount !== undefined) {
      if (method !== GET && method !== "HEAD") return reply(methodNotAllowed([GET, "HEAD"]));
      return sendStatic(response, mount.reply(url.pathname), method === "HEAD");
    }

    const plain = plainRoutes.get(url.pathname);
    if (plain !== undefined) {
      if (method !== GET) return reply(methodNotAllowed([GET]));
      return sendPlain(response, await plain());
    }

    const viaConnect = routes.byConnectPath.get(url.pathname);
    const viaContract = routes.byContractPath.get(url.pathname);
    if (viaConnect === undefined && viaContract === undefined) {
      // gRPC's answer for an unknown method is UNIMPLEMENTED on HTTP 200 (what an ALB gRPC health check expects).
      return reply(refuse(Code.Unimplemented, TransportReason.unknownPath, `no route for ${url.pathname}`), 404);
    }
    const route = viaConnect ?? viaContract?.get(contractMethodOf(method) ?? POST);
    const handler = route === undefined ? undefined : handlers.get(route.connectPath);
    const allowed = viaConnect !== undefined ? connectPathMethods(viaConnect) : (contractPathMethods.get(url.pathname) ?? []);
    if (route === undefined || handler === undefined || !allowed.includes(method)) {
      return reply(methodNotAllowed(allowed));
    }

    // The contract paths are Connect/JSON as the seed defines them; gRPC lives on the Connect paths.
    if (method === POST && protocol !== "connect" && viaConnect === undefined) return reply(errorResponse(unsupportedMediaType(), 415, ACCEPT_POST));
    const pendingValues = options.contextValues?.(request, route);
    const contextValues = pendingValues instanceof Promise ? await pendingValues : pendingValues;
    let uRequest: UniversalServerRequest;
    if (method === POST) {
      const contentType = request.headers["content-type"] ?? "";
      if (!contentTypeUnaryRegExp.test(contentType) && !isGrpcContentType(contentType)) return reply(unsupportedMediaType(), 415, ACCEPT_POST);
      // gRPC bodies count whole: the 5-byte envelope headers are body bytes too.
      if (declaresTooLargeBody(request, maxBodyBytes)) return reply(bodyTooLarge(maxBodyBytes));
      const lean = protocol === "connect" ? unaryJson.get(route.connectPath) : undefined;
      if (lean !== undefined && isCleartextHttp1(request, response) && lean.accepts(request.headers)) {
        const answer = await lean.serve({
          method: POST,
          url: urlOf(request, route.connectPath),
          headers: request.headers,
          signal: () => clientGoneSignal(request, response as http.ServerResponse), // isCleartextHttp1 checked it
          contextValues,
          readBody: () => readCappedBody(request, maxBodyBytes),
        });
        servedBy("unary-json");
        if (!answer.ok) return reply(answer.response);
        return sendWhole(response, answer.status, answer.headers, answer.body);
      }
      uRequest = { ...universalRequestOf(request, response, route.connectPath, contextValues), body: cappedBody(request, maxBodyBytes) };
    } else if (viaConnect === undefined) {
      // A GET contract route: the request comes from the query string and is handed to the
      // connect handler as the equivalent JSON POST, so decoding and errors stay connect's.
      const json = requestJsonFromQuery(route.method.input, query());
      const base = universalRequestOf(request, response, route.connectPath, contextValues);
      const header = new Headers(base.header);
      header.set("content-type", contentTypeUnaryJson);
      header.delete("content-length");
      header.delete("content-encoding");
      uRequest = { ...base, method: POST, header, body: singleChunk(new TextEncoder().encode(JSON.stringify(json))) };
    } else {
      // Connect GET (?connect=v1&encoding=json&message=...) on a side-effect-free RPC: the query stays.
      uRequest = universalRequestOf(request, response, target, contextValues);
    }
    servedBy("connect");
    await reply(await handler(uRequest));
  };

  const listener: RequestListener = (request, response) => {
    const started = process.hrtime.bigint();
    // Only a POST can be a gRPC call; everything else is answered the Connect/HTTP way.
    const protocol = request.method === POST ? wireProtocolOf(request.headers["content-type"]) : "connect";
    // gRPC answers every call with HTTP 200; metrics and logs record the status a Connect client
    // would have seen for the same outcome, so a status means the same whatever the protocol.
    let outcomeStatus: number | undefined;
    let rpcHandler: RpcHandler | undefined;
    response.once("finish", () => {
      const status = outcomeStatus ?? response.statusCode;
      options.onRequestFinished?.(routeLabel(request.url ?? "/"), status, Number(process.hrtime.bigint() - started) / 1e9);
      if (!logger.enabled("debug")) return;
      logger.debug("http request", {
        method: request.method,
        path: (request.url ?? "").split("?", 1)[0], // never the query: it may carry identifiers
        status,
        protocol,
        ...(rpcHandler !== undefined ? { handler: rpcHandler } : {}),
        http_version: request.httpVersion,
        duration_ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    const reply: Reply = (answer, status, header) => {
      const uResponse = answer instanceof ConnectError ? refusalResponse(protocol, answer, status, header) : answer;
      if (protocol === "connect" || uResponse.status !== 200) return send(response, uResponse);
      return send(response, withReasonInTrailers(protocol, uResponse, (connectStatus) => (outcomeStatus = connectStatus)));
    };
    serve(request, response, protocol, reply, (handler) => (rpcHandler = handler)).catch(async (error: unknown) => {
      if (error instanceof ConnectError && errorReason(error) !== undefined && !response.headersSent) {
        // A refusal raised before reaching connect (authentication, a bad query parameter).
        return reply(error);
      }
      logger.error("http request failed", { method: request.method, path: (request.url ?? "").split("?", 1)[0], error });
      if (!response.headersSent) {
        return reply(refuse(Code.Internal, TransportReason.internal, "internal error"));
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

/** Which handler answered an RPC: connect's own, or the unary Connect-JSON path (unary-json.ts). Logged with each request. */
type RpcHandler = "connect" | "unary-json";

/**
 * Answers a request in its protocol: a ready response, or a refusal (with the HTTP status and
 * headers a Connect answer gets; gRPC answers carry the code in grpc-status instead).
 */
type Reply = (answer: UniversalServerResponse | ConnectError, status?: number, header?: HeadersInit) => Promise<void>;

/** A server on one port serving the Dispatcher's routes over HTTP/1.1 and h2c. */
export function createDispatcherServer(options: DispatcherHttpOptions): DispatcherServer {
  const { listener, routes, abortHandlers } = createDispatcherHandler(options);
  const { server, closeGracefully, destroyConnections } = createOnePortServer(listener, options.tls);
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
          resolve({ url: `${options.tls === undefined ? "http" : "https"}://${hostPart}:${address.port}` });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        const cutoff = setTimeout(() => {
          abortHandlers();
          server.closeAllConnections();
          destroyConnections();
        }, graceMs);
        cutoff.unref();
        server.close((error) => {
          clearTimeout(cutoff);
          abortHandlers();
          if (error !== undefined) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
        closeGracefully();
      }),
  };
}

/** Methods a Connect path accepts: POST, and GET for RPCs without side effects (Connect GET). */
function connectPathMethods(route: RpcRoute): readonly string[] {
  return route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS ? POST_OR_GET : POST_ONLY;
}
const POST_ONLY: readonly string[] = [POST];
const POST_OR_GET: readonly string[] = [POST, GET];

function methodNotAllowed(allowed: readonly string[]): UniversalServerResponse {
  const error = refuse(Code.Unimplemented, TransportReason.methodNotAllowed, `method not allowed; use ${allowed.join(" or ")}`);
  return errorResponse(error, 405, { allow: allowed.join(", ") });
}

const ACCEPT_POST = { "accept-post": "application/json, application/proto" };

function unsupportedMediaType() {
  return refuse(Code.InvalidArgument, TransportReason.unsupportedMediaType, "content type must be application/json or application/proto");
}

async function send(response: ServerResponse, uResponse: UniversalServerResponse): Promise<void> {
  const final = await withReasonDetail(uResponse);
  const header = new Headers(final.header);
  if ("stream" in response) {
    // HTTP/2 forbids connection-specific headers (node throws); a stream answered before its body
    // was read is reset with NO_ERROR after the answer instead (universalResponseToNodeResponse).
    header.delete("connection");
    return universalResponseToNodeResponse({ ...final, header }, response);
  }
  // A body refused as too large is left unread: close without a reset, so the client reads the
  // answer (413 in Connect, RESOURCE_EXHAUSTED in gRPC-Web; both say connection: close).
  if (final.status === HTTP_PAYLOAD_TOO_LARGE || header.get("connection") === "close") lingerBeforeClose(response.req);
  await universalResponseToNodeResponse(final, response);
}

function sendPlain(response: ServerResponse, reply: PlainReply): void {
  const headers: http.OutgoingHttpHeaders = {
    "content-type": reply.contentType,
    "content-length": Buffer.byteLength(reply.body),
    "cache-control": reply.cacheControl ?? "no-store",
  };
  sendWhole(response, reply.status, headers, reply.body);
}

function sendStatic(response: ServerResponse, reply: StaticReply, headOnly: boolean): void {
  sendWhole(response, reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) }, headOnly ? undefined : reply.body);
}

/** A complete answer in one write, on either HTTP version (their response types share no call signature). */
function sendWhole(response: ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: string | Uint8Array | undefined): void {
  if ("stream" in response) response.writeHead(status, headers).end(body ?? "");
  else response.writeHead(status, headers).end(body);
}
