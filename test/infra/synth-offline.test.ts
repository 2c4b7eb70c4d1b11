// `npm run synth` on a machine with no AWS configuration and no network: the script itself must
// never open a socket or resolve a name (instance metadata, credential providers, telemetry,
// version checks). A preload turns any such attempt into exit code 97.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../infra/app.js";

describe("npm run synth", () => {
  it("synthesizes offline with no AWS credentials, lookups or network access", () => {
    const home = mkdtempSync(join(tmpdir(), "trace-synth-home-"));
    const outdir = mkdtempSync(join(tmpdir(), "trace-synth-out-"));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home, // no ~/.aws
      CDK_OUTDIR: outdir,
    };
    // Until the repository has its Dockerfile, synthesize against a registry image (no build).
    const args = existsSync(join(REPO_ROOT, "Dockerfile")) ? [] : ["imageUri=public.ecr.aws/trace/dispatcher:test"];
    const run = spawnSync(process.execPath, ["--import", "tsx", "--import", join(REPO_ROOT, "test/infra/deny-network.mjs"), "infra/synth.ts", "envName=ci", ...args], {
      cwd: REPO_ROOT,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).not.toContain("NETWORK ATTEMPT");
    expect(run.status).toBe(0);
    const { stack, template } = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { stack: string; template: string };
    expect(stack).toBe("TraceDispatcher-ci");
    expect(template.startsWith(outdir)).toBe(true);
    const resources = (JSON.parse(readFileSync(template, "utf8")) as { Resources: Record<string, { Type: string }> }).Resources;
    expect(Object.values(resources).filter((r) => r.Type === "AWS::ECS::Service")).toHaveLength(2); // Dispatcher, Query Service
  });

  it("the preload does catch a network attempt (so the test above can fail)", () => {
    const run = spawnSync(process.execPath, ["--import", join(REPO_ROOT, "test/infra/deny-network.mjs"), "-e", "fetch('http://169.254.169.254/latest/meta-data/').catch(() => {})"], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(97);
    expect(run.stderr).toContain("NETWORK ATTEMPT");
  });

  it("refuses a malformed argument", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "infra/synth.ts", "envName"], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("key=value");
  });
});
