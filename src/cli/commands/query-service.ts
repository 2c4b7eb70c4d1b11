// `query-service`: the Query Service (POST /v1/task/query) as its own process, configured from the
// environment (src/query/README.md). Prints {"event":"listening","url":…} once it accepts
// requests and stops gracefully on SIGTERM/SIGINT.
import { startQueryService } from "../../query/app.js";
import { loadQueryConfig } from "../../query/config.js";
import type { CliCommand } from "../command.js";

export const command: CliCommand = {
  name: "query-service",
  summary: "run the Query Service (POST /v1/task/query) against the Dispatcher's JWKS",
  run: async () => {
    const app = await startQueryService(loadQueryConfig(process.env));
    process.stdout.write(`${JSON.stringify({ event: "listening", url: app.url })}\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    await app.stop();
    return 0;
  },
};
