// CloudWatch Embedded Metric Format: the same metrics /metrics serves, written every interval as
// JSON lines on stdout, where the container's log driver (awslogs) carries them to CloudWatch
// Logs and CloudWatch extracts the metrics. Why EMF and not a scraping sidecar: the Dispatcher's
// task role stays exactly what the contract allows (no CloudWatch or Logs permission: the log
// driver writes with the execution role), and there is no second container to run and pin.
// Counters and histogram _count/_sum are published as deltas since the previous flush (what a
// CloudWatch Sum needs); gauges as their value. Each series is published per full label set, per
// single label, and as a label-free total, so alarms can watch any one label or the whole family.
import type { MetricObjectWithValues, MetricValueWithName } from "prom-client";
import type { MetricsRegistry } from "./registry.js";

export interface EmfPublisherOptions {
  registry: MetricsRegistry;
  namespace: string;
  /** Default 60 s: CloudWatch's standard resolution. */
  intervalMs?: number;
  /** Where lines go; default process.stdout. */
  write?: (line: string) => void;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export interface EmfPublisher {
  /** Writes one batch now (also what each interval does). */
  flush(): Promise<void>;
  /** Stops the interval and writes a last batch, so nothing counted before shutdown is lost. */
  stop(): Promise<void>;
}

export function startEmfPublisher(options: EmfPublisherOptions): EmfPublisher {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const previous = new Map<string, number>();

  const flush = async (): Promise<void> => {
    const timestamp = now();
    for (const metric of (await options.registry.prom.getMetricsAsJSON()) as MetricObjectWithValues<MetricValueWithName<string>>[]) {
      const type = String(metric.type);
      for (const value of metric.values) {
        const name = value.metricName ?? metric.name;
        const cumulative = type === "counter" || (type === "histogram" && (name.endsWith("_count") || name.endsWith("_sum")));
        if (type === "histogram" && !cumulative) continue; // buckets: Prometheus only
        const labels = Object.fromEntries(Object.entries(value.labels).map(([k, v]) => [k, String(v)]));
        let published = value.value;
        if (cumulative) {
          const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
          published = value.value - (previous.get(key) ?? 0);
          previous.set(key, value.value);
        }
        write(emfLine(options.namespace, timestamp, name, published, labels));
      }
    }
  };
  const guarded = () => flush().catch((error: unknown) => options.onError?.(error));
  const timer = setInterval(guarded, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    flush,
    stop: async () => {
      clearInterval(timer);
      await guarded();
    },
  };
}

/** One EMF record: the value under the metric's name, labels as dimensions (full, each, none). */
export function emfLine(namespace: string, timestamp: number, name: string, value: number, labels: Readonly<Record<string, string>>): string {
  const keys = Object.keys(labels).sort();
  const sets = [keys, ...(keys.length > 1 ? keys.map((k) => [k]) : []), ...(keys.length > 0 ? [[]] : [])];
  return JSON.stringify({
    _aws: { Timestamp: timestamp, CloudWatchMetrics: [{ Namespace: namespace, Dimensions: sets, Metrics: [{ Name: name, Unit: unitOf(name) }] }] },
    ...labels,
    [name]: value,
  });
}

function unitOf(name: string): string {
  if (name.endsWith("_seconds_sum") || name.endsWith("_seconds")) return "Seconds";
  if (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_rows") || name.endsWith("_depth")) return "Count";
  return "None";
}
