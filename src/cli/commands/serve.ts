// `serve`: runs the Dispatcher loops until SIGTERM/SIGINT, then stops taking work, lets in-flight
// steps finish (bounded) and exits.
import { hostname } from "node:os";
import { openDatabase } from "../../db/index.js";
import { startDispatcher } from "../../dispatcher/dispatcher.js";
import { createLogger, isLogLevel } from "../../log/logger.js";
import type { CliCommand } from "../command.js";

export const command: CliCommand = {
  name: "serve",
  summary: "run the dispatcher loops (acquire, outbox drains, reaper, retry scheduler)",
  run: async () => {
    const level = process.env.LOG_LEVEL;
    const log = createLogger({ level: isLogLevel(level) ? level : "info", base: { service: "trace-dispatcher" } });
    const db = await openDatabase();
    const dispatcher = await startDispatcher({
      db,
      logger: log,
      options: {
        workerId: process.env.DISPATCHER_WORKER_ID ?? `dispatcher:${hostname()}:${process.pid}`,
        shutdownTimeoutMs: Number(process.env.DISPATCHER_SHUTDOWN_TIMEOUT_MS ?? 10_000),
      },
    });
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    log.info("shutdown requested");
    await dispatcher.stop();
    await db.close();
    return 0;
  },
};
