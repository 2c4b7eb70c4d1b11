// A drain-only Dispatcher process for the outbox recovery test: the real drain loop against
// DATABASE_URL whose invoke handler announces each row on stdout ("delivering <id>") and then
// never finishes, like a drain stuck in a slow send. The test kills it and watches the rows.
//   env: DATABASE_URL, VISIBILITY_SECONDS
import { openDatabase } from "../../src/db/index.js";
import { startDispatcher } from "../../src/dispatcher/dispatcher.js";
import { createLogger } from "../../src/log/logger.js";

const db = await openDatabase({ maxConnections: 4 });
await startDispatcher({
  db,
  logger: createLogger({ level: "error" }),
  options: {
    workerId: "drain-child",
    drainIntervalMs: 50,
    outboxVisibilitySeconds: Number(process.env.VISIBILITY_SECONDS ?? 2),
    loops: { acquire: false, reap: false, retry: false },
  },
  handlers: {
    invoke: (row) => {
      process.stdout.write(`delivering ${row.id}\n`);
      return new Promise(() => {});
    },
  },
});
process.stdout.write("ready\n");
