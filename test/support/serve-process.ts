// One `serve` process (the real Dispatcher entry point) as a child, for multi-process tests and
// the chaos suite. No test framework imports: scripts/chaos loads it outside vitest.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The last few KiB of stderr, for failure messages. */
  stderrTail(): string;
}

export interface ServeOptions {
  /** Added to the inherited environment (DATABASE_URL, tokens, invoker…). */
  env: Record<string, string>;
  /** Extra `--import` modules loaded before the Dispatcher (e.g. a skewed Date). */
  imports?: string[];
  startupTimeoutMs?: number;
}

/** Starts `serve` on a free loopback port and resolves once it prints its listening line. */
export function startServe(options: ServeOptions): Promise<ServeProcess> {
  const imports = (options.imports ?? []).flatMap((m) => ["--import", m]);
  const child = spawn(process.execPath, ["--import", "tsx", ...imports, join(REPO_ROOT, "src/cli/main.ts"), "serve"], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-8192);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve did not start in time: ${stderr}`));
    }, options.startupTimeoutMs ?? 60_000);
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith("{")) continue;
        const parsed = JSON.parse(line) as { event?: string; url?: string };
        if (parsed.event === "listening" && parsed.url) {
          clearTimeout(timer);
          resolve({ url: parsed.url, child, exited, stderrTail: () => stderr });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (${String(code)}): ${stderr}`));
    });
  });
}

/** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
export async function stopServe(p: ServeProcess, graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const force = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  p.child.kill("SIGTERM");
  await p.exited;
  clearTimeout(force);
}
