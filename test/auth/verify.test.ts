// Attacks on the capability token (CONTRACT §5): every one must be refused with a typed reason.
import { createPublicKey } from "node:crypto";

import { CompactSign, exportSPKI, importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { loadKeyring, type PrivateEs256Jwk, type TaskTokenKeyring } from "../../src/auth/keyring.js";
import {
  createTaskTokenVerifier,
  MAX_TOKEN_LENGTH,
  TokenVerificationError,
  type TaskTokenVerifier,
  type TokenVerificationReason,
} from "../../src/auth/verify.js";
import {
  ISSUER,
  mint,
  NOW,
  NOW_SECONDS,
  es256Keyring,
  signRaw,
  TASK_ID,
  unsignedToken,
  validClaims,
  verifierFor,
} from "./fixtures.js";

async function refusal(promise: Promise<unknown>): Promise<TokenVerificationError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the token was accepted").toBeInstanceOf(TokenVerificationError);
  return outcome as TokenVerificationError;
}

async function expectRefused(promise: Promise<unknown>, reason: TokenVerificationReason, claim?: string): Promise<void> {
  const error = await refusal(promise);
  expect(error.reason).toBe(reason);
  if (claim !== undefined) expect(error.claim).toBe(claim);
}

let keyring: TaskTokenKeyring;
let signingJwk: PrivateEs256Jwk;
let verifier: TaskTokenVerifier;

beforeAll(async () => {
  const fixture = await es256Keyring(1);
  keyring = fixture.keyring;
  signingJwk = fixture.jwks.keys[0] as PrivateEs256Jwk;
  verifier = verifierFor(keyring);
});

describe("a valid token", () => {
  it("verifies and returns the typed claims", async () => {
    const minted = await mint(keyring);
    const verified = await verifier.verify(minted.token);
    expect(verified.claims).toEqual(minted.claims);
    expect(verified.kid).toBe("test-key-0");
    expect(verified.algorithm).toBe("ES256");
    expect(verified.claims.task_id).toBe(TASK_ID);
    expect(verified.claims.attempt).toBe(2);
  });

  // The request path calls verifyNow so that a local keyring costs it no promise per token.
  it("verifyNow answers in place with local keys, and refuses in place with verify's reason", async () => {
    const minted = await mint(keyring);
    const now = verifier.verifyNow(minted.token);
    expect(now).not.toBeInstanceOf(Promise);
    expect((now as Awaited<typeof now>).claims).toEqual(minted.claims);
    const forged = `${minted.token.slice(0, -4)}AAAA`;
    expect(() => verifier.verifyNow(forged)).toThrow(expect.objectContaining({ reason: "token_invalid" }));
    await expectRefused(verifier.verify(forged), "token_invalid");
  });

  it("accepts a hand-built valid claim set (the baseline the claim tests break)", async () => {
    const token = await signRaw(keyring, validClaims());
    await expect(verifier.verify(token)).resolves.toMatchObject({ claims: { task_id: TASK_ID } });
  });
});

describe("missing or unparseable tokens", () => {
  it.each([undefined, null, ""])("refuses %j as token_missing", async (token) => {
    await expectRefused(verifier.verify(token), "token_missing");
  });

  it.each(["abc", "a.b", "a.b.c.d", "x.y.z"])("refuses %j as token_malformed", async (token) => {
    await expectRefused(verifier.verify(token), "token_malformed");
  });

  it("refuses an oversized token before parsing", async () => {
    await expectRefused(verifier.verify("a".repeat(MAX_TOKEN_LENGTH + 1)), "token_malformed");
  });
});

