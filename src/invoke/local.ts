// The embedded default invoker: runs the platform runner in a child process with the same
// payload a Lambda would receive (on stdin), so `npm start` exercises the real runner without
// AWS. Like an Event invoke it does not wait for the runner: the runner reports back over HTTP.
//
// Shutdown: `drain(graceMs)` lets running attempts finish for a bounded time, then stops the rest
// and names them (task, attempt, lease token), so the Dispatcher can release their leases instead
// of letting the reaper spend the attempt (src/lifecycle/release.ts). Runners run in their own
// process group: Ctrl-C in a terminal reaches the Dispatcher, which decides, not the runners.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AttemptToRelease } from "../lifecycle/index.js";
import type { InvokeOutcome, Invoker } from "./outcome.js";

export interface LocalInvokerOptions {
  /** The runner command; localRunnerCommand() for the real runner. */
  command: readonly [string, ...string[]];
  /** Where the runner reports back (TRACE_DISPATCHER_URL). */
  dispatcherUrl: string;
  /** Extra environment for the runner process (the runner clears it again for the bundle). */
  env?: Record<string, string>;
  /** Called with each runner's exit, for logs and tests. */
  onExit?: (code: number | null, stderrTail: string) => void;
  /** close(): runners still going get this long to finish before they are stopped (default 5 s). */
  closeGraceMs?: number;
}

export interface LocalInvoker extends Invoker {
  /**
   * Waits up to graceMs for running attempts to end, then stops the rest (SIGTERM, SIGKILL after
   * 2 s) and resolves with the attempts it stopped; their leases are still held.
   */
  drain(graceMs: number): Promise<AttemptToRelease[]>;
  close(): Promise<void>;
}

const STDERR_TAIL_BYTES = 4096;
const KILL_GRACE_MS = 2000;

/**
 * The runner as the local invoker starts it: the same code the Lambda zip contains. From the
 * build (dist/, what `npm start` and `serve` run) that is the compiled runner under plain node;
 * only a source checkout running through tsx (tests, `tsx src/cli/main.ts`) runs it through tsx.
 */
export function localRunnerCommand(): readonly [string, ...string[]] {
  if (import.meta.url.endsWith(".ts")) {
    return [process.execPath, "--import", "tsx", fileURLToPath(new URL("../runner/cli.ts", import.meta.url))];
  }
  return [process.execPath, "--enable-source-maps", fileURLToPath(new URL("../runner/cli.js", import.meta.url))];
}

/** The fence of the attempt a payload starts, if it names one (task_id, attempt, lease_token). */
function attemptOf(payloadJson: string): AttemptToRelease | undefined {
  try {
    const payload = JSON.parse(payloadJson) as { task_id?: unknown; attempt?: unknown; lease_token?: unknown };
    if (typeof payload.task_id === "string" && typeof payload.attempt === "number" && typeof payload.lease_token === "string") {
      return { taskId: payload.task_id, attempt: payload.attempt, leaseToken: payload.lease_token };
    }
  } catch {
    // Not ours to judge: the runner refuses an invalid payload itself.
  }
  return undefined;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}

export function createLocalInvoker(options: LocalInvokerOptions): LocalInvoker {
  const running = new Map<ChildProcess, AttemptToRelease | undefined>();
  const invoker: LocalInvoker = {
    invoke(payloadJson: string): Promise<InvokeOutcome> {
      const [cmd, ...args] = options.command;
      return new Promise((resolve) => {
        const child = spawn(cmd, args, {
          stdio: ["pipe", "ignore", "pipe"],
          env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env, TRACE_DISPATCHER_URL: options.dispatcherUrl },
          detached: true,
        });
        running.set(child, attemptOf(payloadJson));
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
        });
        child.once("error", (err) => {
          running.delete(child);
          // The runner could not be started at all: the attempt never began.
          resolve({ kind: "retry", error: `runner spawn failed: ${err.message}` });
        });
        child.once("spawn", () => {
          child.stdin?.end(payloadJson);
          resolve({ kind: "sent" });
        });
        child.once("exit", (code) => {
          running.delete(child);
          options.onExit?.(code, stderr);
        });
      });
    },
    async drain(graceMs) {
      await Promise.race([Promise.all([...running.keys()].map(exited)), delay(graceMs)]);
      const stopped = [...running.entries()];
      for (const [child] of stopped) child.kill("SIGTERM");
      const exits = Promise.all(stopped.map(([child]) => exited(child)));
      await Promise.race([exits, delay(KILL_GRACE_MS)]);
      for (const [child] of stopped) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exits;
      return stopped.flatMap(([, attempt]) => (attempt ? [attempt] : []));
    },
    async close() {
      await invoker.drain(options.closeGraceMs ?? 5000);
    },
  };
  return invoker;
}
