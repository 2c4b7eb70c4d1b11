// `bundles push|list`. Against the local instance `npm start` runs, `push` needs no environment at
// all: the embedded S3 endpoint, its credentials, the bucket and the admin token come from the
// data directory (src/cli/admin/instance.ts). Against a deployed Dispatcher, `bundle push`'s
// variables apply (TRACE_DISPATCHER_URL, TRACE_ADMIN_TOKEN, TRACE_BUNDLE_BUCKET, AWS credentials).
import { ListBundlesResponseSchema } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { intOption, parseArgs, UsageError } from "../admin/args.js";
import { runAdmin, type AdminIo } from "../admin/client.js";
import { jsonOf, when } from "../admin/format.js";
import { resolveAdminTarget, TargetError } from "../admin/instance.js";
import { processIo } from "../admin/process-io.js";
import { ExitCode, table } from "../admin/output.js";
import type { CliCommand } from "../command.js";
import { runBundleCommand } from "./bundle.js";

const USAGE = [
  "usage: bundles push <dir|zip> [--runtime node|python|rust --entrypoint PATH] [--env-allow NAME,...] [--url URL]",
  "       bundles list [--limit N] [--json] [--url URL]",
].join("\n");

/** `bundles push`: `bundle push` with the target's upload settings filled in for a local instance. */
async function push(args: readonly string[], io: AdminIo): Promise<number> {
  const urlAt = args.findIndex((a) => a === "--url" || a.startsWith("--url="));
  const urlFlag = urlAt < 0 ? undefined : args[urlAt]?.includes("=") ? args[urlAt]?.slice("--url=".length) : args[urlAt + 1];
  const rest = urlAt < 0 ? args : args.filter((_, i) => i !== urlAt && !(i === urlAt + 1 && !args[urlAt]?.includes("=")));
  let env = io.env;
  try {
    const target = resolveAdminTarget(io.env, urlFlag);
    const store = target.bundleStore;
    env = {
      ...io.env,
      TRACE_DISPATCHER_URL: target.url,
      TRACE_ADMIN_TOKEN: target.token,
      // A local instance's own store wins over whatever AWS settings the shell carries.
      ...(store
        ? {
            TRACE_S3_ENDPOINT: store.endpoint,
            TRACE_BUNDLE_BUCKET: store.bucket,
            TRACE_BUNDLE_PREFIX: store.prefix,
            AWS_REGION: store.region,
            AWS_ACCESS_KEY_ID: store.accessKeyId,
            AWS_SECRET_ACCESS_KEY: store.secretAccessKey,
          }
        : {}),
    };
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    io.stderr(`bundles push: ${error.message}`);
    return ExitCode.unreachable;
  }
  return runBundleCommand(["push", ...rest], { env, stdout: io.stdout, stderr: io.stderr });
}

export function runBundlesCommand(args: readonly string[], io: AdminIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "push") return push(rest, io);
  return runAdmin(io, USAGE, `bundles ${sub ?? ""}`.trim(), () => {
    const p = parseArgs(rest, { options: ["url", "limit"], flags: ["json"] });
    if (sub !== "list") throw new UsageError(sub ? `unknown subcommand ${sub}` : "a subcommand is required");
    return {
      url: p.options.get("url"),
      action: async (client) => {
        const reply = await client.listBundles({ pageSize: Math.min(intOption(p, "limit", 50), 500) });
        io.stdout(
          p.flags.has("json")
            ? jsonOf(ListBundlesResponseSchema, reply)
            : table(["SHA256", "RUNTIME", "BYTES", "REGISTERED", "STORED AT"], reply.bundles.map((b) => [b.sha256, b.runtime, b.sizeBytes.toString(), when(b.createdAt), b.storageUri]), "(no bundles)"),
        );
        return ExitCode.ok;
      },
    };
  });
}

export const command: CliCommand = {
  name: "bundles",
  help: `${USAGE}\n\nExit codes: 0 ok, 1 refused by the API, 2 usage, 3 no Dispatcher found or reachable, 4 not found.`,
  summary: "bundles push|list: upload and register a bundle (no setup against `npm start`), list bundles",
  run: (args) => runBundlesCommand(args, processIo()),
};
