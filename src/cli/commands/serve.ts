// `serve`: the Dispatcher as a service: HTTP API + loops + invoker, configured from the
// environment (see README "Configuration"). Prints one JSON line {"event":"listening","url":…}
// on stdout once it accepts requests (launchers wait for it), then runs until SIGTERM/SIGINT:
// stops taking work, lets in-flight requests and loop steps finish (bounded) and exits.
import cluster from "node:cluster";
import { loadConfig } from "../../app/config.js";
import type { CliCommand } from "../command.js";
import { isServeWorker, processesArgument, reportListening, serveProcesses } from "../serve-processes.js";
import { listenForShutdown } from "../shutdown.js";

export const command: CliCommand = {
  name: "serve",
  summary: "run the Dispatcher (API, acquire/outbox/reaper/retry loops, invoker) from environment config",
  help: [
    "usage: trace-dispatcher serve [--processes N]",
    "",
    "Runs the Dispatcher as a service, configured from the environment; prints",
    '{"event":"listening","url":…} on stdout once it accepts requests, stops gracefully on SIGTERM/SIGINT.',
    "",
    "  --processes N                 run N Dispatcher processes sharing the one port (node:cluster;",
    "                                default 1); needs DATABASE_URL (PGlite is one process's database)",
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
  run: async (args) => {
    const shutdown = listenForShutdown();
    const processes = isServeWorker() ? 1 : processesArgument(args);
    if (typeof processes === "object") {
      process.stderr.write(`serve: ${processes.error}\n`);
      return 2;
    }
    const config = loadConfig(process.env);
    if (processes !== undefined && processes > 1) {
      if (!config.databaseUrl) {
        process.stderr.write("serve: --processes needs DATABASE_URL (the embedded PGlite database belongs to one process)\n");
        return 2;
      }
      return serveProcesses(processes, shutdown, { stdout: (l) => process.stdout.write(`${l}\n`), stderr: (l) => process.stderr.write(`${l}\n`) });
    }
    // The whole app is loaded only when serving: --help and the other commands stay light.
    const { startDispatcherApp } = await import("../../app/app.js");
    const { createLogger } = await import("../../log/logger.js");
    // In a set of processes, every log line says which one wrote it.
    const worker = cluster.worker;
    const app = await startDispatcherApp(
      config,
      worker ? { logger: createLogger({ level: config.logLevel, base: { service: "trace-dispatcher", process: worker.id, pid: process.pid } }) } : {},
    );
    const listening = { event: "listening" as const, url: app.url, public_url: app.publicUrl };
    if (worker) reportListening(listening);
    else process.stdout.write(`${JSON.stringify(listening)}\n`);
    app.logger.info("shutdown requested", { signal: await shutdown.requested });
    await app.stop();
    // A worker's IPC channel to the primary would keep it alive after everything else has stopped.
    worker?.disconnect();
    return 0;
  },
};
