// Finds SQL written as plain text in TypeScript source: string and template literals that name a
// schema table after FROM/JOIN/UPDATE/INTO, including the static text of `sql`-tagged templates
// (which must reference tables as `${table}`). A small lexer, not a regex over the file, so
// comments, nested `${…}` expressions and quotes inside templates are handled.
export interface SqlLiteral {
  /** 1-based line of the literal's start. */
  line: number;
  /** Whether the literal is the template of a `sql` tag. */
  tagged: boolean;
  /** The literal's static text (a template's parts joined by a space). */
  text: string;
}

/** Every string and template literal in `source`, with whether it is `sql`-tagged. */
export function literalsOf(source: string): SqlLiteral[] {
  const found: SqlLiteral[] = [];
  let i = 0;
  const lineAt = (pos: number) => source.slice(0, pos).split("\n").length;

  function skipQuoted(quote: string): string {
    const start = i;
    i++;
    while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
    i++;
    return source.slice(start + 1, i - 1);
  }

  // Reads a template starting at its backquote; nested templates inside ${…} are collected too.
  function readTemplate(tagged: boolean): void {
    const start = i;
    i++;
    const parts: string[] = [];
    let part = "";
    while (i < source.length && source[i] !== "`") {
      if (source[i] === "\\") {
        part += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === "$" && source[i + 1] === "{") {
        parts.push(part);
        part = "";
        i += 2;
        scanCode("}");
        i++;
      } else {
        part += source[i];
        i++;
      }
    }
    parts.push(part);
    i++;
    found.push({ line: lineAt(start), tagged, text: parts.join(" ") });
  }

  // Scans code until `until` at depth 0 (or the end), collecting literals.
  function scanCode(until: string | null): void {
    let depth = 0;
    while (i < source.length) {
      const c = source[i] as string;
      if (c === "/" && source[i + 1] === "/") {
        while (i < source.length && source[i] !== "\n") i++;
      } else if (c === "/" && source[i + 1] === "*") {
        i = source.indexOf("*/", i + 2) + 2;
        if (i < 2) i = source.length;
      } else if (c === "'" || c === '"') {
        const start = i;
        const text = skipQuoted(c);
        found.push({ line: lineAt(start), tagged: false, text });
      } else if (c === "`") {
        readTemplate(/\bsql\s*$/.test(source.slice(Math.max(0, i - 8), i)));
      } else if (c === "{") {
        depth++;
        i++;
      } else if (c === "}") {
        if (depth === 0 && until === "}") return;
        depth--;
        i++;
      } else {
        i++;
      }
    }
  }

  scanCode(null);
  return found;
}

/** Literals whose text names one of `tables` as SQL would: after FROM, JOIN, UPDATE, INTO or TABLE. */
export function rawTableReferences(source: string, tables: readonly string[]): SqlLiteral[] {
  const names = tables.map((t) => t.replace(/[^a-z0-9_]/gi, "")).join("|");
  const pattern = new RegExp(`\\b(FROM|JOIN|UPDATE|INTO|TABLE)\\s+"?(${names})"?(\\s|$|\\(|,|\\))`, "i");
  return literalsOf(source).filter((l) => pattern.test(l.text));
}
