// `serve`: the Dispatcher as a service: HTTP API + loops + invoker, configured from the
// environment (see README "Configuration"). Prints one JSON line {"event":"listening","url":…}
// on stdout once it accepts requests (launchers wait for it), then runs until SIGTERM/SIGINT:
// stops taking work, lets in-flight requests and loop steps finish (bounded) and exits.
import { loadConfig } from "../../app/config.js";
import { startDispatcherApp } from "../../app/app.js";
import type { CliCommand } from "../command.js";

export const command: CliCommand = {
  name: "serve",
  summary: "run the Dispatcher (API, acquire/outbox/reaper/retry loops, invoker) from environment config",
  run: async () => {
    const app = await startDispatcherApp(loadConfig(process.env));
    process.stdout.write(`${JSON.stringify({ event: "listening", url: app.url, public_url: app.publicUrl })}\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    app.logger.info("shutdown requested");
    await app.stop();
    return 0;
  },
};
