// A reader for the common shape of a task call's body: one flat JSON object of strings, 32-bit
// integers, booleans and enum names (a heartbeat, a plain complete). It returns exactly the
// message protobuf-es's fromJsonString returns for that text, or undefined for anything else,
// which the caller then reads with protobuf-es itself: every refusal, and every unusual but valid
// form (numbers as strings, escapes, nested values, null), stays protobuf-es's own.
//
// Why: protobuf-es reads any message through its descriptor (a read context, a zero message,
// per-message bookkeeping of seen fields and oneofs, and a character scan for duplicate keys
// after JSON.parse); for these bodies that was several times the cost of JSON.parse itself, on
// every runner call. test/contract/flat-json-reader.test.ts compares the two on generated bodies.
import { create, ScalarType, type DescField, type DescMessage, type Message } from "@bufbuild/protobuf";

type FlatKind = "string" | "int32" | "uint32" | "bool" | "enum" | "list";

interface FlatField {
  readonly field: DescField;
  readonly kind: FlatKind;
  /** Enum value numbers by their proto name (enum fields only). */
  readonly enumNumbers?: ReadonlyMap<string, number>;
}

function flatKindOf(field: DescField): FlatKind | undefined {
  if (field.oneof !== undefined) return undefined; // two members of one oneof is an error to report
  if (field.fieldKind === "list") return "list"; // read only when empty
  if (field.fieldKind === "enum") return "enum";
  if (field.fieldKind !== "scalar") return undefined;
  switch (field.scalar) {
    case ScalarType.STRING:
      return "string";
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return "int32";
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return "uint32";
    case ScalarType.BOOL:
      return "bool";
    default:
      return undefined; // 64-bit integers, floats and bytes have JSON forms of their own
  }
}

function flatFields(desc: DescMessage): Map<string, FlatField> {
  const byKey = new Map<string, FlatField>();
  for (const field of desc.fields) {
    const kind = flatKindOf(field);
    if (kind === undefined) continue;
    const entry: FlatField =
      field.fieldKind === "enum" ? { field, kind, enumNumbers: new Map(field.enum.values.map((v) => [v.name, v.number])) } : { field, kind };
    // protobuf-es reads a field under its proto name and its JSON name.
    byKey.set(field.name, entry);
    byKey.set(field.jsonName, entry);
  }
  return byKey;
}

/** String.prototype.isWellFormed (ES2024; Node 20+), typed here as the project targets ES2022. */
const isWellFormed = (value: string): boolean => (value as string & { isWellFormed(): boolean }).isWellFormed();

function countQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

/** The reader for one message type (build it once per type, not per call). */
export function flatJsonReader<T extends Message>(desc: DescMessage): (text: string) => T | undefined {
  const byKey = flatFields(desc);
  return (text) => {
    // Without a backslash no string holds a quote, a control character or an escaped key, so
    // every '"' in the text opens or closes a key or a string value (counted below).
    if (text.indexOf("\\") !== -1) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
    const message = create(desc) as unknown as Record<string, unknown>;
    const members = json as Record<string, unknown>;
    const keys = Object.keys(members);
    const seen = new Set<DescField>();
    let quotes = 0;
    for (const key of keys) {
      const flat = byKey.get(key);
      if (flat === undefined || seen.has(flat.field)) return undefined; // unknown, or set under both names
      seen.add(flat.field);
      const value = members[key];
      switch (flat.kind) {
        case "string":
          // protobuf-es refuses a lone surrogate (text decoded from bytes never holds one).
          if (typeof value !== "string" || !isWellFormed(value)) return undefined;
          quotes += 2;
          break;
        case "int32":
          if (typeof value !== "number" || !Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) return undefined;
          break;
        case "uint32":
          if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) return undefined;
          break;
        case "bool":
          if (typeof value !== "boolean") return undefined;
          break;
        case "enum": {
          const number = typeof value === "string" ? flat.enumNumbers?.get(value) : undefined;
          if (number === undefined) return undefined;
          quotes += 2;
          message[flat.field.localName] = number;
          continue;
        }
        case "list":
          // An empty list is what the zero message already holds.
          if (!Array.isArray(value) || value.length !== 0) return undefined;
          continue;
      }
      message[flat.field.localName] = value;
    }
    // JSON.parse keeps the last of two members with the same key and says nothing; protobuf-es
    // refuses them. A repeated key leaves more quotes in the text than the members read.
    if (countQuotes(text) !== quotes + 2 * keys.length) return undefined;
    return message as unknown as T;
  };
}
