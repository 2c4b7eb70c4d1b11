// `tasks list|show|cancel|retry|watch` on the admin API. `watch` follows one task until it ends:
// exit 0 when it COMPLETED, 5 when it ended FAILED (no retry pending) or CANCELED.
import { userInfo } from "node:os";
import { CancelTaskResponseSchema, GetTaskResponseSchema, ListTasksResponseSchema, RetryTaskResponseSchema, type GetTaskResponse } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { intOption, parseArgs, UsageError } from "../admin/args.js";
import { runAdmin, type AdminClient, type AdminIo } from "../admin/client.js";
import { ATTEMPT_HEADERS, attemptRows, jobRef, jsonOf, OUTBOX_HEADERS, outboxRows, stateName, TASK_HEADERS, taskRows, when } from "../admin/format.js";
import { processIo } from "../admin/process-io.js";
import { ExitCode, fields, table } from "../admin/output.js";
import type { CliCommand } from "../command.js";
import { jobSelector } from "./jobs.js";

const USAGE = [
  "usage: tasks list [--job dag/name|job-id] [--state queued|running|completed|failed|canceled[,...]] [--errors] [--since T] [--until T] [--limit N] [--json]",
  "       tasks show <task-id> [--json]",
  "       tasks cancel <task-id> [--reason TEXT]",
  "       tasks retry <task-id> [--reason TEXT] [--by WHO]   (FAILED or CANCELED tasks; WHO defaults to $USER)",
  "       tasks watch <task-id> [--interval SECONDS]",
  "  all: [--url URL] (else TRACE_DISPATCHER_URL, else the local instance in TRACE_DATA_DIR or .data/)",
].join("\n");

const STATES: Record<string, TaskState> = {
  queued: TaskState.QUEUED,
  running: TaskState.RUNNING,
  completed: TaskState.COMPLETED,
  failed: TaskState.FAILED,
  canceled: TaskState.CANCELED,
};

const taskId = (positional: readonly string[]): string => {
  const id = positional[0];
  if (!id) throw new UsageError("a task id is required");
  return id;
};

