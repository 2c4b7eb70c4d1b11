// A stand-in for the AWS Lambda service that speaks the real REST wire API the SDK uses:
//   POST /2015-03-31/functions/{name}/invocations          (Invoke)
//   PUT|GET /2019-09-25/functions/{name}/event-invoke-config (Put/GetFunctionEventInvokeConfig)
// Event invokes answer 202 at once and run the registered handler afterwards, as Lambda does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedInvoke {
  functionName: string;
  qualifier: string | null;
  invocationType: string | null;
  body: string;
}

export type FakeHandler = (event: unknown) => Promise<unknown>;

interface EventInvokeConfig {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

export interface FakeLambda {
  url: string;
  invokes: CapturedInvoke[];
  /** Registers a function; invocations of unknown functions answer ResourceNotFoundException. */
  addFunction(name: string, handler: FakeHandler): void;
  /** The next `count` invokes of any function answer 429 TooManyRequestsException. */
  throttleNext(count: number): void;
  eventInvokeConfig(name: string): EventInvokeConfig | undefined;
  /** Resolves when every handler started by an Event invoke has settled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const EVENT_CONFIG = /^\/2019-09-25\/functions\/([^/]+)\/event-invoke-config$/;

export async function startFakeLambda(): Promise<FakeLambda> {
  const functions = new Map<string, FakeHandler>();
  const configs = new Map<string, EventInvokeConfig>();
  const invokes: CapturedInvoke[] = [];
  const running = new Set<Promise<unknown>>();
  let throttles = 0;

  const server: Server = createServer((req, res) => {
    void readBody(req).then((body) => route(req, res, body));
  });

  function route(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    const invoke = INVOKE.exec(url.pathname);
    if (invoke && req.method === "POST") {
      const functionName = decodeURIComponent(invoke[1] ?? "");
      const invocationType = header(req, "x-amz-invocation-type");
      invokes.push({ functionName, qualifier: url.searchParams.get("Qualifier"), invocationType, body });
      if (throttles > 0) {
        throttles -= 1;
        return awsError(res, 429, "TooManyRequestsException", "Rate Exceeded.");
      }
      const handler = functions.get(functionName);
      if (!handler) return awsError(res, 404, "ResourceNotFoundException", `Function not found: ${functionName}`);
      const event: unknown = JSON.parse(body);
      if (invocationType === "Event") {
        const run = handler(event).catch(() => undefined);
        running.add(run);
        void run.finally(() => running.delete(run));
        res.writeHead(202).end();
        return;
      }
      void handler(event).then(
        (result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result ?? null)),
        (err: unknown) =>
          res
            .writeHead(200, { "x-amz-function-error": "Unhandled", "content-type": "application/json" })
            .end(JSON.stringify({ errorMessage: String(err) })),
      );
      return;
    }
    const config = EVENT_CONFIG.exec(url.pathname);
    if (config) {
      const name = decodeURIComponent(config[1] ?? "");
      if (!functions.has(name)) return awsError(res, 404, "ResourceNotFoundException", `Function not found: ${name}`);
      if (req.method === "PUT") configs.set(name, JSON.parse(body) as EventInvokeConfig);
      const stored = configs.get(name);
      if (!stored) return awsError(res, 404, "ResourceNotFoundException", "The function has no event invoke config");
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          ...stored,
          FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
          LastModified: Math.floor(Date.now() / 1000),
        }),
      );
      return;
    }
    awsError(res, 404, "UnknownOperationException", "Unknown operation");
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invokes,
    addFunction: (name, handler) => void functions.set(name, handler),
    throttleNext: (count) => void (throttles = count),
    eventInvokeConfig: (name) => configs.get(name),
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  res
    .writeHead(status, { "content-type": "application/json", "x-amzn-errortype": type })
    .end(JSON.stringify({ Type: "User", message }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
