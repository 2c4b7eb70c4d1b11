// Semantic JSON comparison used by the contract vector tests: deep equality where numbers compare
// numerically and an integer may be written as a JSON number or as a decimal string (proto3 JSON
// writes 64-bit integers as strings; readers accept both). Python and Rust tests implement the
// same rule.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const integerText = /^-?\d+$/;
const numberText = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numericEqual(a: number | string, b: number | string): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b;
  const [num, text] = typeof a === "number" ? [a, String(b)] : [b as number, a];
  if (typeof num === "number" && Number.isInteger(num) && integerText.test(text)) {
    return BigInt(text) === BigInt(num);
  }
  return numberText.test(text) && Number(text) === num;
}

/** Returns human-readable differences between `actual` and `expected` (empty when equal). */
export function semanticDiff(actual: unknown, expected: unknown, path = "$"): string[] {
  const a = actual as Json;
  const e = expected as Json;
  if (typeof a === "number" || typeof e === "number") {
    const ok =
      (typeof a === "number" || typeof a === "string") &&
      (typeof e === "number" || typeof e === "string") &&
      numericEqual(a, e);
    return ok ? [] : [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(e)}`];
  }
  if (Array.isArray(a) || Array.isArray(e)) {
    if (!Array.isArray(a) || !Array.isArray(e)) return [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(e)}`];
    if (a.length !== e.length) return [`${path}: length ${a.length} != ${e.length}`];
    return a.flatMap((item, i) => semanticDiff(item, e[i], `${path}[${i}]`));
  }
  if (a !== null && e !== null && typeof a === "object" && typeof e === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(e)])].sort();
    return keys.flatMap((key) => {
      if (!(key in a)) return [`${path}.${key}: missing`];
      if (!(key in e)) return [`${path}.${key}: unexpected ${JSON.stringify(a[key])}`];
      return semanticDiff(a[key], e[key], `${path}.${key}`);
    });
  }
  return a === e ? [] : [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(e)}`];
}
