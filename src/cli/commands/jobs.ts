// `jobs list|show|register|pause|resume` on the admin API (src/cli/admin/ has discovery, output
// and exit codes). A job is named by its UUID or as dag/name.
import { readFileSync } from "node:fs";
import { create, fromJson } from "@bufbuild/protobuf";
import { GetJobResponseSchema, JobSchema, ListJobsResponseSchema, RegisterJobResponseSchema } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { contractJsonOptions } from "../../contract/json-format.js";
import { isUuid } from "../../lifecycle/rows.js";
import { intOption, parseArgs, UsageError } from "../admin/args.js";
import { runAdmin, type AdminIo } from "../admin/client.js";
import { JOB_HEADERS, jobRows, jsonOf, runtimeName } from "../admin/format.js";
import { ExitCode, fields, table } from "../admin/output.js";
import type { CliCommand } from "../command.js";
import { processIo } from "../admin/process-io.js";

const USAGE = [
  "usage: jobs list [--dag D] [--name N] [--org O] [--limit N] [--json]",
  "       jobs show <dag/name|job-id> [--json]",
  "       jobs register -f job.json [--json]        (a Job in the API's JSON)",
  "       jobs pause|resume <dag/name|job-id> [--json]",
  "  all: [--url URL] (else TRACE_DISPATCHER_URL, else the local instance in TRACE_DATA_DIR or .data/)",
].join("\n");

/** `dag/name` or a job UUID, as the request fields that name a job. */
export function jobSelector(ref: string | undefined): { jobId: string; dagName: string; name: string } {
  if (!ref) throw new UsageError("a job (dag/name or job id) is required");
  if (isUuid(ref)) return { jobId: ref, dagName: "", name: "" };
  const slash = ref.indexOf("/");
  if (slash <= 0 || slash === ref.length - 1) throw new UsageError(`"${ref}" is neither dag/name nor a job id`);
  return { jobId: "", dagName: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

export function runJobsCommand(args: readonly string[], io: AdminIo): Promise<number> {
  const [sub, ...rest] = args;
  return runAdmin(io, USAGE, `jobs ${sub ?? ""}`.trim(), () => {
    const p = parseArgs(rest, { options: ["url", "dag", "name", "org", "limit", "f", "file"], flags: ["json"] });
    const url = p.options.get("url");
    const json = p.flags.has("json");
    switch (sub) {
      case "list": {
        const limit = intOption(p, "limit", 100);
        return {
          url,
          action: async (client) => {
            const reply = await client.listJobs({
              dagName: p.options.get("dag") ?? "",
              name: p.options.get("name") ?? "",
              orgId: p.options.get("org") ?? "",
              pageSize: Math.min(limit, 500),
            });
            io.stdout(json ? jsonOf(ListJobsResponseSchema, reply) : table(JOB_HEADERS, jobRows(reply.jobs), "(no jobs)"));
            return ExitCode.ok;
          },
        };
      }
      case "show": {
        const ref = jobSelector(p.positional[0]);
        return {
          url,
          action: async (client) => {
            const reply = await client.getJob(ref);
            const job = reply.job;
            if (json || !job) {
              io.stdout(jsonOf(GetJobResponseSchema, reply));
              return ExitCode.ok;
            }
            const c = reply.taskCounts;
            io.stdout(
              fields([
                ["job", `${job.dagName}/${job.name}`],
                ["id", job.jobId],
                ["status", job.paused ? "paused" : "active"],
                ["runtime", runtimeName(job.runtime)],
                ["operator", job.operator],
                ["bundle", job.bundleSha256],
                ["org", job.orgId],
                ["limits", `attempts ${job.maxAttempts}, timeout ${job.timeoutSeconds}s, lease ${job.leaseTtlSeconds}s, concurrency ${job.maxConcurrency || "unlimited"}`],
                ["retry backoff", `${job.retryBaseSeconds}s .. ${job.retryMaxSeconds}s`],
                ["inputs", job.inputs.map((i) => i.datasetUuid + (i.allVersions ? " (all versions)" : "")).join(", ") || "-"],
                ["tasks", c ? `queued ${c.queued}, running ${c.running}, completed ${c.completed}, failed ${c.failed}, canceled ${c.canceled}` : "-"],
                ["config", JSON.stringify(job.config ?? {})],
              ]),
            );
            return ExitCode.ok;
          },
        };
      }
      case "register": {
        const file = p.options.get("f") ?? p.options.get("file");
        if (!file) throw new UsageError("-f job.json is required");
        let job;
        try {
          job = fromJson(JobSchema, JSON.parse(readFileSync(file, "utf8")), contractJsonOptions);
        } catch (error) {
          throw new UsageError(`${file} is not a Job in the API's JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
        return {
          url,
          action: async (client) => {
            const reply = await client.registerJob({ job });
            const stored = reply.job;
            io.stdout(
              json || !stored
                ? jsonOf(RegisterJobResponseSchema, reply)
                : `${reply.created ? "created" : "updated"} ${stored.dagName}/${stored.name} (${stored.jobId})`,
            );
            return ExitCode.ok;
          },
        };
      }
      case "pause":
      case "resume": {
        const ref = jobSelector(p.positional[0]);
        return {
          url,
          action: async (client) => {
            const reply = sub === "pause" ? await client.pauseJob(ref) : await client.resumeJob(ref);
            const job = reply.job;
            io.stdout(json || !job ? jsonOf(JobSchema, job ?? create(JobSchema)) : `${job.dagName}/${job.name} is ${job.paused ? "paused" : "active"}`);
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
  name: "jobs",
  help: `${USAGE}\n\nExit codes: 0 ok, 1 refused by the API, 2 usage, 3 no Dispatcher found or reachable, 4 not found.`,
  summary: "jobs list|show|register -f job.json|pause|resume: manage jobs on the admin API",
  run: (args) => runJobsCommand(args, processIo()),
};
