// One port for HTTP/1.1 and HTTP/2. In cleartext the first bytes of a connection choose the HTTP
// version, even when they arrive a byte at a time, and shutdown does not wait for a connection that
// never spoke; with a certificate, ALPN chooses, and gRPC works over TLS.
import * as http2 from "node:http2";
import * as https from "node:https";
import { connect, type Socket } from "node:net";
import { afterEach, expect, it } from "vitest";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { bindService, createDispatcherServer, type DispatcherServer } from "../../src/server/http.js";
import { createLogger } from "../../src/log/logger.js";
import type { TlsIdentity } from "../../src/server/one-port.js";
import { bufCurl, refusalOf } from "../support/buf-curl.js";
import { selfSignedCertificate } from "../support/self-signed.js";

let server: DispatcherServer;
let url: URL;

async function start(tls?: TlsIdentity): Promise<void> {
  // One RPC implemented (ListJobs), the others answer unimplemented: enough to see each protocol.
  const services = [bindService(AdminService, { listJobs: async () => ({ jobs: [] }) })];
  server = createDispatcherServer({ services, logger: createLogger({ write: () => {} }), shutdownGraceMs: 5_000, ...(tls ? { tls } : {}) });
  url = new URL((await server.listen("127.0.0.1", 0)).url);
}

afterEach(async () => {
  await server.close();
});

function rawConnection(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** GET /healthz over an HTTP/2 session (closed afterwards): the status and the protocol (h2c in cleartext, h2 by ALPN over TLS). */
async function http2Healthz(session: http2.ClientHttp2Session): Promise<{ status: number; alpn: string | undefined }> {
  try {
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request({ ":path": "/healthz" });
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", reject);
      stream.resume();
    });
    return { status, alpn: session.alpnProtocol };
  } finally {
    session.close();
  }
}

it("serves HTTP/1.1 and h2c on the same port", async () => {
  await start();
  expect(await (await fetch(new URL("/healthz", url))).json()).toEqual({ status: "ok" });
  expect(await http2Healthz(http2.connect(url))).toEqual({ status: 200, alpn: "h2c" });
});

it("waits while the first bytes could still be the HTTP/2 preface, then serves HTTP/1.1", async () => {
  await start();
  const socket = await rawConnection();
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
  // "P" could begin "PRI * HTTP/2.0": nothing may be decided on it alone.
  socket.write("P");
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(answer).toBe("");
  socket.write("UT /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
  await new Promise((resolve) => socket.once("close", resolve));
  expect(answer).toMatch(/^HTTP\/1\.1 405 /);
});

it("does not wait at shutdown for a connection that never sent a byte", async () => {
  await start();
  const silent = await rawConnection();
  const closed = new Promise((resolve) => silent.once("close", resolve));
  const started = Date.now();
  await server.close();
  await closed;
  expect(Date.now() - started).toBeLessThan(2_000); // well inside the 5 s grace
});

it("with a certificate: HTTP/1.1 and HTTP/2 by ALPN, and gRPC over TLS", async () => {
  const tls = selfSignedCertificate();
  try {
    await start(tls);
    expect(url.protocol).toBe("https:");
    const http1 = await new Promise<{ status: number; version: string }>((resolve, reject) => {
      https.get(new URL("/healthz", url), { ca: tls.cert }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, version: response.httpVersion });
      }).on("error", reject);
    });
    expect(http1).toEqual({ status: 200, version: "1.1" });
    expect(await http2Healthz(http2.connect(url, { ca: tls.cert }))).toEqual({ status: 200, alpn: "h2" });
    // buf curl over https negotiates HTTP/2 itself (no prior knowledge needed).
    const overTls = { name: "grpc over TLS", args: ["--protocol", "grpc", "--cacert", tls.certFile] };
    const jobs = await bufCurl(url.origin, overTls, "AdminService/ListJobs", {}, {});
    expect(jobs).toEqual({ ok: true, json: {} });
    const refused = await bufCurl(url.origin, overTls, "AdminService/GetJob", {}, {});
    expect(refusalOf(refused)).toEqual({ code: "unimplemented", reasons: ["unimplemented"] });
  } finally {
    tls.dispose();
  }
});
