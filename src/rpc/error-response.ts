// Connect unary error responses, and the guarantee that every error response carries an
// ErrorDetail reason, including the errors connect raises by itself (undecodable bodies, bare
// 404/405/415 answers) which know nothing about our ErrorDetail.
import { Code, ConnectError } from "@connectrpc/connect";
import type { UniversalServerResponse } from "@connectrpc/connect/protocol";
import {
  codeFromHttpStatus,
  codeToHttpStatus,
  contentTypeUnaryJson,
  errorFromJsonBytes,
  errorToJsonBytes,
} from "@connectrpc/connect/protocol-connect";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { defaultReasonFor, errorReason, refuse, TransportReason } from "./errors.js";
import { contractJsonOptions } from "../contract/json-format.js";

/** HTTP 413: the status of a body_too_large refusal (connect would say 429, which invites retries). */
export const HTTP_PAYLOAD_TOO_LARGE = 413;

/** The HTTP status a refusal is answered with. */
export function httpStatusOf(error: ConnectError): number {
  return errorReason(error) === TransportReason.bodyTooLarge ? HTTP_PAYLOAD_TOO_LARGE : codeToHttpStatus(error.code);
}

/**
 * A Connect unary error response for `error`. `status` overrides the status derived from the code
 * (404, 405, 415 are transport answers that have no Connect code of their own).
 */
export function errorResponse(error: ConnectError, status?: number, header?: HeadersInit): UniversalServerResponse {
  const body = errorToJsonBytes(error, contractJsonOptions);
  const headers = new Headers(header);
  headers.set("content-type", contentTypeUnaryJson);
  headers.set("content-length", String(body.byteLength));
  if (errorReason(error) === TransportReason.bodyTooLarge) {
    // The rest of the oversized body is not worth reading for keep-alive: close (after a bounded
    // drain, so the client reads this answer; see lingerBeforeClose).
    headers.set("connection", "close");
  }
  return { status: status ?? httpStatusOf(error), header: headers, body: singleChunk(body) };
}

/** Transport answers connect gives without a body, and what they mean for a client. */
function refusalForBareStatus(status: number): ConnectError {
  switch (status) {
    case 404:
      return refuse(Code.Unimplemented, TransportReason.unknownPath, "no route for this path");
    case 405:
      return refuse(Code.Unimplemented, TransportReason.methodNotAllowed, "HTTP method not allowed for this path");
    case 415:
      return refuse(Code.InvalidArgument, TransportReason.unsupportedMediaType, "content type must be application/json or application/proto");
    default: {
      const code = codeFromHttpStatus(status);
      return refuse(code, defaultReasonFor(code), `HTTP ${status}`);
    }
  }
}

/**
 * Returns `response` unchanged when it is a success; an error response is returned with an
 * ErrorDetail reason added when it has none (derived from its code), and with status 413 when the
 * reason is body_too_large.
 */
export async function withReasonDetail(response: UniversalServerResponse): Promise<UniversalServerResponse> {
  if (response.status === 200) return response;
  const header = new Headers(response.header);
  if (header.has("content-encoding")) return response; // compressed error bodies are left as they are
  const bytes = response.body === undefined ? new Uint8Array(0) : await readAll(response.body);
  if (bytes.byteLength === 0) {
    header.delete("content-length");
    header.delete("content-type");
    return errorResponse(refusalForBareStatus(response.status), response.status, header);
  }
  let error: ConnectError;
  try {
    error = errorFromJsonBytes(bytes, undefined, new ConnectError("unparseable error body", Code.Unknown));
  } catch {
    return { ...response, body: singleChunk(bytes) };
  }
  const reasoned = withReason(error);
  header.delete("content-length");
  // A corrected error answers with its own status; otherwise connect's status stands (but 413 for body_too_large).
  const status = reasoned !== error || httpStatusOf(reasoned) === HTTP_PAYLOAD_TOO_LARGE ? httpStatusOf(reasoned) : response.status;
  return errorResponse(reasoned, status, header);
}

/**
 * `error` as the caller must see it, whatever the protocol: an undecodable binary body is the
 * caller's malformed request (a new error), and an error without an ErrorDetail gets the reason its
 * code implies (added in place).
 */
export function withReason(error: ConnectError): ConnectError {
  if (isUndecodableBinaryBody(error)) return refuse(Code.InvalidArgument, TransportReason.malformedRequest, error.rawMessage);
  if (error.findDetails(ErrorDetailSchema).length === 0) {
    error.details.push({ desc: ErrorDetailSchema, value: { reason: defaultReasonFor(error.code) } });
  }
  return error;
}

/**
 * Connect answers an undecodable application/proto body with `internal` ("parse binary: …"),
 * while an undecodable JSON body is `invalid_argument`. Both are the caller's malformed request.
 * The decode happens inside connect's handler, before any interceptor, so the answer is corrected
 * here: an `internal` that none of our code produced (ours always carry an ErrorDetail) and that
 * connect labels as a binary parse failure. test/rpc/malformed-bodies.test.ts pins connect's label.
 */
function isUndecodableBinaryBody(error: ConnectError): boolean {
  return error.code === Code.Internal && error.findDetails(ErrorDetailSchema).length === 0 && error.rawMessage.startsWith("parse binary:");
}

/** All of `body` as one array (the chunk itself when there is only one). */
export async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}

/** `bytes` as a body of one chunk. */
export async function* singleChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
