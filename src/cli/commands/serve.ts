// `serve`: the Dispatcher as a service: HTTP API + loops + invoker, configured from the
// environment (see README "Configuration"). Prints one JSON line {"event":"listening","url":…}
// on stdout once it accepts requests (launchers wait for it), then runs until SIGTERM/SIGINT:
// stops taking work, lets in-flight requests and loop steps finish (bounded) and exits.
import { loadConfig } from "../../app/config.js";
import type { CliCommand } from "../command.js";
import { listenForShutdown } from "../shutdown.js";

export const command: CliCommand = {
  name: "serve",
  summary: "run the Dispatcher (API, acquire/outbox/reaper/retry loops, invoker) from environment config",
  help: [
    "usage: trace-dispatcher serve",
    "",
    "Runs the Dispatcher as a service, configured from the environment; prints",
    '{"event":"listening","url":…} on stdout once it accepts requests, stops gracefully on SIGTERM/SIGINT.',
    "",
    "environment (README \"Configuration\" has the full table):",
    "  HOST, PORT                    listen address (default 127.0.0.1:8080; PORT=0 picks a free port)",
    "  DATABASE_URL                  Postgres; unset = embedded PGlite in PGLITE_DATA_DIR (.data/pglite)",
    "  TRACE_TASK_JWKS_FILE          ES256 keyring (required; create with `trace-dispatcher keys generate FILE`)",
    "  TRACE_ADMIN_TOKENS[_FILE]     admin API bearer tokens (unset: the admin API is closed)",
    "  TRACE_WORKER_TOKENS[_FILE]    worker API tokens (unset: the worker API is closed)",
    "  TRACE_INVOKER                 local | lambda (TRACE_LAMBDA_FUNCTION …)",
    "  LOG_LEVEL                     debug | info | warn | error",
    "",
    "Endpoints for operators: GET /healthz (liveness), /readyz (database reachable), /metrics.",
  ].join("\n"),
  run: async () => {
    const shutdown = listenForShutdown();
    const config = loadConfig(process.env);
    // The whole app is loaded only when serving: --help and the other commands stay light.
    const { startDispatcherApp } = await import("../../app/app.js");
    const app = await startDispatcherApp(config);
    process.stdout.write(`${JSON.stringify({ event: "listening", url: app.url, public_url: app.publicUrl })}\n`);
    app.logger.info("shutdown requested", { signal: await shutdown.requested });
    await app.stop();
    return 0;
  },
};
