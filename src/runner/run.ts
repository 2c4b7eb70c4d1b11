// One attempt, end to end (CONTRACT §7): heartbeat, download, verify, extract, execute, report.
// Invariants: nothing from the bundle runs unless every check passed; the work directory is
// removed on every path; a fenced attempt (stale, lease lost, finished, canceled) stops quietly.
// Deliveries (CONTRACT §3): each invocation is one delivery with its own random id, sent on every
// call. The first heartbeat binds the attempt to it before anything is downloaded, and a bound,
// live lease is confirmed again right before the entrypoint starts, so a duplicate delivery
// (refused duplicate_delivery) never downloads, runs or reports anything.

import { create } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { TaskInvocation } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { CompleteRequestSchema, TaskStatus, type CompleteRequest } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { BundleError } from "../bundle/manifest.js";
import { extractBundle, openBundle, type OpenedBundle } from "../bundle/open.js";
import { downloadBundle } from "./download.js";
import { DISPATCHER_URL_ENV, buildEntrypointEnv } from "./env.js";
import { executeEntrypoint } from "./execute.js";
import { RETRYABLE, RunnerFailure, failureMessage, type FailureCategory } from "./failure.js";
import { invocationJson } from "./invocation.js";
import type { RunnerOptions } from "./options.js";
import { parseEntrypointOutput, type EntrypointResult } from "./output.js";
import { redactSecrets } from "./redact.js";
import { classifyRpcError, createTaskClient, type ClassifiedRpcError, type TaskClient } from "./task-client.js";

export type RunOutcome =
  /** A completion was recorded (or had been: duplicate). */
  | { kind: "reported"; status: "completed" | "failed" | "canceled"; category?: FailureCategory; duplicate: boolean }
  /** The Dispatcher refused this attempt (reason e.g. stale_attempt, lease_mismatch, canceled); nothing reported. */
  | { kind: "fenced"; reason: string; code: string }
  /** The completion could not be delivered; the reaper will time the attempt out. */
  | { kind: "report_failed"; error: string }
  /** options.interrupt fired: the entrypoint was stopped and nothing reported. */
  | { kind: "interrupted" };

interface Fence {
  taskId: string;
  attempt: number;
  leaseToken: string;
  /** This delivery's id: per invocation, since a warm Lambda may receive both deliveries of an event. */
  deliveryId: string;
}

/** What the last check before executing found. */
type BindCheck = "bound" | "fenced" | "cancel_requested" | "unreachable";

/** How often the runner tries to confirm its binding before executing, when the Dispatcher is unreachable. */
const BIND_CHECK_TRIES = 3;

type Decision =
  | { kind: "completed"; result: EntrypointResult }
  | { kind: "failed"; category: FailureCategory; detail: string }
  /** Stopped because the lease keeper fired (cancel requested or fenced). */
  | { kind: "stopped" }
  /** Not executed: the Dispatcher could not confirm, right before executing, that this delivery holds the attempt. */
  | { kind: "unconfirmed" };

const DEFAULT_HEARTBEAT_MS = 30_000;
const MIN_HEARTBEAT_MS = 1000;
const MAX_HEARTBEAT_MS = 60_000;

/** Heartbeats the lease while the attempt runs; fires `stop` on cancel_requested or a fenced reply. */
class LeaseKeeper {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  cancelRequested = false;
  private fencedBy: ClassifiedRpcError | null = null;

  constructor(
    private readonly client: TaskClient,
    private readonly fence: Fence,
    private readonly options: RunnerOptions,
    private leaseExpiresAt: Date | undefined,
  ) {}

  /** The refusal that fenced this attempt, if any. */
  fenced(): ClassifiedRpcError | null {
    return this.fencedBy;
  }

  get stopSignal(): AbortSignal {
    return this.controller.signal;
  }

  private intervalMs(): number {
    if (this.options.heartbeatIntervalMs !== undefined) return Math.max(10, this.options.heartbeatIntervalMs);
    if (this.leaseExpiresAt === undefined) return DEFAULT_HEARTBEAT_MS;
    const quarter = (this.leaseExpiresAt.getTime() - Date.now()) / 4;
    return Math.min(MAX_HEARTBEAT_MS, Math.max(MIN_HEARTBEAT_MS, quarter));
  }

