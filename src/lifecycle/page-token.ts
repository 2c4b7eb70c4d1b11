// Opaque keyset cursors for the admin list endpoints: the sort key of the last row of a page,
// as base64url JSON. A token that does not decode to the expected shape is refused, not ignored.
export function encodePageToken(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The decoded key when it has `arity` elements that each pass `check`, else null. */
export function decodePageToken(token: string, checks: readonly ((v: unknown) => boolean)[]): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== checks.length) return null;
    return checks.every((check, i) => check(value[i])) ? value : null;
  } catch {
    return null;
  }
}

export const isTimestampText = (v: unknown): boolean => typeof v === "string" && !Number.isNaN(Date.parse(v));
export const isText = (v: unknown): boolean => typeof v === "string";
export const isSafeId = (v: unknown): boolean => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

/** 1..500; 0/undefined means 50. null when out of range. */
export function pageSizeOf(requested: number | undefined): number | null {
  const size = requested === undefined || requested === 0 ? 50 : requested;
  return Number.isInteger(size) && size >= 1 && size <= 500 ? size : null;
}
