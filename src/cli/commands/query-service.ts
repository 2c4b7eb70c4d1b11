// `query-service`: the Query Service (POST /v1/task/query) as its own process, configured from the
// environment (src/query/README.md). Prints {"event":"listening","url":…} once it accepts
// requests and stops gracefully on SIGTERM/SIGINT. The service (DuckDB) is loaded only when the
// command runs, so --help and the other commands stay light.
import type { CliCommand } from "../command.js";
import { listenForShutdown } from "../shutdown.js";

export const command: CliCommand = {
  name: "query-service",
  summary: "run the Query Service (POST /v1/task/query) against the Dispatcher's JWKS",
  help: [
    "usage: trace-dispatcher query-service",
    "",
    "Runs the Query Service as its own process, configured from the environment (TRACE_QUERY_*;",
    'src/query/README.md has the table). Prints {"event":"listening","url":…} once it accepts',
    "requests; stops gracefully on SIGTERM/SIGINT.",
  ].join("\n"),
  run: async () => {
    const shutdown = listenForShutdown();
    const [{ startQueryService }, { loadQueryConfig }] = await Promise.all([import("../../query/app.js"), import("../../query/config.js")]);
    const app = await startQueryService(loadQueryConfig(process.env));
    process.stdout.write(`${JSON.stringify({ event: "listening", url: app.url })}\n`);
    await shutdown.requested;
    await app.stop();
    return 0;
  },
};
