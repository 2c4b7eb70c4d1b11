// `serve --processes N`: N Dispatcher processes on one host behind one listening port (node:cluster).
//
// Node runs JavaScript on one core per process; the request path (HTTP, JSON, token checks) is
// CPU-bound, so a host with several cores serves more with several processes. The primary process
// only supervises: it forks N workers, each a whole Dispatcher (API, loops, invoker), and
// node:cluster hands the port's connections to them in turn (round-robin on Linux). The loops are
// safe side by side: every claim in the lifecycle is FOR UPDATE SKIP LOCKED and every report is
// fenced, as with Dispatchers on several hosts. PORT=0 works: the workers share the one port the
// first of them was given.
//
// Lifecycle: the primary prints one {"event":"listening",…} line once every worker listens (with
// their pids); SIGTERM/SIGINT is passed to every worker, each stops gracefully, and the primary
// exits 0 when all exited 0. A worker that dies on its own takes the others down (exit 1): a
// supervisor (systemd, ECS, Kubernetes) restarts the whole set rather than this process
// restarting pieces behind its back.
import cluster, { type Worker } from "node:cluster";
import type { ShutdownRequest } from "./shutdown.js";

/** What a worker tells the primary once its server listens. */
export interface WorkerListening {
  readonly event: "listening";
  readonly url: string;
  readonly public_url: string;
}

function isWorkerListening(message: unknown): message is WorkerListening {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.event === "listening" && typeof m.url === "string" && typeof m.public_url === "string";
}

/** Parses `--processes N` / `--processes=N`; undefined when absent, an Error message when invalid. */
export function processesArgument(args: readonly string[]): number | undefined | { error: string } {
  let raw: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--processes") raw = args[++i] ?? "";
    else if (arg.startsWith("--processes=")) raw = arg.slice("--processes=".length);
    else return { error: `unknown argument ${arg}` };
  }
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1 || n > 256) return { error: `--processes must be an integer in 1..256, not "${raw}"` };
  return n;
}

/** True in a process forked by serveProcesses. */
export function isServeWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker: tells the primary that this process listens. */
export function reportListening(message: WorkerListening): void {
  process.send?.(message);
}

/** The primary: forks `count` workers running `serve`, supervises them, resolves with the exit code. */
export async function serveProcesses(count: number, shutdown: ShutdownRequest, out: { stdout: (line: string) => void; stderr: (line: string) => void }): Promise<number> {
  const workers: Worker[] = [];
  const listening = new Map<number, WorkerListening>();
  const exits: Promise<number>[] = [];
  let failed = false;
  let announced = false;
  let resolveAllListening: () => void = () => {};
  const allListening = new Promise<void>((resolve) => (resolveAllListening = resolve));
  let resolveFailure: () => void = () => {};
  const failure = new Promise<void>((resolve) => (resolveFailure = resolve));

  const stopAll = (signal: NodeJS.Signals) => {
    for (const w of workers) if (w.process.exitCode === null && w.process.signalCode === null) w.process.kill(signal);
  };

  for (let index = 0; index < count; index++) {
    const worker = cluster.fork();
    workers.push(worker);
    worker.on("message", (message: unknown) => {
      if (!isWorkerListening(message)) return;
      listening.set(worker.id, message);
      if (listening.size === count) resolveAllListening();
    });
    exits.push(
      new Promise<number>((resolve) => {
        worker.on("exit", (code, signal) => {
          const exitCode = code ?? (signal ? 1 : 0);
          if (!shutdown.isRequested() && !failed) {
            // Not asked to stop: the set is broken. Stop the others and fail.
            out.stderr(`serve: process ${worker.process.pid ?? "?"} exited (${signal ?? `code ${exitCode}`}); stopping the others`);
            failed = true;
            stopAll("SIGTERM");
            resolveFailure();
          }
          resolve(exitCode);
        });
      }),
    );
  }

  await Promise.race([allListening, failure, shutdown.requested]);
  if (!failed && listening.size === count) {
    const first = [...listening.values()][0] as WorkerListening;
    const pids = workers.map((w) => w.process.pid);
    out.stdout(JSON.stringify({ event: "listening", url: first.url, public_url: first.public_url, processes: count, pids }));
    announced = true;
  }
  await Promise.race([shutdown.requested, failure]);
  if (shutdown.isRequested()) stopAll("SIGTERM");
  const codes = await Promise.all(exits);
  if (failed || (!announced && !shutdown.isRequested())) return 1;
  return codes.every((c) => c === 0) ? 0 : 1;
}
