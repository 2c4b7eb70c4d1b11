// A tiny HTTP proxy put in front of moto: it records each request body exactly as the SDK sent it
// (moto keeps the AssumeRole Policy internally but exposes no API to read it back) and forwards the
// request unchanged. It can also answer with a canned AWS error to exercise error classification.
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface CannedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface RecordingProxy {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** When set, requests are recorded and answered with this instead of being forwarded. */
  canned: CannedResponse | null;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const state: { canned: CannedResponse | null } = { canned: null };
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: body.toString("utf8") });
      if (state.canned) {
        res.writeHead(state.canned.status, { "content-type": state.canned.contentType });
        res.end(state.canned.body);
        return;
      }
      const upstream = request(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: targetUrl.host },
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      upstream.on("error", (error) => {
        res.writeHead(502).end(String(error));
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    get canned() {
      return state.canned;
    },
    set canned(value) {
      state.canned = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An STS (AWS query protocol) error document. */
export function stsErrorXml(code: string, message: string, type: "Sender" | "Receiver" = "Sender"): string {
  return (
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
    `<Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
    `<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`
  );
}
