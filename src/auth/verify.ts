// Capability-token verifier (CONTRACT §5). Importable by other services: depends only on jose and
// on its siblings in src/auth (claims.ts, errors.ts).
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

import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
  type FlattenedJWSInput,
  type RemoteJWKSetOptions,
} from "jose";

import { parseTaskTokenClaims, TASK_TOKEN_AUDIENCE, type TaskTokenClaims } from "./claims.js";
import { TokenVerificationError } from "./errors.js";

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
  /** Resolves with typed claims or rejects with TokenVerificationError. */
  verify(token: string | null | undefined): Promise<VerifiedTaskToken>;
}

/** Tokens larger than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;
export const MIN_HS256_SECRET_BYTES = 32;

type KeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey | Uint8Array>;

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

function buildKeyResolver(source: TaskTokenKeySource): { algorithm: TaskTokenAlgorithm; resolve: KeyResolver } {
  switch (source.kind) {
    case "es256-jwks": {
      const local = createLocalJWKSet(publicEs256Jwks(source.jwks));
      return { algorithm: "ES256", resolve: (header, token) => local(header, token) };
    }
    case "es256-remote": {
      const remote = createRemoteJWKSet(new URL(source.url), source.options);
      return {
        algorithm: "ES256",
        resolve: async (header, token) => {
          try {
            return await remote(header, token);
          } catch (error) {
            if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
              throw error;
            }
            // Fetch failures, timeouts, non-200 answers, unparseable documents: not the token's fault.
            throw new TokenVerificationError("jwks_unavailable", "the JWKS could not be loaded", undefined, { cause: error });
          }
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
        resolve: async (header) => {
          if (header.kid !== kid) throw new TokenVerificationError("unknown_kid", "kid does not name a configured key");
          return secret;
        },
      };
    }
  }
}

export function createTaskTokenVerifier(options: TaskTokenVerifierOptions): TaskTokenVerifier {
  if (typeof options.issuer !== "string" || options.issuer.length === 0) throw new Error("the verifier needs an issuer");
  const { algorithm, resolve } = buildKeyResolver(options.keys);
  const tolerance = options.clockToleranceSeconds ?? 30;
  const now = options.now ?? (() => new Date());

  // jose checks `alg` against `algorithms` before it calls this resolver, so the resolver only
  // has to insist on a kid (jose's JWKS lookup would otherwise accept a kid-less token when the
  // set holds a single key).
  const getKey: KeyResolver = async (header, token) => {
    if (typeof header.kid !== "string" || header.kid.length === 0) {
      throw new TokenVerificationError("kid_missing", "the token header has no kid", "kid");
    }
    return resolve(header, token);
  };

  return {
    algorithm,
    async verify(token) {
      if (token === undefined || token === null || token.length === 0) {
        throw new TokenVerificationError("token_missing", "no capability token was presented");
      }
      if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) {
        throw new TokenVerificationError("token_malformed", "the capability token is not a compact JWT of acceptable size");
      }
      const currentDate = now();
      let payload: unknown;
      let kid: string;
      try {
        const result = await jwtVerify(token, getKey, {
          algorithms: [algorithm],
          issuer: options.issuer,
          audience: TASK_TOKEN_AUDIENCE,
          requiredClaims: ["iss", "aud", "sub", "exp", "iat", "jti"],
          clockTolerance: tolerance,
          currentDate,
        });
        payload = result.payload;
        kid = String(result.protectedHeader.kid);
      } catch (error) {
        throw toVerificationError(error);
      }
      const claims = parseTaskTokenClaims(payload);
      // jose accepts an iat in the future; a token minted "later" than now is not valid yet.
      if (claims.iat > Math.floor(currentDate.getTime() / 1000) + tolerance) {
        throw new TokenVerificationError("token_not_yet_valid", "the token's iat lies in the future", "iat");
      }
      return { claims, kid, algorithm };
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

function toVerificationError(error: unknown): TokenVerificationError {
  if (error instanceof TokenVerificationError) return error;
  const fail = (reason: ConstructorParameters<typeof TokenVerificationError>[0], message: string, claim?: string) =>
    new TokenVerificationError(reason, message, claim, { cause: error });
  if (error instanceof joseErrors.JWTExpired) return fail("token_expired", "the token has expired", "exp");
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return fail(error.reason === "missing" ? "claims_invalid" : "issuer_mismatch", `iss ${error.reason}`, "iss");
      case "aud":
        return fail(error.reason === "missing" ? "claims_invalid" : "audience_mismatch", `aud ${error.reason}`, "aud");
      case "nbf":
        return fail("token_not_yet_valid", "the token is not valid yet", "nbf");
      case "iat":
        return error.reason === "check_failed"
          ? fail("token_not_yet_valid", "the token's iat lies in the future", "iat")
          : fail("claims_invalid", `claim iat ${error.reason}`, "iat");
      default:
        return fail("claims_invalid", `claim ${error.claim} ${error.reason}`, error.claim);
    }
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return fail("algorithm_not_allowed", "the token's alg is not allowed");
  if (error instanceof joseErrors.JWKSNoMatchingKey) return fail("unknown_kid", "kid does not name a known key", "kid");
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return fail("unknown_kid", "kid is ambiguous", "kid");
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return fail("token_invalid", "the signature does not verify");
  // JOSENotSupported: e.g. a `crit` header extension this verifier does not understand.
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JOSENotSupported) {
    return fail("token_malformed", "the token is not a well-formed JWT");
  }
  // A key of the wrong type for the algorithm, and similar, are refusals too.
  if (error instanceof joseErrors.JOSEError) return fail("token_invalid", `the token was refused (${error.code})`);
  return fail("token_invalid", "the token was refused");
}
