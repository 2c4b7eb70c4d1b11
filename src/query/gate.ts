// The SQL gate: decides, before anything runs, whether untrusted SQL may run against `dataset`.
// Two layers, both fail closed:
// 1. DuckDB's own parser (json_serialize_sql): it serializes SELECT statements only, so any other
//    statement kind (DDL, DML, INSTALL/LOAD/ATTACH/COPY/EXPORT/PRAGMA/SET/RESET/CALL, EXPLAIN, PIVOT
//    statements) is refused by the engine itself; the statement count must be exactly one. The
//    parsed tree is then walked: every relation must be `dataset`, a CTE of the query, or one of a
//    few generator table functions; every other table function, a string-literal relation ('x.csv'
//    parses as a table named "x.csv"), qualified names (catalog/schema) and file, URL or settings
//    functions are refused, as is any table-reference kind this walker does not know.
// 2. A deny-list over the text with string literals and comments removed: statement keywords and
//    reader function names as whole words, and a `;` anywhere but the end. It catches what a
//    parser change might let through; it is not the primary defence and may refuse odd but
//    harmless SQL (a column named `load`), which is the right direction to err.
// Refusals carry a reason and never echo the SQL text (it may hold the caller's data).
import type { DuckDBInstance } from "@duckdb/node-api";

export const MAX_SQL_BYTES = 64 * 1024;

export type GateRefusalReason =
  | "sql_empty"
  | "sql_too_long"
  | "sql_invalid"
  | "not_a_select"
  | "multiple_statements"
  | "relation_not_allowed"
  | "table_function_not_allowed"
  | "function_not_allowed"
  | "keyword_not_allowed";

export type GateResult = { readonly ok: true } | { readonly ok: false; readonly reason: GateRefusalReason; readonly message: string };

/** The one relation untrusted SQL may read. */
export const DATASET_RELATION = "dataset";

// Table functions that read nothing but their arguments.
const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(["range", "generate_series", "unnest"]);

// Table-reference kinds the walker understands; any other kind is refused.
const KNOWN_TABLE_REFS: ReadonlySet<string> = new Set(["BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EMPTY", "EXPRESSION_LIST", "SHOW_REF"]);

// Scalar functions that reveal configuration or touch the outside world. File readers are table
// functions (refused above), but a future scalar twin must not slip through either.
const DENIED_FUNCTION = /^(read_|parquet_|sniff_|glob$|getenv$|current_setting$|duckdb_|pragma_|query$|query_table$|http|s3|iceberg|delta|load|install|which_secret$|sql_auto_complete$|json_execute_serialized_sql$)/;

// Second layer: keywords that start a statement other than SELECT, and reader names.
const DENIED_WORDS =
  /\b(install|load|attach|detach|copy|export|import|pragma|set|reset|call|create|drop|alter|insert|update|delete|merge|truncate|checkpoint|vacuum|use|begin|commit|rollback|grant|revoke|prepare|execute|deallocate|explain|secret|read_\w+|parquet_\w+|sniff_csv|glob|query_table|json_execute_serialized_sql)\b/i;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function refuse(reason: GateRefusalReason, message: string): GateResult {
  return { ok: false, reason, message };
}

/** Checks `sql` with both layers; `parser` is an instance used only to parse (never to run it). */
export async function gateSql(parser: DuckDBInstance, sql: string): Promise<GateResult> {
  if (sql.trim().length === 0) return refuse("sql_empty", "sql is empty");
  if (Buffer.byteLength(sql, "utf8") > MAX_SQL_BYTES) return refuse("sql_too_long", `sql is longer than ${MAX_SQL_BYTES} bytes`);
  if (sql.includes("\u0000")) return refuse("sql_invalid", "sql contains a NUL character");

  const textual = denyListCheck(sql);
  if (!textual.ok) return textual;

  const connection = await parser.connect();
  let serialized: string;
  try {
    // A bound parameter: the SQL is data to the parser call, never spliced into a statement.
    const reader = await connection.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR)", [sql]);
    serialized = String(reader.getRowsJson()[0]?.[0] ?? "");
  } finally {
    connection.closeSync();
  }
  let tree: Json;
  try {
    tree = JSON.parse(serialized) as Json;
  } catch {
    return refuse("sql_invalid", "sql could not be parsed");
  }
  if (!isObject(tree)) return refuse("sql_invalid", "sql could not be parsed");
  if (tree["error"] !== false) {
    const kind = typeof tree["error_type"] === "string" ? tree["error_type"] : "";
    // "not implemented: Only SELECT statements can be serialized" is the engine saying "not a SELECT".
    return kind === "not implemented"
      ? refuse("not_a_select", "only one SELECT (or WITH ... SELECT) statement is allowed")
      : refuse("sql_invalid", "sql does not parse");
  }
  const statements = tree["statements"];
  if (!Array.isArray(statements) || statements.length === 0) return refuse("sql_empty", "sql holds no statement");
  if (statements.length > 1) return refuse("multiple_statements", "exactly one statement is allowed");
  return walk(statements[0] ?? null, cteNames(statements[0] ?? null));
}

