// A fresh, empty database on a running PostgreSQL server, for tests and benchmarks alike. No test
// framework imports here: the benchmarks load this module outside vitest.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** Creates a fresh, empty database on the TEST_DATABASE_URL server; returns its URL and a drop(). */
export async function createFreshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `trace_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
