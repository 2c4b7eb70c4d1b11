// The entrypoint's environment is built from nothing: a minimal PATH plus the variables the
// manifest allowlists, copied from the runner's own environment. Some names are never passed,
// whatever the manifest says, because they belong to the runner: its AWS credentials and
// Lambda internals (AWS_*, LAMBDA_*, _HANDLER, _X_AMZN_TRACE_ID, …) and its configuration (TRACE_*).
// One reserved name is set by the runner itself: TRACE_DISPATCHER_URL, the Dispatcher the runner
// reports to, so that an operator can call /v1/task/* (credentials, events) with the capability
// token it already receives on stdin. The URL is not a secret; the token is what grants access.
// Likewise TRACE_QUERY_URL, the Query Service (POST /v1/task/query), copied from the runner's own
// environment when the deployment sets it (the SDKs fall back to the Dispatcher URL without it).

export const DEFAULT_CHILD_PATH = "/usr/local/bin:/usr/bin:/bin";
export const RESERVED_ENV_PREFIXES: readonly string[] = ["AWS_", "LAMBDA_", "TRACE_", "_"];
export const RESERVED_ENV_NAMES: readonly string[] = ["PATH"];

export function isReservedEnvName(name: string): boolean {
  return RESERVED_ENV_NAMES.includes(name) || RESERVED_ENV_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The variable carrying the runner's Dispatcher URL to the entrypoint (never copied from the source env). */
export const DISPATCHER_URL_ENV = "TRACE_DISPATCHER_URL";
/** The variable carrying the Query Service URL to the entrypoint (the runner's own, when set). */
export const QUERY_URL_ENV = "TRACE_QUERY_URL";

export function buildEntrypointEnv(
  allowlist: readonly string[] | undefined,
  source: Readonly<Record<string, string | undefined>>,
  path: string = DEFAULT_CHILD_PATH,
  dispatcherUrl?: string,
): Record<string, string> {
  const env: Record<string, string> = { PATH: path };
  for (const name of allowlist ?? []) {
    if (isReservedEnvName(name)) continue;
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  if (dispatcherUrl) env[DISPATCHER_URL_ENV] = dispatcherUrl;
  const queryUrl = source[QUERY_URL_ENV];
  if (queryUrl) env[QUERY_URL_ENV] = queryUrl;
  return env;
}
