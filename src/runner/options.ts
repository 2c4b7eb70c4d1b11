// Runner configuration: defaults, and the TRACE_RUNNER_* environment variables that override
// them (the Lambda function's configuration, or the local invoker's environment).

import { tmpdir } from "node:os";
import { DEFAULT_CHILD_PATH } from "./env.js";

export interface RunnerLogEvent {
  level: "info" | "warn" | "error";
  msg: string;
  [field: string]: unknown;
}

export interface RunnerOptions {
  /** Base URL of the Dispatcher's task endpoints, e.g. https://dispatcher.internal. */
  dispatcherUrl: string;
  /** Wall-clock limit for the entrypoint. */
  timeoutMs: number;
  /** Heartbeat period; undefined = a quarter of the lease (clamped to 1 s … 60 s). */
  heartbeatIntervalMs: number | undefined;
  maxBundleBytes: number;
  downloadTimeoutMs: number;
  maxStdoutBytes: number;
  /** stderr kept in memory and logged by the runner (tail). */
  maxStderrBytes: number;
  /** Bytes of (redacted) stderr tail appended to error_message on the wire; 0 = never (default). */
  stderrTailOnWireBytes: number;
  killGraceMs: number;
  /** Where private work directories are created. */
  workRoot: string;
  /** The environment allowlisted variables are copied from. */
  sourceEnv: Readonly<Record<string, string | undefined>>;
  nodeCommand: string;
  pythonCommand: string;
  /** PATH given to the entrypoint. */
  childPath: string;
  rpcTimeoutMs: number;
  /** Tries for Complete on transient errors. */
  completeAttempts: number;
  /** Time left before the host kills the runner (Lambda); the entrypoint limit leaves a reserve. */
  remainingTimeMs: (() => number) | undefined;
  /** Kept free of the entrypoint limit for cleanup and reporting when remainingTimeMs is set. */
  reportReserveMs: number;
  log: (event: RunnerLogEvent) => void;
  /**
   * Fires when the runner's host stops it (SIGTERM to the local runner at Dispatcher shutdown):
   * the entrypoint's process group is killed and nothing is reported; the Dispatcher releases the
   * lease itself (src/lifecycle/release.ts).
   */
  interrupt?: AbortSignal;
}

export const MIB = 1024 * 1024;

/** One JSON line on stderr: CloudWatch in Lambda, the invoker's log locally. */
export function jsonLineLogger(event: RunnerLogEvent): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), component: "runner", ...event })}\n`);
}

export function defaultRunnerOptions(dispatcherUrl: string): RunnerOptions {
  return {
    dispatcherUrl,
    timeoutMs: 15 * 60 * 1000,
    heartbeatIntervalMs: undefined,
    maxBundleBytes: 264 * MIB,
    downloadTimeoutMs: 60_000,
    maxStdoutBytes: MIB,
    maxStderrBytes: 64 * 1024,
    stderrTailOnWireBytes: 0,
    killGraceMs: 2000,
    workRoot: tmpdir(),
    sourceEnv: process.env,
    nodeCommand: process.execPath,
    pythonCommand: "python3",
    childPath: DEFAULT_CHILD_PATH,
    rpcTimeoutMs: 10_000,
    completeAttempts: 5,
    remainingTimeMs: undefined,
    reportReserveMs: 15_000,
    log: jsonLineLogger,
  };
}

function positiveInt(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/**
 * Reads TRACE_DISPATCHER_URL (required) and the optional TRACE_RUNNER_TIMEOUT_MS,
 * TRACE_RUNNER_HEARTBEAT_MS, TRACE_RUNNER_MAX_BUNDLE_BYTES, TRACE_RUNNER_MAX_STDOUT_BYTES,
 * TRACE_RUNNER_STDERR_ON_WIRE_BYTES, TRACE_RUNNER_KILL_GRACE_MS, TRACE_RUNNER_WORK_ROOT,
 * TRACE_RUNNER_PYTHON, TRACE_RUNNER_NODE, TRACE_RUNNER_CHILD_PATH.
 */
export function runnerOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RunnerOptions {
  const dispatcherUrl = env.TRACE_DISPATCHER_URL;
  if (!dispatcherUrl) throw new Error("TRACE_DISPATCHER_URL is not set");
  const options = defaultRunnerOptions(dispatcherUrl);
  options.sourceEnv = env;
  options.timeoutMs = positiveInt(env, "TRACE_RUNNER_TIMEOUT_MS") ?? options.timeoutMs;
  options.heartbeatIntervalMs = positiveInt(env, "TRACE_RUNNER_HEARTBEAT_MS") ?? options.heartbeatIntervalMs;
  options.maxBundleBytes = positiveInt(env, "TRACE_RUNNER_MAX_BUNDLE_BYTES") ?? options.maxBundleBytes;
  options.maxStdoutBytes = positiveInt(env, "TRACE_RUNNER_MAX_STDOUT_BYTES") ?? options.maxStdoutBytes;
  options.stderrTailOnWireBytes = Math.min(2048, positiveInt(env, "TRACE_RUNNER_STDERR_ON_WIRE_BYTES") ?? options.stderrTailOnWireBytes);
  options.killGraceMs = positiveInt(env, "TRACE_RUNNER_KILL_GRACE_MS") ?? options.killGraceMs;
  options.workRoot = env.TRACE_RUNNER_WORK_ROOT || options.workRoot;
  options.pythonCommand = env.TRACE_RUNNER_PYTHON || options.pythonCommand;
  options.nodeCommand = env.TRACE_RUNNER_NODE || options.nodeCommand;
  options.childPath = env.TRACE_RUNNER_CHILD_PATH || options.childPath;
  return options;
}
