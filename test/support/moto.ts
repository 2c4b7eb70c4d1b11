// Starts a real moto server (AWS fakes speaking the real wire API: STS, S3, ...) for a test file.
// Installed by scripts/ci/install-aws-fakes.sh into .venv-aws; MOTO_SERVER_BIN overrides the path.
// When CI is set a missing binary is an error (these tests may not be skipped); locally the caller
// may skip with the message from motoUnavailableReason().
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const INSTALL_HINT = "run scripts/ci/install-aws-fakes.sh";

export interface MotoServer {
  /** e.g. http://127.0.0.1:54321 */
  readonly endpoint: string;
  readonly port: number;
  /** Forgets every resource moto holds (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Path of the moto_server binary. */
export function motoServerBin(): string {
  return process.env.MOTO_SERVER_BIN ?? join(REPO_ROOT, ".venv-aws", "bin", "moto_server");
}

/**
 * null when moto can be started; otherwise why not (locally only: throws when CI is set, so a CI
 * run without the fake fails instead of silently skipping).
 */
export function motoUnavailableReason(): string | null {
  if (existsSync(motoServerBin())) return null;
  const reason = `moto_server not found at ${motoServerBin()} (${INSTALL_HINT})`;
  if (process.env.CI) throw new Error(`${reason}; AWS-fake tests may not be skipped in CI`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMotoServer(options: { startupTimeoutMs?: number } = {}): Promise<MotoServer> {
  const unavailable = motoUnavailableReason();
  if (unavailable) throw new Error(unavailable);
  const timeout = options.startupTimeoutMs ?? 60_000;
  let lastOutput = "";
  // The free port can be taken between probing and binding; try a few times.
  for (let tries = 0; tries < 3; tries += 1) {
    const port = await freePort();
    const child = spawn(motoServerBin(), ["-H", "127.0.0.1", "-p", String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PYTHONUNBUFFERED: "1" },
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    // Never leave a moto process behind if the test process dies.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    const endpoint = `http://127.0.0.1:${port}`;
    if (await waitUntilReady(endpoint, child, Date.now() + timeout)) {
      return {
        endpoint,
        port,
        async reset() {
          const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
        },
        async stop() {
          process.removeListener("exit", killOnExit);
          await stopChild(child);
        },
      };
    }
    process.removeListener("exit", killOnExit);
    await stopChild(child);
    lastOutput = output;
  }
  throw new Error(`moto_server did not start: ${lastOutput.trim() || "(no output)"}`);
}
