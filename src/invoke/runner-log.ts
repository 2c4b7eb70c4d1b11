// The local runner's stderr, line by line, into the Dispatcher's log: the runner's own JSON lines
// (attempt reported, entrypoint finished with the scrubbed stderr tail of the operator) keep
// their level and fields; anything else is logged as a plain line. Every line carries the run's
// task_id/attempt, so `npm start` shows which task an operator's output belongs to.
import type { Readable } from "node:stream";
import type { LogFields, Logger, LogLevel } from "../log/logger.js";
import { isLogLevel } from "../log/logger.js";

/** A longer line is cut: one runaway line must not grow the buffer without bound. */
const MAX_LINE_CHARS = 64 * 1024;

function runTag(payloadJson: string): LogFields {
  try {
    const payload = JSON.parse(payloadJson) as { task_id?: unknown; attempt?: unknown };
    return { task_id: payload.task_id, attempt: payload.attempt };
  } catch {
    return {};
  }
}

function logLine(log: Logger, tag: LogFields, line: string): void {
  if (line.trim() === "") return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && typeof (parsed as { msg?: unknown }).msg === "string") {
    // `time` and `component` are the runner's framing; the Dispatcher's logger writes its own.
    const { msg, level, time: _time, component: _component, ...fields } = parsed as Record<string, unknown>;
    const at: LogLevel = isLogLevel(level) ? level : "info";
    log[at](String(msg), { ...tag, ...fields });
    return;
  }
  log.info("runner output", { ...tag, line });
}

export function streamRunnerLog(stderr: Readable, log: Logger, payloadJson: string): void {
  const tag = runTag(payloadJson);
  let pending = "";
  stderr.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    if (pending.length > MAX_LINE_CHARS) {
      lines.push(pending.slice(0, MAX_LINE_CHARS));
      pending = "";
    }
    for (const line of lines) logLine(log, tag, line);
  });
  stderr.once("end", () => logLine(log, tag, pending));
}