describe("algorithm attacks", () => {
  it("refuses alg none", async () => {
    const token = unsignedToken({ alg: "none", kid: keyring.signingKid, typ: "JWT" }, validClaims());
    await expectRefused(verifier.verify(token), "algorithm_not_allowed");
  });

  it("refuses alg none even with a forged signature segment", async () => {
    const token = unsignedToken({ alg: "none", kid: keyring.signingKid }, validClaims(), "AAAA");
    await expectRefused(verifier.verify(token), "algorithm_not_allowed");
  });

  it("refuses HS256 tokens signed with the ES256 public key bytes in every common encoding", async () => {
    const publicJwk = { kty: "EC", crv: "P-256", x: signingJwk.x, y: signingJwk.y };
    const publicKey = await importJWK(publicJwk, "ES256", { extractable: true });
    if (publicKey instanceof Uint8Array) throw new Error("unexpected");
    const spkiPem = await exportSPKI(publicKey);
    const nodeKey = createPublicKey({ key: publicJwk, format: "jwk" });
    const secrets = [
      new TextEncoder().encode(spkiPem),
      new Uint8Array(nodeKey.export({ format: "der", type: "spki" })),
      new TextEncoder().encode(JSON.stringify(publicJwk)),
      new TextEncoder().encode(JSON.stringify(keyring.publicJwks.keys[0])),
    ];
    for (const secret of secrets) {
      const token = await new SignJWT(validClaims()).setProtectedHeader({ alg: "HS256", kid: keyring.signingKid }).sign(secret);
      await expectRefused(verifier.verify(token), "algorithm_not_allowed");
    }
  });

  it("refuses other asymmetric algorithms (ES384, RS256)", async () => {
    for (const alg of ["ES384", "RS256", "EdDSA"]) {
      const token = unsignedToken({ alg, kid: keyring.signingKid }, validClaims(), "AAAA");
      await expectRefused(verifier.verify(token), "algorithm_not_allowed");
    }
  });
});

describe("kid", () => {
  it("refuses a token without kid even when the keyring has a single key", async () => {
    const token = await signRaw(keyring, validClaims(), { kid: undefined });
    await expectRefused(verifier.verify(token), "kid_missing", "kid");
  });

  it.each([42, "", null, ["test-key-0"]])("refuses a non-string or empty kid %j", async (kid) => {
    const token = unsignedToken({ alg: "ES256", kid }, validClaims(), "AAAA");
    await expectRefused(verifier.verify(token), "kid_missing");
  });

  it("ignores a key embedded in the header (jwk) and still verifies against the keyring", async () => {
    const attacker = await generateSigningKey({ kid: keyring.signingKid });
    const attackerKey = await importJWK(attacker, "ES256");
    const { d: _d, ...attackerPublic } = attacker;
    const token = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: "ES256", kid: keyring.signingKid, jwk: attackerPublic })
      .sign(attackerKey);
    await expectRefused(verifier.verify(token), "token_invalid");
  });

  it("refuses a critical header extension it does not understand", async () => {
    const token = unsignedToken({ alg: "ES256", kid: keyring.signingKid, crit: ["x-trace"], "x-trace": 1 }, validClaims(), "AAAA");
    await expectRefused(verifier.verify(token), "token_malformed");
  });

  it("checks a header it has decoded before again, every time, however many other headers came between", async () => {
    // Decoded headers are remembered by their encoded text (all tokens of one key share one).
    const critical = unsignedToken({ alg: "ES256", kid: keyring.signingKid, crit: ["x-trace"], "x-trace": 1 }, validClaims(), "AAAA");
    const valid = (await mint(keyring)).token;
    for (let round = 0; round < 3; round++) {
      await expectRefused(verifier.verify(critical), "token_malformed");
      await expect(verifier.verify(valid)).resolves.toMatchObject({ kid: keyring.signingKid });
      for (let i = 0; i < 100; i++) await expectRefused(verifier.verify(unsignedToken({ alg: "ES256", junk: `${round}-${i}` }, validClaims(), "AAAA")), "kid_missing");
    }
  });

  it("refuses an unknown kid", async () => {
    const stranger = await generateSigningKey({ kid: "stranger" });
    const strangerKey = await importJWK(stranger, "ES256");
    const token = await signRaw(keyring, validClaims(), { kid: "stranger" }, strangerKey);
    await expectRefused(verifier.verify(token), "unknown_kid");
  });

  it("refuses a known kid over a signature made with another key", async () => {
    const stranger = await generateSigningKey({ kid: "stranger" });
    const strangerKey = await importJWK(stranger, "ES256");
    const token = await signRaw(keyring, validClaims(), { kid: keyring.signingKid }, strangerKey);
    await expectRefused(verifier.verify(token), "token_invalid");
  });

  it("refuses a tampered payload", async () => {
    const token = await signRaw(keyring, validClaims());
    const [header, , signature] = token.split(".");
    const forged = unsignedToken({}, { ...validClaims(), attempt: 7 }).split(".")[1];
    await expectRefused(verifier.verify(`${header}.${forged}.${signature}`), "token_invalid");
  });
});

