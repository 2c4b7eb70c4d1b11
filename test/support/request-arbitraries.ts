// fast-check arbitraries for request bodies, derived from the message descriptors: every field of
// every request message is generated with values a hostile or buggy client may send (NUL, lone
// surrogates, huge and negative numbers, out-of-range timestamps, unknown enum numbers, deep JSON,
// wrong JSON types), so a new field or RPC is fuzzed without touching the test.
import { fromJson, ScalarType, toBinary } from "@bufbuild/protobuf";
import type { DescField, DescMessage, JsonValue } from "@bufbuild/protobuf";
import fc from "fast-check";

/** Strings that have broken servers before, mixed into every string field. */
const NASTY_STRINGS = ["", "\u0000", "a\u0000b", "\ud800", "x\udfff", "\uFFFF", "'; DROP TABLE tasks; --", "../..", "%00", "s3://b/p/", " ".repeat(300), "é".repeat(70)];

/** Values every string field draws from: the caller's known identifiers, nasty strings, noise. */
export function textArbitrary(knownIds: () => readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((n) => pick(knownIds(), n)) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  );
}

function pick(values: readonly string[], n: number): string {
  return values.length === 0 ? "" : (values[n % values.length] as string);
}

const INT64 = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), fc.constantFrom(0n, -1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n)).map(String);
// Mostly plausible numbers (so requests get past decoding into the handlers), sometimes the edges.
const INT32 = fc.oneof(
  { weight: 6, arbitrary: fc.nat(1000) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 32 - 1, 2 ** 53) },
);
const TIMESTAMP = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()) },
  fc.constantFrom("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2025-12-31T12:00:00.5+02:00", "not a time"),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

function scalarArbitrary(scalar: ScalarType, text: fc.Arbitrary<string>): fc.Arbitrary<JsonValue> {
  switch (scalar) {
    case ScalarType.STRING:
      return text;
    case ScalarType.BYTES:
      return fc.base64String({ maxLength: 24 });
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "Infinity", "-Infinity"));
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return fc.oneof({ weight: 6, arbitrary: fc.nat(10_000).map(String) }, { weight: 1, arbitrary: INT64 }, { weight: 1, arbitrary: fc.integer() });
    default:
      return INT32;
  }
}

/** A JSON body for `desc`: mostly the right shape, now and then a wrong type in a field. */
export function jsonMessageArbitrary(desc: DescMessage, text: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<Record<string, JsonValue>> {
  const entries: Record<string, fc.Arbitrary<JsonValue>> = {};
  for (const field of desc.fields) {
    entries[field.name] = fc.oneof({ weight: 40, arbitrary: fieldArbitrary(field, text, depth) }, { weight: 1, arbitrary: jsonWithText(text) });
  }
  return fc.record(entries, { requiredKeys: [] }) as fc.Arbitrary<Record<string, JsonValue>>;
}

function fieldArbitrary(field: DescField, text: fc.Arbitrary<string>, depth: number): fc.Arbitrary<JsonValue> {
  switch (field.fieldKind) {
    case "scalar":
      return scalarArbitrary(field.scalar, text);
    case "enum":
      return enumArbitrary(field.enum.values.map((v) => v.name));
    case "message":
      return messageValueArbitrary(field.message, text, depth);
    case "list": {
      const item =
        field.listKind === "scalar" ? scalarArbitrary(field.scalar, text) : field.listKind === "enum" ? enumArbitrary(field.enum.values.map((v) => v.name)) : messageValueArbitrary(field.message, text, depth);
      return fc.array(item, { maxLength: 4 });
    }
    case "map": {
      const value = field.mapKind === "scalar" ? scalarArbitrary(field.scalar, text) : field.mapKind === "enum" ? enumArbitrary(field.enum.values.map((v) => v.name)) : messageValueArbitrary(field.message, text, depth);
      return fc.dictionary(text, value, { maxKeys: 3 });
    }
  }
}

function enumArbitrary(names: string[]): fc.Arbitrary<JsonValue> {
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 40 }) });
}

function messageValueArbitrary(desc: DescMessage, text: fc.Arbitrary<string>, depth: number): fc.Arbitrary<JsonValue> {
  switch (desc.typeName) {
    case "google.protobuf.Timestamp":
      return TIMESTAMP;
    case "google.protobuf.Struct":
      return fc.dictionary(text, jsonWithText(text), { maxKeys: 4 });
    case "google.protobuf.Value":
      return jsonWithText(text);
    default:
      return depth >= 3 ? fc.constant({}) : jsonMessageArbitrary(desc, text, depth + 1);
  }
}

/** Any JSON value whose strings (keys too) come from `text`. */
function jsonWithText(text: fc.Arbitrary<string>): fc.Arbitrary<JsonValue> {
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    // (fast-check's own JsonValue type is structurally narrower than protobuf-es's; build ours.)
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      text,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(text, tie("value"), { maxKeys: 3 }),
    ),
  }));
  return value;
}

/**
 * A binary body for `desc`: a generated message's encoding (when it is a valid message), cut
 * short, with flipped bytes, or random bytes.
 */
export function binaryMessageArbitrary(desc: DescMessage, text: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  const encoded = jsonMessageArbitrary(desc, text).map((json) => {
    try {
      return toBinary(desc, fromJson(desc, json));
    } catch {
      return new Uint8Array([0x0a, 0x05, 0x41]); // not a message: a truncated field instead
    }
  });
  return fc.oneof(
    { weight: 4, arbitrary: encoded },
    { weight: 2, arbitrary: fc.tuple(encoded, fc.nat()).map(([bytes, n]) => bytes.subarray(0, bytes.length === 0 ? 0 : n % bytes.length)) },
    {
      weight: 2,
      arbitrary: fc.tuple(encoded, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([bytes, at, xor]) => {
        const copy = Uint8Array.from(bytes);
        if (copy.length > 0) copy[at % copy.length] = (copy[at % copy.length] as number) ^ xor;
        return copy;
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  );
}
