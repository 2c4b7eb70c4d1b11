// scripts/patch-dependencies.mjs patches postgres.js 3.4.9 twice, and this checks both on a real
// server through the project's own Database:
//   - the uncatchable crash when PostgreSQL drops a connection between a deferred write and its
//     flush (porsager/postgres#1208): without the patch the child process dies with "Cannot read
//     properties of null (reading 'write')"; with it the statement rejects with CONNECTION_CLOSED,
//     the transaction fails like any lost connection, and the pool still answers;
//   - the pool's idle order: a query goes to the most recently idle connection (a warm server
//     backend), not to the one idle longest, so sequential statements stay on one connection.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";

const serverUrl = postgresServerUrl();
const child = fileURLToPath(new URL("../support/driver-crash-child.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

describe("postgres.js patches", () => {
  it("are applied to every build of the installed driver", () => {
    const pkgDir = fileURLToPath(new URL("../../node_modules/postgres/", import.meta.url));
    for (const flavour of ["src", "cjs/src", "cf/src"]) {
      expect(readFileSync(`${pkgDir}${flavour}/connection.js`, "utf8"), flavour).toContain("trace-dispatcher patch: porsager/postgres#1208");
      for (const file of ["index.js", "queue.js"]) {
        expect(readFileSync(`${pkgDir}${flavour}/${file}`, "utf8"), `${flavour}/${file}`).toContain("trace-dispatcher patch: most recently idle connection first");
      }
    }
  });

  describe.skipIf(!serverUrl)("the pool's idle order [postgres]", () => {
    it("sends each sequential statement to the connection that went idle last", async () => {
      const fresh = await createFreshPostgresDatabase(serverUrl!);
      const db = await openDatabase({ url: fresh.url, maxConnections: 4, migrate: false });
      try {
        // Four statements at once open four connections; the one that finishes last is the most recently idle.
        const opened = await Promise.all([0.01, 0.02, 0.03, 0.2].map(async (seconds) => {
          const [row] = await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid, pg_sleep($1)", [seconds]);
          return row!.pid;
        }));
        expect(new Set(opened).size).toBe(4);
        const sequential: number[] = [];
        for (let i = 0; i < 8; i++) sequential.push((await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!.pid);
        // Unpatched, postgres.js takes the connection idle longest, so the pids rotate.
        expect(sequential).toEqual(Array.from({ length: 8 }, () => opened[3]));
      } finally {
        await db.close();
        await fresh.drop();
      }
    });
  });

  describe.skipIf(!serverUrl)("a connection terminated mid-transaction [postgres]", () => {
    let drop: (() => Promise<void>) | undefined;
    afterAll(async () => drop?.());

    it("rejects the next statement with CONNECTION_CLOSED instead of crashing the process", async () => {
      const fresh = await createFreshPostgresDatabase(serverUrl!);
      drop = fresh.drop;
      const run = spawnSync(tsx, [child], { env: { ...process.env, CHILD_DATABASE_URL: fresh.url }, encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).not.toContain("reading 'write'");
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout.trim().split("\n").pop()!)).toEqual({ thrown: "CONNECTION_CLOSED", poolAnswer: 42 });
    });
  });
});
