// Compact JWS (RFC 7515) signing and verification on node:crypto, for the two algorithms the
// Dispatcher uses: ES256 (KeyObjects, signatures in the JWS's raw r||s form) and HS256 (local mode).
//
// Why not jose for this part: jose runs ES256 through WebCrypto, whose promise round trips cost
// more than the signature itself on the hot path (FACTS.md: jose mint 206 µs / verify 230 µs,
// node:crypto sign 37 µs / verify 92 µs). jose stays for JWKS serving and key generation. The
// parsing rules below are the ones jose enforces that matter to us, and test/auth/verify.test.ts
// (the token-attack suite) pins each refusal reason.

import { createHmac, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify, type KeyObject } from "node:crypto";

import { TokenVerificationError } from "./errors.js";

export type JwsAlgorithm = "ES256" | "HS256";

/** The key for one algorithm: an EC P-256 KeyObject for ES256, the secret bytes for HS256. */
export type JwsKey = KeyObject | Uint8Array;

export interface JwsHeader {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
  readonly [member: string]: unknown;
}

const ES256_SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function sign(algorithm: JwsAlgorithm, key: JwsKey, signingInput: Buffer): Buffer {
  if (algorithm === "HS256") {
    if (!(key instanceof Uint8Array)) throw new TypeError("HS256 needs a secret");
    return createHmac("sha256", key).update(signingInput).digest();
  }
  if (key instanceof Uint8Array) throw new TypeError("ES256 needs an EC key");
  return cryptoSign("sha256", signingInput, { key, dsaEncoding: "ieee-p1363" });
}

/** Signs `payload` (a JSON object) into a compact JWS with the given protected header. */
export function signCompactJws(header: JwsHeader, payload: object, key: JwsKey): string {
  if (header.alg !== "ES256" && header.alg !== "HS256") throw new TypeError(`unsupported alg ${header.alg}`);
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signingInput}.${sign(header.alg, key, Buffer.from(signingInput)).toString("base64url")}`;
}

function malformed(message: string): TokenVerificationError {
  return new TokenVerificationError("token_malformed", message);
}

function decodeJsonObject(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    throw malformed(`the ${what} is not base64url JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw malformed(`the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * Decoded protected headers by their encoded text: all tokens signed with one key share one
 * header, so it is decoded once, not per token. Only what decodes is kept (frozen: callers copy),
 * and at most HEADER_CACHE_SIZE of them, so a stream of distinct forged headers only churns it;
 * every check still runs on every token.
 */
const decodedHeaders = new Map<string, Readonly<Record<string, unknown>>>();
const HEADER_CACHE_SIZE = 64;

function decodeHeader(segment: string): Readonly<Record<string, unknown>> {
  let header = decodedHeaders.get(segment);
  if (header === undefined) {
    header = Object.freeze(decodeJsonObject(segment, "header"));
    if (decodedHeaders.size >= HEADER_CACHE_SIZE) decodedHeaders.delete(decodedHeaders.keys().next().value as string);
    decodedHeaders.set(segment, header);
  }
  return header;
}

export interface VerifiedJws {
  readonly header: JwsHeader & { readonly kid: string };
  /** The payload as a JSON object; its claims are the caller's to validate. */
  readonly payload: Record<string, unknown>;
}

/**
 * Parses a compact JWS, checks its header (exactly `algorithm`, a kid, no `crit` extensions, no
 * unencoded payload) and its signature against the key `resolveKey` returns for the kid. Answers
 * in place (a result or a thrown TokenVerificationError) when the key does; a promise only when
 * the key has to be fetched.
 */
export function verifyCompactJws(
  token: string,
  algorithm: JwsAlgorithm,
  resolveKey: (kid: string, header: JwsHeader) => JwsKey | Promise<JwsKey>,
): VerifiedJws | Promise<VerifiedJws> {
  const parts = token.split(".");
  if (parts.length !== 3) throw malformed("the token is not a compact JWS");
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  if (!BASE64URL.test(headerPart) || !BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) {
    throw malformed("the token is not base64url");
  }
  const header = decodeHeader(headerPart);
  if (typeof header.alg !== "string") throw malformed("the header has no alg");
  if (header.alg !== algorithm) throw new TokenVerificationError("algorithm_not_allowed", "the token's alg is not allowed");
  // An extension we would have to understand (RFC 7515 §4.1.11), or an unencoded payload (RFC
  // 7797, which only comes with crit): refused, as jose refuses them.
  if (header.crit !== undefined || header.b64 !== undefined) throw malformed("the header uses an unsupported extension");
  if (typeof header.kid !== "string" || header.kid.length === 0) {
    throw new TokenVerificationError("kid_missing", "the token header has no kid", "kid");
  }
  const kid = header.kid;
  const checkWith = (key: JwsKey): VerifiedJws => {
    const signature = Buffer.from(signaturePart, "base64url");
    const signingInput = Buffer.from(`${headerPart}.${payloadPart}`);
    let valid: boolean;
    if (algorithm === "HS256") {
      const expected = sign("HS256", key, signingInput);
      valid = signature.length === expected.length && timingSafeEqual(signature, expected);
    } else {
      if (key instanceof Uint8Array) throw new TypeError("ES256 needs an EC key");
      valid = signature.length === ES256_SIGNATURE_BYTES && cryptoVerify("sha256", signingInput, { key, dsaEncoding: "ieee-p1363" }, signature);
    }
    if (!valid) throw new TokenVerificationError("token_invalid", "the signature does not verify");
    // The payload is decoded only after the signature holds: nothing unsigned is ever parsed as claims.
    return { header: { ...(header as unknown as JwsHeader), kid }, payload: decodeJsonObject(payloadPart, "payload") };
  };
  const resolved = resolveKey(kid, header as unknown as JwsHeader);
  return resolved instanceof Promise ? resolved.then(checkWith) : checkWith(resolved); // a local keyring answers at once
}
