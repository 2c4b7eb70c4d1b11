// Bundle mode: the operator runs as a bundle entrypoint under the platform runner. The invocation
// arrives on stdin; ONE result object goes to stdout ({events, outputs, datasets_published}); the
// runner heartbeats and completes. The operator may still call ctx.credentials() and
// ctx.emitEvents(): the runner sets TRACE_DISPATCHER_URL. Cancellation: the runner stops the
// process (SIGTERM, then SIGKILL). Logs belong on stderr.
import { readFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { JsonValue } from "@bufbuild/protobuf";
import { TaskContext, type CompletionInput } from "./context.js";
import { failureReport, scrub } from "./failure.js";
import type { Operator } from "./run.js";

/** Where calls go when TRACE_DISPATCHER_URL is missing: they fail as unavailable, loudly. */
const NO_DISPATCHER = "http://trace-dispatcher-url-not-set.invalid";

/** The runner's stdout object, with proto field names. */
export function resultObject(result: CompletionInput | void): { events: JsonValue[]; outputs: { name: string; value: JsonValue }[]; datasets_published: JsonValue[] } {
  return { events: result?.events ?? [], outputs: result?.outputs ?? [], datasets_published: result?.datasetsPublished ?? [] };
}

/**
 * Reads the invocation from stdin, runs `operator`, prints its result. Resolves to the exit
 * code: 0, or 1 when the operator threw: then stdout carries `{"failure": {category, message,
 * retryable}}` (the error's type, its scrubbed message, false for NonRetryableError), which the
 * runner reports as the attempt's failure, and stderr the stack.
 */
export async function runBundle(operator: Operator, io: { stdin?: string; write?: (text: string) => void } = {}): Promise<number> {
  const payload = JSON.parse(io.stdin ?? readFileSync(0, "utf8")) as JsonValue;
  const ctx = new TaskContext(payload, { dispatcherUrl: process.env.TRACE_DISPATCHER_URL || NO_DISPATCHER });
  try {
    const result = await operator(ctx);
    // writeSync: the object is on stdout even if the caller exits the process right after.
    (io.write ?? ((text) => void writeSync(1, text)))(JSON.stringify(resultObject(result)));
    return 0;
  } catch (err) {
    const failure = failureReport(err, [ctx.capabilityToken]);
    (io.write ?? ((text) => void writeSync(1, text)))(JSON.stringify({ failure }));
    process.stderr.write(`operator failed: ${scrub(err instanceof Error ? (err.stack ?? err.message) : String(err), [ctx.capabilityToken])}\n`);
    return 1;
  }
}

/**
 * The bundle entrypoint's last line: `await runBundleIfMain(import.meta.url, operator)`. When the
 * module is the script node was started with (the platform runner's `node main.mjs`), runs the
 * operator in bundle mode and exits with runBundle's code; when it is imported (a Lambda handler
 * in the same file, a test), does nothing.
 */
export async function runBundleIfMain(moduleUrl: string, operator: Operator): Promise<void> {
  const script = process.argv[1];
  if (script && moduleUrl === pathToFileURL(script).href) process.exit(await runBundle(operator));
}
