// Capability-token verifier (CONTRACT §5). Importable by other services: depends only on
// node:crypto, jose (remote JWKS) and its siblings in src/auth (claims.ts, errors.ts, jws.ts).
//
// Rules enforced here:
// - exactly one algorithm per verifier: ES256 when built from public keys or a remote JWKS, HS256
//   only when explicitly built in local mode; an ES256 verifier therefore refuses HS256 tokens
//   (including HS256 "signed" with the ES256 public key bytes) and `alg: none`;
// - a `kid` is required, even when only one key is configured;
// - iss, aud, exp are checked, iat/nbf may not lie in the future, and every required claim is
//   validated for presence and shape (claims.ts).
// Every failure is a TokenVerificationError with a machine-readable reason; the wire maps all of
// them to `unauthenticated`.

import { createPublicKey, KeyObject } from "node:crypto";

import { createRemoteJWKSet, errors as joseErrors, type CryptoKey, type JSONWebKeySet, type JWK, type RemoteJWKSetOptions } from "jose";

import { parseTaskTokenClaims, TASK_TOKEN_AUDIENCE, type TaskTokenClaims } from "./claims.js";
import { TokenVerificationError } from "./errors.js";
import { verifyCompactJws, type JwsHeader, type JwsKey } from "./jws.js";

export { TokenVerificationError, type TokenVerificationReason } from "./errors.js";
export { TASK_TOKEN_AUDIENCE, parseTaskTokenClaims } from "./claims.js";
export type { TaskTokenClaims, TaskTokenDatasetClaim, TaskTokenS3Claim } from "./claims.js";

/** The request header that carries the token. */
export const TASK_CAPABILITY_HEADER = "X-Trace-Task-Capability";

export type TaskTokenAlgorithm = "ES256" | "HS256";

/** Where a verifier gets its keys. */
export type TaskTokenKeySource =
  /** Public ES256 keys (a JWKS document such as the one served at GET /internal/jwks/task). */
  | { readonly kind: "es256-jwks"; readonly jwks: JSONWebKeySet }
  /** A JWKS URL fetched and cached with jose's createRemoteJWKSet (refetches on an unknown kid). */
  | { readonly kind: "es256-remote"; readonly url: URL | string; readonly options?: RemoteJWKSetOptions }
  /** Local development only: one shared secret (>= 32 bytes) under one kid. */
  | { readonly kind: "hs256-local"; readonly secret: Uint8Array; readonly kid: string };

export interface TaskTokenVerifierOptions {
  /** Expected `iss`. */
  readonly issuer: string;
  readonly keys: TaskTokenKeySource;
  /** Allowed clock skew for exp/iat/nbf; default 30 s. */
  readonly clockToleranceSeconds?: number;
  /** Injectable clock. */
  readonly now?: () => Date;
}

export interface VerifiedTaskToken {
  readonly claims: TaskTokenClaims;
  readonly kid: string;
  readonly algorithm: TaskTokenAlgorithm;
}

export interface TaskTokenVerifier {
  readonly algorithm: TaskTokenAlgorithm;
  /**
   * Resolves with typed claims or rejects with TokenVerificationError. `finalUse`: the call ends
   * the attempt (Complete), so the token is not kept for a next presentation.
   */
  verify(token: string | null | undefined, options?: { finalUse?: boolean }): Promise<VerifiedTaskToken>;
  /**
   * The same verification for a hot path: answered in place (a result, or a thrown
   * TokenVerificationError) whenever nothing has to be fetched, which is always with local keys;
   * a promise only while a remote JWKS is being fetched. Saves the request path the promises of
   * an async call it would otherwise wait on for every token.
   */
  verifyNow(token: string | null | undefined, options?: { finalUse?: boolean }): VerifiedTaskToken | Promise<VerifiedTaskToken>;
}

/** Tokens larger than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;
export const MIN_HS256_SECRET_BYTES = 32;

/** Finds the verification key for a kid; throws TokenVerificationError("unknown_kid") when there is none. */
type KeyResolver = (kid: string, header: JwsHeader) => JwsKey | Promise<JwsKey>;