/** The time flags accept RFC 3339 or a relative age such as 30m, 2h, 7d. */
function timeOption(raw: string | undefined, now: Date): string {
  if (raw === undefined) return "";
  const rel = /^(\d+)([smhd])$/.exec(raw);
  if (rel) {
    const seconds = Number(rel[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[rel[2] as "s" | "m" | "h" | "d"];
    return new Date(now.getTime() - seconds * 1000).toISOString();
  }
  if (Number.isNaN(Date.parse(raw))) throw new UsageError(`"${raw}" is neither an RFC 3339 time nor an age like 30m or 2d`);
  return raw;
}

function renderTask(view: GetTaskResponse): string {
  const t = view.task;
  if (!t) return "(no task)";
  const parts = [
    fields([
      ["task", t.taskId],
      ["job", jobRef(t)],
      ["state", `${stateName(t.state)}${t.cancelRequested ? " (cancel requested)" : ""}`],
      ["attempt", `${t.attempt} of ${t.maxAttempts}`],
      ["created", when(t.createdAt)],
      ["updated", when(t.updatedAt)],
      ["next retry", when(t.nextRetryAt)],
      ["last error", t.lastError || "-"],
      ["cancel reason", t.cancelReason || "-"],
      ["dedupe key", t.dedupeKey || "-"],
      ["params", JSON.stringify(t.params ?? {})],
      ["inputs", t.inputs.map((e) => `${e.datasetUuid}@${e.datasetVersion}:${e.cursor ?? e.partitionKey ?? ""}`).join(", ") || "-"],
    ]),
    "",
    "Attempts",
    table(ATTEMPT_HEADERS, attemptRows(view.attempts), "(none yet)"),
  ];
  if (view.outputs.length > 0)
    parts.push("", "Outputs", table(["ATTEMPT", "NAME", "VALUE"], view.outputs.map((o) => [String(o.attempt), o.name, JSON.stringify(o.value?.kind.value ?? null)])));
  if (view.events.length > 0)
    parts.push(
      "",
      "Emitted events",
      table(
        ["ATTEMPT", "DATASET", "VERSION", "POSITION", "ROUTED TASKS"],
        view.events.map((e) => [
          String(e.attempt),
          e.event?.datasetUuid ?? "",
          e.event?.datasetVersion ?? "",
          e.event?.cursor?.toString() ?? e.event?.partitionKey ?? "",
          e.routedTaskIds.join(", ") || "-",
        ]),
      ),
    );
  if (view.bufferPublishes.length > 0)
    parts.push("", "Buffer publishes", table(["ATTEMPT", "BATCH", "BYTES", "SCOPE"], view.bufferPublishes.map((b) => [String(b.attempt), b.batchUri, b.batchSizeBytes.toString(), b.dedupeScope])));
  if (view.wakeups.length > 0)
    parts.push("", "Wake-ups queued", table(["ATTEMPT", "VISIBLE AT", "RECEIVES"], view.wakeups.map((w) => [String(w.attempt), when(w.visibleAt), String(w.receives)])));
  if (view.retries.length > 0)
    parts.push("", "Operator retries", table(["ATTEMPT", "BY", "FROM", "AT", "REASON"], view.retries.map((r) => [String(r.attempt), r.requestedBy, r.previousState, when(r.createdAt), r.reason || "-"])));
  if (view.outbox.length > 0) parts.push("", "Outbox (not yet delivered)", table(OUTBOX_HEADERS, outboxRows(view.outbox)));
  return parts.join("\n");
}

async function watch(client: AdminClient, io: AdminIo, id: string, intervalMs: number): Promise<number> {
  let last = "";
  for (;;) {
    const view = await client.getTask({ taskId: id });
    const t = view.task;
    if (!t) return ExitCode.notFound;
    const line = `${stateName(t.state)} attempt ${t.attempt}${t.state === TaskState.FAILED && t.nextRetryAt ? ` (retry at ${when(t.nextRetryAt)})` : ""}${t.lastError ? `  error: ${t.lastError}` : ""}`;
    if (line !== last) io.stdout(`${new Date().toISOString()}  ${line}`);
    last = line;
    if (t.state === TaskState.COMPLETED) return ExitCode.ok;
    if (t.state === TaskState.CANCELED || (t.state === TaskState.FAILED && t.nextRetryAt === undefined)) return ExitCode.taskUnsuccessful;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function runTasksCommand(args: readonly string[], io: AdminIo): Promise<number> {
  const [sub, ...rest] = args;
  return runAdmin(io, USAGE, `tasks ${sub ?? ""}`.trim(), () => {
    const p = parseArgs(rest, { options: ["url", "job", "state", "since", "until", "limit", "reason", "by", "interval"], flags: ["json", "errors"] });
    const url = p.options.get("url");
    const json = p.flags.has("json");
    switch (sub) {
      case "list": {
        const job = p.options.has("job") ? jobSelector(p.options.get("job")) : undefined;
        const stateWord = p.options.get("state");
        const states = stateWord === undefined ? [] : stateWord.split(",").map((s) => {
          const state = STATES[s.trim().toLowerCase()];
          if (state === undefined) throw new UsageError(`--state must be one of ${Object.keys(STATES).join(", ")}`);
          return state;
        });
        const now = new Date();
        const request = {
          jobId: job?.jobId ?? "",
          dagName: job?.dagName ?? "",
          jobName: job?.name ?? "",
          states,
          createdAfter: timeOption(p.options.get("since"), now),
          createdBefore: timeOption(p.options.get("until"), now),
          pageSize: Math.min(intOption(p, "limit", 50), 500),
          ...(p.flags.has("errors") ? { hasError: true } : {}),
        };
        return {
          url,
          action: async (client) => {
            const reply = await client.listTasks(request);
            io.stdout(json ? jsonOf(ListTasksResponseSchema, reply) : table(TASK_HEADERS, taskRows(reply.tasks), "(no tasks)"));
            return ExitCode.ok;
          },
        };
      }
      case "show": {
        const id = taskId(p.positional);
        return {
          url,
          action: async (client) => {
            const view = await client.getTask({ taskId: id });
            io.stdout(json ? jsonOf(GetTaskResponseSchema, view) : renderTask(view));
            return ExitCode.ok;
          },
        };
      }
      case "cancel": {
        const id = taskId(p.positional);
        return {
          url,
          action: async (client) => {
            const reply = await client.cancelTask({ taskId: id, reason: p.options.get("reason") ?? "" });
            const t = reply.task;
            io.stdout(json || !t ? jsonOf(CancelTaskResponseSchema, reply) : t.cancelRequested && t.state === TaskState.RUNNING ? `cancel requested: ${id} stops at its next heartbeat` : `${id} is ${stateName(t.state)}`);
            return ExitCode.ok;
          },
        };
      }
      case "retry": {
        const id = taskId(p.positional);
        const by = p.options.get("by") ?? io.env.USER ?? safeUser();
        return {
          url,
          action: async (client) => {
            const reply = await client.retryTask({ taskId: id, requestedBy: by, reason: p.options.get("reason") ?? "" });
            const t = reply.task;
            io.stdout(json || !t ? jsonOf(RetryTaskResponseSchema, reply) : `${id} queued again as attempt ${t.attempt}`);
            return ExitCode.ok;
          },
        };
      }
      case "watch": {
        const id = taskId(p.positional);
        const interval = intOption(p, "interval", 1);
        return { url, action: (client) => watch(client, io, id, interval * 1000) };
      }
      default:
        throw new UsageError(sub ? `unknown subcommand ${sub}` : "a subcommand is required");
    }
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "cli";
  }
}

export const command: CliCommand = {
  name: "tasks",
  help: `${USAGE}\n\nExit codes: 0 ok, 1 refused by the API, 2 usage, 3 no Dispatcher found or reachable, 4 not found, 5 watched task ended FAILED or CANCELED.`,
  summary: "tasks list|show|cancel|retry|watch: inspect and act on tasks through the admin API",
  run: (args) => runTasksCommand(args, processIo()),
};
