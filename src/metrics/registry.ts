// Prometheus metrics on prom-client (the ecosystem's library: exposition format, histograms and
// label handling done once, correctly). No globals: create a registry and pass it to whoever
// counts; each registry has its own prom-client Registry, so two Dispatchers in one process
// (tests) never share series. Recording is synchronous and in-process; only render() is async.
import * as prom from "prom-client";

export type Labels = Readonly<Record<string, string>>;

/** Latency buckets in seconds, from a fast RPC (5 ms) to a long task (1 h). */
export const SECONDS_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export class Counter {
  constructor(readonly inner: prom.Counter) {}
  inc(labels: Labels = {}, by = 1): void {
    this.inner.inc(labels, by);
  }
  /** Current value of one series (0 when never touched). */
  async get(labels: Labels = {}): Promise<number> {
    return valueOf(await this.inner.get(), labels);
  }
}

export class Gauge {
  constructor(readonly inner: prom.Gauge) {}
  set(value: number, labels: Labels = {}): void {
    this.inner.set(labels, value);
  }
  add(by: number, labels: Labels = {}): void {
    this.inner.inc(labels, by);
  }
  /** Drops every series (a gauge recomputed from scratch, where a label value may disappear). */
  reset(): void {
    this.inner.reset();
  }
  async get(labels: Labels = {}): Promise<number> {
    return valueOf(await this.inner.get(), labels);
  }
}

export class Histogram {
  constructor(readonly inner: prom.Histogram) {}
  observe(labels: Labels, value: number): void {
    this.inner.observe(labels, value);
  }
  /** Number of observations in one series. */
  async count(labels: Labels = {}): Promise<number> {
    const { values } = await this.inner.get();
    const match = values.find((v) => v.metricName?.endsWith("_count") && sameLabels(v.labels, labels));
    return match?.value ?? 0;
  }
}

export interface MetricOptions {
  /** Every label the metric may carry (prom-client requires them up front). */
  labelNames?: readonly string[];
  /** Called at scrape time before the metric is rendered (e.g. refresh a cached gauge). */
  collect?: () => void | Promise<void>;
}

export class MetricsRegistry {
  readonly prom = new prom.Registry();
  /** The content type of render()'s output. */
  readonly contentType = this.prom.contentType;

  /** Returns the counter with this name, creating it on first use. */
  counter(name: string, help: string, options: MetricOptions = {}): Counter {
    return this.getOrCreate(name, Counter, () => new Counter(new prom.Counter({ ...base(name, help, options), registers: [this.prom] })));
  }

  gauge(name: string, help: string, options: MetricOptions = {}): Gauge {
    return this.getOrCreate(name, Gauge, () => new Gauge(new prom.Gauge({ ...base(name, help, options), registers: [this.prom] })));
  }

  histogram(name: string, help: string, options: MetricOptions & { buckets?: readonly number[] } = {}): Histogram {
    return this.getOrCreate(
      name,
      Histogram,
      () => new Histogram(new prom.Histogram({ ...base(name, help, options), buckets: [...(options.buckets ?? SECONDS_BUCKETS)], registers: [this.prom] })),
    );
  }

  /** Prometheus text exposition format (content type: contentType). */
  render(): Promise<string> {
    return this.prom.metrics();
  }

  private readonly wrappers = new Map<string, Counter | Gauge | Histogram>();
  private getOrCreate<M extends Counter | Gauge | Histogram>(name: string, kind: new (inner: never) => M, make: () => M): M {
    const existing = this.wrappers.get(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`metric ${name} already registered with another type`);
      return existing;
    }
    const created = make();
    this.wrappers.set(name, created);
    return created;
  }
}

function base(name: string, help: string, options: MetricOptions) {
  return {
    name,
    help,
    labelNames: [...(options.labelNames ?? [])],
    ...(options.collect ? { collect: options.collect } : {}),
  };
}

function sameLabels(a: Partial<Record<string, string | number>>, b: Labels): boolean {
  const keys = Object.keys(a).filter((k) => k !== "le");
  return keys.length === Object.keys(b).length && keys.every((k) => String(a[k]) === b[k]);
}

function valueOf(metric: prom.MetricObjectWithValues<prom.MetricValue<string>>, labels: Labels): number {
  return metric.values.find((v) => sameLabels(v.labels, labels))?.value ?? 0;
}
