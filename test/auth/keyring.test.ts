// Keyring loading and the admin functions (generate, rotate, retire, write).
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import {
  createKeyring,
  generateSigningKey,
  publicKeysOf,
  readKeyringFile,
  retireKeys,
  rotateKeyring,
  writeKeyringFile,
} from "../../src/auth/keyring-admin.js";
import { KeyringConfigError, keyringConfigFromEnv, loadKeyring, toPublicJwk } from "../../src/auth/keyring.js";
import { mint, verifierFor } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "trace-keyring-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generateSigningKey", () => {
  it("makes a private P-256 key with a dated thumbprint kid", async () => {
    const key = await generateSigningKey({ now: () => new Date("2026-03-04T10:00:00Z") });
    expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(key.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key.kid).toMatch(/^es256-20260304-[A-Za-z0-9_-]{16}$/);
    const other = await generateSigningKey();
    expect(other.kid).not.toBe(key.kid);
  });

  it("accepts an explicit kid", async () => {
    expect((await generateSigningKey({ kid: "prod-1" })).kid).toBe("prod-1");
  });
});

describe("rotateKeyring / retireKeys", () => {
  it("puts the new key first and keeps every old key", async () => {
    const first = await createKeyring();
    const firstKid = first.keys[0]?.kid;
    const second = await rotateKeyring(first);
    const third = await rotateKeyring(second.jwks);
    expect(third.previousSigningKid).toBe(second.signingKid);
    expect(third.jwks.keys.map((k) => k.kid)).toEqual([third.signingKid, second.signingKid, firstKid]);
    const keyring = await loadKeyring({ jwksJson: JSON.stringify(third.jwks) });
    expect(keyring.signingKid).toBe(third.signingKid);
    expect(keyring.verificationKids).toEqual([third.signingKid, second.signingKid, firstKid]);

    const retired = retireKeys(third.jwks, second.signingKid);
    expect(retired.retiredKids).toEqual([firstKid]);
    expect(retired.jwks.keys.map((k) => k.kid)).toEqual([third.signingKid, second.signingKid]);
    // Retiring "older than the signing key" leaves only the signing key.
    expect(retireKeys(third.jwks, third.signingKid).jwks.keys.map((k) => k.kid)).toEqual([third.signingKid]);
  });

  it("refuses an unknown kid and a malformed keyring", async () => {
    const ring = await createKeyring();
    expect(() => retireKeys(ring, "nope")).toThrow(KeyringConfigError);
    await expect(rotateKeyring({ keys: [] })).rejects.toThrow(KeyringConfigError);
    await expect(rotateKeyring("{}")).rejects.toThrow(KeyringConfigError);
  });

  it("verifies with public-only old keys (private part destroyed)", async () => {
    const old = await createKeyring({ kid: "old" });
    const oldKeyring = await loadKeyring({ jwksJson: JSON.stringify(old) });
    const token = (await mint(oldKeyring)).token;
    const fresh = await generateSigningKey({ kid: "new" });
    const oldKey = old.keys[0];
    if (!oldKey) throw new Error("fixture");
    const keyring = await loadKeyring({ jwksJson: JSON.stringify({ keys: [fresh, toPublicJwk(oldKey)] }) });
    await expect(verifierFor(keyring).verify(token)).resolves.toMatchObject({ kid: "old" });
  });
});

