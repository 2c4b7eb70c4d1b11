// The Dispatcher's task-token keyring: which key signs, which keys verify, what is published.
//
// Production (ES256): a JWK set of private P-256 keys, each with a unique `kid`. The FIRST key
// signs; every key verifies, so tokens minted before a rotation stay valid while the old key is
// still listed (rotation overlap). Keys after the first may be public-only (private part already
// destroyed). See keyring-admin.ts for generation, rotation and retirement.
//
// Local development (HS256): one shared secret, only when explicitly selected; configuring it
// together with ES256 keys is a configuration error, so an ES256 deployment can never accept HS256.

import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";

import type { JSONWebKeySet } from "jose";

import { MIN_HS256_SECRET_BYTES, publicEs256Jwks, type TaskTokenAlgorithm, type TaskTokenKeySource } from "./verify.js";

/** A private ES256 key as stored in the keyring file. */
export interface PrivateEs256Jwk {
  readonly kty: "EC";
  readonly crv: "P-256";
  readonly x: string;
  readonly y: string;
  readonly d: string;
  readonly kid: string;
  readonly alg: "ES256";
  readonly use?: "sig";
}

/** A public ES256 key as published in the JWKS (never a `d`). */
export interface PublicEs256Jwk {
  readonly kty: "EC";
  readonly crv: "P-256";
  readonly x: string;
  readonly y: string;
  readonly kid: string;
  readonly alg: "ES256";
  readonly use: "sig";
}

export interface TaskTokenKeyring {
  readonly algorithm: TaskTokenAlgorithm;
  /** The kid put in the header of every new token. */
  readonly signingKid: string;
  /** The key that signs new tokens (a private P-256 KeyObject for ES256, the secret for HS256). */
  readonly signingKey: KeyObject | Uint8Array;
  /** Every kid that verifies, signing key first. */
  readonly verificationKids: readonly string[];
  /** What createTaskTokenVerifier needs to verify this keyring's tokens. */
  readonly verificationKeys: TaskTokenKeySource;
  /** Public keys for GET /internal/jwks/task; empty in HS256 local mode (a secret is never published). */
  readonly publicJwks: { readonly keys: readonly PublicEs256Jwk[] };
}

/** What an operator does about a missing keyring (the env names are keyringConfigFromEnv's). */
const CREATE_KEYRING_HINT = "create one with `trace-dispatcher keys generate FILE`";

export class KeyringConfigError extends Error {
  override readonly name = "KeyringConfigError";
}

export const DEFAULT_HS256_KID = "local-hs256";

/** Where the keyring comes from. Exactly one source; HS256 needs mode "local-hs256". */
export interface KeyringConfig {
  /** "es256" (default, production) or "local-hs256" (development only). */
  readonly mode?: "es256" | "local-hs256";
  /** Path of a JWK set file of private ES256 keys. */
  readonly jwksFile?: string;
  /** The same JWK set inline, as JSON text. */
  readonly jwksJson?: string;
  /** Local mode only: the shared secret (UTF-8, at least 32 bytes). */
  readonly hs256Secret?: string;
  /** Local mode only: kid for the secret; default "local-hs256". */
  readonly hs256Kid?: string;
}

/**
 * Reads KeyringConfig from environment variables:
 * TRACE_TASK_TOKEN_MODE (es256 | local-hs256), TRACE_TASK_JWKS_FILE, TRACE_TASK_JWKS (JSON),
 * TRACE_TASK_HS256_SECRET, TRACE_TASK_HS256_KID.
 */
export function keyringConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): KeyringConfig {
  const mode = env.TRACE_TASK_TOKEN_MODE;
  if (mode !== undefined && mode !== "" && mode !== "es256" && mode !== "local-hs256") {
    throw new KeyringConfigError(`TRACE_TASK_TOKEN_MODE must be es256 or local-hs256, not ${JSON.stringify(mode)}`);
  }
  const pick = (name: string) => (env[name] !== undefined && env[name] !== "" ? env[name] : undefined);
  const config: {
    -readonly [K in keyof KeyringConfig]: KeyringConfig[K];
  } = {};
  if (mode === "es256" || mode === "local-hs256") config.mode = mode;
  const jwksFile = pick("TRACE_TASK_JWKS_FILE");
  if (jwksFile !== undefined) config.jwksFile = jwksFile;
  const jwksJson = pick("TRACE_TASK_JWKS");
  if (jwksJson !== undefined) config.jwksJson = jwksJson;
  const secret = pick("TRACE_TASK_HS256_SECRET");
  if (secret !== undefined) config.hs256Secret = secret;
  const kid = pick("TRACE_TASK_HS256_KID");
  if (kid !== undefined) config.hs256Kid = kid;
  return config;
}

