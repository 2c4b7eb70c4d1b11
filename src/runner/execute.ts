// Runs one entrypoint process: its own process group (so the whole tree can be killed), stdin
// fed and closed, stdout capped (overflow kills it), stderr kept as a bounded tail, a wall-clock
// limit and an abort signal (cancellation, lost lease). Never throws for anything the child does.

import { spawn } from "node:child_process";

export interface ExecuteRequest {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  timeoutMs: number;
  maxStdoutBytes: number;
  maxStderrBytes: number;
  /** Between SIGTERM and SIGKILL to the process group. */
  killGraceMs: number;
  signal?: AbortSignal;
}

export type Termination =
  /** The process exited by itself (see exitCode / exitSignal). */
  | "exited"
  | "timed_out"
  /** `signal` fired. */
  | "aborted"
  /** stdout went past maxStdoutBytes. */
  | "stdout_overflow"
  /** The command could not be started (e.g. interpreter missing). */
  | "spawn_failed";

export interface ExecuteResult {
  termination: Termination;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The last maxStderrBytes of stderr. */
  stderrTail: Buffer;
  /** For spawn_failed: the error code (e.g. ENOENT), never a path or the environment. */
  spawnErrorCode?: string;
}

/** After the leader exits, how long stray descendants may hold our pipes open before we stop reading. */
const PIPE_DRAIN_MS = 1000;

export function executeEntrypoint(request: ExecuteRequest): Promise<ExecuteResult> {
  return new Promise((resolve) => {
    let termination: Termination | null = null;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let spawnErrorCode: string | undefined;
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = Buffer.alloc(0);
    const timers: NodeJS.Timeout[] = [];
    let settled = false;

    const child = spawn(request.command, [...request.args], {
      cwd: request.cwd,
      env: request.env,
      // A new process group (and session) led by the child: killing -pid reaches its descendants.
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });

    const signalGroup = (signal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const stop = (reason: Termination): void => {
      if (termination === null) termination = reason;
      signalGroup("SIGTERM");
      const escalate = setTimeout(() => signalGroup("SIGKILL"), request.killGraceMs);
      escalate.unref();
      timers.push(escalate);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        termination: termination ?? "exited",
        exitCode,
        exitSignal,
        stdout: Buffer.concat(stdoutChunks),
        stderrTail,
        ...(spawnErrorCode !== undefined ? { spawnErrorCode } : {}),
      });
    };
    const onAbort = (): void => stop("aborted");

    child.stdout?.on("data", (chunk: Buffer) => {
      if (termination === "stdout_overflow") return;
      stdoutBytes += chunk.byteLength;
      if (stdoutBytes > request.maxStdoutBytes) {
        stdoutChunks.length = 0;
        stop("stdout_overflow");
        return;
      }
      stdoutChunks.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      const joined = Buffer.concat([stderrTail, chunk]);
      stderrTail = joined.byteLength > request.maxStderrBytes ? joined.subarray(joined.byteLength - request.maxStderrBytes) : joined;
    });
    // The child may exit without reading stdin; EPIPE then is expected, not a runner error.
    child.stdin?.on("error", () => undefined);

    child.once("error", (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        termination = "spawn_failed";
        spawnErrorCode = error.code ?? "unknown";
        finish();
      }
    });
    child.once("spawn", () => {
      child.stdin?.end(request.stdin);
      const limit = setTimeout(() => stop("timed_out"), Math.max(0, request.timeoutMs));
      timers.push(limit);
      if (request.signal?.aborted) stop("aborted");
      else request.signal?.addEventListener("abort", onAbort, { once: true });
    });
    child.once("exit", (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // The leader is gone; take any descendants with it so nothing outlives the attempt.
      signalGroup("SIGKILL");
      const drain = setTimeout(finish, PIPE_DRAIN_MS);
      timers.push(drain);
    });
    child.once("close", finish);
  });
}
