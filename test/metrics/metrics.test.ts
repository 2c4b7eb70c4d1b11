// Every metric family the Dispatcher exposes (src/metrics/names.ts), observed the way Prometheus
// sees it: a real Dispatcher (startDispatcherApp) on a fresh PostgreSQL database, driven over
// HTTP, with /metrics scraped over HTTP. The runner invoke is a scripted Invoker so throttles and
// definitive errors happen on demand; the runner's completion is a real task RPC with its token.
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config.js";
import { startDispatcherApp, type DispatcherApp } from "../../src/app/app.js";
import { createKeyring, TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { openDatabase } from "../../src/db/index.js";
import type { Invoker, InvokeOutcome } from "../../src/invoke/outcome.js";
import { createTask, OUTBOX_KINDS } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { dispatcherMetrics } from "../../src/metrics/dispatcher-metrics.js";
import { startEmfPublisher } from "../../src/metrics/emf.js";
import { MetricName } from "../../src/metrics/names.js";
import { MetricsRegistry } from "../../src/metrics/registry.js";
import { registerStateGauges } from "../../src/metrics/state-gauges.js";
import { postgresServerUrl } from "../support/databases.js";
import { createFreshPostgresDatabase } from "../support/fresh-database.js";
import { makeJob } from "../support/lifecycle.js";

const serverUrl = postgresServerUrl();
const ORG = "org-metrics";

/** An Invoker that answers from a script (then "sent") and keeps every payload it was handed. */
class ScriptedInvoker implements Invoker {
  readonly script: InvokeOutcome[] = [];
  readonly sent: Record<string, unknown>[] = [];
  async invoke(payloadJson: string): Promise<InvokeOutcome> {
    const outcome = this.script.shift() ?? { kind: "sent" };
    if (outcome.kind === "sent") this.sent.push(JSON.parse(payloadJson) as Record<string, unknown>);
    return outcome;
  }
}

/** One sample line's value, e.g. sample(text, 'trace_invokes_total{outcome="sent"}'); 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(serverUrl === null)("Dispatcher metrics (real Postgres, real HTTP)", () => {
  let database: { url: string; drop(): Promise<void> };
  let app: DispatcherApp;
  const invoker = new ScriptedInvoker();
  const scrape = async (): Promise<string> => {
    const reply = await fetch(`${app.url}/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("text/plain");
    return reply.text();
  };
  const waitForSample = async (series: string, atLeast: number) => {
    await eventually(async () => sample(await scrape(), series) >= atLeast, `${series} >= ${atLeast}`);
  };

  beforeAll(async () => {
    database = await createFreshPostgresDatabase(serverUrl ?? "");
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: database.url,
      AWS_REGION: "us-east-1",
      TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
      TRACE_TOKEN_ISSUER: "https://dispatcher.metrics.test",
      TRACE_ADMIN_TOKENS: "admin-token-0123456789abcdef",
      DISPATCHER_SHUTDOWN_TIMEOUT_MS: "3000",
    });
    app = await startDispatcherApp(config, {
      invoker: () => invoker,
      // Presigning is local computation: a dummy endpoint and static keys never leave the process.
      bundleStore: new S3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", forcePathStyle: true, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" } }),
      logger: createLogger({ level: "error", write: () => {} }),
      dispatcher: { acquireIntervalMs: 50, drainIntervalMs: 50, reapIntervalMs: 50, retryIntervalMs: 50 },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it(`${MetricName.httpRequests} and ${MetricName.httpSeconds}: by route and code, unknown paths folded into one label`, async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/no/such/path/${Date.now()}`, { method: "POST" })).status).toBe(404);
    const unauthenticated = await fetch(`${app.url}/v1/task/heartbeat`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unauthenticated.status).toBe(401);
    const text = await scrape();
    expect(sample(text, `${MetricName.httpRequests}{route="/healthz",code="200"}`)).toBe(1);
    expect(sample(text, `${MetricName.httpRequests}{route="unmatched",code="404"}`)).toBe(1);
    expect(sample(text, `${MetricName.httpRequests}{route="/v1/task/heartbeat",code="401"}`)).toBe(1);
    expect(sample(text, `${MetricName.httpSeconds}_count{route="/healthz"}`)).toBe(1);
    expect(text).toContain(`${MetricName.httpSeconds}_bucket{le="0.005",route="/healthz"}`);
    expect(text).not.toContain("/no/such/path");
  });

  it(`${MetricName.invokes}, ${MetricName.invokeSeconds}, ${MetricName.queueSeconds}, ${MetricName.attemptsFinished}, ${MetricName.runSeconds}: throttled, then sent, then completed`, async () => {
    invoker.script.push({ kind: "retry", error: "TooManyRequestsException (HTTP 429)" });
    const job = await makeJob(app.ctx, { orgId: ORG });
    const created = await createTask(app.ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error("createTask");
    await eventually(async () => invoker.sent.length === 1, "the invoke after the throttle");
    const payload = invoker.sent[0] ?? {};
    const completed = await fetch(`${app.url}/v1/task/complete`, {
      method: "POST",
      headers: { "content-type": "application/json", [TASK_CAPABILITY_HEADER]: String(payload.capability_token) },
      body: JSON.stringify({ task_id: payload.task_id, attempt: payload.attempt, lease_token: payload.lease_token, status: "TASK_STATUS_COMPLETED" }),
    });
    expect(completed.status).toBe(200);
    const text = await scrape();
    expect(sample(text, `${MetricName.invokes}{outcome="throttled"}`)).toBe(1);
    expect(sample(text, `${MetricName.invokes}{outcome="sent"}`)).toBe(1);
    expect(sample(text, `${MetricName.invokeSeconds}_count{outcome="sent"}`)).toBe(1);
    expect(sample(text, `${MetricName.queueSeconds}_count`)).toBe(1);
    expect(sample(text, `${MetricName.attemptsFinished}{outcome="completed"}`)).toBe(1);
    expect(sample(text, `${MetricName.runSeconds}_count{outcome="completed"}`)).toBe(1);
    // A repeated completion is a duplicate: not a second finished attempt.
    await fetch(`${app.url}/v1/task/complete`, {
      method: "POST",
      headers: { "content-type": "application/json", [TASK_CAPABILITY_HEADER]: String(payload.capability_token) },
      body: JSON.stringify({ task_id: payload.task_id, attempt: payload.attempt, lease_token: payload.lease_token, status: "TASK_STATUS_COMPLETED" }),
    });
    expect(sample(await scrape(), `${MetricName.attemptsFinished}{outcome="completed"}`)).toBe(1);
  });

  it(`${MetricName.invokes}{outcome="failed"} and ${MetricName.attemptsFinished}{outcome="invoke_failed"}: a definitive invoke error`, async () => {
    invoker.script.push({ kind: "fail", error: "ResourceNotFoundException (HTTP 404)" });
    const job = await makeJob(app.ctx, { orgId: ORG, maxAttempts: 1 });
    const created = await createTask(app.ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error("createTask");
    await waitForSample(`${MetricName.attemptsFinished}{outcome="invoke_failed"}`, 1);
    expect(sample(await scrape(), `${MetricName.invokes}{outcome="failed"}`)).toBe(1);
  });

  it(`${MetricName.leaseReaps} and ${MetricName.attemptsFinished}{outcome="timed_out"}: a silent runner's lease is reaped`, async () => {
    const before = invoker.sent.length;
    const job = await makeJob(app.ctx, { orgId: ORG });
    const created = await createTask(app.ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error("createTask");
    await eventually(async () => invoker.sent.length === before + 1, "invoke sent");
    await app.db.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE task_id = $1`, [created.task.taskId]);
    await waitForSample(`${MetricName.leaseReaps}{state="retry"}`, 1);
    const text = await scrape();
    expect(sample(text, `${MetricName.attemptsFinished}{outcome="timed_out"}`)).toBe(1);
    expect(sample(text, `${MetricName.runSeconds}_count{outcome="timed_out"}`)).toBe(1);
  });

  it(`${MetricName.tasks}, ${MetricName.outboxDepth}, ${MetricName.outboxOldestAge}, ${MetricName.outboxDead}: read from the database`, async () => {
    // A worker-runtime task stays QUEUED (no lambda acquire) and leaves a wakeup row to deliver.
    const job = await makeJob(app.ctx, { orgId: ORG, runtime: "worker", name: "gauge_job" });
    const created = await createTask(app.ctx, { jobId: job.jobId });
    if (!created.ok) throw new Error("createTask");
    await app.db.query(
      `INSERT INTO outbox (kind, payload, status, next_attempt_at, created_at, updated_at)
       VALUES ('route_event', '{}', 'failed', now(), now(), now()), ('buffer_publish', '{}', 'pending', now() + interval '1 hour', now() - interval '90 seconds', now())`,
    );
    // The app's gauges are cached for 15 s: a fresh registry on the same database reads them now.
    const registry = new MetricsRegistry();
    registerStateGauges(registry, app.db, { outboxKinds: OUTBOX_KINDS });
    const text = await registry.render();
    expect(sample(text, `${MetricName.tasks}{job="monad/gauge_job",state="QUEUED"}`)).toBe(1);
    expect(sample(text, `${MetricName.outboxDead}{kind="route_event"}`)).toBe(1);
    expect(sample(text, `${MetricName.outboxDead}{kind="invoke"}`)).toBe(0);
    expect(sample(text, `${MetricName.outboxDepth}{kind="buffer_publish"}`)).toBe(1);
    expect(sample(text, `${MetricName.outboxOldestAge}{kind="buffer_publish"}`)).toBeGreaterThanOrEqual(89);
    await app.db.query(`DELETE FROM outbox WHERE kind IN ('route_event', 'buffer_publish')`);
  });
});

describe.skipIf(serverUrl === null)("state gauges cache", () => {
  it("reads the database at most once per maxAgeMs, however often it is scraped", async () => {
    const database = await createFreshPostgresDatabase(serverUrl ?? "");
    const db = await openDatabase({ url: database.url });
    try {
      await db.migrate();
      let now = 1_000_000;
      const registry = new MetricsRegistry();
      registerStateGauges(registry, db, { outboxKinds: OUTBOX_KINDS, maxAgeMs: 15_000, now: () => now });
      const dead = () => registry.render().then((t) => sample(t, `${MetricName.outboxDead}{kind="wakeup"}`));
      expect(await dead()).toBe(0);
      await db.query(`INSERT INTO outbox (kind, payload, status, next_attempt_at) VALUES ('wakeup', '{}', 'failed', now())`);
      now += 14_000;
      expect(await Promise.all([dead(), dead(), dead()])).toEqual([0, 0, 0]); // cached
      now += 2_000;
      expect(await dead()).toBe(1); // refreshed once stale
    } finally {
      await db.close();
      await database.drop();
    }
  });
});

describe("CloudWatch EMF lines", () => {
  it("publish counters and histogram counts as deltas, gauges as values, per label, per single label and as a total", async () => {
    const registry = new MetricsRegistry();
    const observe = dispatcherMetrics(registry);
    const lines: string[] = [];
    const emf = startEmfPublisher({ registry, namespace: "TraceDispatcher/test", write: (l) => lines.push(l), now: () => 1_700_000_000_000, intervalMs: 3_600_000 });
    observe.http("/v1/task/complete", 503, 0.02);
    observe.http("/v1/task/complete", 503, 0.03);
    registry.gauge(MetricName.outboxDead, "dead", { labelNames: ["kind"] }).set(4, { kind: "invoke" });
    await emf.flush();
    const parsed = () => lines.splice(0).map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } });
    let records = parsed();
    const http = records.find((r) => r[MetricName.httpRequests] !== undefined);
    expect(http).toMatchObject({ [MetricName.httpRequests]: 2, route: "/v1/task/complete", code: "503" });
    expect(http?._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: "TraceDispatcher/test",
      Dimensions: [["code", "route"], ["code"], ["route"], []],
      Metrics: [{ Name: MetricName.httpRequests, Unit: "Count" }],
    });
    expect(records.find((r) => r[`${MetricName.httpSeconds}_count`] !== undefined)).toMatchObject({ [`${MetricName.httpSeconds}_count`]: 2 });
    expect(records.some((r) => Object.keys(r).some((k) => k.endsWith("_bucket")))).toBe(false);
    observe.http("/v1/task/complete", 503, 0.01);
    await emf.stop();
    records = parsed();
    expect(records.find((r) => r[MetricName.httpRequests] !== undefined)?.[MetricName.httpRequests]).toBe(1); // the delta
    expect(records.find((r) => r[MetricName.outboxDead] !== undefined)).toMatchObject({ [MetricName.outboxDead]: 4, kind: "invoke" }); // the value
  });
});
