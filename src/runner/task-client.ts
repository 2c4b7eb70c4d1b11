// The runner's Connect client for /v1/task/*: HTTP/1.1, JSON with proto field names, and the
// capability token on every call. Errors are classified here so the runner can act on them.

import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";

export const CAPABILITY_HEADER = "X-Trace-Task-Capability";

export type TaskClient = Client<typeof TaskService>;

export function createTaskClient(baseUrl: string, capabilityToken: string): TaskClient {
  const addCapability: Interceptor = (next) => (request) => {
    request.header.set(CAPABILITY_HEADER, capabilityToken);
    return next(request);
  };
  const transport = createConnectTransport({
    baseUrl,
    httpVersion: "1.1",
    useBinaryFormat: false,
    jsonOptions: { useProtoFieldName: true },
    interceptors: [addCapability],
  });
  return createClient(TaskService, transport);
}

/**
 * fenced: the Dispatcher says this attempt is not ours to report any more (stale attempt, lease
 * mismatch, finished, canceled, unknown task, token refused) — stop quietly.
 * rejected: the request itself was refused (invalid_argument) — retrying it cannot help.
 * transient: anything else (network, unavailable, deadline) — worth retrying.
 */
export type RpcErrorKind = "fenced" | "rejected" | "transient";

export interface ClassifiedRpcError {
  kind: RpcErrorKind;
  code: string;
  /** ErrorDetail.reason when the server attached one, e.g. "stale_attempt". */
  reason: string;
  /** The server's message (server messages are safe to log). */
  message: string;
}

const FENCED_CODES = new Set<Code>([Code.FailedPrecondition, Code.NotFound, Code.PermissionDenied, Code.Unauthenticated]);

export function classifyRpcError(error: unknown): ClassifiedRpcError {
  const connectError = ConnectError.from(error);
  const reason = connectError.findDetails(ErrorDetailSchema)[0]?.reason ?? "";
  const kind: RpcErrorKind = FENCED_CODES.has(connectError.code)
    ? "fenced"
    : connectError.code === Code.InvalidArgument
      ? "rejected"
      : "transient";
  return { kind, code: Code[connectError.code], reason, message: connectError.rawMessage.slice(0, 300) };
}
