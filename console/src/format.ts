// Display helpers: timestamps, durations and state names as people read them.
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { TaskState } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";

export function stateName(state: TaskState): string {
  return TaskState[state] ?? "UNKNOWN";
}

export function time(ts: Timestamp | undefined): string {
  if (ts === undefined) return "–";
  return timestampDate(ts).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

export function duration(from: Timestamp | undefined, to: Timestamp | undefined): string {
  if (from === undefined || to === undefined) return "–";
  return formatMs(timestampDate(to).getTime() - timestampDate(from).getTime());
}

export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A filter form's non-empty fields as the list page's hash route, e.g. "#/tasks?state=FAILED". */
export function filterRoute(event: Event, page: string, fields: readonly string[]): string {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  const query = new URLSearchParams();
  for (const field of fields) {
    const value = String(form.get(field) ?? "").trim();
    if (value !== "") query.set(field, value);
  }
  return `#/${page}?${query.toString()}`;
}
