// Shared fixtures for the capability-token tests: real ES256 keys, a fixed clock, and a way to sign
// arbitrary (possibly malformed) claim sets with a real keyring key.
import { base64url, SignJWT, type JWTPayload } from "jose";

import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { loadKeyring, type TaskTokenKeyring } from "../../src/auth/keyring.js";
import { mintTaskToken, type MintTaskTokenInput } from "../../src/auth/mint.js";
import { createTaskTokenVerifier, type TaskTokenVerifier } from "../../src/auth/verify.js";

export const ISSUER = "https://dispatcher.test";
export const NOW = new Date("2026-01-15T12:00:00Z");
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
export const fixedClock = () => NOW;

export const TASK_ID = "0f8b6a52-3c1d-4e8f-9a7b-2c4d6e8f0a1b";
export const DATASET_UUID = "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d";

export const MINT_INPUT: MintTaskTokenInput = {
  orgId: "org-42",
  taskId: TASK_ID,
  attempt: 2,
  datasets: [
    { dataset_uuid: DATASET_UUID, dataset_version: "v3", storage_ref: "s3://data-bucket/datasets/x/" },
    { dataset_uuid: "11111111-2222-4333-8444-555555555555", dataset_version: "v1" },
  ],
  s3: {
    read_prefixes: ["s3://data-bucket/datasets/x/", "s3://data-bucket/datasets/a/"],
    write_prefixes: ["s3://out-bucket/tasks/0f8b6a52/"],
  },
  jobTimeoutSeconds: 900,
  leaseSeconds: 120,
};

export async function es256Keyring(keyCount = 1): Promise<{ keyring: TaskTokenKeyring; jwks: { keys: unknown[] } }> {
  const keys = [];
  for (let i = 0; i < keyCount; i += 1) keys.push(await generateSigningKey({ kid: `test-key-${i}` }));
  const jwks = { keys };
  return { keyring: await loadKeyring({ jwksJson: JSON.stringify(jwks) }), jwks };
}

export function verifierFor(keyring: TaskTokenKeyring, now: () => Date = fixedClock): TaskTokenVerifier {
  return createTaskTokenVerifier({ issuer: ISSUER, keys: keyring.verificationKeys, now });
}

export async function mint(keyring: TaskTokenKeyring, input: MintTaskTokenInput = MINT_INPUT, now: () => Date = fixedClock) {
  return mintTaskToken({ keyring, issuer: ISSUER, now }, input);
}

/** A complete, valid claim set as plain JSON, for tests that then break one member. */
export function validClaims(): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: "trace.task",
    sub: `task:${TASK_ID}`,
    exp: NOW_SECONDS + 1200,
    iat: NOW_SECONDS,
    jti: "8d1f0e4c-5b6a-4c3d-9e2f-1a0b9c8d7e6f",
    org_id: "org-42",
    task_id: TASK_ID,
    attempt: 1,
    datasets: [{ dataset_uuid: DATASET_UUID, dataset_version: "v3" }],
    s3: { read_prefixes: ["s3://data-bucket/datasets/x/"], write_prefixes: [] },
  };
}

/** Signs any payload with the keyring's signing key (or another key), bypassing the minter's checks. */
export async function signRaw(
  keyring: TaskTokenKeyring,
  payload: Record<string, unknown>,
  header: { alg?: string; kid?: string | undefined } = {},
  key: Parameters<SignJWT["sign"]>[0] = keyring.signingKey,
): Promise<string> {
  const protectedHeader: { alg: string; kid?: string; typ: string } = {
    alg: header.alg ?? keyring.algorithm,
    typ: "JWT",
  };
  const kid = "kid" in header ? header.kid : keyring.signingKid;
  if (kid !== undefined) protectedHeader.kid = kid;
  return new SignJWT(payload as JWTPayload).setProtectedHeader(protectedHeader).sign(key);
}

/** An unsigned token with arbitrary header, as an attacker would craft it. */
export function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ""): string {
  const enc = (v: unknown) => base64url.encode(new TextEncoder().encode(JSON.stringify(v)));
  return `${enc(header)}.${enc(payload)}.${signature}`;
}