  /** One heartbeat; true when the Dispatcher accepted it (the lease is live and bound to this delivery). */
  async beat(): Promise<boolean> {
    try {
      const reply = await this.client.heartbeat(this.fence, { timeoutMs: this.options.rpcTimeoutMs });
      if (reply.leaseExpiresAt) this.leaseExpiresAt = timestampDate(reply.leaseExpiresAt);
      if (reply.cancelRequested && !this.cancelRequested) {
        this.cancelRequested = true;
        this.options.log({ level: "info", msg: "cancel requested", task_id: this.fence.taskId, attempt: this.fence.attempt });
        this.controller.abort();
      }
      return true;
    } catch (error) {
      const classified = classifyRpcError(error);
      if (classified.kind === "fenced") {
        this.fencedBy = classified;
        this.controller.abort();
      } else {
        // A missed heartbeat is not fatal: the lease has slack and completion is fenced anyway.
        this.options.log({ level: "warn", msg: "heartbeat failed", task_id: this.fence.taskId, attempt: this.fence.attempt, code: classified.code });
      }
      return false;
    }
  }

  /**
   * The check right before executing: one more heartbeat (retried while the Dispatcher is
   * unreachable) proves the lease is still live and bound to this delivery.
   */
  async confirmBound(): Promise<BindCheck> {
    for (let tryIndex = 0; tryIndex < BIND_CHECK_TRIES; tryIndex++) {
      if (tryIndex > 0) await sleep(250 * 2 ** (tryIndex - 1));
      const accepted = await this.beat();
      if (this.fencedBy) return "fenced";
      if (this.cancelRequested) return "cancel_requested";
      if (accepted) return "bound";
    }
    return "unreachable";
  }

  start(): void {
    this.running = true;
    const schedule = (): void => {
      if (!this.running || this.controller.signal.aborted) return;
      this.timer = setTimeout(() => {
        void this.beat().then(schedule);
      }, this.intervalMs());
    };
    schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Stops the attempt's work for the host (options.interrupt), like a cancel but unreported. */
  interrupt(): void {
    this.controller.abort();
  }
}

function bundleFailure(error: BundleError): RunnerFailure {
  if (error.reason === "bundle_hash_mismatch") return new RunnerFailure("bundle_hash_mismatch", error.message);
  return new RunnerFailure("bundle_rejected", `${error.reason}: ${error.message}`);
}

function commandFor(bundle: OpenedBundle, options: RunnerOptions, workDir: string): { command: string; args: string[] } {
  const { runtime, entrypoint } = bundle.manifest;
  switch (runtime) {
    case "node":
      return { command: options.nodeCommand, args: [entrypoint] };
    case "python":
      return { command: options.pythonCommand, args: [entrypoint] };
    case "rust":
      return { command: join(workDir, entrypoint), args: [] };
  }
}

function entrypointTimeoutMs(options: RunnerOptions): number {
  const remaining = options.remainingTimeMs ? options.remainingTimeMs() - options.reportReserveMs : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(options.timeoutMs, remaining));
}

