// The common call — a unary RPC in Connect's JSON encoding, uncompressed — served without
// Connect's per-call handler machinery, through the same pieces of Connect.
//
// Connect's unary handler builds, per call, a deadline signal, an AbortController linked to the
// request and shutdown signals, three Headers objects, and in a `finally` aborts that controller,
// which constructs an AbortError DOMException with a captured stack; then it parses the URL again,
// and its answer goes out through an async iterable. Under load that is a tenth of the Dispatcher's
// CPU per task (bench/e2e.ts --profile). This path keeps what the call means and drops the rest:
// the body is read under the same cap, decoded and encoded by Connect's own serialization for the
// method (so a bad body gets Connect's exact error), the SAME interceptors run in the same order
// around the same implementation, response compression is negotiated by Connect's own function,
// and the answer is written in one piece. Signals and headers a handler or interceptor never
// touches are never built. Everything else (binary, compressed requests, a malformed timeout
// header, streaming, gRPC, GET) goes to Connect's handler, unchanged.
import { create, isMessage, toJsonString, type DescMethodUnary, type DescService, type Message } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextValues, createServiceImplSpec } from "@connectrpc/connect";
import type { ContextValues, HandlerContext, Interceptor, ServiceImpl, UnaryRequest, UnaryResponse } from "@connectrpc/connect";
import { compressionNegotiate, createMethodSerializationLookup, getJsonOptions, mergeNonProtocolHeaders } from "@connectrpc/connect/protocol";
import type { Compression, UniversalServerResponse } from "@connectrpc/connect/protocol";
import {
  codeToHttpStatus,
  contentTypeUnaryJson,
  errorToJsonBytes,
  headerContentType,
  headerTimeout,
  headerUnaryAcceptEncoding,
  headerUnaryContentLength,
  headerUnaryEncoding,
  parseContentType,
  parseTimeout,
  trailerMux,
} from "@connectrpc/connect/protocol-connect";
import type { JsonReadOptions, JsonWriteOptions } from "@bufbuild/protobuf";
import type { IncomingHttpHeaders } from "node:http";
import { flatJsonReader } from "../contract/flat-json-reader.js";
import { singleChunk } from "../rpc/error-response.js";
import { webHeaders } from "./universal-request.js";

/** What a unary call needs from the HTTP request. */
export interface UnaryJsonRequest {
  readonly method: string;
  /** The URL handlers see (as Connect's handler would: the Connect path on this authority). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Aborted when the client goes away before the answer is complete (made only if something reads it). */
  signal(): AbortSignal;
  readonly contextValues: ContextValues | undefined;
  /** The whole body, read under the server's cap (throws its refusal). */
  readBody(): Promise<Uint8Array>;
}

/** A served call: a success to write as it is, or an error response for the server's error path. */
export type UnaryJsonAnswer = { ok: true; status: number; headers: Record<string, string>; body: string | Uint8Array } | { ok: false; response: UniversalServerResponse };

export interface UnaryJsonOptions {
  jsonOptions: Partial<JsonReadOptions & JsonWriteOptions>;
  /** The router's interceptors, first is outermost. */
  interceptors: readonly Interceptor[];
  acceptCompression: readonly Compression[];
  readMaxBytes: number;
  shutdownSignal: AbortSignal;
}

export interface UnaryJsonMethod {
  /** Whether this request is the common call (decided from its headers, before any body byte is read). */
  accepts(headers: IncomingHttpHeaders): boolean;
  serve(request: UnaryJsonRequest): Promise<UnaryJsonAnswer>;
}

// Connect names its headers in Title-Case; node:http hands them over in lower case.
const CONTENT_TYPE = headerContentType.toLowerCase();
const CONTENT_ENCODING = headerUnaryEncoding.toLowerCase();
const ACCEPT_ENCODING = headerUnaryAcceptEncoding.toLowerCase();
const CONTENT_LENGTH = headerUnaryContentLength.toLowerCase();
const TIMEOUT = headerTimeout.toLowerCase();

/** Decodes request bodies as Connect's JSON serializer does (invalid UTF-8 becomes U+FFFD). */
const utf8 = new TextDecoder();

/** Connect's default: no upper bound on a client's connect-timeout-ms. */
const NO_TIMEOUT_LIMIT = Number.MAX_SAFE_INTEGER;

/** Connect's default: answers smaller than this are never compressed. */
const COMPRESS_MIN_BYTES = 1024;

/** The unary methods of `service` served by this path, by their Connect path ("/pkg.Service/Method"). */
export function unaryJsonMethods<S extends DescService>(service: S, impl: Partial<ServiceImpl<S>>, options: UnaryJsonOptions): Map<string, UnaryJsonMethod> {
  const spec = createServiceImplSpec(service, impl);
  const methods = new Map<string, UnaryJsonMethod>();
  for (const method of service.methods) {
    if (method.methodKind !== "unary") continue;
    const implementation = spec.methods[method.localName];
    if (implementation?.kind !== "unary") continue;
    methods.set(`/${service.typeName}/${method.name}`, unaryJsonMethod(implementation.method, implementation.impl as UnaryImpl, options));
  }
  return methods;
}

