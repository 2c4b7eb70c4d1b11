// One rule for every string and JSON value that crosses the contract into the state database:
// it must be storable in PostgreSQL `text` and `jsonb`. Protobuf accepts strings PostgreSQL does
// not (a NUL character; a lone UTF-16 surrogate, which jsonb rejects as an escape and text would
// silently turn into U+FFFD), and google.protobuf.Value accepts what JSON cannot express (NaN,
// Infinity, a Value with no kind). Checked generically over the message descriptor, so every
// request field (present or added later) is covered without a per-handler list; the Dispatcher
// refuses such requests at its edge and the runner refuses such entrypoint output.
import { isMessage, ScalarType } from "@bufbuild/protobuf";
import type { DescField, DescMessage, JsonValue, Message, MessageShape } from "@bufbuild/protobuf";
import type { ListValue, Struct, Value } from "@bufbuild/protobuf/wkt";

/** Where a message holds a value the database cannot store, and what is wrong with it. */
export interface UnstorableValue {
  /** The field's path in proto field names, e.g. `events[0].dataset_uuid` or `config["a"][2]`. */
  readonly path: string;
  readonly problem: string;
}

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// (String.prototype.isWellFormed says the same, but is beyond this project's ES2022 lib.)
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_CHARACTERS = new RegExp(`\u0000|${LONE_SURROGATE.source}`, "g");

/** Why `text` cannot be stored as PostgreSQL text/jsonb, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000)";
  if (ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate";
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
  const found = walkMessage(schema, message);
  return found === undefined ? undefined : { path: found.path.replace(/^\./, ""), problem: found.problem };
}

/** Formats a finding for an error message: `path: problem`. */
export function describeUnstorable(found: UnstorableValue): string {
  return `${found.path === "" ? "request" : found.path}: ${found.problem}`;
}

// The walk reads the generated (local) representation directly, not through reflect(): it runs on
// every request, and reflect allocates a wrapper per message and a Struct per JSON object. In that
// representation a singular or repeated google.protobuf.Struct field (outside Value) holds a plain
// JSON object, a singular wrapper-type field holds its primitive, and Value/ListValue are messages.
// Paths are built only for a finding, on the way out (`.field`, `[index]`, `["key"]`, ` key`).

type Local = Record<string, unknown>;

function walkMessage(desc: DescMessage, message: unknown): UnstorableValue | undefined {
  if (typeof message !== "object" || message === null) return checkText(message); // an unwrapped wrapper type
  const local = message as Local;
  switch (desc.typeName) {
    case "google.protobuf.Value":
      return walkValueMessage(local as unknown as Value);
    case "google.protobuf.ListValue":
      return walkListValue(local as unknown as ListValue);
    case "google.protobuf.Struct":
      return walkStruct(local as unknown as Struct);
  }
  for (const field of desc.fields) {
    let value: unknown;
    if (field.oneof !== undefined) {
      const selected = local[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
      if (selected?.case !== field.localName) continue;
      value = selected.value;
    } else {
      value = local[field.localName];
    }
    if (value === undefined) continue;
    const found = walkField(desc, field, value);
    if (found !== undefined) return within(`.${field.name}`, found);
  }
  return undefined;
}

function walkField(parent: DescMessage, field: DescField, value: unknown): UnstorableValue | undefined {
  switch (field.fieldKind) {
    case "scalar":
      return field.scalar === ScalarType.STRING ? checkText(value) : undefined;
    case "enum":
      return undefined;
    case "message":
      return walkMessageValue(parent, field.message, value);
    case "list": {
      if (!Array.isArray(value)) return undefined;
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        const found = field.listKind === "message" ? walkMessageValue(parent, field.message, item) : field.listKind === "scalar" && field.scalar === ScalarType.STRING ? checkText(item) : undefined;
        if (found !== undefined) return within(`[${index}]`, found);
      }
      return undefined;
    }
    case "map":
      for (const key in value as Local) {
        const keyProblem = textProblem(key);
        if (keyProblem !== undefined) return { path: " key", problem: keyProblem };
        const item = (value as Local)[key];
        const found = field.mapKind === "message" ? walkMessageValue(parent, field.message, item) : field.mapKind === "scalar" && field.scalar === ScalarType.STRING ? checkText(item) : undefined;
        if (found !== undefined) return within(`[${JSON.stringify(key)}]`, found);
      }
      return undefined;
  }
}

/** A message-typed value as the local representation holds it (a Struct outside Value is JSON). */
function walkMessageValue(parent: DescMessage, desc: DescMessage, value: unknown): UnstorableValue | undefined {
  if (desc.typeName === "google.protobuf.Struct" && parent.typeName !== "google.protobuf.Value" && !isMessage(value as Message)) {
    return walkJson(value as JsonValue);
  }
  return walkMessage(desc, value);
}

function walkStruct(struct: Struct): UnstorableValue | undefined {
  for (const key in struct.fields) {
    const keyProblem = textProblem(key);
    if (keyProblem !== undefined) return { path: " key", problem: keyProblem };
    const found = walkValueMessage(struct.fields[key] as Value);
    if (found !== undefined) return within(`[${JSON.stringify(key)}]`, found);
  }
  return undefined;
}

function walkListValue(list: ListValue): UnstorableValue | undefined {
  for (let index = 0; index < list.values.length; index++) {
    const found = walkValueMessage(list.values[index] as Value);
    if (found !== undefined) return within(`[${index}]`, found);
  }
  return undefined;
}

function walkValueMessage(value: Value): UnstorableValue | undefined {
  switch (value.kind.case) {
    case "stringValue":
      return checkText(value.kind.value);
    case "numberValue":
      return checkNumber(value.kind.value);
    case "structValue":
      return walkStruct(value.kind.value);
    case "listValue":
      return walkListValue(value.kind.value);
    case "nullValue":
    case "boolValue":
      return undefined;
    case undefined:
      // Only reachable through the binary encoding: JSON has no spelling for a kind-less Value.
      return { path: "", problem: "is a JSON value with no kind" };
  }
}

/** A JSON value held as plain JavaScript (a Struct field's local form). */
function walkJson(value: JsonValue): UnstorableValue | undefined {
  if (typeof value === "string") return checkText(value);
  if (typeof value === "number") return checkNumber(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = walkJson(value[index] as JsonValue);
      if (found !== undefined) return within(`[${index}]`, found);
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const key in value) {
      const keyProblem = textProblem(key);
      if (keyProblem !== undefined) return { path: " key", problem: keyProblem };
      const found = walkJson(value[key] as JsonValue);
      if (found !== undefined) return within(`[${JSON.stringify(key)}]`, found);
    }
  }
  return undefined;
}

function checkNumber(value: number): UnstorableValue | undefined {
  return Number.isFinite(value) ? undefined : { path: "", problem: "is not a finite number (JSON has no NaN or Infinity)" };
}

/** `found`, one level up: its path prefixed with the segment that leads to it. */
function within(segment: string, found: UnstorableValue): UnstorableValue {
  return { path: segment + found.path, problem: found.problem };
}

function checkText(value: unknown): UnstorableValue | undefined {
  if (typeof value !== "string") return undefined;
  const problem = textProblem(value);
  return problem === undefined ? undefined : { path: "", problem };
}
