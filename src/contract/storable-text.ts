// One rule for every string and JSON value that crosses the contract into the state database:
// it must be storable in PostgreSQL `text` and `jsonb`. Protobuf accepts strings PostgreSQL does
// not (a NUL character; a lone UTF-16 surrogate, which jsonb rejects as an escape and text would
// silently turn into U+FFFD), and google.protobuf.Value accepts what JSON cannot express (NaN,
// Infinity, a Value with no kind). Checked generically over the message descriptor, so every
// request field (present or added later) is covered without a per-handler list; the Dispatcher
// refuses such requests at its edge and the runner refuses such entrypoint output.
import { isMessage, ScalarType } from "@bufbuild/protobuf";
import type { DescField, DescMessage, MessageShape } from "@bufbuild/protobuf";
import { reflect } from "@bufbuild/protobuf/reflect";
import type { ReflectMessage } from "@bufbuild/protobuf/reflect";
import { ListValueSchema, StructSchema, ValueSchema } from "@bufbuild/protobuf/wkt";
import type { ListValue, Struct, Value } from "@bufbuild/protobuf/wkt";

/** Where a message holds a value the database cannot store, and what is wrong with it. */
export interface UnstorableValue {
  /** The field's path in proto field names, e.g. `events[0].dataset_uuid` or `config["a"][2]`. */
  readonly path: string;
  readonly problem: string;
}

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// (String.prototype.isWellFormed says the same, but is beyond this project's ES2022 lib.)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_CHARACTERS = new RegExp(`\u0000|${LONE_SURROGATE.source}`, "g");

/** Why `text` cannot be stored as PostgreSQL text/jsonb, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate";
  return undefined;
}

/**
 * `text` made storable by replacing each NUL and lone surrogate with U+FFFD, for text the sender
 * composes itself (an error message quoting a process's output) rather than refuses.
 */
export function toStorableText(text: string): string {
  return text.replace(UNSTORABLE_CHARACTERS, "\uFFFD");
}

/** The first unstorable value in `message` (depth first, in field order), or undefined. */
export function findUnstorableValue<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): UnstorableValue | undefined {
  return walkMessage(reflect(schema, message), "");
}

/** Formats a finding for an error message: `path: problem`. */
export function describeUnstorable(found: UnstorableValue): string {
  return `${found.path === "" ? "request" : found.path}: ${found.problem}`;
}

function walkMessage(r: ReflectMessage, path: string): UnstorableValue | undefined {
  const message = r.message;
  if (isMessage(message, StructSchema)) return walkStruct(message, path);
  if (isMessage(message, ValueSchema)) return walkJsonValue(message, path);
  if (isMessage(message, ListValueSchema)) return walkListValue(message, path);
  for (const field of r.fields) {
    if (!r.isSet(field)) continue;
    const found = walkField(r, field, join(path, field.name));
    if (found !== undefined) return found;
  }
  return undefined;
}

function walkField(r: ReflectMessage, field: DescField, path: string): UnstorableValue | undefined {
  switch (field.fieldKind) {
    case "scalar":
      return field.scalar === ScalarType.STRING ? checkText(r.get(field), path) : undefined;
    case "enum":
      return undefined;
    case "message":
      return walkMessage(r.get(field), path);
    case "list": {
      let index = 0;
      for (const item of r.get(field)) {
        const itemPath = `${path}[${index++}]`;
        const found = field.listKind === "message" ? walkMessage(item as ReflectMessage, itemPath) : field.scalar === ScalarType.STRING ? checkText(item, itemPath) : undefined;
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case "map":
      for (const [key, value] of r.get(field)) {
        const keyProblem = typeof key === "string" ? textProblem(key) : undefined;
        if (keyProblem !== undefined) return { path: `${path} key`, problem: keyProblem };
        const entryPath = `${path}[${JSON.stringify(key)}]`;
        const found = field.mapKind === "message" ? walkMessage(value as ReflectMessage, entryPath) : field.scalar === ScalarType.STRING ? checkText(value, entryPath) : undefined;
        if (found !== undefined) return found;
      }
      return undefined;
  }
}

function walkStruct(struct: Struct, path: string): UnstorableValue | undefined {
  for (const [key, value] of Object.entries(struct.fields)) {
    const keyProblem = textProblem(key);
    if (keyProblem !== undefined) return { path: `${path} key`, problem: keyProblem };
    const found = walkJsonValue(value, `${path}[${JSON.stringify(key)}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function walkListValue(list: ListValue, path: string): UnstorableValue | undefined {
  for (const [index, value] of list.values.entries()) {
    const found = walkJsonValue(value, `${path}[${index}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function walkJsonValue(value: Value, path: string): UnstorableValue | undefined {
  switch (value.kind.case) {
    case "stringValue":
      return checkText(value.kind.value, path);
    case "numberValue":
      return Number.isFinite(value.kind.value) ? undefined : { path, problem: "is not a finite number (JSON has no NaN or Infinity)" };
    case "structValue":
      return walkStruct(value.kind.value, path);
    case "listValue":
      return walkListValue(value.kind.value, path);
    case "nullValue":
    case "boolValue":
      return undefined;
    case undefined:
      // Only reachable through the binary encoding: JSON has no spelling for a kind-less Value.
      return { path, problem: "is a JSON value with no kind" };
  }
}

function checkText(value: unknown, path: string): UnstorableValue | undefined {
  if (typeof value !== "string") return undefined;
  const problem = textProblem(value);
  return problem === undefined ? undefined : { path, problem };
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}
