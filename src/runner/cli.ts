// The runner as a process: `tsx src/runner/cli.ts [invocation.json]` reads one TaskInvocation
// (protobuf JSON, proto field names) from the file, or from stdin when no file (or "-") is given,
// runs it, and exits 0 when the outcome was reported or the attempt was fenced, 1 otherwise.
// Configuration comes from the environment, exactly as for the Lambda (TRACE_DISPATCHER_URL, …).

import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { decodeInvocation, InvalidInvocationError } from "./invocation.js";
import { jsonLineLogger, runnerOptionsFromEnv } from "./options.js";
import { runInvocation, type RunOutcome } from "./run.js";

const MAX_INPUT_BYTES = 2 * 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.byteLength;
    if (total > MAX_INPUT_BYTES) throw new InvalidInvocationError(`invocation exceeds ${MAX_INPUT_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function runCli(argv: readonly string[], interrupt?: AbortSignal): Promise<number> {
  let outcome: RunOutcome;
  try {
    const options = { ...runnerOptionsFromEnv(process.env), ...(interrupt ? { interrupt } : {}) };
    const source = argv[0];
    const text = source === undefined || source === "-" ? await readStdin() : await readFile(source, "utf8");
    outcome = await runInvocation(decodeInvocation(text), options);
  } catch (error) {
    jsonLineLogger({ level: "error", msg: "runner could not start", error: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  return outcome.kind === "report_failed" ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exit explicitly: the outcome is reported and the work directory removed, and idle keep-alive
  // sockets to the Dispatcher must not hold the process open.
  // SIGTERM (the local invoker stopping runs at Dispatcher shutdown): stop the entrypoint's whole
  // process group and exit without reporting, so the Dispatcher can release the lease.
  const interrupt = new AbortController();
  process.once("SIGTERM", () => interrupt.abort());
  process.exit(await runCli(process.argv.slice(2), interrupt.signal));
}
