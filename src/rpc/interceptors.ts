// Interceptors every Dispatcher RPC runs through.
import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Logger } from "../log/logger.js";
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
