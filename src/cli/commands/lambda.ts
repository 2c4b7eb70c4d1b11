// `lambda configure` / `lambda check`: the runner function's event-invoke config. The Dispatcher
// owns retries (CONTRACT §3), so Lambda must never retry an event on its own
// (MaximumRetryAttempts = 0) and must not hold one longer than a lease is worth
// (MaximumEventAgeInSeconds <= TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS). `serve` runs the same check at
// start-up and refuses to start without it; `configure` is what an operator runs once per deploy.
//   env: TRACE_LAMBDA_FUNCTION (required), TRACE_LAMBDA_QUALIFIER, TRACE_LAMBDA_ENDPOINT,
//        TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS (default 120), AWS_REGION and the usual AWS credentials.
import { ConfigError, loadConfig, type Env } from "../../app/config.js";
import { configureEventInvoke, verifyEventInvoke, type EventInvokePolicy, type LambdaTarget } from "../../invoke/lambda.js";
import type { CliCommand } from "../command.js";

export interface CommandIo {
  env: Env;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const USAGE = "usage: lambda configure | lambda check   (TRACE_LAMBDA_FUNCTION names the runner function)";

/** Runs `lambda <sub>`; resolves with the exit code (0 ok, 1 refused/failed, 2 usage/config). */
export async function runLambdaCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if ((sub !== "configure" && sub !== "check") || rest.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  let target: LambdaTarget;
  let policy: EventInvokePolicy;
  try {
    const config = loadConfig(io.env);
    const functionName = config.invoker.functionName;
    if (!functionName) throw new ConfigError("TRACE_LAMBDA_FUNCTION is not set");
    target = {
      functionName,
      region: config.region,
      ...(config.invoker.qualifier ? { qualifier: config.invoker.qualifier } : {}),
      ...(config.invoker.endpoint ? { endpoint: config.invoker.endpoint } : {}),
    };
    policy = { maximumRetryAttempts: 0, maximumEventAgeInSeconds: config.invoker.maxEventAgeSeconds };
  } catch (error) {
    io.stderr(`lambda ${sub}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const described = {
    function: target.functionName,
    ...(target.qualifier ? { qualifier: target.qualifier } : {}),
    maximum_retry_attempts: policy.maximumRetryAttempts,
    maximum_event_age_seconds: policy.maximumEventAgeInSeconds,
  };
  try {
    if (sub === "configure") await configureEventInvoke(target, policy);
    else await verifyEventInvoke(target, policy);
  } catch (error) {
    // SDK errors name the AWS error (ResourceNotFoundException, AccessDenied…); never the credentials.
    const name = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
    io.stderr(`lambda ${sub} failed for ${target.functionName}: ${name}${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.stdout(JSON.stringify({ event: sub === "configure" ? "lambda_configured" : "lambda_checked", ...described }));
  return 0;
}

export const command: CliCommand = {
  name: "lambda",
  summary: "lambda configure|check: set or verify the runner's event-invoke config (no Lambda retries, bounded event age)",
  help: [
    "usage: trace-dispatcher lambda configure | lambda check",
    "",
    "  configure   set MaximumRetryAttempts = 0 and MaximumEventAgeInSeconds on the runner function",
    "  check       verify them (what `serve` does at start-up with TRACE_INVOKER=lambda)",
    "",
    "environment: TRACE_LAMBDA_FUNCTION (required), TRACE_LAMBDA_QUALIFIER, TRACE_LAMBDA_ENDPOINT,",
    "             TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS (default 120), AWS_REGION and AWS credentials",
  ].join("\n"),
  run: (args) =>
    runLambdaCommand(args, {
      env: process.env,
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    }),
};