describe("registered claims", () => {
  it("refuses a wrong audience", async () => {
    const token = await signRaw(keyring, { ...validClaims(), aud: "trace.admin" });
    await expectRefused(verifier.verify(token), "audience_mismatch", "aud");
  });

  it("refuses an audience array even when it contains trace.task", async () => {
    const token = await signRaw(keyring, { ...validClaims(), aud: ["trace.task", "other"] });
    await expectRefused(verifier.verify(token), "claims_invalid", "aud");
  });

  it("refuses a wrong issuer", async () => {
    const token = await signRaw(keyring, { ...validClaims(), iss: "https://evil.test" });
    await expectRefused(verifier.verify(token), "issuer_mismatch", "iss");
  });

  it("refuses an expired token, honouring the injected clock", async () => {
    const minted = await mint(keyring);
    const ttl = minted.claims.exp - minted.claims.iat;
    const later = new Date(NOW.getTime() + (ttl + 31) * 1000);
    await expect(verifierFor(keyring, () => new Date(NOW.getTime() + (ttl - 1) * 1000)).verify(minted.token)).resolves.toBeDefined();
    await expectRefused(verifierFor(keyring, () => later).verify(minted.token), "token_expired");
  });

  it("refuses a token issued in the future", async () => {
    const token = await signRaw(keyring, { ...validClaims(), iat: NOW_SECONDS + 3600, exp: NOW_SECONDS + 7200 });
    await expectRefused(verifier.verify(token), "token_not_yet_valid", "iat");
  });

  it("refuses a token whose nbf lies in the future", async () => {
    const token = await signRaw(keyring, { ...validClaims(), nbf: NOW_SECONDS + 3600 });
    await expectRefused(verifier.verify(token), "token_not_yet_valid", "nbf");
  });
});

describe("required claims", () => {
  const required = ["iss", "aud", "sub", "exp", "iat", "jti", "org_id", "task_id", "attempt", "datasets", "s3"];

  it.each(required)("refuses a token without %s", async (claim) => {
    const claims = validClaims();
    delete claims[claim];
    const token = await signRaw(keyring, claims);
    await expectRefused(verifier.verify(token), "claims_invalid", claim);
  });

  it.each([
    ["s3.read_prefixes", (c: Record<string, unknown>) => ({ ...c, s3: { write_prefixes: [] } })],
    ["s3.write_prefixes", (c: Record<string, unknown>) => ({ ...c, s3: { read_prefixes: [] } })],
    ["datasets[0].dataset_uuid", (c: Record<string, unknown>) => ({ ...c, datasets: [{ dataset_version: "v1" }] })],
    [
      "datasets[0].dataset_version",
      (c: Record<string, unknown>) => ({ ...c, datasets: [{ dataset_uuid: "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d" }] }),
    ],
  ])("refuses a token without %s", async (claim, mutate) => {
    const token = await signRaw(keyring, mutate(validClaims()));
    await expectRefused(verifier.verify(token), "claims_invalid", claim);
  });
});

