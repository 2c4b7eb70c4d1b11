// Minimal Prometheus metrics: counters and gauges with labels, rendered in the text exposition
// format (version 0.0.4). No globals: create a registry and pass it to whoever counts.

export type Labels = Readonly<Record<string, string>>;

interface Series {
  labels: Labels;
  value: number;
}

abstract class Metric {
  protected readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge",
  ) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new Error(`invalid metric name ${name}`);
  }
  protected entry(labels: Labels): Series {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, value: 0 };
      this.series.set(key, s);
    }
    return s;
  }
  /** Current value of one series (0 when never touched). */
  get(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.value ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    if (this.series.size === 0 && this.type === "counter") lines.push(`${this.name} 0`);
    for (const s of this.series.values()) lines.push(`${this.name}${renderLabels(s.labels)} ${formatValue(s.value)}`);
    return lines.join("\n");
  }
}

export class Counter extends Metric {
  constructor(name: string, help: string) {
    super(name, help, "counter");
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error("counters only go up");
    this.entry(labels).value += by;
  }
}

export class Gauge extends Metric {
  constructor(name: string, help: string) {
    super(name, help, "gauge");
  }
  set(value: number, labels: Labels = {}): void {
    this.entry(labels).value = value;
  }
  add(by: number, labels: Labels = {}): void {
    this.entry(labels).value += by;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  /** Returns the counter with this name, creating it on first use. */
  counter(name: string, help: string): Counter {
    return this.getOrCreate(name, () => new Counter(name, help), Counter);
  }

  gauge(name: string, help: string): Gauge {
    return this.getOrCreate(name, () => new Gauge(name, help), Gauge);
  }

  /** Prometheus text exposition format; serve with content type PROMETHEUS_CONTENT_TYPE. */
  render(): string {
    return [...this.metrics.values()].map((m) => m.render()).join("\n") + "\n";
  }

  private getOrCreate<M extends Metric>(name: string, make: () => M, kind: abstract new (...args: never[]) => M): M {
    const existing = this.metrics.get(name);
    if (existing) {
      if (!(existing instanceof kind)) throw new Error(`metric ${name} already registered with another type`);
      return existing;
    }
    const created = make();
    this.metrics.set(name, created);
    return created;
  }
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? "")}"`).join(",")}}`;
}

const escapeLabel = (v: string): string => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const escapeHelp = (v: string): string => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const formatValue = (v: number): string => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");
