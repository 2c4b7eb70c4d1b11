// Minting: exact claim set (CONTRACT §5), TTL rule, canonical S3 prefixes, injectable clock.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";

import type { TaskTokenKeyring } from "../../src/auth/keyring.js";
import { taskTokenTtlSeconds, TokenMintError } from "../../src/auth/mint.js";
import { es256Keyring, ISSUER, mint, MINT_INPUT, NOW_SECONDS, TASK_ID, DATASET_UUID } from "./fixtures.js";

let keyring: TaskTokenKeyring;
beforeAll(async () => {
  keyring = (await es256Keyring(2)).keyring;
});

describe("taskTokenTtlSeconds", () => {
  it.each([
    // [job timeout, lease, expected]: timeout + 5 min
    [900, 120, 1200],
    [60, 120, 360],
    // capped at 24 h
    [86_400, 120, 86_400],
    [200_000, 120, 86_400],
    // never shorter than the lease
    [1, 600, 600],
    [86_400, 86_400, 86_400],
  ])("job timeout %d s, lease %d s -> %d s", (timeout, lease, expected) => {
    expect(taskTokenTtlSeconds(timeout, lease)).toBe(expected);
  });

  it.each([
    [0, 120],
    [-5, 120],
    [1.5, 120],
    [900, 0],
    [900, 86_401],
    [Number.NaN, 120],
  ])("refuses timeout %d / lease %d", (timeout, lease) => {
    expect(() => taskTokenTtlSeconds(timeout, lease)).toThrow(TokenMintError);
  });
});

describe("mintTaskToken", () => {
  it("carries exactly the contract's claims, signed ES256 with the first key's kid", async () => {
    const minted = await mint(keyring);
    const header = decodeProtectedHeader(minted.token);
    expect(header).toEqual({ alg: "ES256", kid: "test-key-0", typ: "JWT" });
    const payload = decodeJwt(minted.token);
    expect(Object.keys(payload).sort()).toEqual(
      ["attempt", "aud", "datasets", "exp", "iat", "iss", "jti", "org_id", "s3", "sub", "task_id"].sort(),
    );
    expect(payload).toEqual({
      iss: ISSUER,
      aud: "trace.task",
      sub: `task:${TASK_ID}`,
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 1200,
      jti: minted.claims.jti,
      org_id: "org-42",
      task_id: TASK_ID,
      attempt: 2,
      datasets: [
        { dataset_uuid: DATASET_UUID, dataset_version: "v3", storage_ref: "s3://data-bucket/datasets/x/" },
        { dataset_uuid: "11111111-2222-4333-8444-555555555555", dataset_version: "v1" },
      ],
      // canonical, sorted
      s3: {
        read_prefixes: ["s3://data-bucket/datasets/a/", "s3://data-bucket/datasets/x/"],
        write_prefixes: ["s3://out-bucket/tasks/0f8b6a52/"],
      },
    });
    expect(minted.expiresAt.getTime()).toBe((NOW_SECONDS + 1200) * 1000);
    expect(minted.claims).toEqual(payload);
  });

  it("uses a fresh random jti per token", async () => {
    const a = await mint(keyring);
    const b = await mint(keyring);
    expect(a.claims.jti).not.toBe(b.claims.jti);
    expect(a.claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("deduplicates prefixes", async () => {
    const minted = await mint(keyring, {
      ...MINT_INPUT,
      s3: { read_prefixes: ["s3://b-1/x/", "s3://b-1/x/"], write_prefixes: [] },
    });
    expect(minted.claims.s3).toEqual({ read_prefixes: ["s3://b-1/x/"], write_prefixes: [] });
  });

  it.each([
    ["s3://data-bucket/../other/", "dot_segment"],
    ["s3://data-bucket/x", "prefix_not_directory"],
    ["s3://data-bucket/*", "wildcard"],
    ["s3://data-bucket/", "prefix_missing"],
  ])("refuses to mint with the non-canonical prefix %s", async (prefix, reason) => {
    const attempt = mint(keyring, { ...MINT_INPUT, s3: { read_prefixes: [], write_prefixes: [prefix] } });
    await expect(attempt).rejects.toMatchObject({ name: "TokenMintError", reason: "s3_prefix_refused", prefixReason: reason });
  });

  it.each([
    ["a non-UUID task id", { taskId: "task-1" }],
    ["attempt 0", { attempt: 0 }],
    ["an empty org id", { orgId: "" }],
    ["a non-UUID dataset", { datasets: [{ dataset_uuid: "d", dataset_version: "v" }] }],
  ])("refuses to mint with %s", async (_label, patch) => {
    await expect(mint(keyring, { ...MINT_INPUT, ...patch })).rejects.toMatchObject({ reason: "invalid_input" });
  });
});
