// `bundle push <dir|zip> [--runtime R --entrypoint E] [--env-allow NAME[,NAME…]]`: builds the
// manifest (sha256 and size of every file) from a directory, or checks a ready zip with the
// runner's own rules, uploads it under its content-addressed key and registers it through the
// admin API. Pushing the same bytes again is a no-op (same key, registration idempotent).
//   env: TRACE_BUNDLE_BUCKET, TRACE_BUNDLE_PREFIX, TRACE_S3_ENDPOINT, AWS_REGION (+ AWS credentials)
//        for the upload; TRACE_DISPATCHER_URL and TRACE_ADMIN_TOKEN for the registration.
// Prints one JSON line: {"event":"bundle_pushed","sha256",…,"created"}.
import { stat } from "node:fs/promises";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AdminService } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { ErrorDetailSchema } from "../../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { loadConfig, type DispatcherConfig } from "../../app/config.js";
import { BUNDLE_RUNTIMES, BundleError, type BuildBundleOptions, type BundleRuntime } from "../../bundle/index.js";
import { publishBundle } from "../../bundle/publish.js";
import { createS3Client } from "../../objectstore/s3.js";
import type { CliCommand } from "../command.js";
import type { CommandIo } from "./lambda.js";

const USAGE = "usage: bundle push <dir|zip> [--runtime node|python|rust --entrypoint PATH] [--env-allow NAME,...]";

class UsageError extends Error {}

interface PushArgs {
  source: string;
  runtime?: string;
  entrypoint?: string;
  envAllow?: string[];
}

function parsePushArgs(args: readonly string[]): PushArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (!["runtime", "entrypoint", "env-allow"].includes(name)) throw new UsageError(`unknown option --${name}`);
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  if (positional.length !== 1) throw new UsageError("exactly one <dir|zip> is required");
  const envAllow = flags.get("env-allow");
  return {
    source: positional[0] ?? "",
    ...(flags.has("runtime") ? { runtime: flags.get("runtime") } : {}),
    ...(flags.has("entrypoint") ? { entrypoint: flags.get("entrypoint") } : {}),
    ...(envAllow ? { envAllow: envAllow.split(",").map((s) => s.trim()).filter(Boolean) } : {}),
  };
}

/** Build options for a directory; a zip carries its own manifest, so flags are refused for it. */
function buildOptions(push: PushArgs, isDirectory: boolean): BuildBundleOptions | undefined {
  const given = push.runtime !== undefined || push.entrypoint !== undefined || push.envAllow !== undefined;
  if (!isDirectory) {
    if (given) throw new UsageError("a zip's manifest already names its runtime and entrypoint; drop --runtime/--entrypoint/--env-allow");
    return undefined;
  }
  const runtime = push.runtime;
  if (!runtime || !(BUNDLE_RUNTIMES as readonly string[]).includes(runtime)) throw new UsageError(`--runtime must be one of ${BUNDLE_RUNTIMES.join(", ")}`);
  // A rust bundle's entrypoint is always its bootstrap executable.
  const entrypoint = push.entrypoint ?? (runtime === "rust" ? "bootstrap" : undefined);
  if (!entrypoint) throw new UsageError("--entrypoint is required for a directory");
  return { runtime: runtime as BundleRuntime, entrypoint, ...(push.envAllow ? { envAllowlist: push.envAllow } : {}) };
}

/** Runs `bundle <sub>`; resolves with the exit code (0 pushed, 1 refused/failed, 2 usage/config). */
export async function runBundleCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "push") {
    io.stderr(USAGE);
    return 2;
  }
  let push: PushArgs;
  let options: BuildBundleOptions | undefined;
  let config: DispatcherConfig;
  const dispatcherUrl = io.env.TRACE_DISPATCHER_URL;
  const adminToken = io.env.TRACE_ADMIN_TOKEN;
  try {
    push = parsePushArgs(rest);
    config = loadConfig(io.env);
    const info = await stat(push.source).catch(() => null);
    if (!info) throw new UsageError(`${push.source} does not exist`);
    options = buildOptions(push, info.isDirectory());
    if (!dispatcherUrl) throw new UsageError("TRACE_DISPATCHER_URL (the Dispatcher's admin API) is not set");
    if (!adminToken) throw new UsageError("TRACE_ADMIN_TOKEN is not set");
  } catch (error) {
    io.stderr(`bundle push: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }

  // Credentials given in io.env (e.g. a local instance's, filled in by `bundles push`) are used as
  // given; otherwise the SDK's usual provider chain applies.
  const credentials =
    io.env.AWS_ACCESS_KEY_ID && io.env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: io.env.AWS_ACCESS_KEY_ID, secretAccessKey: io.env.AWS_SECRET_ACCESS_KEY } : undefined;
  const client = createS3Client({
    region: config.region,
    ...(config.bundles.endpoint ? { endpoint: config.bundles.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
  let published;
  try {
    published = await publishBundle({ client, bucket: config.bundles.bucket, prefix: config.bundles.prefix }, push.source, options);
  } catch (error) {
    // A bundle the runner would refuse is refused here, before anything is uploaded.
    if (error instanceof BundleError) io.stderr(`bundle push: refused (${error.reason}): ${error.message}`);
    else io.stderr(`bundle push: upload to s3://${config.bundles.bucket} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  } finally {
    client.destroy();
  }

  const bearer: Interceptor = (next) => (request) => {
    request.header.set("Authorization", `Bearer ${adminToken}`);
    return next(request);
  };
  const admin = createClient(AdminService, createConnectTransport({ baseUrl: dispatcherUrl, httpVersion: "1.1", interceptors: [bearer] }));
  try {
    const reply = await admin.registerBundle({
      bundle: { sha256: published.sha256, storageUri: published.storageUri, sizeBytes: BigInt(published.sizeBytes), runtime: published.runtime },
    });
    io.stdout(
      JSON.stringify({
        event: "bundle_pushed",
        sha256: published.sha256,
        storage_uri: published.storageUri,
        size_bytes: published.sizeBytes,
        runtime: published.runtime,
        created: reply.created,
      }),
    );
    return 0;
  } catch (error) {
    const refused = ConnectError.from(error);
    const reason = refused.findDetails(ErrorDetailSchema)[0]?.reason;
    io.stderr(`bundle push: uploaded ${published.storageUri} but registration was refused: ${Code[refused.code]}${reason ? ` (${reason})` : ""}: ${refused.rawMessage}`);
    return 1;
  }
}

export const command: CliCommand = {
  name: "bundle",
  summary: "bundle push <dir|zip> [--runtime R --entrypoint E]: upload a bundle (content-addressed) and register it",
  help: [
    USAGE,
    "",
    "Builds the manifest from a directory (or checks a ready zip with the runner's rules), uploads it",
    "under its content-addressed key and registers it through the admin API. Pushing the same bytes",
    "again is a no-op.",
    "",
    "environment: TRACE_BUNDLE_BUCKET, TRACE_BUNDLE_PREFIX, TRACE_S3_ENDPOINT, AWS_REGION (+ AWS",
    "             credentials) for the upload; TRACE_DISPATCHER_URL and TRACE_ADMIN_TOKEN to register",
  ].join("\n"),
  run: (args) =>
    runBundleCommand(args, {
      env: process.env,
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    }),
};
