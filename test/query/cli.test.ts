// `trace-dispatcher query-service`: starts from the environment, prints its listening line, serves
// health and metrics, refuses a bad configuration with a clear message, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const cli = (env: Record<string, string>) =>
  spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "query-service"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });

describe("query-service command", () => {
  it("listens, serves /healthz and /metrics, and exits 0 on SIGTERM", async () => {
    const child = cli({ TRACE_QUERY_JWKS_URL: "http://127.0.0.1:9/internal/jwks/task", TRACE_QUERY_PORT: "0", LOG_LEVEL: "warn" });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`exited ${String(code)}`)));
    });
    const { event, url } = JSON.parse(line) as { event: string; url: string };
    expect(event).toBe("listening");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain("trace_query_requests_total");
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);

  it("refuses to start without a JWKS location", async () => {
    const child = cli({ TRACE_QUERY_PORT: "0" });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("TRACE_QUERY_JWKS_URL");
  }, 60_000);
});
