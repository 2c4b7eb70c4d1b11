// The lifecycle's statements are Drizzle-typed (src/db/statements.ts): tables and columns are
// named through the schema, so a renamed column is a compile error or follows the rename, never
// a run-time failure. Two guards keep it that way:
// 1. no string or template literal in src/lifecycle or src/dispatcher names a schema table as
//    SQL text (inside `sql` templates too: tables go in as `${table}`);
// 2. renaming a column's property in schema.ts makes the lifecycle fail to compile (tsc on a
//    patched copy), and renaming its database name changes the prepared statements' text.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema.js";
import { prepare } from "../../src/db/statements.js";
import { literalsOf, rawTableReferences } from "../support/sql-literals.js";

const root = path.resolve(import.meta.dirname, "../..");
const tableNames = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table));
const GUARDED = ["src/lifecycle", "src/dispatcher"];

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f));
}

describe("typed statements", () => {
  it("the guard recognizes raw SQL naming a table, tagged or not, and nothing else", () => {
    const source = [
      "const a = await ctx.db.query(`SELECT x FROM tasks WHERE task_id = $1`, [id]);",
      "const b = 'UPDATE outbox SET status = 1';",
      "const c = sql`INSERT INTO task_attempts (a) SELECT ${x}`;",
      "const d = sql`SELECT ${t.state} FROM ${tasks} ${t} JOIN ${jobs} ${j} ON ${sql`x`}`;",
      "// a comment that reads FROM tasks is no statement",
      "const e = `the task's ${'FROM jobs'.length} fields`;",
    ].join("\n");
    const hits = rawTableReferences(source, tableNames).map((l) => [l.line, l.tagged]);
    expect(hits).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [6, false],
    ]);
    expect(tableNames).toEqual(expect.arrayContaining(["tasks", "jobs", "task_attempts", "outbox"]));
  });

  it("no literal in src/lifecycle or src/dispatcher names a schema table as SQL text", () => {
    const offenders: string[] = [];
    let sqlTemplates = 0;
    for (const file of GUARDED.flatMap(sourcesUnder)) {
      const source = readFileSync(path.join(root, file), "utf8");
      sqlTemplates += literalsOf(source).filter((l) => l.tagged).length;
      for (const hit of rawTableReferences(source, tableNames)) offenders.push(`${file}:${hit.line}: ${hit.text.trim().slice(0, 80)}`);
    }
    expect(offenders).toEqual([]);
    // The statements are there, as typed templates (the scan did see them).
    expect(sqlTemplates).toBeGreaterThan(50);
  });

  it("a column's database name flows into every prepared statement that uses it", () => {
    const statement = prepare<{ taskId: string }>(
      "probe",
      (p) => sql`SELECT ${schema.tasks.leaseToken} FROM ${schema.tasks} WHERE ${schema.tasks.taskId} = ${p.taskId}`,
    );
    expect(statement.text).toBe(`SELECT "tasks"."lease_token" FROM "tasks" WHERE "tasks"."task_id" = $1`);
  });

  it("renaming a column in schema.ts breaks the lifecycle's compilation", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), "typed-statements-"));
    try {
      cpSync(path.join(root, "src"), path.join(copy, "src"), { recursive: true });
      symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
      symlinkSync(path.join(root, "gen"), path.join(copy, "gen"));
      symlinkSync(path.join(root, "package.json"), path.join(copy, "package.json"));
      // The repository's own options (tsconfig.json is JSONC, so extend it rather than parse it).
      writeFileSync(path.join(copy, "tsconfig.json"), JSON.stringify({ extends: path.join(root, "tsconfig.json"), include: ["src/lifecycle"] }));
      const schemaFile = path.join(copy, "src/db/schema.ts");
      const original = readFileSync(schemaFile, "utf8");
      const renamed = original.replace(`leaseToken: uuid("lease_token"),`, `leaseTokenRenamed: uuid("lease_token"),`);
      expect(renamed).not.toBe(original);
      const tsc = path.join(root, "node_modules/.bin/tsc");
      // The unpatched copy compiles: the failure below is the rename's.
      await expect(promisify(execFile)(tsc, ["--noEmit", "-p", copy], { cwd: copy })).resolves.toBeDefined();
      writeFileSync(schemaFile, renamed);
      const failed = await promisify(execFile)(tsc, ["--noEmit", "-p", copy], { cwd: copy }).then(
        () => "",
        (err: { stdout?: string }) => err.stdout ?? "",
      );
      const files = new Set([...failed.matchAll(/^(src\/[^(]+)\(/gm)].map((m) => m[1]));
      expect([...files]).toEqual(expect.arrayContaining(["src/lifecycle/acquire.ts", "src/lifecycle/fenced.ts"]));
      expect(failed).toMatch(/Property 'leaseToken' does not exist/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);
});
