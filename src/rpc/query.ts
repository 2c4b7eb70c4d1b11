// Reads the request of a GET contract route from its query string. Parameters are named by proto
// field name; each value is checked against its field's type here, so a bad parameter is reported
// by name instead of as an opaque decoding failure.
import { ScalarType } from "@bufbuild/protobuf";
import type { DescEnum, DescField, DescMessage, JsonObject, JsonValue } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { refuse, TransportReason } from "./errors.js";

/**
 * The request message of `input` as proto-JSON (keys are proto field names), built from `params`.
 * Repeated fields take the parameter repeatedly (`?states=A&states=B`); enums are given by value
 * name (`TASK_STATE_RUNNING`). Throws invalid_argument with reason unknown_query_parameter or
 * invalid_query_parameter.
 */
export function requestJsonFromQuery(input: DescMessage, params: URLSearchParams): JsonObject {
  const json: JsonObject = {};
  for (const name of new Set(params.keys())) {
    const field = input.fields.find((f) => f.name === name);
    if (field === undefined) {
      throw refuse(Code.InvalidArgument, TransportReason.unknownQueryParameter, `unknown query parameter "${name}"`);
    }
    const values = params.getAll(name);
    if (field.fieldKind === "list") {
      json[name] = values.map((raw) => parseListItem(field, raw));
      continue;
    }
    if (values.length > 1) {
      throw invalid(name, "is not repeated and was given more than once");
    }
    json[name] = parseSingular(field, values[0] ?? "");
  }
  return json;
}

function parseListItem(field: DescField & { fieldKind: "list" }, raw: string): JsonValue {
  switch (field.listKind) {
    case "scalar":
      return parseScalar(field.name, field.scalar, raw);
    case "enum":
      return parseEnum(field.name, field.enum, raw);
    default:
      throw invalid(field.name, "cannot be given in a query string");
  }
}

function parseSingular(field: DescField, raw: string): JsonValue {
  switch (field.fieldKind) {
    case "scalar":
      return parseScalar(field.name, field.scalar, raw);
    case "enum":
      return parseEnum(field.name, field.enum, raw);
    default:
      throw invalid(field.name, "cannot be given in a query string");
  }
}

function parseEnum(name: string, desc: DescEnum, raw: string): JsonValue {
  if (desc.values.some((v) => v.name === raw)) return raw;
  throw invalid(name, `must be one of ${desc.values.map((v) => v.name).join(", ")}`);
}

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const INT32_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const UINT32_RANGE = [0n, 2n ** 32n - 1n] as const;
const INT64_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;
const UINT64_RANGE = [0n, 2n ** 64n - 1n] as const;

function parseScalar(name: string, type: ScalarType, raw: string): JsonValue {
  switch (type) {
    case ScalarType.STRING:
      return raw;
    case ScalarType.BYTES:
      // base64 or base64url; decoded (and checked) by the proto-JSON reader.
      return raw;
    case ScalarType.BOOL:
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw invalid(name, "must be true or false");
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return Number(parseInteger(name, raw, INT32_RANGE));
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return Number(parseInteger(name, raw, UINT32_RANGE));
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      // Proto-JSON carries 64-bit integers as strings, keeping every digit.
      return parseInteger(name, raw, INT64_RANGE).toString();
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return parseInteger(name, raw, UINT64_RANGE).toString();
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      if (DECIMAL.test(raw)) return Number(raw);
      if (raw === "NaN" || raw === "Infinity" || raw === "-Infinity") return raw;
      throw invalid(name, "must be a number");
  }
}

function parseInteger(name: string, raw: string, [min, max]: readonly [bigint, bigint]): bigint {
  if (!INTEGER.test(raw)) throw invalid(name, "must be an integer");
  const value = BigInt(raw);
  if (value < min || value > max) throw invalid(name, `must be between ${min} and ${max}`);
  return value;
}

function invalid(name: string, problem: string) {
  return refuse(Code.InvalidArgument, TransportReason.invalidQueryParameter, `query parameter "${name}" ${problem}`);
}
