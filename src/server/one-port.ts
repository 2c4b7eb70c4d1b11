// HTTP/1.1 and cleartext HTTP/2 (h2c, prior knowledge) on one port. gRPC needs HTTP/2; Connect/JSON
// clients (runners, curl, the console) and gRPC-Web speak HTTP/1.1. node:http2's allowHTTP1 chooses
// by ALPN and so works only with TLS; in cleartext the first bytes decide instead: an HTTP/2
// connection opens with a fixed 24-byte client preface, an HTTP/1 request with its method. HTTP/1
// connections go to a node:http server (which owns the port, keep-alive, idle tracking and
// close()), HTTP/2 connections to a node:http2 server; both call the same request listener.
import * as http from "node:http";
import * as http2 from "node:http2";
import type { Socket } from "node:net";

/** What every HTTP/2 client sends first (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export type RequestListener = (
  request: http.IncomingMessage | http2.Http2ServerRequest,
  response: http.ServerResponse | http2.Http2ServerResponse,
) => void;

export interface OnePortServer {
  /** The listening server (HTTP/1.1 connections are its own; HTTP/2 ones are handed over). */
  readonly server: http.Server;
  /**
   * For shutdown, after server.close(): asks HTTP/2 clients to stop opening streams (GOAWAY; open
   * streams finish) and drops connections that have not sent a byte yet.
   */
  closeGracefully(): void;
  /** Cuts every HTTP/2 connection (and any undecided one) at once. */
  destroyConnections(): void;
}

/** A connection silent this long before its first bytes is cut (node:http's headersTimeout does the same later on). */
const FIRST_BYTES_TIMEOUT_MS = 10_000;

export function createOnePortServer(listener: RequestListener): OnePortServer {
  const server = http.createServer(listener);
  const h2 = http2.createServer(listener);
  const sessions = new Set<http2.ServerHttp2Session>();
  const undecided = new Set<Socket>();
  h2.on("session", (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  // The http server's own connection listener sets up HTTP/1 parsing; it now runs only for
  // connections that turn out to be HTTP/1 (EventEmitter API: listeners are public).
  const http1Connection = server.listeners("connection");
  server.removeAllListeners("connection");
  server.on("connection", (socket: Socket) => {
    let seen = Buffer.alloc(0);
    undecided.add(socket);
    const silent = setTimeout(() => socket.destroy(), FIRST_BYTES_TIMEOUT_MS);
    silent.unref();
    const gone = (): void => {
      clearTimeout(silent);
      undecided.delete(socket);
    };
    socket.once("close", gone);
    // http.Server allows half-open sockets; one that ends before deciding has nothing to answer.
    const endedEarly = (): void => void socket.destroy();
    socket.once("end", endedEarly);
    const decide = (): void => {
      for (let chunk = socket.read() as Buffer | null; chunk !== null; chunk = socket.read() as Buffer | null) {
        seen = Buffer.concat([seen, chunk]);
      }
      const compared = Math.min(seen.length, HTTP2_PREFACE.length);
      const http2Preface = seen.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      if (http2Preface && seen.length < HTTP2_PREFACE.length) return; // a prefix so far: wait
      socket.off("readable", decide);
      socket.off("end", endedEarly);
      socket.off("close", gone);
      gone();
      socket.unshift(seen); // both servers read these bytes again (http2 takes what the socket buffered)
      if (http2Preface) h2.emit("connection", socket);
      else for (const connected of http1Connection) connected.call(server, socket);
    };
    socket.on("readable", decide);
  });
  return {
    server,
    closeGracefully: () => {
      for (const session of sessions) session.close();
      for (const socket of undecided) socket.destroy();
    },
    destroyConnections: () => {
      for (const session of sessions) session.destroy();
      for (const socket of undecided) socket.destroy();
    },
  };
}
