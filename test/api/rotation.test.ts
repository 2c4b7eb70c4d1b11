// Key and secret rotation as the server sees it: a capability token signed by the previous key
// is accepted while that key is still listed and refused once it is removed; the reloadable secret
// sets behind the worker and admin tokens.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { loadKeyring } from "../../src/auth/keyring.js";
import { mintTaskToken } from "../../src/auth/index.js";
import type { Database } from "../../src/db/index.js";
import { createSecretSet, MIN_SECRET_LENGTH } from "../../src/security/secret-set.js";
import { describeEachBackend, truncateAll } from "../support/databases.js";
import { ISSUER, leasedTask, ORG_ID, startApiServer } from "./harness.js";

describeEachBackend("capability key rotation over the wire", (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
    await truncateAll(db);
  });

  it("accepts an old-key token during the overlap and refuses it after the old key is removed", async () => {
    const oldKey = await generateSigningKey({ kid: "key-2025" });
    const newKey = await generateSigningKey({ kid: "key-2026" });
    const start = Math.floor(Date.now() / 1000) * 1000;

    // Overlap: the new key signs, the old one still verifies.
    const overlap = await startApiServer(db, { keys: [newKey, oldKey], clockStartMs: start });
    const leased = await leasedTask(overlap);
    const oldKeyring = await loadKeyring({ jwksJson: JSON.stringify({ keys: [oldKey] }) });
    const { token: oldToken } = await mintTaskToken(
      { keyring: oldKeyring, issuer: ISSUER, now: () => overlap.clock.now() },
      { orgId: ORG_ID, taskId: leased.taskId, attempt: 1, datasets: [], s3: { read_prefixes: [], write_prefixes: [] }, jobTimeoutSeconds: 900, leaseSeconds: 120 },
    );
    expect((await overlap.task("/v1/task/heartbeat", oldToken, leased.fence)).status).toBe(200);
    expect((await overlap.task("/v1/task/heartbeat", leased.token, leased.fence)).status).toBe(200);
    await overlap.close();

    // Retired: the same tokens against a server whose keyring no longer lists the old key.
    const retired = await startApiServer(db, { keys: [newKey], clockStartMs: start });
    const refused = await retired.task("/v1/task/heartbeat", oldToken, leased.fence);
    expect({ status: refused.status, code: refused.code, reason: refused.reason }).toEqual({ status: 401, code: "unauthenticated", reason: "unknown_kid" });
    expect((await retired.task("/v1/task/heartbeat", leased.token, leased.fence)).status).toBe(200);
    await retired.close();
  });
});

describe("createSecretSet", () => {
  const dir = mkdtempSync(join(tmpdir(), "trace-secrets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const A = "a".repeat(MIN_SECRET_LENGTH);
  const B = "b".repeat(MIN_SECRET_LENGTH + 4);

  it("accepts exactly the listed secrets", () => {
    const set = createSecretSet({ secrets: [A, B] });
    expect(set.size).toBe(2);
    expect(set.matches(A)).toBe(true);
    expect(set.matches(B)).toBe(true);
    expect(set.matches(`${A}x`)).toBe(false);
    expect(set.matches(A.slice(1))).toBe(false);
    expect(set.matches("")).toBe(false);
  });

  it("refuses short secrets and empty sets at load", () => {
    expect(() => createSecretSet({ secrets: ["short"] })).toThrow(/shorter than/);
    expect(() => createSecretSet({ secrets: [] })).toThrow(/no secret/);
  });

  it("reads one secret per line, skipping blank lines and comments, and follows edits of the file", () => {
    const file = join(dir, "tokens");
    writeFileSync(file, `# rotated 2026-01\n\n  ${A}  \r\n`);
    const set = createSecretSet({ file });
    expect(set.size).toBe(1);
    expect(set.matches(A)).toBe(true);
    expect(set.matches("# rotated 2026-01")).toBe(false);
    writeFileSync(file, `${A}\n${B}\n`);
    expect(set.matches(B)).toBe(true);
    writeFileSync(file, `${B}\n`);
    set.reload();
    expect(set.matches(A)).toBe(false);
    expect(() => createSecretSet({ file: join(dir, "missing") })).toThrow();
  });
});