describe("malformed claims", () => {
  const cases: [string, string, unknown][] = [
    ["attempt", "attempt", "1"],
    ["attempt", "attempt", 0],
    ["attempt", "attempt", -1],
    ["attempt", "attempt", 1.5],
    ["attempt", "attempt", 2 ** 32],
    ["task_id", "task_id", "not-a-uuid"],
    ["task_id", "task_id", 42],
    ["org_id", "org_id", ""],
    ["org_id", "org_id", { id: 1 }],
    ["jti", "jti", 123],
    ["sub", "sub", "task:someone-else"],
    ["sub", "sub", 5],
    ["exp", "exp", "9999999999"],
    ["iat", "iat", "yesterday"],
    ["datasets", "datasets", "all"],
    ["datasets", "datasets", { 0: {} }],
    ["datasets", "datasets[0]", ["x"]],
    ["datasets", "datasets[0].dataset_uuid", [{ dataset_uuid: "x", dataset_version: "v" }]],
    ["datasets", "datasets[0].dataset_version", [{ dataset_uuid: "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d", dataset_version: 3 }]],
    [
      "datasets",
      "datasets[0].storage_ref",
      [{ dataset_uuid: "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d", dataset_version: "v", storage_ref: 7 }],
    ],
    ["s3", "s3", "s3://data-bucket/x/"],
    ["s3", "s3", [{ read_prefixes: [] }]],
    ["s3", "s3.read_prefixes", { read_prefixes: "s3://data-bucket/x/", write_prefixes: [] }],
    ["s3", "s3.read_prefixes[0]", { read_prefixes: [42], write_prefixes: [] }],
    ["s3", "s3.write_prefixes[0]", { read_prefixes: [], write_prefixes: ["https://data-bucket/x/"] }],
    ["s3", "s3.write_prefixes[0]", { read_prefixes: [], write_prefixes: ["s3://data-bucket/x"] }],
  ];

  it.each(cases)("refuses %s = %j (reported as %s)", async (claim, reportedAs, value) => {
    // (the it.each title prints the claim name, then the reported path)
    const token = await signRaw(keyring, { ...validClaims(), [claim]: value });
    await expectRefused(verifier.verify(token), "claims_invalid", reportedAs);
  });

  it("refuses a correctly signed payload that is not a JSON object", async () => {
    const token = await new CompactSign(new TextEncoder().encode("[1,2]"))
      .setProtectedHeader({ alg: "ES256", kid: keyring.signingKid })
      .sign(keyring.signingKey);
    await expectRefused(verifier.verify(token), "token_malformed");
  });
});

describe("rotation", () => {
  it("a token signed by the old key verifies during the overlap and fails once the old key is retired", async () => {
    const { rotateKeyring, retireKeys } = await import("../../src/auth/keyring-admin.js");
    const old = await es256Keyring(1);
    const oldToken = (await mint(old.keyring)).token;

    const rotated = await rotateKeyring(old.jwks);
    const overlap = await loadKeyring({ jwksJson: JSON.stringify(rotated.jwks) });
    expect(overlap.signingKid).toBe(rotated.signingKid);
    expect(overlap.signingKid).not.toBe(old.keyring.signingKid);
    await expect(verifierFor(overlap).verify(oldToken)).resolves.toMatchObject({ kid: old.keyring.signingKid });
    const newToken = (await mint(overlap)).token;
    await expect(verifierFor(overlap).verify(newToken)).resolves.toMatchObject({ kid: rotated.signingKid });
    // A verifier that has not picked up the rotation yet does not know the new key.
    await expectRefused(verifierFor(old.keyring).verify(newToken), "unknown_kid");

    const retired = retireKeys(rotated.jwks, rotated.signingKid);
    expect(retired.retiredKids).toEqual([old.keyring.signingKid]);
    const after = await loadKeyring({ jwksJson: JSON.stringify(retired.jwks) });
    await expectRefused(verifierFor(after).verify(oldToken), "unknown_kid");
    await expect(verifierFor(after).verify(newToken)).resolves.toBeDefined();
  });
});

describe("HS256 local mode", () => {
  const secret = "local-development-secret-0123456789abcdef";

  it("mints and verifies when explicitly configured", async () => {
    const local = await loadKeyring({ mode: "local-hs256", hs256Secret: secret });
    expect(local.algorithm).toBe("HS256");
    const minted = await mint(local);
    await expect(verifierFor(local).verify(minted.token)).resolves.toMatchObject({ algorithm: "HS256", kid: "local-hs256" });
  });

  it("is never accepted by an ES256 verifier, and vice versa", async () => {
    const local = await loadKeyring({ mode: "local-hs256", hs256Secret: secret });
    const hsToken = (await mint(local)).token;
    await expectRefused(verifier.verify(hsToken), "algorithm_not_allowed");
    const esToken = (await mint(keyring)).token;
    await expectRefused(verifierFor(local).verify(esToken), "algorithm_not_allowed");
  });

  it("still requires the configured kid", async () => {
    const local = await loadKeyring({ mode: "local-hs256", hs256Secret: secret });
    await expectRefused(verifierFor(local).verify(await signRaw(local, validClaims(), { kid: undefined })), "kid_missing");
    await expectRefused(verifierFor(local).verify(await signRaw(local, validClaims(), { kid: "other" })), "unknown_kid");
  });

  it("refuses to start alongside ES256 keys, without local mode, or with a short secret", async () => {
    const { jwks } = await es256Keyring(1);
    await expect(loadKeyring({ mode: "local-hs256", hs256Secret: secret, jwksJson: JSON.stringify(jwks) })).rejects.toThrow(
      /never accepted where ES256/,
    );
    await expect(loadKeyring({ hs256Secret: secret, jwksJson: JSON.stringify(jwks) })).rejects.toThrow(/mode is es256/);
    await expect(loadKeyring({ hs256Secret: secret })).rejects.toThrow(/mode is es256/);
    await expect(loadKeyring({ mode: "local-hs256", hs256Secret: "short" })).rejects.toThrow(/at least 32 bytes/);
    expect(() =>
      createTaskTokenVerifier({ issuer: ISSUER, keys: { kind: "hs256-local", secret: new Uint8Array(8), kid: "k" } }),
    ).toThrow(/at least 32 bytes/);
  });

  it("publishes no key material", async () => {
    const local = await loadKeyring({ mode: "local-hs256", hs256Secret: secret });
    expect(local.publicJwks.keys).toEqual([]);
  });
});