type UnaryImpl = (request: unknown, context: HandlerContext) => unknown;

function unaryJsonMethod(method: DescMethodUnary, impl: UnaryImpl, options: UnaryJsonOptions): UnaryJsonMethod {
  const serialization = createMethodSerializationLookup(method, undefined, options.jsonOptions, { readMaxBytes: options.readMaxBytes, writeMaxBytes: 0xffffffff });
  const input = serialization.getI(false);
  // The common flat bodies skip protobuf-es's reflective reader; anything else goes to `input`.
  const readFlat = flatJsonReader<Message>(method.input);
  const writeOptions = getJsonOptions(options.jsonOptions); // what Connect's JSON serializer writes with
  const acceptCompression = [...options.acceptCompression]; // connect's signature takes a mutable array
  return {
    accepts(headers) {
      const type = parseContentType(single(headers[CONTENT_TYPE]));
      if (type === undefined || type.binary || type.stream) return false;
      const encoding = single(headers[CONTENT_ENCODING]);
      if (encoding !== null && encoding !== "identity") return false;
      // A malformed timeout is Connect's to refuse.
      return parseTimeout(single(headers[TIMEOUT]), NO_TIMEOUT_LIMIT).error === undefined;
    },
    async serve(request) {
      const timeout = parseTimeout(single(request.headers[TIMEOUT]), NO_TIMEOUT_LIMIT);
      const compression = compressionNegotiate(acceptCompression, null, single(request.headers[ACCEPT_ENCODING]), headerUnaryAcceptEncoding);
      const call = new UnaryCall(method, request, options.shutdownSignal, timeout.timeoutMs);
      try {
        const requestBody = await request.readBody();
        const message = readFlat(utf8.decode(requestBody)) ?? input.parse(requestBody);
        const answer = await invoke(method, impl, call, message, options.interceptors);
        // The answer stays a string when it goes out uncompressed: node:http then writes the
        // headers and the body as one string in one write (bytes would take a second, vectored one).
        const json = answerJson(method, answer, writeOptions);
        const jsonBytes = Buffer.byteLength(json);
        const body = compression.response !== null && jsonBytes >= COMPRESS_MIN_BYTES ? await compressed(Buffer.from(json), compression.response, call) : json;
        const headers = call.headersOut();
        headers[CONTENT_LENGTH] = String(typeof body === "string" ? jsonBytes : body.byteLength);
        return { ok: true, status: 200, headers, body };
      } catch (e) {
        // What Connect's unary handler answers for a failed call.
        const error = e instanceof ConnectError ? e : new ConnectError("internal error", Code.Internal, undefined, undefined, e);
        call.responseHeader.set(headerContentType, contentTypeUnaryJson);
        if (!error.isWireError) mergeNonProtocolHeaders(call.responseHeader, error.metadata);
        const body = await compressed(errorToJsonBytes(error, options.jsonOptions), compression.response, call);
        const header = trailerMux(call.responseHeader, call.responseTrailer);
        header.set(headerUnaryContentLength, String(body.byteLength));
        return { ok: false, response: { status: codeToHttpStatus(error.code), header, body: singleChunk(body) } };
      }
    },
  };
}

/**
 * Runs the interceptors around the implementation, as connect's invokeUnaryImplementation does.
 * That function is not called because it reads the context's request and response Headers on
 * every call, which is the cost this path exists to avoid.
 */
async function invoke(method: DescMethodUnary, impl: UnaryImpl, call: UnaryCall, message: Message, interceptors: readonly Interceptor[]): Promise<Message> {
  let innermostResponse: UnaryResponse | undefined;
  const innermost = async (req: UnaryRequest): Promise<UnaryResponse> => {
    const result = await impl(req.message, call.contextFor(req));
    innermostResponse = new CallResponse(call, isMessage(result, method.output) ? result : create(method.output, result as never)) as unknown as UnaryResponse;
    return innermostResponse;
  };
  let next = innermost;
  for (let i = interceptors.length - 1; i >= 0; i--) next = (interceptors[i] as Interceptor)(next as never) as typeof next;
  const response = await next(call.request(message));
  // An interceptor may answer with a response of its own: its headers replace ours, as in Connect.
  if (response !== innermostResponse) call.adoptResponseHeaders(response.header, response.trailer);
  return response.message as Message;
}

/** The answer in Connect's JSON encoding, as the method's serializer writes it (and failing as it fails). */
function answerJson(method: DescMethodUnary, answer: Message, options: Partial<JsonWriteOptions>): string {
  try {
    return toJsonString(method.output, answer as never, options);
  } catch (e) {
    throw ConnectError.from(e, Code.Internal);
  }
}

