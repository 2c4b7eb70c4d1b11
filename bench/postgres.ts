// Where benchmarks run: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else a stock-settings
// PostgreSQL started for the run (PG_STOCK=1 scripts/ci/start-postgres.sh) and stopped after.
// Every benchmark gets a fresh database on that server.
import { execFileSync } from "node:child_process";
import postgres from "postgres";

export { createFreshPostgresDatabase as freshDatabase } from "../test/support/fresh-database.js";

export interface BenchServer {
  url: string;
  /** How the server was obtained, for the report. */
  origin: string;
  stop(): Promise<void>;
}

export function benchServer(): BenchServer {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return { url: given, origin: process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "TEST_DATABASE_URL", stop: async () => {} };
  const out = execFileSync("scripts/ci/start-postgres.sh", { env: { ...process.env, PG_STOCK: "1" }, encoding: "utf8" });
  const url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
  const pgdata = /TEST_PGDATA=(\S+)/.exec(out)?.[1];
  if (!url || !pgdata) throw new Error(`could not start PostgreSQL: ${out}`);
  return {
    url,
    origin: "stock PostgreSQL started for this run (PG_STOCK=1)",
    stop: async () => {
      execFileSync("scripts/ci/stop-postgres.sh", { env: { ...process.env, TEST_PGDATA: pgdata } });
    },
  };
}

export async function serverSettings(url: string): Promise<string> {
  const sql = postgres(url, { max: 1 });
  const rows = await sql`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name`;
  await sql.end();
  return rows.map((r) => `${String(r.name)}=${String(r.setting)}`).join(" ");
}
