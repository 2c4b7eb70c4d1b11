// Key generation, rotation and retirement for the task-token keyring, as plain functions that a
// CLI command wires to a file. Keyring order is meaningful: the first key signs, later keys only
// verify, and keys are listed newest first.
//
// Rotation procedure (operators):
//   1. rotateKeyring: a new key is put first and starts signing; old keys keep verifying.
//   2. Deploy the new file to every Dispatcher process.
//   3. After the longest token TTL (24 h) plus the JWKS cache max-age has passed, retireKeys(...,
//      newKid) drops the older keys; tokens they signed have all expired by then.

import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";

import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";

import { KeyringConfigError, parseKeyringJwks, toPublicJwk, type PrivateEs256Jwk, type PublicEs256Jwk } from "./keyring.js";

export type KeyringJwks = { readonly keys: readonly (PrivateEs256Jwk | PublicEs256Jwk)[] };

export interface GenerateSigningKeyOptions {
  /** Explicit kid; default `es256-YYYYMMDD-<first 16 chars of the RFC 7638 thumbprint>`. */
  readonly kid?: string;
  /** Injectable clock for the default kid's date. */
  readonly now?: () => Date;
}

/** A fresh private ES256 JWK with a kid (store it; never print it to logs). */
export async function generateSigningKey(options: GenerateSigningKeyOptions = {}): Promise<PrivateEs256Jwk> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y || !jwk.d) {
    throw new Error("key generation produced an unexpected JWK");
  }
  let kid = options.kid;
  if (kid === undefined) {
    const date = (options.now ?? (() => new Date()))().toISOString().slice(0, 10).replaceAll("-", "");
    const thumbprint = await calculateJwkThumbprint({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y });
    kid = `es256-${date}-${thumbprint.slice(0, 16)}`;
  }
  if (kid.length === 0 || kid.length > 128) throw new Error("kid must be 1..128 characters");
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, d: jwk.d, kid, alg: "ES256", use: "sig" };
}

export interface RotationResult {
  readonly jwks: KeyringJwks;
  readonly signingKid: string;
  readonly previousSigningKid: string;
}

/** Returns a new keyring with a fresh signing key first and every existing key kept for verification. */
export async function rotateKeyring(jwks: unknown, options: GenerateSigningKeyOptions = {}): Promise<RotationResult> {
  const current = parseKeyringJwks(jwks);
  const previous = current.keys[0];
  if (previous === undefined) throw new KeyringConfigError("the JWK set has no keys");
  const fresh = await generateSigningKey(options);
  if (current.keys.some((k) => k.kid === fresh.kid)) throw new KeyringConfigError(`kid ${fresh.kid} already exists`);
  return { jwks: { keys: [fresh, ...current.keys] }, signingKid: fresh.kid, previousSigningKid: previous.kid };
}

export interface RetirementResult {
  readonly jwks: KeyringJwks;
  readonly retiredKids: readonly string[];
}

/**
 * Drops every key listed after `olderThanKid` (i.e. older than it); `olderThanKid` itself and
 * everything before it (including the signing key) stay. Refuses an unknown kid.
 */
export function retireKeys(jwks: unknown, olderThanKid: string): RetirementResult {
  const current = parseKeyringJwks(jwks);
  const index = current.keys.findIndex((k) => k.kid === olderThanKid);
  if (index === -1) throw new KeyringConfigError(`kid ${olderThanKid} is not in the keyring`);
  return {
    jwks: { keys: current.keys.slice(0, index + 1) },
    retiredKids: current.keys.slice(index + 1).map((k) => k.kid),
  };
}

/** A new keyring holding one freshly generated signing key. */
export async function createKeyring(options: GenerateSigningKeyOptions = {}): Promise<KeyringJwks> {
  return { keys: [await generateSigningKey(options)] };
}

/**
 * Writes a keyring file atomically (temp file + rename) with mode 0600, since it holds private keys.
 */
export function writeKeyringFile(path: string, jwks: KeyringJwks): void {
  parseKeyringJwks(jwks);
  const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  renameSync(temp, path);
}

/** Reads and validates a keyring file (shape only; loadKeyring does the crypto checks). */
export function readKeyringFile(path: string): KeyringJwks {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    // Not chained: a JSON parse message could quote key material.
    throw new KeyringConfigError(`cannot read a JSON keyring from ${path}`);
  }
  return parseKeyringJwks(parsed);
}

/** The public JWKS of a keyring (e.g. to hand to a verifier that cannot reach the endpoint). */
export function publicKeysOf(jwks: unknown): { keys: PublicEs256Jwk[] } {
  return { keys: parseKeyringJwks(jwks).keys.map(toPublicJwk) };
}
