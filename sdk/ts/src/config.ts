// The job's configuration as the operator sees it. The payload carries it twice: `config`, a
// protobuf Struct (every number a double), and `config_json`, the JSON text as registered. This
// reads config_json when present so integers stay integers: a safe integer is a number, and one
// beyond 2^53 is a bigint with every digit (JSON.parse's reviver sees the source text, Node 22+).

export type ConfigValue = string | number | bigint | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };
export type ConfigObject = { [key: string]: ConfigValue };

/** JSON.parse's reviver with the parse context (ES2025 JSON.parse source text access). */
type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const exactIntegers: SourceReviver = (_key, value, context) => {
  if (typeof value === "number" && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
};

/** `configJson` parsed (integers exact), else `struct` (an older Dispatcher) as it came. */
export function configFrom(configJson: string, struct: ConfigObject | undefined): ConfigObject {
  if (configJson) {
    const parsed = JSON.parse(configJson, exactIntegers as (key: string, value: unknown) => unknown) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as ConfigObject;
  }
  return struct ?? {};
}
