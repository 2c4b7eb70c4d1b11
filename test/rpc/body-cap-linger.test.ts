// A 413 must reach the client (issue 10 §2). A client that writes its whole body before reading
// the answer (curl, Python requests, many runners) used to lose the 413 to a TCP reset: the server
// closed the socket with the unread rest of the body in its kernel buffer. The refusal now closes
// with a lingering close (FIN, drain, then close), bounded in time and bytes.
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { DEFAULT_LINGER } from "../../src/server/body-limit.js";
import { bindService } from "../../src/server/http.js";
import { startServer, type RunningServer } from "./harness.js";

const BODY = Buffer.alloc(4 * 1024 * 1024, 0x20); // 4 × the default cap

/**
 * Sends the whole request before reading a byte of the answer; resolves with the answer's status
 * line, or the socket error that replaced it.
 */
function writeAllThenRead(url: string, chunked: boolean): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    const settle = (fallback: string) => {
      const text = Buffer.concat(received).toString();
      resolve(text.startsWith("HTTP/1.1 ") ? text.slice(0, text.indexOf("\r\n")) : fallback);
      socket.destroy();
    };
    socket.pause(); // read nothing until the body is written
    socket.on("data", (part: Buffer) => received.push(part));
    socket.on("end", () => settle("end without an answer"));
    socket.on("error", (error: NodeJS.ErrnoException) => settle(error.code ?? String(error)));
    const framing = chunked ? "transfer-encoding: chunked" : `content-length: ${BODY.length}`;
    socket.write(`POST /v1/task/heartbeat HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n${framing}\r\n\r\n`);
    const body = chunked ? Buffer.concat([Buffer.from(`${BODY.length.toString(16)}\r\n`), BODY, Buffer.from("\r\n0\r\n\r\n")]) : BODY;
    socket.write(body, () => socket.resume());
  });
}

describe("the 413 reaches the client", () => {
  let srv: RunningServer;
  let calls = 0;
  beforeAll(async () => {
    srv = await startServer({
      services: [
        bindService(TaskService, {
          heartbeat: () => {
            calls++;
            return {};
          },
        }),
      ],
    });
  });
  afterAll(async () => srv.close());

  it.each([
    { framing: "a declared Content-Length", chunked: false },
    { framing: "a chunked body", chunked: true },
  ])("by each of 20 concurrent clients that write all of $framing first", async ({ chunked }) => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => writeAllThenRead(`${srv.url}/v1/task/heartbeat`, chunked)));
    expect(answers).toEqual(Array.from({ length: 20 }, () => "HTTP/1.1 413 Payload Too Large"));
    expect(calls).toBe(0);
  });

  it("and a client that never stops sending is still cut off within the linger bounds", async () => {
    const { hostname, port } = new URL(srv.url);
    const started = Date.now();
    const closedAfterMs = await new Promise<number>((resolve) => {
      const socket = net.connect(Number(port), hostname);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      socket.on("close", () => resolve(Date.now() - started));
      socket.on("error", () => {});
      socket.on("data", () => {}); // reads the 413, ignores it, keeps sending
      socket.write("POST /v1/task/heartbeat HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
      const pump = () => {
        while (!socket.destroyed && socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`));
        if (!socket.destroyed) socket.once("drain", pump);
      };
      pump();
    });
    expect(closedAfterMs).toBeLessThan(DEFAULT_LINGER.maxMs + 1_000);
  });
});
