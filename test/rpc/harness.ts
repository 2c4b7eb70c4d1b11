// A real Dispatcher HTTP server on a free loopback port, with handlers defined by the tests, plus
// small raw-HTTP helpers for the cases fetch cannot express (oversized declared lengths, endless
// chunked bodies).
import * as http from "node:http";
import { fromBinary } from "@bufbuild/protobuf";
import { base64Decode } from "@bufbuild/protobuf/wire";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { createLogger } from "../../src/log/logger.js";
import type { Logger } from "../../src/log/logger.js";
import { createDispatcherServer } from "../../src/server/http.js";
import type { DispatcherHttpOptions, DispatcherServer } from "../../src/server/http.js";

export interface RunningServer {
  url: string;
  server: DispatcherServer;
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startServer(options: Omit<DispatcherHttpOptions, "logger">): Promise<RunningServer> {
  const logLines: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({
    level: "debug",
    write: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>),
  });
  const server = createDispatcherServer({ ...options, logger, shutdownGraceMs: 1_000 });
  const { url } = await server.listen("127.0.0.1", 0);
  return { url, server, logLines, close: () => server.close() };
}

export interface ConnectErrorBody {
  code: string;
  message?: string;
  details?: { type: string; value: string; debug?: { reason?: string } }[];
}

/** The ErrorDetail reason of a Connect error body, decoded from its binary value (not the debug copy). */
export function reasonOf(body: ConnectErrorBody): string | undefined {
  const detail = body.details?.find((d) => d.type === "trace.dispatcher.v1.ErrorDetail");
  return detail === undefined ? undefined : fromBinary(ErrorDetailSchema, base64Decode(detail.value)).reason;
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Sends headers and then `chunk` repeatedly (never ending the body) until the server answers;
 * resolves with the answer. A server that waited for the whole body would never answer.
 */
export function sendUnendingBody(
  url: string,
  headers: http.OutgoingHttpHeaders,
  chunk: Buffer,
): Promise<RawReply & { bytesWritten: number }> {
  return new Promise((resolve, reject) => {
    let bytesWritten = 0;
    let answered = false;
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString(), bytesWritten });
      });
      response.on("error", reject);
    });
    // The server closes the connection after refusing; writes racing that close may fail.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && !request.destroyed) {
        bytesWritten += chunk.byteLength;
        if (!request.write(chunk)) {
          request.once("drain", pump);
          return;
        }
      }
    };
    request.flushHeaders();
    pump();
  });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

export async function getJson(url: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>) };
}
