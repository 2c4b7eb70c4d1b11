// The non-RPC endpoints: liveness, readiness, metrics and the task JWKS. Their content comes from
// other modules through provider functions, so this module knows nothing about keys or metrics.
import type { JsonObject } from "@bufbuild/protobuf";
import type { Logger } from "../log/logger.js";
import { PlainPath } from "./paths.js";
import type { PlainPathName } from "./paths.js";

export interface ReadinessReport {
  ready: boolean;
  /** Per-dependency detail shown in the reply, e.g. `{ database: "ok" }`. Never secrets. */
  checks?: Readonly<Record<string, string>>;
}

export interface PlainRouteProviders {
  /** The task-token JWKS (`{ keys: [...] }`). Without it, the JWKS path answers 404. */
  jwksTask?: () => JsonObject | Promise<JsonObject>;
  /** Readiness; without it the server is ready whenever it is live. A throw means not ready. */
  readiness?: () => boolean | ReadinessReport | Promise<boolean | ReadinessReport>;
  /** Prometheus text exposition. Without it, the metrics path answers 404. */
  metrics?: () => string | Promise<string>;
}

export interface PlainReply {
  status: number;
  contentType: string;
  body: string;
  cacheControl?: string;
}

const JSON_TYPE = "application/json";
/** The Prometheus text format version every scraper understands. */
const PROMETHEUS_TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Plain routes served by `providers`, keyed by path; a slot without a provider is not served. */
export function plainRouteTable(
  providers: PlainRouteProviders,
  logger: Logger,
): ReadonlyMap<string, () => Promise<PlainReply>> {
  const routes = new Map<string, () => Promise<PlainReply>>();
  const add = (name: PlainPathName, reply: () => Promise<PlainReply>) => routes.set(PlainPath[name], reply);

  add("healthz", async () => json(200, { status: "ok" }));
  add("readyz", async () => {
    let report: ReadinessReport;
    try {
      report = normalize(providers.readiness === undefined ? true : await providers.readiness());
    } catch (error) {
      logger.warn("readiness check failed", { error });
      report = { ready: false };
    }
    const body: JsonObject = { status: report.ready ? "ready" : "not_ready" };
    if (report.checks !== undefined) body["checks"] = { ...report.checks };
    return json(report.ready ? 200 : 503, body);
  });
  const { jwksTask, metrics } = providers;
  if (jwksTask !== undefined) {
    // Verifiers may cache briefly; rotation publishes the next key well before it signs.
    add("jwksTask", async () => ({ ...json(200, await jwksTask()), cacheControl: "public, max-age=60" }));
  }
  if (metrics !== undefined) {
    add("metrics", async () => ({ status: 200, contentType: PROMETHEUS_TEXT_TYPE, body: await metrics() }));
  }
  return routes;
}

function normalize(result: boolean | ReadinessReport): ReadinessReport {
  return typeof result === "boolean" ? { ready: result } : result;
}

function json(status: number, body: JsonObject): PlainReply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}