async function runAttempt(
  invocation: TaskInvocation,
  options: RunnerOptions,
  stop: AbortSignal,
  onWorkDir: (dir: string) => void,
  confirmBound: () => Promise<BindCheck>,
): Promise<Decision> {
  const log = (level: "info" | "warn", msg: string, fields: Record<string, unknown> = {}): void =>
    options.log({ level, msg, task_id: invocation.taskId, attempt: invocation.attempt, ...fields });

  let bundle: OpenedBundle;
  try {
    const zip = await downloadBundle(invocation.bundleUrl, { maxBytes: options.maxBundleBytes, timeoutMs: options.downloadTimeoutMs, signal: stop });
    // The hash is checked first, inside openBundle, before any byte of the zip is parsed.
    bundle = openBundle(zip, invocation.bundleSha256);
  } catch (error) {
    if (stop.aborted) return { kind: "stopped" };
    if (error instanceof BundleError) throw bundleFailure(error);
    throw error;
  }
  if (stop.aborted) return { kind: "stopped" };

  // mkdtemp creates the directory 0700: private to the runner's user.
  const workDir = await mkdtemp(join(options.workRoot, "trace-run-"));
  onWorkDir(workDir);
  try {
    await extractBundle(bundle, workDir);
  } catch (error) {
    if (error instanceof BundleError) throw bundleFailure(error);
    throw error;
  }
  if (stop.aborted) return { kind: "stopped" };

  const bindCheck = await confirmBound();
  if (bindCheck === "unreachable") return { kind: "unconfirmed" };
  if (bindCheck !== "bound" || stop.aborted) return { kind: "stopped" };

  const { command, args } = commandFor(bundle, options, workDir);
  const env = buildEntrypointEnv(bundle.manifest.env_allowlist, options.sourceEnv, options.childPath, options.dispatcherUrl);
  const timeoutMs = entrypointTimeoutMs(options);
  log("info", "entrypoint starting", { runtime: bundle.manifest.runtime, bundle_sha256: bundle.sha256, timeout_ms: timeoutMs });
  const result = await executeEntrypoint({
    command,
    args,
    cwd: workDir,
    env,
    stdin: invocationJson(invocation),
    timeoutMs,
    maxStdoutBytes: options.maxStdoutBytes,
    maxStderrBytes: options.maxStderrBytes,
    killGraceMs: options.killGraceMs,
    signal: stop,
  });

  // Allowlisted values may be secrets; PATH and the Dispatcher URL are not (and stay readable in logs).
  const secrets = [
    invocation.capabilityToken,
    invocation.bundleUrl,
    ...Object.entries(env).filter(([name]) => name !== "PATH" && name !== DISPATCHER_URL_ENV).map(([, value]) => value),
  ];
  const stderrText = redactSecrets(result.stderrTail.toString("utf8"), secrets);
  log(result.termination === "exited" && result.exitCode === 0 ? "info" : "warn", "entrypoint finished", {
    termination: result.termination,
    exit_code: result.exitCode,
    exit_signal: result.exitSignal,
    stdout_bytes: result.stdout.byteLength,
    stderr_tail: stderrText,
  });
  const withStderr = (detail: string): string => {
    if (options.stderrTailOnWireBytes <= 0 || stderrText.length === 0) return detail;
    return `${detail}; stderr tail: ${stderrText.slice(-options.stderrTailOnWireBytes)}`;
  };

  switch (result.termination) {
    case "aborted":
      return { kind: "stopped" };
    case "spawn_failed":
      return { kind: "failed", category: "runtime_unavailable", detail: `could not start the ${bundle.manifest.runtime} entrypoint (${result.spawnErrorCode ?? "unknown"})` };
    case "timed_out":
      return { kind: "failed", category: "timed_out", detail: `entrypoint exceeded ${timeoutMs} ms; process group killed` };
    case "stdout_overflow":
      return { kind: "failed", category: "invalid_output", detail: `stdout exceeded ${options.maxStdoutBytes} bytes` };
    case "exited":
      break;
  }
  if (result.exitCode !== 0) {
    const how = result.exitSignal ? `killed by ${result.exitSignal}` : `exit code ${String(result.exitCode)}`;
    return { kind: "failed", category: "entrypoint_crashed", detail: withStderr(how) };
  }
  try {
    return { kind: "completed", result: parseEntrypointOutput(result.stdout) };
  } catch (error) {
    if (error instanceof RunnerFailure) return { kind: "failed", category: error.category, detail: error.detail };
    throw error;
  }
}