describe("the verifier's own configuration", () => {
  it("refuses a JWKS with kid-less, non-P-256 or duplicate keys", () => {
    const key = keyring.publicJwks.keys[0];
    if (!key) throw new Error("fixture");
    const build = (keys: unknown[]) => () =>
      createTaskTokenVerifier({ issuer: ISSUER, keys: { kind: "es256-jwks", jwks: { keys: keys as never[] } } });
    expect(build([])).toThrow(/at least one key/);
    expect(build([{ ...key, kid: undefined }])).toThrow(/no kid/);
    expect(build([{ ...key, crv: "P-384" }])).toThrow(/P-256/);
    expect(build([{ kty: "oct", k: "c2VjcmV0", kid: "x" }])).toThrow(/P-256/);
    expect(build([{ ...key, alg: "HS256" }])).toThrow(/not ES256/);
    expect(build([key, key])).toThrow(/twice/);
  });
});

describe("verified-token cache (heartbeats re-present the same token)", () => {
  it("never extends a token's life: a token verified once is refused after its exp", async () => {
    let clock = NOW;
    const cachingVerifier = verifierFor(keyring, () => clock);
    const minted = await mint(keyring);
    await expect(cachingVerifier.verify(minted.token)).resolves.toMatchObject({ claims: minted.claims });
    await expect(cachingVerifier.verify(minted.token)).resolves.toMatchObject({ claims: minted.claims });
    clock = new Date((minted.claims.exp + 31) * 1000);
    await expectRefused(cachingVerifier.verify(minted.token), "token_expired", "exp");
  });

  it("caches only what verified: a refused token is refused again, and a one-character change is not a hit", async () => {
    const cachingVerifier = verifierFor(keyring);
    const minted = await mint(keyring);
    await cachingVerifier.verify(minted.token);
    const [header, payload, signature] = minted.token.split(".") as [string, string, string];
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    await expectRefused(cachingVerifier.verify(flipped), "token_invalid");
    await expectRefused(cachingVerifier.verify(flipped), "token_invalid");
  });

  // A cache hit re-checks only exp; a full verification also refuses an iat in the future. Setting
  // the clock back before the token's iat tells the two apart.
  it("lets a token's final use (its attempt's Complete) take it out, and never keeps one verified for its final use", async () => {
    let clock = NOW;
    const cachingVerifier = verifierFor(keyring, () => clock);
    const beforeIat = () => (clock = new Date(NOW.getTime() - 3_600_000));
    const heartbeating = await mint(keyring);
    await cachingVerifier.verify(heartbeating.token);
    beforeIat();
    await expect(cachingVerifier.verify(heartbeating.token)).resolves.toMatchObject({ claims: heartbeating.claims }); // a hit
    await expect(cachingVerifier.verify(heartbeating.token, { finalUse: true })).resolves.toMatchObject({ claims: heartbeating.claims });
    await expectRefused(cachingVerifier.verify(heartbeating.token), "token_not_yet_valid");

    clock = NOW;
    const completing = await mint(keyring);
    await expect(cachingVerifier.verify(completing.token, { finalUse: true })).resolves.toMatchObject({ claims: completing.claims });
    beforeIat();
    await expectRefused(cachingVerifier.verify(completing.token), "token_not_yet_valid");
  });
});
