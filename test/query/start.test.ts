// `npm start --once` end to end: the embedded Query Service starts beside the Dispatcher, extract
// publishes a Parquet version of RAW, and the Python transform bundle reads it through
// /v1/task/query with its capability token (the runner hands it TRACE_QUERY_URL).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

it("npm start --once runs the sample DAG with transform reading through the Query Service", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "trace-start-query-"));
  try {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "start", "--once"], {
      cwd: ROOT,
      env: { ...process.env, TRACE_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(out).toMatch(/Query Service listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain("read 1000 rows through the Query Service");
    expect(code, out).toBe(0);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 180_000);
