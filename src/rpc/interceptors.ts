// Interceptors every Dispatcher RPC runs through.
import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Logger } from "../log/logger.js";
import { describeUnstorable, findUnstorableValue } from "../contract/storable-text.js";
import { refuse, TransportReason } from "./errors.js";

/**
 * Turns anything a handler throws that is not a deliberate ConnectError into `internal` with a
 * generic message, after logging it. Connect would otherwise answer with the exception's message,
 * which can quote SQL, file paths or upstream responses.
 */
export function unexpectedErrorInterceptor(logger: Logger): Interceptor {
  return (next) => async (request) => {
    try {
      return await next(request);
    } catch (error) {
      if (error instanceof ConnectError) throw error;
      logger.error("rpc handler failed", {
        procedure: `${request.service.typeName}/${request.method.name}`,
        error,
      });
      throw refuse(Code.Internal, TransportReason.internal, "internal error");
    }
  };
}

/**
 * Refuses a request holding a string or JSON value the state database cannot store (a NUL, a lone
 * surrogate, a non-finite JSON number): invalid_argument / unstorable_value naming the field's
 * path. One rule over every request message, checked before any handler runs, so no such value
 * reaches Postgres (where it would fail the statement: a 500 and a retry loop for the caller).
 */
export function storableRequestInterceptor(): Interceptor {
  return (next) => async (request) => {
    if (!request.stream) {
      const found = findUnstorableValue(request.method.input, request.message);
      if (found !== undefined) {
        throw refuse(Code.InvalidArgument, TransportReason.unstorableValue, describeUnstorable(found));
      }
    }
    return next(request);
  };
}
