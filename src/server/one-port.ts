// HTTP/1.1 and HTTP/2 on one port. gRPC needs HTTP/2; Connect/JSON clients (runners, curl, the
// console) and gRPC-Web speak HTTP/1.1. With TLS, ALPN decides (h2 or http/1.1). In cleartext the
// first bytes decide (node:http2's allowHTTP1 works only with TLS): an HTTP/2 connection (h2c,
// prior knowledge) opens with a fixed 24-byte client preface, an HTTP/1 request with its method.
// HTTP/1 connections go to a node:http(s) server (which owns the port, keep-alive, idle tracking
// and close()), HTTP/2 connections to a node:http2 server; both call the same request listener.
import * as http from "node:http";
import * as http2 from "node:http2";
import * as https from "node:https";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";

/** What every HTTP/2 client sends first (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

export type RequestListener = (
  request: http.IncomingMessage | http2.Http2ServerRequest,
  response: http.ServerResponse | http2.Http2ServerResponse,
) => void;

/** A certificate (chain) and its private key, PEM. */
export interface TlsIdentity {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export interface OnePortServer {
  /** The listening server (HTTP/1.1 connections are its own; HTTP/2 ones are handed over). */
  readonly server: http.Server | https.Server;
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

/** Without `tls`: cleartext HTTP/1.1 and h2c. With it: TLS, ALPN h2 and http/1.1. */
export function createOnePortServer(listener: RequestListener, tls?: TlsIdentity): OnePortServer {
  const h2 = http2.createServer(listener);
  const sessions = new Set<http2.ServerHttp2Session>();
  const undecided = new Set<Socket>();
  h2.on("session", (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  const server = tls === undefined ? sniffingServer(listener, h2, undecided) : alpnServer(listener, h2, tls);
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

/**
 * An https server whose connections that negotiated h2 go to the http2 server (the same listener
 * swap as in cleartext, on the event https serves TLS connections from).
 */
function alpnServer(listener: RequestListener, h2: http2.Http2Server, tls: TlsIdentity): https.Server {
  const server = https.createServer({ cert: tls.cert, key: tls.key, ALPNProtocols: ["h2", "http/1.1"] }, listener);
  const http1Connection = server.listeners("secureConnection");
  server.removeAllListeners("secureConnection");
  server.on("secureConnection", (socket: TLSSocket) => {
    if (socket.alpnProtocol === "h2") h2.emit("connection", socket);
    else for (const connected of http1Connection) connected.call(server, socket);
  });
  return server;
}

/** A cleartext http server that hands connections opening with the HTTP/2 preface to the http2 server. */
function sniffingServer(listener: RequestListener, h2: http2.Http2Server, undecided: Set<Socket>): http.Server {
  const server = http.createServer(listener);
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
  return server;
}