/** Every CTE name defined anywhere in the tree, lowercased: they are relations the query may name. */
function cteNames(node: Json): Set<string> {
  const names = new Set<string>();
  const visit = (value: Json): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    const cteMap = value["cte_map"];
    if (isObject(cteMap) && Array.isArray(cteMap["map"])) {
      for (const entry of cteMap["map"]) {
        if (isObject(entry) && typeof entry["key"] === "string") names.add(entry["key"].toLowerCase());
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(node);
  return names;
}

function walk(node: Json, ctes: ReadonlySet<string>): GateResult {
  if (Array.isArray(node)) {
    for (const child of node) {
      const result = walk(child, ctes);
      if (!result.ok) return result;
    }
    return { ok: true };
  }
  if (!isObject(node)) return { ok: true };
  const own = checkNode(node, ctes);
  if (!own.ok) return own;
  for (const child of Object.values(node)) {
    const result = walk(child, ctes);
    if (!result.ok) return result;
  }
  return { ok: true };
}

function checkNode(node: { [key: string]: Json }, ctes: ReadonlySet<string>): GateResult {
  const type = node["type"];
  // A table reference serializes with `type`, `alias` and `sample`; expressions carry a `class`,
  // query nodes (SELECT_NODE, SET_OPERATION_NODE, ...) their `modifiers`.
  const isTableRef = typeof type === "string" && "sample" in node && "alias" in node && !("class" in node) && !("modifiers" in node);
  if (isTableRef) {
    if (!KNOWN_TABLE_REFS.has(type)) return refuse("relation_not_allowed", `relations of kind ${type} are not allowed`);
    if (type === "BASE_TABLE") {
      const name = typeof node["table_name"] === "string" ? node["table_name"].toLowerCase() : "";
      const qualified = Boolean(node["schema_name"]) || Boolean(node["catalog_name"]);
      if (qualified || (name !== DATASET_RELATION && !ctes.has(name))) {
        return refuse("relation_not_allowed", `only the relation "${DATASET_RELATION}" (and the query's own CTEs) may be read`);
      }
    }
    if (type === "SHOW_REF") {
      const name = typeof node["table_name"] === "string" ? node["table_name"].toLowerCase() : "";
      if (name !== "" && name !== DATASET_RELATION && !ctes.has(name)) {
        return refuse("relation_not_allowed", `only the relation "${DATASET_RELATION}" may be described`);
      }
    }
    if (type === "TABLE_FUNCTION") {
      const fn = node["function"];
      const name = isObject(fn) && typeof fn["function_name"] === "string" ? fn["function_name"].toLowerCase() : "";
      const schema = isObject(fn) ? fn["schema"] : "";
      if (!ALLOWED_TABLE_FUNCTIONS.has(name) || Boolean(schema) || (isObject(fn) && Boolean(fn["catalog"]))) {
        return refuse("table_function_not_allowed", "table functions other than range, generate_series and unnest are not allowed");
      }
    }
  }
  if (node["class"] === "FUNCTION") {
    const name = typeof node["function_name"] === "string" ? node["function_name"].toLowerCase() : "";
    if (Boolean(node["schema"]) || Boolean(node["catalog"]) || DENIED_FUNCTION.test(name)) {
      return refuse("function_not_allowed", "a function that reads files, URLs or settings is not allowed");
    }
  }
  return { ok: true };
}

/** The second layer, on the text with string literals, quoted identifiers and comments blanked. */
export function denyListCheck(sql: string): GateResult {
  const code = stripLiteralsAndComments(sql.normalize("NFKC"));
  const trimmed = code.replace(/[\s;]+$/u, "");
  if (trimmed.includes(";")) return refuse("multiple_statements", "exactly one statement is allowed");
  if (DENIED_WORDS.test(code)) return refuse("keyword_not_allowed", "the statement uses a keyword or function that is not allowed");
  return { ok: true };
}

/**
 * Blanks '...' strings (with '' escapes, and E'...' with backslash escapes), $tag$...$tag$ strings,
 * "..." identifiers, -- and nested /* *\/ comments. Unterminated ones blank to the end, so nothing
 * hidden in them survives to be counted as code.
 */
export function stripLiteralsAndComments(sql: string): string {
  let out = "";
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] ?? "";
    const next = sql[i + 1] ?? "";
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? n : end;
      out += " ";
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") (depth++, (i += 2));
        else if (sql[i] === "*" && sql[i + 1] === "/") (depth--, (i += 2));
        else i++;
      }
      out += " ";
    } else if (c === "'" || c === '"') {
      const backslashEscapes = c === "'" && /[eE]/.test(sql[i - 1] ?? "") && !/\w/.test(sql[i - 2] ?? "");
      i++;
      while (i < n) {
        if (backslashEscapes && sql[i] === "\\") i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
      out += c === "'" ? "''" : '"x"';
    } else if (c === "$" && /[A-Za-z_$]/.test(next) && !/\w/.test(sql[i - 1] ?? "")) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag === undefined) {
        out += c;
        i++;
        continue;
      }
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
      out += "''";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