function completionRequest(fence: Fence, decision: Exclude<Decision, { kind: "stopped" | "unconfirmed" }> | { kind: "canceled" }): CompleteRequest {
  switch (decision.kind) {
    case "completed":
      return create(CompleteRequestSchema, {
        ...fence,
        status: TaskStatus.COMPLETED,
        events: decision.result.events,
        outputs: decision.result.outputs,
        datasetsPublished: decision.result.datasetsPublished,
      });
    case "failed":
      return create(CompleteRequestSchema, {
        ...fence,
        status: TaskStatus.FAILED,
        errorMessage: failureMessage(decision.category, decision.detail),
        retryable: RETRYABLE[decision.category],
      });
    case "canceled":
      return create(CompleteRequestSchema, { ...fence, status: TaskStatus.CANCELED });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function report(client: TaskClient, fence: Fence, initial: CompleteRequest, options: RunnerOptions, category?: FailureCategory): Promise<RunOutcome> {
  let request = initial;
  let reportedCategory = category;
  let lastError = "";
  for (let tryIndex = 0; tryIndex < Math.max(1, options.completeAttempts); tryIndex++) {
    try {
      const reply = await client.complete(request, { timeoutMs: options.rpcTimeoutMs });
      const status = request.status === TaskStatus.COMPLETED ? "completed" : request.status === TaskStatus.CANCELED ? "canceled" : "failed";
      options.log({ level: "info", msg: "attempt reported", task_id: fence.taskId, attempt: fence.attempt, status, category: reportedCategory, duplicate: reply.duplicate });
      return { kind: "reported", status, duplicate: reply.duplicate, ...(reportedCategory ? { category: reportedCategory } : {}) };
    } catch (error) {
      const classified = classifyRpcError(error);
      if (classified.kind === "fenced") {
        options.log({ level: "info", msg: "completion refused; attempt is no longer ours", task_id: fence.taskId, attempt: fence.attempt, code: classified.code, reason: classified.reason });
        return { kind: "fenced", reason: classified.reason, code: classified.code };
      }
      if (classified.kind === "rejected" && request.status === TaskStatus.COMPLETED) {
        // The Dispatcher refused what the entrypoint produced (e.g. a malformed event): that is
        // the entrypoint's output being invalid, so the attempt fails with that category.
        reportedCategory = "invalid_output";
        request = completionRequest(fence, { kind: "failed", category: "invalid_output", detail: `dispatcher refused the result: ${classified.message}` });
        continue;
      }
      lastError = `${classified.code}${classified.reason ? `/${classified.reason}` : ""}: ${classified.message}`;
      if (classified.kind === "rejected") break;
      options.log({ level: "warn", msg: "completion failed; retrying", task_id: fence.taskId, attempt: fence.attempt, code: classified.code });
      await sleep(Math.min(5000, 250 * 2 ** tryIndex));
    }
  }
  options.log({ level: "error", msg: "completion could not be delivered", task_id: fence.taskId, attempt: fence.attempt, error: lastError });
  return { kind: "report_failed", error: lastError };
}

/**
 * Executes one invocation and reports its outcome to the Dispatcher. Never throws: every local
 * error becomes a FAILED completion with a safe category, or (when the Dispatcher cannot be
 * reached) a report_failed outcome.
 */
export async function runInvocation(invocation: TaskInvocation, options: RunnerOptions, client?: TaskClient): Promise<RunOutcome> {
  const taskClient = client ?? createTaskClient(options.dispatcherUrl, invocation.capabilityToken);
  const fence: Fence = { taskId: invocation.taskId, attempt: invocation.attempt, leaseToken: invocation.leaseToken, deliveryId: randomUUID() };
  // The entrypoint acts as this delivery: an SDK inside the bundle reads delivery_id from stdin.
  const delivered: TaskInvocation = { ...invocation, deliveryId: fence.deliveryId };
  const leaseExpiresAt = invocation.leaseExpiresAt ? timestampDate(invocation.leaseExpiresAt) : undefined;
  const keeper = new LeaseKeeper(taskClient, fence, options, leaseExpiresAt);

  // A first heartbeat before any work binds the attempt to this delivery: a duplicate delivery
  // (another one is bound, or the attempt is finished or superseded) stops here without
  // downloading, running or reporting anything, and a pending cancel is seen at once.
  await keeper.beat();
  const fencedAtStart = keeper.fenced();
  if (fencedAtStart) return { kind: "fenced", reason: fencedAtStart.reason, code: fencedAtStart.code };
  if (keeper.cancelRequested) return report(taskClient, fence, completionRequest(fence, { kind: "canceled" }), options);

  keeper.start();
  const interrupt = options.interrupt;
  if (interrupt?.aborted) keeper.interrupt();
  else interrupt?.addEventListener("abort", () => keeper.interrupt(), { once: true });
  let workDir: string | undefined;
  let decision: Decision;
  try {
    decision = await runAttempt(
      delivered,
      options,
      keeper.stopSignal,
      (dir) => {
        workDir = dir;
      },
      () => keeper.confirmBound(),
    );
  } catch (error) {
    if (error instanceof RunnerFailure) decision = { kind: "failed", category: error.category, detail: error.detail };
    else {
      options.log({ level: "error", msg: "runner error", task_id: fence.taskId, attempt: fence.attempt, error: error instanceof Error ? error.message : String(error) });
      decision = { kind: "failed", category: "runner_error", detail: "unexpected runner error" };
    }
  } finally {
    keeper.stop();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  }

  if (interrupt?.aborted) {
    options.log({ level: "info", msg: "interrupted by the host; nothing reported", task_id: fence.taskId, attempt: fence.attempt });
    return { kind: "interrupted" };
  }
  const fencedLater = keeper.fenced();
  if (fencedLater) return { kind: "fenced", reason: fencedLater.reason, code: fencedLater.code };
  if (decision.kind === "unconfirmed") {
    // Nothing ran; reporting would need the Dispatcher we cannot reach. The reaper times the attempt out.
    const error = "the Dispatcher could not confirm this delivery before executing; nothing ran";
    options.log({ level: "error", msg: error, task_id: fence.taskId, attempt: fence.attempt });
    return { kind: "report_failed", error };
  }
  if (decision.kind === "stopped") {
    // Stopped without being fenced means cancel was requested. An entrypoint that finished
    // before the cancel was seen reports its real outcome instead: the work was done.
    return report(taskClient, fence, completionRequest(fence, { kind: "canceled" }), options);
  }
  return report(taskClient, fence, completionRequest(fence, decision), options, decision.kind === "failed" ? decision.category : undefined);
}
