// The node:http request as Connect's UniversalServerRequest, built for the cost of one call.
//
// connect-node's universalRequestFromNodeRequest does the same job but, per call, parses the URL
// twice (the caller then parses it a third time to point it at the Connect path) and aborts the
// call's signal when the response closes, which for every finished call constructs an AbortError
// DOMException with a captured stack. Here the URL is composed once as a string and the signal is
// aborted only when it still means something: the client went away before the response finished.
// HTTP/2 and TLS requests keep connect-node's conversion.
import { IncomingMessage, ServerResponse, type IncomingHttpHeaders } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { Code, ConnectError, type ContextValues } from "@connectrpc/connect";
import type { UniversalServerRequest } from "@connectrpc/connect/protocol";
import { universalRequestFromNodeRequest } from "@connectrpc/connect-node";

/**
 * The universal request for `request`, addressed to `path` (a Connect path, or the original target
 * with its query for Connect GET). Throws like connect-node when the request names no authority.
 */
export function universalRequestOf(
  request: IncomingMessage | Http2ServerRequest,
  response: ServerResponse | Http2ServerResponse,
  path: string,
  contextValues: ContextValues | undefined,
): UniversalServerRequest {
  if (!isCleartextHttp1(request, response)) {
    const base = universalRequestFromNodeRequest(request, response, undefined, contextValues);
    return { ...base, url: new URL(path, base.url).toString() };
  }
  return {
    httpVersion: request.httpVersion,
    method: request.method ?? "",
    url: urlOf(request, path),
    header: webHeaders(request.headers),
    // Lazy: POST bodies are replaced by the capped reader, GET has none to read.
    body: { [Symbol.asyncIterator]: () => request.iterator({ destroyOnReturn: false })[Symbol.asyncIterator]() },
    signal: clientGoneSignal(request, response as ServerResponse), // isCleartextHttp1 checked both
    contextValues,
  };
}

/** An HTTP/1 request over cleartext: the kind this module converts itself. */
export function isCleartextHttp1(
  request: IncomingMessage | Http2ServerRequest,
  response: ServerResponse | Http2ServerResponse,
): request is IncomingMessage {
  return (
    request instanceof IncomingMessage &&
    response instanceof ServerResponse &&
    request.httpVersionMajor === 1 &&
    !("encrypted" in request.socket && request.socket.encrypted === true)
  );
}

/** The URL handlers see for `request` addressed to `path`; throws like connect-node when the request names no authority. */
export function urlOf(request: IncomingMessage, path: string): string {
  const authority = request.headers.host;
  if (authority === undefined) throw new ConnectError("unable to determine request authority from Node.js server request", Code.Internal);
  return `http://${authority}${path}`;
}

/** A signal aborted if the client goes away (or the request fails) before the response is complete. */
export function clientGoneSignal(request: IncomingMessage, response: ServerResponse): AbortSignal {
  const abort = new AbortController();
  if (response.closed && !response.writableFinished) {
    abort.abort(new ConnectError("the client closed the connection before the response was complete", Code.Aborted));
    return abort.signal;
  }
  const onClose = () => {
    request.off("error", onError);
    if (!response.writableFinished) abort.abort(new ConnectError("the client closed the connection before the response was complete", Code.Aborted));
  };
  const onError = (error: Error) => {
    response.off("close", onClose);
    abort.abort(new ConnectError(`the request failed: ${error.message}`, Code.Aborted, undefined, undefined, error));
  };
  request.once("error", onError);
  response.once("close", onClose);
  return abort.signal;
}

/** Node's parsed headers as fetch Headers, as connect-node converts them. */
export function webHeaders(parsed: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const name in parsed) {
    const value = parsed[name];
    if (value === undefined) continue;
    if (typeof value === "string") headers.append(name, value);
    else for (const v of value) headers.append(name, v);
  }
  return headers;
}
