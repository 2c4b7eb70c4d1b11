// universalRequestOf (src/server/universal-request.ts): the node:http request as Connect's
// universal request, built without per-call URL parsing or AbortError construction. What Connect
// and the handlers rely on is pinned here: the URL it addresses, the headers, the body, and a
// signal that stays quiet for a call that finished and is aborted when the client hangs up first.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import type { UniversalServerRequest } from "@connectrpc/connect/protocol";
import { universalRequestOf } from "../../src/server/universal-request.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(onRequest: (u: UniversalServerRequest, finish: () => void) => void): Promise<number> {
  server = createServer((req, res) => {
    const u = universalRequestOf(req, res, "/pkg.Service/Method", undefined);
    onRequest(u, () => res.end("ok"));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function text(body: UniversalServerRequest["body"]): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const c of body as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

describe("universalRequestOf", () => {
  it("addresses the Connect path on the request's authority, with its method, headers and body", async () => {
    let seen: { url: string; method: string; header: [string, string][]; body: string; aborted: boolean } | undefined;
    let finished!: () => void;
    const done = new Promise<void>((r) => (finished = r));
    const port = await listen((u, finish) => {
      void text(u.body).then((body) => {
        seen = { url: u.url, method: u.method, header: [...u.header], body, aborted: u.signal.aborted };
        finish();
        // A call that finished normally never sees its signal aborted.
        setTimeout(() => {
          if (seen) seen.aborted = u.signal.aborted;
          finished();
        }, 50);
      });
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/v1/task/heartbeat?x=1", method: "POST", headers: { "content-type": "application/json", "x-trace-task-capability": "tok", "x-repeated": ["a", "b"] } }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end('{"a":1}');
    });
    await done;
    expect(seen?.url).toBe(`http://127.0.0.1:${port}/pkg.Service/Method`);
    expect(seen?.method).toBe("POST");
    expect(new Headers(seen?.header).get("x-trace-task-capability")).toBe("tok");
    expect(new Headers(seen?.header).get("x-repeated")).toBe("a, b");
    expect(seen?.body).toBe('{"a":1}');
    expect(seen?.aborted).toBe(false);
  });

  it("aborts the call's signal with a ConnectError when the client hangs up before the response", async () => {
    let reason: unknown;
    const aborted = new Promise<void>((resolve) => {
      void listen((u) => {
        u.signal.addEventListener("abort", () => {
          reason = u.signal.reason;
          resolve();
        });
      }).then((port) => {
        const req = request({ host: "127.0.0.1", port, path: "/x", method: "POST", headers: { "content-type": "application/json" } });
        req.on("error", () => {});
        req.write("{");
        setTimeout(() => req.destroy(), 50);
      });
    });
    await aborted;
    expect(reason).toBeInstanceOf(ConnectError);
    expect((reason as ConnectError).code).toBe(Code.Aborted);
  });
});
