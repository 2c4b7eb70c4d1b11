// Typed SQL over the project's two drivers. Statements are Drizzle `sql` templates (or query
// builders) that name the schema's tables and columns (`${tasks}`, `${tasks.state}`), so renaming
// a column in schema.ts changes every statement that uses it, and removing one fails to compile.
//
// `prepare(name, (p) => sql`…${p.taskId}…`)` is Drizzle's prepared-statement mechanism made to run
// on any `Queryable`, including the transactions `Database.transaction` hands out (Drizzle's own
// `.prepare()` is bound to a Drizzle session, which those transactions are not): the statement is
// rendered once, at module load, with `sql.placeholder`s; each call only fills the parameter array
// (`fillPlaceholders`) and runs the fixed text, which postgres.js prepares server-side once per
// connection. One placeholder name is one `$n`, however often it appears, so Postgres infers one
// type for it, as it did for the hand-written statements this replaced.
import { fillPlaceholders, is, Placeholder, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { PgDialect, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Queryable, Row } from "./index.js";

const dialect = new PgDialect();

/** The placeholders of a statement, one per parameter name. */
export type Placeholders<P> = { readonly [K in keyof P]: Placeholder<string & K, P[K]> };

/** A statement rendered once; `run` fills its parameters and executes it on a database or a transaction. */
export interface PreparedStatement<P> {
  /** The name it is known by (logs, plans, tests). */
  readonly name: string;
  /** The SQL text sent to the server, with `$n` parameters. */
  readonly text: string;
  run<T extends Row = Row>(q: Queryable, params: P): Promise<T[]>;
}

/** A statement without parameters. */
export type NoParams = Record<never, never>;

/**
 * Renders `build` once with a placeholder for every parameter name it reads; values embedded
 * directly in the template (not placeholders) are fixed at this point.
 */
export function prepare<P extends Record<string, unknown> = NoParams>(
  name: string,
  build: (p: Placeholders<P>) => SQL | SQLWrapper,
): PreparedStatement<P> {
  const placeholders = new Proxy({} as Placeholders<P>, {
    get: (_target, key) => sql.placeholder(String(key)),
  });
  const { text, params } = renderDeduplicated(build(placeholders).getSQL());
  return {
    name,
    text,
    run: <T extends Row = Row>(q: Queryable, values: P) =>
      q.query<T>(text, params.length === 0 ? [] : fillPlaceholders(params, values as Record<string, unknown>)),
  };
}

/** Runs a one-off statement (one whose shape depends on its input, e.g. a dynamic filter list). */
export function runSql<T extends Row = Row>(q: Queryable, query: SQL | SQLWrapper): Promise<T[]> {
  const rendered = dialect.sqlToQuery(query.getSQL());
  return q.query<T>(rendered.sql, rendered.params);
}

/**
 * Drizzle numbers every occurrence of a placeholder as its own parameter; this folds repeats of
 * one name back into a single `$n`. Safe because rendered text contains `$` followed by a digit
 * only as a parameter reference (no dollar-quoted bodies in our statements).
 */
function renderDeduplicated(query: SQL): { text: string; params: unknown[] } {
  const rendered = dialect.sqlToQuery(query);
  const params: unknown[] = [];
  const indexByName = new Map<string, number>();
  const renumber: number[] = [];
  rendered.params.forEach((param) => {
    if (is(param, Placeholder)) {
      const known = indexByName.get(param.name);
      if (known !== undefined) {
        renumber.push(known);
        return;
      }
      indexByName.set(param.name, params.length + 1);
    }
    params.push(param);
    renumber.push(params.length);
  });
  const text = rendered.sql.replace(/\$(\d+)/g, (_m, n: string) => `$${renumber[Number(n) - 1]}`);
  return { text, params };
}

/** A column by its bare name: SET targets, INSERT column lists, conflict targets (no table prefix allowed there). */
export function bare(column: PgColumn): SQL {
  return sql`${sql.identifier(column.name)}`;
}

/** Several bare column names, comma separated. */
export function bareList(...columns: PgColumn[]): SQL {
  return sql.join(columns.map(bare), sql`, `);
}

/**
 * `"t"."task_id" AS "task_id", …`: a SELECT or RETURNING list whose output names are the keys
 * given here, so the row mappers read the same keys whatever a column is called in the database.
 */
export function selection(columns: Readonly<Record<string, PgColumn | SQL>>): SQL {
  return sql.join(
    Object.entries(columns).map(([key, column]) => sql`${column} AS ${sql.identifier(key)}`),
    sql`, `,
  );
}

/** `"tasks" "t"`: a table under an alias made with drizzle's `alias(table, name)`, for FROM/UPDATE/JOIN. */
export function tableAs(table: PgTable, aliased: PgTable): SQL {
  return sql`${table} ${aliased}`;
}
