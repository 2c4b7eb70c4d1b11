// Every refusal crosses the wire as a Connect error with a machine-readable reason
// (trace.dispatcher.v1.ErrorDetail), so callers act on `reason` and never parse messages.
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";

/** Reasons produced by the HTTP/RPC layer itself; handlers add their own (e.g. "stale_attempt"). */
export const TransportReason = {
  /** No route (RPC, contract or plain) answers this path. */
  unknownPath: "unknown_path",
  /** The path exists but not for this HTTP method. */
  methodNotAllowed: "method_not_allowed",
  /** The Content-Type is not application/json or application/proto. */
  unsupportedMediaType: "unsupported_media_type",
  /** The request body exceeds the configured cap. */
  bodyTooLarge: "body_too_large",
  /** The body could not be decoded into the request message (bad JSON, wrong type, unknown field). */
  malformedRequest: "malformed_request",
  /** A string or JSON value the state database cannot store (NUL, lone surrogate, NaN); the message names the field. */
  unstorableValue: "unstorable_value",
  /** A GET contract route received a query parameter that is not a request field. */
  unknownQueryParameter: "unknown_query_parameter",
  /** A GET contract route received a value that does not parse as its field's type. */
  invalidQueryParameter: "invalid_query_parameter",
  /** An unexpected failure; details are in the server log only. */
  internal: "internal",
} as const;

/**
 * The one way to refuse a request: a ConnectError with `code`, a human-readable `message`, and an
 * ErrorDetail carrying `reason` (a stable snake_case string).
 */
export function refuse(code: Code, reason: string, message: string): ConnectError {
  return new ConnectError(message, code, undefined, [{ desc: ErrorDetailSchema, value: { reason } }]);
}

/** The ErrorDetail reason of an error (server- or client-side), or undefined when there is none. */
export function errorReason(error: unknown): string | undefined {
  if (!(error instanceof ConnectError)) return undefined;
  return error.findDetails(ErrorDetailSchema)[0]?.reason;
}

/** True when `error` is a ConnectError with this code and reason. */
export function isRefusal(error: unknown, code: Code, reason: string): boolean {
  return error instanceof ConnectError && error.code === code && errorReason(error) === reason;
}

/** The reason given to an error that arrives without one (e.g. raised inside connect itself). */
export function defaultReasonFor(code: Code): string {
  switch (code) {
    case Code.InvalidArgument:
      return TransportReason.malformedRequest;
    case Code.ResourceExhausted:
      return TransportReason.bodyTooLarge;
    case Code.Internal:
    case Code.Unknown:
      return TransportReason.internal;
    default:
      // e.g. "deadline_exceeded", "unimplemented": the code itself is the most precise reason.
      return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  }
}