/** Strips every JWK down to public ES256 members; refuses anything that is not a P-256 key with a kid. */
export function publicEs256Jwks(jwks: JSONWebKeySet): JSONWebKeySet {
  if (typeof jwks !== "object" || jwks === null || !Array.isArray(jwks.keys) || jwks.keys.length === 0) {
    throw new Error("an ES256 verifier needs a JWKS with at least one key");
  }
  const seen = new Set<string>();
  const keys = jwks.keys.map((key: JWK, index) => {
    if (key.kty !== "EC" || key.crv !== "P-256" || typeof key.x !== "string" || typeof key.y !== "string") {
      throw new Error(`JWKS key #${index} is not an EC P-256 key`);
    }
    if (key.alg !== undefined && key.alg !== "ES256") throw new Error(`JWKS key #${index} has alg ${key.alg}, not ES256`);
    if (typeof key.kid !== "string" || key.kid.length === 0) throw new Error(`JWKS key #${index} has no kid`);
    if (seen.has(key.kid)) throw new Error(`JWKS kid ${key.kid} appears twice`);
    seen.add(key.kid);
    return { kty: "EC", crv: "P-256", x: key.x, y: key.y, kid: key.kid, alg: "ES256", use: "sig" };
  });
  return { keys };
}

const unknownKid = () => new TokenVerificationError("unknown_kid", "kid does not name a known key", "kid");

function buildKeyResolver(source: TaskTokenKeySource): { algorithm: TaskTokenAlgorithm; resolve: KeyResolver } {
  switch (source.kind) {
    case "es256-jwks": {
      // Imported once: verification then costs one node:crypto verify.
      const byKid = new Map<string, KeyObject>(
        publicEs256Jwks(source.jwks).keys.map((jwk) => [
          String(jwk.kid),
          createPublicKey({ key: { kty: "EC", crv: "P-256", x: String(jwk.x), y: String(jwk.y) }, format: "jwk" }),
        ]),
      );
      return {
        algorithm: "ES256",
        resolve: (kid) => {
          const key = byKid.get(kid);
          if (key === undefined) throw unknownKid();
          return key;
        },
      };
    }
    case "es256-remote": {
      // jose fetches and caches the set, and refetches (rate-limited) when a kid is unknown.
      const remote = createRemoteJWKSet(new URL(source.url), source.options);
      const imported = new WeakMap<CryptoKey, KeyObject>();
      return {
        algorithm: "ES256",
        resolve: async (kid, header) => {
          let cryptoKey: CryptoKey;
          try {
            cryptoKey = await remote({ alg: header.alg, kid });
          } catch (error) {
            if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) throw unknownKid();
            // Fetch failures, timeouts, non-200 answers, unparseable documents: not the token's fault.
            throw new TokenVerificationError("jwks_unavailable", "the JWKS could not be loaded", undefined, { cause: error });
          }
          let key = imported.get(cryptoKey);
          if (key === undefined) {
            key = KeyObject.from(cryptoKey);
            imported.set(cryptoKey, key);
          }
          return key;
        },
      };
    }
    case "hs256-local": {
      if (!(source.secret instanceof Uint8Array) || source.secret.byteLength < MIN_HS256_SECRET_BYTES) {
        throw new Error(`the HS256 secret must be at least ${MIN_HS256_SECRET_BYTES} bytes`);
      }
      if (typeof source.kid !== "string" || source.kid.length === 0) throw new Error("the HS256 key needs a kid");
      const secret = new Uint8Array(source.secret);
      const kid = source.kid;
      return {
        algorithm: "HS256",
        resolve: (presented) => {
          if (presented !== kid) throw new TokenVerificationError("unknown_kid", "kid does not name a configured key");
          return secret;
        },
      };
    }
  }
}

const REQUIRED_REGISTERED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti"] as const;

/**
 * The registered-claim checks, in the order (and with the reasons) jose's jwtVerify applies them,
 * so a refusal reads the same whichever library verified it: presence, iss, aud, then the
 * NumericDates against the clock with the tolerance.
 */
function checkRegisteredClaims(payload: Record<string, unknown>, issuer: string, nowSeconds: number, tolerance: number): void {
  for (const claim of REQUIRED_REGISTERED_CLAIMS) {
    if (!(claim in payload)) throw new TokenVerificationError("claims_invalid", `claim ${claim} missing`, claim);
  }
  if (payload.iss !== issuer) throw new TokenVerificationError("issuer_mismatch", "iss check_failed", "iss");
  // An array that contains the audience passes here and is refused by the claim shape rules.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(TASK_TOKEN_AUDIENCE)) throw new TokenVerificationError("audience_mismatch", "aud check_failed", "aud");
  if (typeof payload.iat !== "number") throw new TokenVerificationError("claims_invalid", "claim iat invalid", "iat");
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== "number") throw new TokenVerificationError("claims_invalid", "claim nbf invalid", "nbf");
    if (payload.nbf > nowSeconds + tolerance) throw new TokenVerificationError("token_not_yet_valid", "the token is not valid yet", "nbf");
  }
  if (typeof payload.exp !== "number") throw new TokenVerificationError("claims_invalid", "claim exp invalid", "exp");
  if (payload.exp <= nowSeconds - tolerance) throw new TokenVerificationError("token_expired", "the token has expired", "exp");
}

