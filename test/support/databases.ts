// The database backends tests run against: PGlite in memory always, and a real Postgres when
// TEST_DATABASE_URL is set (required when CI is set). Each test file gets its own fresh Postgres
// database created from that server, dropped when the file is done.
import postgres from "postgres";
import { afterAll, describe } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.js";
import { createFreshPostgresDatabase } from "./fresh-database.js";

export { createFreshPostgresDatabase };

export interface TestBackend {
  readonly name: "pglite" | "postgres";
  /**
   * A migrated database with every table empty. PGlite: a new in-memory instance each call.
   * Postgres: this file's database, truncated. Close it when done (or let the suite do it).
   */
  open(): Promise<Database>;
  /** Another handle on the same database as the last open() (PGlite: the same instance). */
  connect(): Promise<Database>;
}

/** TEST_DATABASE_URL, or null locally; throws when CI is set and it is missing. */
export function postgresServerUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI) throw new Error("TEST_DATABASE_URL must be set when CI is set (real Postgres tests may not be skipped)");
  return null;
}

const TABLES = [
  "buffer_queue",
  "wakeup_queue",
  "buffer_publishes",
  "dataset_versions_published",
  "task_outputs",
  "task_events",
  "outbox",
  "task_attempts",
  "tasks",
  "job_inputs",
  "jobs",
  "datasets",
  "bundles",
];

/** The backends available here. Call at module level of a test file. */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [pgliteBackend()];
  const serverUrl = postgresServerUrl();
  if (serverUrl) backends.push(postgresBackend(serverUrl));
  else console.warn("TEST_DATABASE_URL unset: real Postgres tests skipped locally (start one: eval \"$(scripts/ci/start-postgres.sh)\")");
  return backends;
}

function pgliteBackend(): TestBackend {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => {})));
  });
  return {
    name: "pglite",
    open: async () => {
      const db = await openDatabase({ memory: true, url: "" });
      opened.push(db);
      return db;
    },
    connect: async () => {
      const last = opened[opened.length - 1];
      if (!last) throw new Error("open() first");
      return last;
    },
  };
}

function postgresBackend(serverUrl: string): TestBackend {
  let fresh: Promise<{ url: string; drop(): Promise<void> }> | null = null;
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => {})));
    if (fresh) await (await fresh).drop();
  });
  return {
    name: "postgres",
    open: async () => {
      fresh ??= createFreshPostgresDatabase(serverUrl);
      const { url } = await fresh;
      const db = await openDatabase({ url });
      await db.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
      opened.push(db);
      return db;
    },
    connect: async () => {
      if (!fresh) throw new Error("open() first");
      const db = await openDatabase({ url: (await fresh).url, migrate: false });
      opened.push(db);
      return db;
    },
  };
}

/** describe() once per backend, e.g. describeEachBackend("acquire", (backend) => { ... }). */
export function describeEachBackend(title: string, body: (backend: TestBackend) => void): void {
  for (const backend of testBackends()) describe(`${title} [${backend.name}]`, () => body(backend));
}

/** Empties every lifecycle table (between tests sharing one database). */
export async function truncateAll(db: Database): Promise<void> {
  await db.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
}
