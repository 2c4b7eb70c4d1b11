// Hardened databases per dataset version, each serving one query at a time through a fresh
// connection. Creating and hardening a DuckDB instance costs 40-100 ms on these machines, against
// ~1 ms for the query a caller typically runs, so an idle instance of the same version is reused:
// the query gets a new connection (its own TEMP view named `dataset`, nothing else), and an
// instance is never shared by two queries at once, so the memory and thread limits stay per query.
// Nothing a query can do outlives its connection: the gate admits only a SELECT, configuration is
// locked, and the only readable directory holds exactly this version's objects, which every
// caller of this instance was granted. An instance that hit a limit is closed, not reused.
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { CanonicalS3Prefix } from "../credentials/s3-prefix.js";
import { datasetViewStatement, hardeningStatements, type EngineLimits, type InstanceSource } from "./engine.js";
import type { DatasetStager, StagedDataset } from "./staging.js";

export class DatasetEmptyError extends Error {
  override readonly name = "DatasetEmptyError";
}
export class DatasetUnreadableError extends Error {
  override readonly name = "DatasetUnreadableError";
}

export interface QueryConnection {
  readonly connection: DuckDBConnection;
  /** Closes the connection; `reusable` = false closes the instance too (it hit a limit). */
  release(reusable: boolean): Promise<void>;
}

export interface HardenedDatabases {
  acquire(storage: CanonicalS3Prefix, signal?: AbortSignal): Promise<QueryConnection>;
  close(): Promise<void>;
}

export interface HardenedDatabasesOptions {
  stager: DatasetStager;
  instances: InstanceSource;
  limits: Pick<EngineLimits, "memoryMiB" | "threads">;
  /** Idle instances kept across all versions; 0 = a fresh instance for every query. Default 8. */
  maxIdle?: number;
  /** An idle instance older than this is closed. Default 60 s. */
  idleTtlMs?: number;
}

interface Entry {
  readonly instance: DuckDBInstance;
  readonly staged: StagedDataset;
  readonly glob: string;
  idleSince: number;
}

export function createHardenedDatabases(options: HardenedDatabasesOptions): HardenedDatabases {
  const maxIdle = options.maxIdle ?? 8;
  const idleTtlMs = options.idleTtlMs ?? 60_000;
  const idle = new Map<string, Entry[]>();
  let idleCount = 0;

  const dispose = async (entry: Entry) => {
    entry.instance.closeSync();
    await entry.staged.release();
  };

  const sweep = setInterval(() => {
    const cutoff = Date.now() - idleTtlMs;
    for (const [key, entries] of idle) {
      const keep = entries.filter((e) => e.idleSince >= cutoff);
      for (const e of entries) if (e.idleSince < cutoff) void dispose(e);
      idleCount -= entries.length - keep.length;
      if (keep.length === 0) idle.delete(key);
      else idle.set(key, keep);
    }
  }, Math.max(1_000, Math.min(idleTtlMs, 10_000)));
  sweep.unref();

  async function open(storage: CanonicalS3Prefix, signal?: AbortSignal): Promise<Entry> {
    const staged = await options.stager.stage(storage, signal);
    if (staged.glob === null) {
      await staged.release();
      throw new DatasetEmptyError("the dataset version has no Parquet objects");
    }
    const instance = await options.instances.take();
    try {
      const setup = await instance.connect();
      try {
        for (const statement of hardeningStatements(staged.dir, staged.glob, options.limits)) await setup.run(statement);
      } finally {
        setup.closeSync();
      }
    } catch (error) {
      instance.closeSync();
      await staged.release();
      throw new DatasetUnreadableError("the dataset version's objects are not readable Parquet", { cause: error });
    }
    return { instance, staged, glob: staged.glob, idleSince: 0 };
  }

  return {
    async acquire(storage, signal) {
      const entries = idle.get(storage.uri);
      let entry = entries?.pop();
      if (entry) idleCount--;
      entry ??= await open(storage, signal);
      const chosen = entry;
      let connection: DuckDBConnection;
      try {
        connection = await chosen.instance.connect();
        await connection.run(datasetViewStatement(chosen.glob));
      } catch (error) {
        await dispose(chosen);
        throw new DatasetUnreadableError("the dataset version's objects are not readable Parquet", { cause: error });
      }
      return {
        connection,
        async release(reusable) {
          connection.closeSync();
          if (!reusable || idleCount >= maxIdle) return dispose(chosen);
          chosen.idleSince = Date.now();
          const list = idle.get(storage.uri) ?? [];
          list.push(chosen);
          idle.set(storage.uri, list);
          idleCount++;
        },
      };
    },
    async close() {
      clearInterval(sweep);
      const all = [...idle.values()].flat();
      idle.clear();
      idleCount = 0;
      await Promise.all(all.map(dispose));
    },
  };
}