/** Verified tokens kept by their exact string (heartbeats re-present the same token every time). */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export function createTaskTokenVerifier(options: TaskTokenVerifierOptions): TaskTokenVerifier {
  if (typeof options.issuer !== "string" || options.issuer.length === 0) throw new Error("the verifier needs an issuer");
  const { algorithm, resolve } = buildKeyResolver(options.keys);
  const tolerance = options.clockToleranceSeconds ?? 30;
  const now = options.now ?? (() => new Date());
  // Only successful verifications are cached, and a hit is re-checked against the clock: a token
  // stays accepted exactly as long as a full verification would accept it (its signing key is
  // fixed for this verifier's life, or, for a remote JWKS, until its exp). Oldest entries go
  // first when the cache is full. A token's final use (its attempt's Complete) takes it out:
  // keeping every finished attempt's claims for their whole lifetime filled the old generation
  // with garbage the collector had to promote and sweep (5 % of the Dispatcher's CPU at 32 in flight).
  const verified = new Map<string, VerifiedTaskToken>();

  const accept = (header: JwsHeader & { readonly kid: string }, payload: Record<string, unknown>, token: string, nowSeconds: number, use?: { finalUse?: boolean }): VerifiedTaskToken => {
    checkRegisteredClaims(payload, options.issuer, nowSeconds, tolerance);
    const claims = parseTaskTokenClaims(payload);
    // jose-style checks accept an iat in the future; a token minted "later" than now is not valid yet.
    if (claims.iat > nowSeconds + tolerance) {
      throw new TokenVerificationError("token_not_yet_valid", "the token's iat lies in the future", "iat");
    }
    const result: VerifiedTaskToken = { claims, kid: header.kid, algorithm };
    if (use?.finalUse === true) return result;
    if (verified.size >= VERIFIED_TOKEN_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(token, result);
    return result;
  };

  const verifyNow: TaskTokenVerifier["verifyNow"] = (token, use) => {
    if (token === undefined || token === null || token.length === 0) {
      throw new TokenVerificationError("token_missing", "no capability token was presented");
    }
    if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
      throw new TokenVerificationError("token_malformed", "the capability token is not a compact JWT of acceptable size");
    }
    const nowSeconds = Math.floor(now().getTime() / 1000);
    const cached = verified.get(token);
    if (cached !== undefined) {
      if (use?.finalUse === true || cached.claims.exp <= nowSeconds - tolerance) verified.delete(token);
      if (cached.claims.exp > nowSeconds - tolerance) return cached;
      throw new TokenVerificationError("token_expired", "the token has expired", "exp");
    }
    const jws = verifyCompactJws(token, algorithm, resolve);
    if (jws instanceof Promise) return jws.then(({ header, payload }) => accept(header, payload, token, nowSeconds, use));
    return accept(jws.header, jws.payload, token, nowSeconds, use);
  };

  return {
    algorithm,
    verifyNow,
    async verify(token, use) {
      return verifyNow(token, use);
    },
  };
}

/** A verifier for another service: keys come from the Dispatcher's GET /internal/jwks/task. */
export function createRemoteTaskTokenVerifier(options: {
  readonly issuer: string;
  readonly jwksUrl: URL | string;
  readonly remoteJwksOptions?: RemoteJWKSetOptions;
  readonly clockToleranceSeconds?: number;
  readonly now?: () => Date;
}): TaskTokenVerifier {
  return createTaskTokenVerifier({
    issuer: options.issuer,
    keys: {
      kind: "es256-remote",
      url: options.jwksUrl,
      ...(options.remoteJwksOptions !== undefined ? { options: options.remoteJwksOptions } : {}),
    },
    ...(options.clockToleranceSeconds !== undefined ? { clockToleranceSeconds: options.clockToleranceSeconds } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
}