async function compressed(body: Uint8Array, compression: Compression | null, call: UnaryCall): Promise<Uint8Array> {
  if (compression === null || body.byteLength < COMPRESS_MIN_BYTES) return body;
  const out = await compression.compress(body);
  call.responseHeader.set(headerUnaryEncoding, compression.name);
  return out;
}

/**
 * One call's context, built lazily: the request's Headers, the response's, and the signal linking
 * client, deadline and shutdown exist only once something reads them.
 */
class UnaryCall {
  #requestHeader: Headers | undefined;
  #responseHeader: Headers | undefined;
  #responseTrailer: Headers | undefined;
  #signal: AbortSignal | undefined;
  readonly #deadline: number | undefined;

  constructor(
    readonly method: DescMethodUnary,
    readonly http: UnaryJsonRequest,
    readonly shutdownSignal: AbortSignal,
    timeoutMs: number | undefined,
  ) {
    this.#deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  }

  get requestHeader(): Headers {
    return (this.#requestHeader ??= webHeaders(this.http.headers));
  }
  get responseHeader(): Headers {
    return (this.#responseHeader ??= new Headers({ [headerContentType]: contentTypeUnaryJson }));
  }
  get responseTrailer(): Headers {
    return (this.#responseTrailer ??= new Headers());
  }
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const signals = [this.http.signal(), this.shutdownSignal];
      if (this.#deadline !== undefined) {
        const remaining = Math.max(0, this.#deadline - Date.now());
        signals.push(AbortSignal.timeout(remaining));
      }
      this.#signal = AbortSignal.any(signals);
    }
    return this.#signal;
  }

  request(message: unknown): UnaryRequest {
    return new CallRequest(this, message) as unknown as UnaryRequest;
  }

  /** The HandlerContext an implementation sees for `req` (Connect's mergeRequest). */
  contextFor(req: UnaryRequest): HandlerContext {
    return new CallContext(this, req) as unknown as HandlerContext;
  }

  get deadline(): number | undefined {
    return this.#deadline;
  }

  adoptResponseHeaders(header: Headers, trailer: Headers): void {
    if (header !== this.#responseHeader) this.#responseHeader = new Headers(header);
    if (trailer !== this.#responseTrailer) this.#responseTrailer = new Headers(trailer);
  }

  /** The success answer's headers, as plain fields (Connect's trailerMux of headers and trailers). */
  headersOut(): Record<string, string> {
    if (this.#responseHeader === undefined && this.#responseTrailer === undefined) return { [CONTENT_TYPE]: contentTypeUnaryJson };
    const out: Record<string, string> = {};
    trailerMux(this.responseHeader, this.responseTrailer).forEach((value, key) => (out[key] = value)); // Headers keys are lower case
    return out;
  }
}

// The call's request, context and response as Connect's interfaces see them. Classes, not object
// literals with getters: a literal's accessors are defined anew for every object (a runtime call
// each), a class's once on its prototype. The header and signal getters build nothing until read.

/** What Connect's unary request and response share: the method and the message. */
abstract class UnaryMessage<M> {
  readonly stream = false;
  readonly method: DescMethodUnary;
  readonly service: DescService;
  constructor(
    protected readonly call: UnaryCall,
    readonly message: M,
  ) {
    this.method = call.method;
    this.service = call.method.parent;
  }
}

/** Connect's UnaryRequest for this call. */
class CallRequest extends UnaryMessage<unknown> {
  readonly requestMethod: string;
  readonly url: string;
  readonly contextValues: ContextValues;
  constructor(call: UnaryCall, message: unknown) {
    super(call, message);
    this.requestMethod = call.http.method;
    this.url = call.http.url;
    this.contextValues = call.http.contextValues ?? createContextValues();
  }
  get signal(): AbortSignal {
    return this.call.signal;
  }
  get header(): Headers {
    return this.call.requestHeader;
  }
}

/** Connect's HandlerContext for this call. */
class CallContext {
  readonly method: DescMethodUnary;
  readonly service: DescService;
  readonly requestMethod: string;
  readonly protocolName = "connect";
  readonly url: string;
  readonly values: ContextValues;
  constructor(
    private readonly call: UnaryCall,
    private readonly req: UnaryRequest,
  ) {
    this.method = call.method;
    this.service = req.service;
    this.requestMethod = call.http.method;
    this.url = call.http.url;
    this.values = req.contextValues;
  }
  timeoutMs(): number | undefined {
    const deadline = this.call.deadline;
    return deadline === undefined ? undefined : deadline - Date.now();
  }
  get signal(): AbortSignal {
    return this.req.signal;
  }
  get requestHeader(): Headers {
    return this.req.header;
  }
  get responseHeader(): Headers {
    return this.call.responseHeader;
  }
  get responseTrailer(): Headers {
    return this.call.responseTrailer;
  }
}

/** Connect's UnaryResponse of the implementation. */
class CallResponse extends UnaryMessage<Message> {
  get header(): Headers {
    return this.call.responseHeader;
  }
  get trailer(): Headers {
    return this.call.responseTrailer;
  }
}

function single(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : (value[0] ?? null);
}
