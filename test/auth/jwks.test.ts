// The public JWKS document and the remote-JWKS verifier another service would use.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { taskJwksResponse, JWKS_DEFAULT_MAX_AGE_SECONDS } from "../../src/auth/jwks.js";
import { rotateKeyring } from "../../src/auth/keyring-admin.js";
import { loadKeyring, type TaskTokenKeyring } from "../../src/auth/keyring.js";
import { createRemoteTaskTokenVerifier, createTaskTokenVerifier, TokenVerificationError } from "../../src/auth/verify.js";
import { es256Keyring, fixedClock, ISSUER, mint } from "./fixtures.js";

let keyring: TaskTokenKeyring;
let server: Server;
let baseUrl: string;
let status = 200;
let fetches = 0;

beforeAll(async () => {
  const { jwks } = await es256Keyring(1);
  keyring = await loadKeyring({ jwksJson: JSON.stringify((await rotateKeyring(jwks)).jwks) });
  server = createServer((req, res) => {
    fetches += 1;
    if (req.url !== "/internal/jwks/task") {
      res.writeHead(404).end();
      return;
    }
    const doc = taskJwksResponse(keyring);
    res.writeHead(status, { "content-type": doc.contentType, "cache-control": doc.cacheControl });
    res.end(status === 200 ? JSON.stringify(doc.body) : "oops");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("taskJwksResponse", () => {
  it("lists every verification key, public members only, with a cache header", () => {
    const doc = taskJwksResponse(keyring);
    expect(doc.body.keys.map((k) => k.kid)).toEqual(keyring.verificationKids);
    for (const key of doc.body.keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x", "y"]);
    }
    expect(JSON.stringify(doc.body)).not.toMatch(/"d"/);
    expect(doc.cacheControl).toBe(`public, max-age=${JWKS_DEFAULT_MAX_AGE_SECONDS}`);
    expect(taskJwksResponse(keyring, { maxAgeSeconds: 60 }).cacheControl).toBe("public, max-age=60");
  });

  it("strips private members even if a keyring object carried them", () => {
    const leaky = { publicJwks: { keys: [{ ...keyring.publicJwks.keys[0], d: "SECRET" }] } } as unknown as TaskTokenKeyring;
    expect(JSON.stringify(taskJwksResponse(leaky).body)).not.toContain("SECRET");
  });

  it("is enough for an independent verifier to check tokens", async () => {
    const doc = taskJwksResponse(keyring);
    const verifier = createTaskTokenVerifier({
      issuer: ISSUER,
      keys: { kind: "es256-jwks", jwks: JSON.parse(JSON.stringify(doc.body)) },
      now: fixedClock,
    });
    const minted = await mint(keyring);
    await expect(verifier.verify(minted.token)).resolves.toMatchObject({ claims: minted.claims });
  });
});

describe("createRemoteTaskTokenVerifier", () => {
  it("verifies against the served JWKS", async () => {
    const verifier = createRemoteTaskTokenVerifier({ issuer: ISSUER, jwksUrl: `${baseUrl}/internal/jwks/task`, now: fixedClock });
    const minted = await mint(keyring);
    await expect(verifier.verify(minted.token)).resolves.toMatchObject({ kid: keyring.signingKid });
    expect(fetches).toBeGreaterThan(0);
  });

  it("reports an unreachable or failing JWKS endpoint as jwks_unavailable", async () => {
    const minted = await mint(keyring);
    status = 500;
    try {
      const failing = createRemoteTaskTokenVerifier({ issuer: ISSUER, jwksUrl: `${baseUrl}/internal/jwks/task`, now: fixedClock });
      await expect(failing.verify(minted.token)).rejects.toMatchObject({ reason: "jwks_unavailable" });
    } finally {
      status = 200;
    }
    const missing = createRemoteTaskTokenVerifier({ issuer: ISSUER, jwksUrl: `${baseUrl}/nowhere`, now: fixedClock });
    await expect(missing.verify(minted.token)).rejects.toMatchObject({ reason: "jwks_unavailable" });
    const closedPort = createRemoteTaskTokenVerifier({ issuer: ISSUER, jwksUrl: "http://127.0.0.1:1/jwks", now: fixedClock });
    const error = await closedPort.verify(minted.token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenVerificationError);
    expect((error as TokenVerificationError).reason).toBe("jwks_unavailable");
  });

  it("refuses an unknown kid from the remote set", async () => {
    const stranger = await es256Keyring(1);
    const verifier = createRemoteTaskTokenVerifier({ issuer: ISSUER, jwksUrl: `${baseUrl}/internal/jwks/task`, now: fixedClock });
    // The fixture's kids ("test-key-0") collide with the served old key's kid; use a distinct one.
    const strangerKey = stranger.jwks.keys[0] as Record<string, unknown>;
    const other = await loadKeyring({ jwksJson: JSON.stringify({ keys: [{ ...strangerKey, kid: "not-served" }] }) });
    await expect(verifier.verify((await mint(other)).token)).rejects.toMatchObject({ reason: "unknown_kid" });
  });
});