/** Builds the keyring from configuration, refusing ambiguous or mixed setups. */
export async function loadKeyring(config: KeyringConfig): Promise<TaskTokenKeyring> {
  const mode = config.mode ?? "es256";
  const hasEs256 = config.jwksFile !== undefined || config.jwksJson !== undefined;
  if (mode === "local-hs256") {
    if (hasEs256) {
      throw new KeyringConfigError("local-hs256 mode must not be combined with ES256 keys (HS256 is never accepted where ES256 is configured)");
    }
    if (config.hs256Secret === undefined) throw new KeyringConfigError("local-hs256 mode needs an HS256 secret");
    return localHs256Keyring(config.hs256Secret, config.hs256Kid ?? DEFAULT_HS256_KID);
  }
  if (config.hs256Secret !== undefined) {
    throw new KeyringConfigError("an HS256 secret is configured but mode is es256; set mode local-hs256 for local development");
  }
  if (config.jwksFile !== undefined && config.jwksJson !== undefined) {
    throw new KeyringConfigError("configure the JWK set either as a file or inline, not both");
  }
  let text: string;
  if (config.jwksFile !== undefined) {
    try {
      text = readFileSync(config.jwksFile, "utf8");
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
      throw new KeyringConfigError(`the JWK set file ${config.jwksFile} (TRACE_TASK_JWKS_FILE) ${why}; ${CREATE_KEYRING_HINT}`, { cause: error });
    }
  } else if (config.jwksJson !== undefined) {
    text = config.jwksJson;
  } else {
    throw new KeyringConfigError(`no task-token keys configured: set TRACE_TASK_JWKS_FILE to a JWK set file (or TRACE_TASK_JWKS inline); ${CREATE_KEYRING_HINT}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // The parse error message could quote key material; do not chain it.
    throw new KeyringConfigError("the JWK set is not valid JSON");
  }
  return es256Keyring(parsed);
}

/** Validates a keyring JWK set's shape (no crypto): the first key private, all ES256 with unique kids. */
export function parseKeyringJwks(value: unknown): { keys: (PrivateEs256Jwk | PublicEs256Jwk)[] } {
  if (typeof value !== "object" || value === null || !Array.isArray((value as { keys?: unknown }).keys)) {
    throw new KeyringConfigError('the JWK set must be an object with a "keys" array');
  }
  const rawKeys = (value as { keys: unknown[] }).keys;
  if (rawKeys.length === 0) throw new KeyringConfigError("the JWK set has no keys");
  const seen = new Set<string>();
  const keys = rawKeys.map((raw, index) => {
    if (typeof raw !== "object" || raw === null) throw new KeyringConfigError(`key #${index} is not an object`);
    const key = raw as Record<string, unknown>;
    if (key.kty !== "EC" || key.crv !== "P-256") {
      throw new KeyringConfigError(`key #${index} is not an EC P-256 key (only ES256 keys belong in the keyring)`);
    }
    if (key.alg !== undefined && key.alg !== "ES256") throw new KeyringConfigError(`key #${index} has alg ${String(key.alg)}`);
    if (key.use !== undefined && key.use !== "sig") throw new KeyringConfigError(`key #${index} has use ${String(key.use)}`);
    if (typeof key.kid !== "string" || key.kid.length === 0 || key.kid.length > 128) {
      throw new KeyringConfigError(`key #${index} needs a kid`);
    }
    if (seen.has(key.kid)) throw new KeyringConfigError(`kid ${key.kid} appears twice`);
    seen.add(key.kid);
    if (typeof key.x !== "string" || typeof key.y !== "string") throw new KeyringConfigError(`key ${key.kid} lacks x/y`);
    const pub: PublicEs256Jwk = { kty: "EC", crv: "P-256", x: key.x, y: key.y, kid: key.kid, alg: "ES256", use: "sig" };
    if (key.d === undefined) {
      if (index === 0) throw new KeyringConfigError(`the signing key ${key.kid} (the first key) has no private part`);
      return pub;
    }
    if (typeof key.d !== "string") throw new KeyringConfigError(`key ${key.kid} has a malformed private part`);
    const priv: PrivateEs256Jwk = { ...pub, d: key.d };
    return priv;
  });
  return { keys };
}

async function es256Keyring(value: unknown): Promise<TaskTokenKeyring> {
  const { keys } = parseKeyringJwks(value);
  const signing = keys[0] as PrivateEs256Jwk;
  let signingKey: KeyObject;
  try {
    const { kty, crv, x, y, d } = signing;
    signingKey = createPrivateKey({ key: { kty, crv, x, y, d }, format: "jwk" });
    // Prove every listed public key imports, so a typo fails at startup, not on first verify.
    for (const { kty: t, crv: c, x: px, y: py } of keys) createPublicKey({ key: { kty: t, crv: c, x: px, y: py }, format: "jwk" });
  } catch (error) {
    throw new KeyringConfigError("a key in the JWK set does not import as ES256", { cause: error });
  }
  const publicKeys = keys.map(toPublicJwk);
  // Publishing the same stripped set the verifier uses keeps "what we serve" and "what we accept" equal.
  const jwks: JSONWebKeySet = publicEs256Jwks({ keys: publicKeys.map((k) => ({ ...k })) });
  return {
    algorithm: "ES256",
    signingKid: signing.kid,
    signingKey,
    verificationKids: keys.map((k) => k.kid),
    verificationKeys: { kind: "es256-jwks", jwks },
    publicJwks: { keys: publicKeys },
  };
}

/** Local-development keyring: HS256 with a shared secret; publishes no keys. */
export function localHs256Keyring(secret: string, kid: string = DEFAULT_HS256_KID): TaskTokenKeyring {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.byteLength < MIN_HS256_SECRET_BYTES) {
    throw new KeyringConfigError(`the HS256 secret must be at least ${MIN_HS256_SECRET_BYTES} bytes`);
  }
  if (kid.length === 0) throw new KeyringConfigError("the HS256 kid must not be empty");
  return {
    algorithm: "HS256",
    signingKid: kid,
    signingKey: bytes,
    verificationKids: [kid],
    verificationKeys: { kind: "hs256-local", secret: bytes, kid },
    publicJwks: { keys: [] },
  };
}

/** The public members of an ES256 key (an explicit allow-list: `d` can never leak through). */
export function toPublicJwk(key: PrivateEs256Jwk | PublicEs256Jwk): PublicEs256Jwk {
  return { kty: "EC", crv: "P-256", x: key.x, y: key.y, kid: key.kid, alg: "ES256", use: "sig" };
}
