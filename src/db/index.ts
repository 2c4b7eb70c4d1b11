// One small database interface over two drivers: postgres.js (DATABASE_URL, production) and
// PGlite (embedded; on disk by default, in memory for tests). Lifecycle code talks SQL through
// `query`/`transaction` so both backends run the exact same statements; `drizzle` is there for
// code that prefers the query builder.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema.js";

export { schema };

export type Row = Record<string, unknown>;

/** Anything that runs one parameterized statement: the database itself or an open transaction. */
export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export type DrizzleDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  readonly drizzle: DrizzleDb;
  /** Runs fn in one transaction (READ COMMITTED); commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves once listening. The returned function stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Applies pending migrations (serialized across processes by an advisory lock on Postgres). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; defaults to process.env.DATABASE_URL. When unset, PGlite is used. */
  url?: string;
  /** PGlite data directory; defaults to process.env.PGLITE_DATA_DIR or ".data/pglite". */
  dataDir?: string;
  /** PGlite in memory (tests). Ignored when a URL is given. */
  memory?: boolean;
  /** Apply migrations on open (default true). */
  migrate?: boolean;
  /** postgres.js pool size (default 10). */
  maxConnections?: number;
}

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
// Arbitrary constant shared by every Dispatcher process: only one migrates at a time.
const MIGRATION_LOCK_KEY = 741_852_963;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  const db = url ? openPostgres(url, options.maxConnections ?? 10) : await openPglite(options);
  if (options.migrate ?? true) await db.migrate();
  return db;
}

function openPostgres(url: string, maxConnections: number): Database {
  const sql = postgres(url, {
    max: maxConnections,
    onnotice: () => {},
    // int8 (bigserial ids, counts) as JS numbers: our ids stay far below 2^53.
    types: {
      int8: { to: 20, from: [20], serialize: (n: number) => String(n), parse: (s: string) => Number(s) },
    },
    transform: { undefined: null },
  });
  const run = async <T extends Row>(
    client: postgres.Sql | postgres.TransactionSql,
    text: string,
    params: readonly unknown[] = [],
  ): Promise<T[]> => {
    const rows = await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
    return rows as unknown as T[];
  };
  return {
    kind: "postgres",
    drizzle: drizzlePostgres(sql, { schema }) as unknown as DrizzleDb,
    query: (text, params) => run(sql, text, params),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const result = await sql.begin((tx) => fn({ query: (text, params) => run(tx, text, params) }));
      return result as T;
    },
    listen: async (channel, onNotify) => {
      const meta = await sql.listen(channel, onNotify);
      return () => meta.unlisten();
    },
    migrate: async () => {
      // A one-connection client, so the session advisory lock and the migration share a session.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER });
        await single`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  let pg: PGlite;
  if (options.memory) {
    pg = await PGlite.create();
  } else {
    const dataDir = options.dataDir ?? process.env.PGLITE_DATA_DIR ?? ".data/pglite";
    mkdirSync(dataDir, { recursive: true });
    pg = await PGlite.create(dataDir);
  }
  const normalize = <T extends Row>(rows: Row[]): T[] => rows.map((r) => normalizeRow(r) as T);
  return {
    kind: "pglite",
    drizzle: drizzlePglite(pg, { schema }) as unknown as DrizzleDb,
    query: async (text, params) => normalize((await pg.query<Row>(text, params ? [...params] : [])).rows),
    transaction: (fn) =>
      pg.transaction((tx) => fn({ query: async (text, params) => normalize((await tx.query<Row>(text, params ? [...params] : [])).rows) })),
    listen: async (channel, onNotify) => {
      const unsubscribe = await pg.listen(channel, onNotify);
      return () => unsubscribe();
    },
    // PGlite is a single in-process connection: nothing else can migrate concurrently.
    migrate: () => migratePglite(drizzlePglite(pg), { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pg.close(),
  };
}

// PGlite returns int8 as bigint; postgres.js is configured for numbers. Make both agree.
function normalizeRow(row: Row): Row {
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (typeof value === "bigint") row[key] = Number(value);
  }
  return row;
}
