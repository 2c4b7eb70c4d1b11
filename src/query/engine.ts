// Runs one gated SELECT on a fresh connection to a hardened DuckDB database (databases.ts decides
// which database). A database's only readable directory is its private staging directory holding
// one dataset version's objects, configured in this order (FACTS: the settings must be SET):
//   allowed_directories=[dir], enable_external_access=false, no extension auto-install/-load,
//   threads, memory_limit, no spilling to disk, the `dataset` view, then lock_configuration=true
// so the query itself cannot change any of it. A wall-clock timer interrupts the query.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { DATASET_RELATION } from "./gate.js";

export interface EngineLimits {
  /** DuckDB memory_limit in MiB. */
  readonly memoryMiB: number;
  /** DuckDB threads. */
  readonly threads: number;
  /** Wall-clock limit; the query is interrupted after it. */
  readonly timeoutMs: number;
  /** Most bytes of encoded rows in one response. */
  readonly maxResponseBytes: number;
}

export interface QueryColumnInfo {
  readonly name: string;
  readonly type: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface EngineResult {
  readonly columns: QueryColumnInfo[];
  readonly rows: JsonValue[][];
  readonly truncated: boolean;
  readonly bytes: number;
}

export type EngineFailureReason = "time_limit" | "memory_limit" | "response_too_large" | "sql_error";

export class EngineFailure extends Error {
  override readonly name = "EngineFailure";
  constructor(
    readonly reason: EngineFailureReason,
    message: string,
  ) {
    super(message);
  }
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The hardening statements for a database that may read only `dir` (the order matters). */
export function hardeningStatements(dir: string, parquetGlob: string, limits: Pick<EngineLimits, "memoryMiB" | "threads">): string[] {
  return [
    `SET allowed_directories=[${quote(dir)}]`,
    "SET enable_external_access=false",
    "SET autoinstall_known_extensions=false",
    "SET autoload_known_extensions=false",
    `SET threads=${Math.max(1, Math.floor(limits.threads))}`,
    `SET memory_limit=${quote(`${Math.max(16, Math.floor(limits.memoryMiB))}MiB`)}`,
    // Spilling would let a query write up to the disk's size into the temp directory.
    "SET max_temp_directory_size='0B'",
    // The setup connection's view proves the objects are readable Parquet before any query runs.
    datasetViewStatement(parquetGlob),
    "SET lock_configuration=true",
  ];
}

/** The relation a query reads, created on each query's own connection (TEMP: per connection). */
export function datasetViewStatement(parquetGlob: string): string {
  return `CREATE TEMP VIEW ${DATASET_RELATION} AS SELECT * FROM read_parquet(${quote(parquetGlob)})`;
}

/** Where fresh, never-used, unconfigured DuckDB instances come from. */
export interface InstanceSource {
  take(): Promise<DuckDBInstance>;
  close(): void;
}

/**
 * Creating a DuckDB instance costs 40-100 ms here, most of a small query's latency. The pool keeps
 * `spares` instances created ahead of time, off the request path; each is handed out once, then
 * configured for one dataset version and closed when that database is retired.
 */
export function createInstancePool(spares: number): InstanceSource {
  const ready: DuckDBInstance[] = [];
  let refilling = false;
  let closed = false;
  const refill = async () => {
    if (refilling) return;
    refilling = true;
    try {
      while (!closed && ready.length < spares) {
        const instance = await DuckDBInstance.create(":memory:");
        if (closed) instance.closeSync();
        else ready.push(instance);
      }
    } finally {
      refilling = false;
    }
  };
  const kick = () => void refill().catch(() => undefined); // a failed spare is created on demand instead
  kick();
  return {
    async take() {
      const instance = ready.shift();
      kick();
      return instance ?? DuckDBInstance.create(":memory:");
    },
    close() {
      closed = true;
      for (const instance of ready.splice(0)) instance.closeSync();
    },
  };
}

const onDemand: InstanceSource = { take: () => DuckDBInstance.create(":memory:"), close: () => undefined };

/** Opens a hardened database over `parquetGlob` (inside `dir`). The caller closes it. */
export async function openHardened(
  dir: string,
  parquetGlob: string,
  limits: Pick<EngineLimits, "memoryMiB" | "threads">,
  source: InstanceSource = onDemand,
) {
  const instance = await source.take();
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    for (const statement of hardeningStatements(dir, parquetGlob, limits)) await connection.run(statement);
    const opened = connection;
    return {
      connection: opened,
      close: () => {
        opened.closeSync();
        instance.closeSync();
      },
    };
  } catch (error) {
    connection?.closeSync();
    instance.closeSync();
    throw error;
  }
}

/**
 * Runs `sql` (already through the gate) and returns at most `limit` rows and at most
 * `maxResponseBytes` of them. Rows are read in chunks until one more than `limit` is seen, so a
 * huge result is never materialized.
 */
export async function runGatedQuery(connection: DuckDBConnection, sql: string, limit: number, limits: EngineLimits): Promise<EngineResult> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, limits.timeoutMs);
  try {
    const reader = await connection.streamAndReadUntil(sql, limit + 1);
    const names = reader.columnNames();
    const types = reader.columnTypes().map(String);
    const all = reader.getRowsJson() as JsonValue[][];
    let truncated = all.length > limit;
    const rows: JsonValue[][] = [];
    let bytes = 2; // "[" and "]"
    for (const row of all.slice(0, limit)) {
      const size = Buffer.byteLength(JSON.stringify(row), "utf8") + 1;
      if (bytes + size > limits.maxResponseBytes) {
        truncated = true;
        break;
      }
      rows.push(row);
      bytes += size;
    }
    if (rows.length === 0 && truncated) {
      throw new EngineFailure("response_too_large", `one row is larger than the response cap of ${limits.maxResponseBytes} bytes`);
    }
    return { columns: names.map((name, i) => ({ name, type: types[i] ?? "" })), rows, truncated, bytes };
  } catch (error) {
    throw classify(error, timedOut);
  } finally {
    clearTimeout(timer);
  }
}

function classify(error: unknown, timedOut: boolean): Error {
  if (error instanceof EngineFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (timedOut || /^INTERRUPT Error/.test(message)) return new EngineFailure("time_limit", "the query ran past its time limit and was interrupted");
  if (/Out of Memory Error/i.test(message)) return new EngineFailure("memory_limit", "the query exceeded its memory limit");
  // The engine's first line names the problem (unknown column, type mismatch); the "LINE 1: ..."
  // excerpt that follows repeats the SQL and is dropped.
  const first = message.split("\n", 1)[0] ?? "query failed";
  return new EngineFailure("sql_error", first.slice(0, 500));
}
