// Compiled and run INSIDE a fresh npm project that has only the packed SDK tarballs installed
// (test/sdk/ts-package.test.ts): every import below must resolve from the installed packages, with
// their own declarations, under strict NodeNext. Usage: node driver.js <scenario>, the invocation
// payload (proto JSON) on stdin, TRACE_DISPATCHER_URL set; one JSON line per report on stdout.
import { readFileSync } from "node:fs";
import { CONTRACT_VERSION, StaleAttemptError, TaskContext, TaskError, runTask, type DatasetEvent, type Operator } from "@trace/dispatcher-sdk";
import { lambdaHandler, NonRetryableError as LambdaNonRetryableError, TaskContext as LambdaTaskContext } from "@trace/dispatcher-sdk/lambda";
import { runBundle } from "@trace/dispatcher-sdk/bundle";
import * as root from "@trace/dispatcher-sdk";
import { TaskInvocationSchema, type TaskInvocation } from "@trace/dispatcher-proto/v1/payload_pb.js";
import { TaskService, TaskStatus } from "@trace/dispatcher-proto/v1/task_pb.js";
import { AdminService } from "@trace/dispatcher-proto/v1/admin_pb.js";
import { WorkerService } from "@trace/dispatcher-proto/v1/worker_pb.js";
import { QueryService } from "@trace/dispatcher-proto/v1/query_pb.js";
import { ErrorDetailSchema } from "@trace/dispatcher-proto/v1/errors_pb.js";
import { http } from "@trace/dispatcher-proto/v1/options_pb.js";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { handler } from "./operator.js";

const report = (value: object): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
const payload = JSON.parse(readFileSync(0, "utf8")) as JsonValue;

function event(ctx: TaskContext, cursor: number) {
  return TaskContext.cursorEvent(String(ctx.config.dataset_uuid), String(ctx.config.dataset_version), cursor);
}

const scenarios: Record<string, () => Promise<object>> = {
  /** The fenced calls one by one: heartbeat, events, complete and its duplicate. */
  async lifecycle() {
    // The contract package's messages are usable on their own and the SDK accepts them.
    const invocation: TaskInvocation = fromJson(TaskInvocationSchema, payload, { ignoreUnknownFields: true });
    const ctx = new TaskContext(invocation);
    const inputs: DatasetEvent[] = ctx.inputs; // the contract's types, named through the SDK
    const beat = await ctx.heartbeat();
    const emitted = await ctx.emitEvents([event(ctx, 1)]);
    const result = { events: [event(ctx, 2)], outputs: [{ name: "rows", value: 2 }] };
    const first = await ctx.complete(result);
    const repeat = await ctx.complete(result);
    return {
      contractVersion: CONTRACT_VERSION,
      // The three entry points share one implementation (code splitting), so instanceof holds across them.
      sharedClasses: LambdaTaskContext === TaskContext && LambdaNonRetryableError === root.NonRetryableError && runBundle === root.runBundle,
      // Every module of the contract package loads and carries its descriptors.
      contract: [TaskService, AdminService, WorkerService, QueryService, ErrorDetailSchema, http].map((d) => d.typeName),
      completedIs: TaskStatus[TaskStatus.COMPLETED],
      inputs: inputs.length,
      cancelRequested: beat.cancelRequested,
      leaseAheadMs: beat.leaseExpiresAt.getTime() - Date.now(),
      emitted,
      first: { accepted: first.accepted, duplicate: first.duplicate },
      repeat: { accepted: repeat.accepted, duplicate: repeat.duplicate },
    };
  },
  /** Task-scoped STS credentials in the AWS SDK v3 shape. */
  async credentials() {
    const ctx = new TaskContext(payload);
    const creds = await ctx.credentialProvider()();
    await ctx.complete();
    return { keyId: creds.accessKeyId.length > 0, secret: creds.secretAccessKey.length > 0, session: creds.sessionToken.length > 0, expiresAheadMs: creds.expiration.getTime() - Date.now() };
  },
  /** The Lambda entry point around an operator that works in steps until ctx.signal aborts; the test cancels the task. */
  async cancel() {
    const working: Operator = async (ctx) => {
      report({ running: true });
      for (;;) {
        ctx.signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    return lambdaHandler(working, { heartbeatIntervalMs: 250 })(payload);
  },
  /** Fails the attempt so that the Dispatcher retries it. */
  async fail() {
    const ctx = new TaskContext(payload);
    const reply = await ctx.fail("transient", { retryable: true });
    return { accepted: reply.accepted };
  },
  /** A superseded attempt: the refusal arrives typed, with its reason, and aborts ctx.signal. */
  async stale() {
    const ctx = new TaskContext(payload);
    const refused = await ctx.heartbeat().then(
      () => undefined,
      (err: unknown) => err,
    );
    const outcome = await runTask(payload, async () => ({}));
    return {
      stale: refused instanceof StaleAttemptError,
      taskError: refused instanceof TaskError,
      reason: refused instanceof TaskError ? refused.reason : String(refused),
      aborted: ctx.signal.aborted,
      runTask: outcome,
    };
  },
  /** The README's operator as a Lambda function: its exported handler. */
  async handler() {
    return handler(payload);
  },
};

const scenario = scenarios[process.argv[2] ?? ""];
if (!scenario) throw new Error(`unknown scenario ${process.argv[2] ?? ""}; one of ${Object.keys(scenarios).join(", ")}`);
report(await scenario());
