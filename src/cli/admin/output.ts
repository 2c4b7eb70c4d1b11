// Human tables by default, JSON (proto JSON, snake_case, one document) with --json, and the exit
// codes scripts rely on (documented in the README):
//   0 success · 1 refused by the API · 2 usage · 3 no Dispatcher found or reachable
//   4 not found · 5 `tasks watch`: the task ended FAILED or CANCELED
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorDetailSchema } from "../../../gen/ts/trace/dispatcher/v1/errors_pb.js";

export const ExitCode = { ok: 0, refused: 1, usage: 2, unreachable: 3, notFound: 4, taskUnsuccessful: 5 } as const;

export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** Left-aligned columns sized to their widest cell; an empty list prints a note instead. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], empty = "(none)"): string {
  if (rows.length === 0) return empty;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** "key: value" lines, aligned. */
export function fields(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${v}`).join("\n");
}

/** Prints an API failure and returns its exit code. */
export function reportError(io: Io, what: string, error: unknown): number {
  const err = ConnectError.from(error);
  const reason = err.findDetails(ErrorDetailSchema)[0]?.reason;
  if (err.code === Code.Unavailable || (err.code === Code.Unknown && /ECONNREFUSED|fetch failed|ENOTFOUND/.test(err.rawMessage))) {
    io.stderr(`${what}: the Dispatcher is not reachable: ${err.rawMessage}`);
    return ExitCode.unreachable;
  }
  io.stderr(`${what}: ${Code[err.code]}${reason ? ` (${reason})` : ""}: ${err.rawMessage}`);
  if (err.code === Code.NotFound) return ExitCode.notFound;
  if (err.code === Code.Unauthenticated) return ExitCode.unreachable;
  return ExitCode.refused;
}

/** "TASK_STATE_RUNNING" → "RUNNING". */
export const enumName = (full: string, prefix: string): string => full.replace(prefix, "");
