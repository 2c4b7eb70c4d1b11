// The key-management CLI, run as a process on a real keyring file, and the rotation it enables.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTaskTokenVerifier, loadKeyring, mintTaskToken } from "../../src/auth/index.js";

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli/main.ts", "keys", ...args]);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "keys-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function mint(file: string) {
  const keyring = await loadKeyring({ jwksFile: file });
  const { token } = await mintTaskToken(
    { keyring, issuer: "test" },
    { orgId: "o", taskId: "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001", attempt: 1, datasets: [], s3: { read_prefixes: [], write_prefixes: [] }, jobTimeoutSeconds: 60, leaseSeconds: 30 },
  );
  return token;
}
async function verifierFor(file: string) {
  return createTaskTokenVerifier({ issuer: "test", keys: (await loadKeyring({ jwksFile: file })).verificationKeys });
}

describe("keys CLI", () => {
  it("generates, rotates with overlap, and retires old keys", async () => {
    const file = join(dir, "task-jwks.json");
    const generated = JSON.parse((await cli("generate", file)).stdout) as { signing_kid: string };
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(cli("generate", file)).rejects.toMatchObject({ code: 1 });
    const oldToken = await mint(file);

    const rotated = JSON.parse((await cli("rotate", file)).stdout) as { signing_kid: string; previous_signing_kid: string };
    expect(rotated.previous_signing_kid).toBe(generated.signing_kid);
    expect(rotated.signing_kid).not.toBe(generated.signing_kid);
    // Overlap: the old key's token still verifies; new tokens carry the new kid.
    await expect((await verifierFor(file)).verify(oldToken)).resolves.toMatchObject({ kid: generated.signing_kid });
    await expect((await verifierFor(file)).verify(await mint(file))).resolves.toMatchObject({ kid: rotated.signing_kid });

    const retired = JSON.parse((await cli("retire", file, "--after", rotated.signing_kid)).stdout) as { retired_kids: string[] };
    expect(retired.retired_kids).toEqual([generated.signing_kid]);
    await expect((await verifierFor(file)).verify(oldToken)).rejects.toMatchObject({ reason: "unknown_kid" });

    const published = JSON.parse((await cli("public", file)).stdout) as { keys: Record<string, unknown>[] };
    expect(published.keys.map((k) => k.kid)).toEqual([rotated.signing_kid]);
    expect(published.keys[0]).not.toHaveProperty("d");
    expect(await readFile(file, "utf8")).toContain('"d"');
  });

  it("refuses bad usage", async () => {
    await expect(cli("retire", join(dir, "x.json"))).rejects.toMatchObject({ code: 2 });
    await expect(cli("frobnicate", join(dir, "x.json"))).rejects.toMatchObject({ code: 2 });
  });
});
