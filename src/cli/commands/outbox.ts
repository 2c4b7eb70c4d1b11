// `outbox list|replay` on the admin API: what the Dispatcher still owes (pending) or gave up on
// (failed), and putting a failed row back in line.
import { ListOutboxResponseSchema, ReplayOutboxResponseSchema } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { intOption, parseArgs, UsageError } from "../admin/args.js";
import { runAdmin, type AdminIo } from "../admin/client.js";
import { jsonOf, OUTBOX_HEADERS, outboxRows } from "../admin/format.js";
import { processIo } from "../admin/process-io.js";
import { ExitCode, table } from "../admin/output.js";
import type { CliCommand } from "../command.js";

const USAGE = [
  "usage: outbox list [--kind invoke|wakeup|route_event|buffer_publish] [--status pending,failed,done] [--task ID] [--limit N] [--json]",
  "       outbox replay <id> [--json]",
  "  all: [--url URL] (else TRACE_DISPATCHER_URL, else the local instance in TRACE_DATA_DIR or .data/)",
].join("\n");

export function runOutboxCommand(args: readonly string[], io: AdminIo): Promise<number> {
  const [sub, ...rest] = args;
  return runAdmin(io, USAGE, `outbox ${sub ?? ""}`.trim(), () => {
    const p = parseArgs(rest, { options: ["url", "kind", "status", "task", "limit"], flags: ["json"] });
    const url = p.options.get("url");
    const json = p.flags.has("json");
    switch (sub) {
      case "list": {
        const request = {
          kind: p.options.get("kind") ?? "",
          statuses: (p.options.get("status") ?? "").split(",").map((s) => s.trim()).filter(Boolean),
          taskId: p.options.get("task") ?? "",
          pageSize: Math.min(intOption(p, "limit", 100), 500),
        };
        return {
          url,
          action: async (client) => {
            const reply = await client.listOutbox(request);
            io.stdout(json ? jsonOf(ListOutboxResponseSchema, reply) : table(OUTBOX_HEADERS, outboxRows(reply.rows), "(nothing pending or failed)"));
            return ExitCode.ok;
          },
        };
      }
      case "replay": {
        const raw = p.positional[0];
        if (!raw || !/^\d+$/.test(raw)) throw new UsageError("an outbox row id (a number) is required");
        return {
          url,
          action: async (client) => {
            const reply = await client.replayOutbox({ id: BigInt(raw) });
            io.stdout(json ? jsonOf(ReplayOutboxResponseSchema, reply) : `outbox row ${raw} is pending again`);
            return ExitCode.ok;
          },
        };
      }
      default:
        throw new UsageError(sub ? `unknown subcommand ${sub}` : "a subcommand is required");
    }
  });
}

export const command: CliCommand = {
  name: "outbox",
  help: `${USAGE}\n\nExit codes: 0 ok, 1 refused by the API, 2 usage, 3 no Dispatcher found or reachable, 4 not found.`,
  summary: "outbox list|replay: pending and failed side effects, and replaying a failed one",
  run: (args) => runOutboxCommand(args, processIo()),
};
