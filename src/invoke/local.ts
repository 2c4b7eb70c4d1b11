// The embedded default invoker: runs the platform runner in a child process with the same
// payload a Lambda would receive (on stdin), so `npm start` exercises the real runner without
// AWS. Like an Event invoke it does not wait for the runner: the runner reports back over HTTP.
import { spawn } from "node:child_process";
import type { Logger } from "../log/logger.js";
import { streamRunnerLog } from "./runner-log.js";
import type { InvokeOutcome, Invoker } from "./outcome.js";

export interface LocalInvokerOptions {
  /** The runner command, e.g. [process.execPath, "--import", "tsx", "src/runner/cli.ts"]. */
  command: readonly [string, ...string[]];
  /** Where the runner reports back (TRACE_DISPATCHER_URL). */
  dispatcherUrl: string;
  /** Extra environment for the runner process (the runner clears it again for the bundle). */
  env?: Record<string, string>;
  /** Where each run's stderr goes as it is written, line by line, tagged with task_id/attempt. */
  log?: Logger;
  /** Called with each runner's exit, for logs and tests. */
  onExit?: (code: number | null, stderrTail: string) => void;
  /** On close, runners still going get this long to finish before SIGTERM (default 5 s). */
  closeGraceMs?: number;
}

const STDERR_TAIL_BYTES = 4096;

export function createLocalInvoker(options: LocalInvokerOptions): Invoker {
  const children = new Set<ReturnType<typeof spawn>>();
  return {
    invoke(payloadJson: string): Promise<InvokeOutcome> {
      const [cmd, ...args] = options.command;
      return new Promise((resolve) => {
        const child = spawn(cmd, args, {
          stdio: ["pipe", "ignore", "pipe"],
          env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env, TRACE_DISPATCHER_URL: options.dispatcherUrl },
        });
        children.add(child);
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
        });
        if (options.log && child.stderr) streamRunnerLog(child.stderr, options.log, payloadJson);
        child.once("error", (err) => {
          children.delete(child);
          // The runner could not be started at all: the attempt never began.
          resolve({ kind: "retry", error: `runner spawn failed: ${err.message}` });
        });
        child.once("spawn", () => {
          child.stdin?.end(payloadJson);
          resolve({ kind: "sent" });
        });
        child.once("exit", (code) => {
          children.delete(child);
          options.onExit?.(code, stderr);
        });
      });
    },
    async close() {
      const exits = [...children].map((child) => new Promise<void>((done) => child.once("exit", () => done())));
      const grace = new Promise<void>((done) => setTimeout(done, options.closeGraceMs ?? 5000).unref());
      await Promise.race([Promise.all(exits), grace]);
      for (const child of children) child.kill("SIGTERM");
    },
  };
}
