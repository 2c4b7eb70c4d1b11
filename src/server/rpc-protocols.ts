// The three wire protocols connect serves from the same handlers, and what the front door must do
// for each: Connect carries an error as a JSON body with an HTTP status; gRPC as grpc-status /
// grpc-status-details-bin trailers on an HTTP 200; gRPC-Web as the same trailers in a final
// body frame. Refusals the front door makes before connect runs (unknown path, auth, body size)
// and errors connect raises by itself (undecodable bodies) must reach a gRPC client in its own
// protocol, with the same ErrorDetail{reason} a Connect client gets.
import type { ConnectError } from "@connectrpc/connect";
import type { UniversalServerResponse } from "@connectrpc/connect/protocol";
import { encodeEnvelope, pipe, transformJoinEnvelopes, transformSplitEnvelope } from "@connectrpc/connect/protocol";
import type { EnvelopedMessage } from "@connectrpc/connect/protocol";
import {
  contentTypeProto as grpcContentTypeProto,
  contentTypeRegExp as grpcContentTypeRegExp,
  findTrailerError,
  setTrailerStatus,
} from "@connectrpc/connect/protocol-grpc";
import {
  contentTypeProto as grpcWebContentTypeProto,
  contentTypeRegExp as grpcWebContentTypeRegExp,
  trailerFlag,
  trailerParse,
  trailerSerialize,
} from "@connectrpc/connect/protocol-grpc-web";
import { errorResponse, HTTP_PAYLOAD_TOO_LARGE, httpStatusOf, singleChunk, withReason } from "../rpc/error-response.js";

export type WireProtocol = "connect" | "grpc" | "grpc-web";

/** The protocol a request speaks, from its Content-Type (everything else is treated as Connect). */
export function wireProtocolOf(contentType: string | undefined): WireProtocol {
  if (contentType === undefined) return "connect";
  if (grpcContentTypeRegExp.test(contentType)) return "grpc";
  if (grpcWebContentTypeRegExp.test(contentType)) return "grpc-web";
  return "connect";
}

/** Content types of the gRPC protocols (connect's own patterns), for the front door's check. */
export function isGrpcContentType(contentType: string): boolean {
  return wireProtocolOf(contentType) !== "connect";
}

/**
 * A refusal in the caller's protocol. `status` and `header` apply to Connect only: gRPC and
 * gRPC-Web answer HTTP 200 and carry the code in grpc-status (a gRPC client maps HTTP statuses
 * other than 200 to codes of its own, losing ours and the ErrorDetail).
 */
export function refusalResponse(protocol: WireProtocol, error: ConnectError, status?: number, header?: HeadersInit): UniversalServerResponse {
  const reasoned = withReason(error);
  if (protocol === "connect") return errorResponse(reasoned, status, header);
  const trailer = setTrailerStatus(new Headers(), reasoned);
  // An unread oversized body is not worth keeping the connection for, as with Connect's 413 (HTTP/1 only; see send()).
  const close: Record<string, string> = httpStatusOf(reasoned) === HTTP_PAYLOAD_TOO_LARGE ? { connection: "close" } : {};
  if (protocol === "grpc") {
    // Headers, then trailers with the status: what connect's own gRPC handler sends for an error.
    return { status: 200, header: new Headers({ "content-type": grpcContentTypeProto, ...close }), body: noBytes(), trailer };
  }
  const frame = encodeEnvelope(trailerFlag, trailerSerialize(trailer));
  return { status: 200, header: new Headers({ "content-type": grpcWebContentTypeProto, "content-length": String(frame.byteLength), ...close }), body: singleChunk(frame) };
}

/**
 * `response` of a gRPC or gRPC-Web call with an ErrorDetail reason guaranteed in its status
 * trailers (errors connect raises itself carry none), checked as the trailers go out, without
 * buffering the body. `onOutcome` receives the HTTP status a Connect client would have seen for the
 * same outcome (200, 401, 413, ...): metrics and logs keep one meaning for a status whatever the protocol.
 */
export function withReasonInTrailers(protocol: "grpc" | "grpc-web", response: UniversalServerResponse, onOutcome: (connectStatus: number) => void): UniversalServerResponse {
  const body = response.body ?? noBytes();
  if (protocol === "grpc") {
    const trailer = response.trailer ?? new Headers();
    // The handler fills the trailers while its body is read; they are written after its last chunk.
    async function* thenFixTrailer(): AsyncIterable<Uint8Array> {
      yield* body;
      onOutcome(reasonTrailer(trailer));
    }
    return { ...response, body: thenFixTrailer(), trailer };
  }
  const fixTrailerFrame = async function* (envelopes: AsyncIterable<EnvelopedMessage>): AsyncIterable<EnvelopedMessage> {
    for await (const envelope of envelopes) {
      if ((envelope.flags & trailerFlag) !== trailerFlag) {
        yield envelope;
        continue;
      }
      const trailer = trailerParse(envelope.data);
      onOutcome(reasonTrailer(trailer));
      yield { flags: envelope.flags, data: trailerSerialize(trailer) };
    }
  };
  const header = new Headers(response.header);
  header.delete("content-length"); // the trailer frame may grow
  return { ...response, header, body: pipe(body, transformSplitEnvelope(Number.MAX_SAFE_INTEGER), fixTrailerFrame, transformJoinEnvelopes()) };
}

/** Adds the ErrorDetail to an error trailer that lacks one; returns the Connect status of the outcome. */
function reasonTrailer(trailer: Headers): number {
  const error = findTrailerError(trailer);
  if (error === undefined) return 200;
  const reasoned = withReason(error);
  setTrailerStatus(trailer, reasoned);
  return httpStatusOf(reasoned);
}

function noBytes(): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };
}

