// A tiny structured logger: one JSON object per line on stderr, so log shippers need no parsing
// rules. Secrets never reach the output: values under keys that look like credentials are replaced,
// and strings are scrubbed of secret shapes (scrub.ts: signed URL queries, JWTs, key ids, …).
import { REDACTED, scrubSecretShapes } from "./scrub.js";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ component: "leaser" }`). */
  child(fields: LogFields): Logger;
  /** Whether lines at `level` are written: a hot path builds a line's fields only when they are. */
  enabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Lines below this level are dropped. Default "info". */
  level?: LogLevel;
  /** Where a finished line (without trailing newline) goes. Default: stderr. */
  write?: (line: string) => void;
  /** Fields added to every line. */
  base?: LogFields;
}

const LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values are never logged, whatever their nesting depth. */
const SECRET_KEY = /token|secret|authorization|password|passwd|cookie|credential|capability|signature|api[-_]?key|private[-_]?key/i;
const MAX_DEPTH = 8;

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && Object.hasOwn(LEVEL_RANK, value);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const minRank = LEVEL_RANK[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const base = options.base ?? {};

  const emit = (level: LogLevel, msg: string, fields: LogFields | undefined): void => {
    if (LEVEL_RANK[level] < minRank) return;
    const line = {
      ...(redact({ ...base, ...fields }) as Record<string, unknown>),
      // Written last so caller fields can never disguise a line's time, level or message.
      ts: new Date().toISOString(),
      level,
      msg,
    };
    try {
      write(JSON.stringify(line));
    } catch {
      // Logging must never take a request down.
    }
  };

  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
    enabled: (level) => LEVEL_RANK[level] >= minRank,
  };
}

/** A logger that writes nothing; for tests and tools that must stay quiet. */
export const silentLogger: Logger = createLogger({ write: () => {} });

/**
 * Returns a JSON-safe copy of `value` with secrets removed: values under secret-looking keys are
 * replaced, signed URLs lose their query string, errors become `{name, message, stack}`, bigints
 * become strings, cycles and excessive depth are cut.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet<object>());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactString(value);
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? String(value) : value;
  }
  if (seen.has(value)) return "[cycle]";
  if (depth >= MAX_DEPTH) return "[truncated]";
  seen.add(value);
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = { name: value.name, message: redactString(value.message) };
      if (value.stack !== undefined) out["stack"] = redactString(value.stack);
      if (value.cause !== undefined) out["cause"] = redactValue(value.cause, depth + 1, seen);
      return out;
    }
    if (value instanceof Date) return value.toISOString();
    if (value instanceof URL) return redactString(value.toString());
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function redactString(text: string): string {
  return scrubSecretShapes(text);
}