describe("loadKeyring", () => {
  it("reads a keyring file written with mode 0600", async () => {
    const path = join(dir, "task-keys.json");
    const ring = await createKeyring({ kid: "file-key" });
    writeKeyringFile(path, ring);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(ring);
    const keyring = await loadKeyring({ jwksFile: path });
    expect(keyring.signingKid).toBe("file-key");
    const minted = await mint(keyring);
    await expect(verifierFor(keyring).verify(minted.token)).resolves.toBeDefined();
    // Overwrite atomically.
    writeKeyringFile(path, (await rotateKeyring(ring)).jwks);
    expect((await loadKeyring({ jwksFile: path })).verificationKids).toHaveLength(2);
  });

  it("round-trips through readKeyringFile and exports public keys only", async () => {
    const path = join(dir, "roundtrip.json");
    const ring = (await rotateKeyring(await createKeyring())).jwks;
    writeKeyringFile(path, ring);
    expect(readKeyringFile(path)).toEqual(ring);
    const pub = publicKeysOf(ring);
    expect(pub.keys.map((k) => k.kid)).toEqual(ring.keys.map((k) => k.kid));
    expect(JSON.stringify(pub)).not.toMatch(/"d"/);
    expect(() => readKeyringFile(join(dir, "missing.json"))).toThrow(KeyringConfigError);
  });

  it.each([
    ["no source", {}, /no task-token keys configured: set TRACE_TASK_JWKS_FILE .*trace-dispatcher keys generate FILE/],
    ["both file and inline", { jwksFile: "/nonexistent", jwksJson: "{}" }, /not both/],
    ["a missing file", { jwksFile: "/nonexistent/keys.json" }, /\/nonexistent\/keys.json \(TRACE_TASK_JWKS_FILE\) does not exist; create one with `trace-dispatcher keys generate FILE`/],
    ["invalid JSON", { jwksJson: "{not json" }, /not valid JSON/],
    ["no keys", { jwksJson: JSON.stringify({ keys: [] }) }, /no keys/],
    ["an HS key", { jwksJson: JSON.stringify({ keys: [{ kty: "oct", k: "c2VjcmV0", kid: "a" }] }) }, /EC P-256/],
  ])("refuses %s", async (_label, config, message) => {
    await expect(loadKeyring(config)).rejects.toThrow(message);
  });

  it("refuses duplicate kids, a missing kid, a public-only signing key, and keys that do not import", async () => {
    const a = await generateSigningKey({ kid: "a" });
    const b = await generateSigningKey({ kid: "a" });
    const load = (keys: unknown[]) => loadKeyring({ jwksJson: JSON.stringify({ keys }) });
    await expect(load([a, b])).rejects.toThrow(/twice/);
    await expect(load([{ ...a, kid: undefined }])).rejects.toThrow(/needs a kid/);
    await expect(load([toPublicJwk(a)])).rejects.toThrow(/no private part/);
    await expect(load([{ ...a, x: "AAAA" }])).rejects.toThrow(/does not import/);
    await expect(load([{ ...a, alg: "ES384" }])).rejects.toThrow(/alg ES384/);
  });

  it("never exposes private parts in what it publishes", async () => {
    const ring = await rotateKeyring(await createKeyring());
    const keyring = await loadKeyring({ jwksJson: JSON.stringify(ring.jwks) });
    const published = JSON.stringify(keyring.publicJwks);
    expect(published).not.toMatch(/"d"/);
    for (const key of ring.jwks.keys) if ("d" in key) expect(published).not.toContain(key.d);
  });
});

describe("keyringConfigFromEnv", () => {
  it("maps the environment variables", () => {
    expect(keyringConfigFromEnv({ TRACE_TASK_JWKS_FILE: "/etc/keys.json" })).toEqual({ jwksFile: "/etc/keys.json" });
    expect(keyringConfigFromEnv({ TRACE_TASK_JWKS: '{"keys":[]}', TRACE_TASK_TOKEN_MODE: "es256" })).toEqual({
      mode: "es256",
      jwksJson: '{"keys":[]}',
    });
    expect(
      keyringConfigFromEnv({ TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: "s", TRACE_TASK_HS256_KID: "k" }),
    ).toEqual({ mode: "local-hs256", hs256Secret: "s", hs256Kid: "k" });
    expect(keyringConfigFromEnv({ TRACE_TASK_JWKS_FILE: "" })).toEqual({});
    expect(() => keyringConfigFromEnv({ TRACE_TASK_TOKEN_MODE: "hs256" })).toThrow(KeyringConfigError);
  });
});
