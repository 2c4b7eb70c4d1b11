// scripts/patch-dependencies.mjs fixes postgres.js 3.4.9's uncatchable crash when PostgreSQL drops a
// connection between a deferred write and its flush (porsager/postgres#1208). This reproduces it on
// a real server through the project's own Database: without the patch the child process dies with
// "Cannot read properties of null (reading 'write')"; with it the statement rejects with
// CONNECTION_CLOSED, the transaction fails like any lost connection, and the pool still answers.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";

const serverUrl = postgresServerUrl();
const child = fileURLToPath(new URL("../support/driver-crash-child.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

describe("postgres.js patch (porsager/postgres#1208)", () => {
  it("is applied to every build of the installed driver", () => {
    const pkgDir = fileURLToPath(new URL("../../node_modules/postgres/", import.meta.url));
    for (const flavour of ["src", "cjs/src", "cf/src"]) {
      expect(readFileSync(`${pkgDir}${flavour}/connection.js`, "utf8"), flavour).toContain("trace-dispatcher patch: porsager/postgres#1208");
    }
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
