// `migrate`: applies pending migrations to DATABASE_URL (or the PGlite data directory) and exits.
import { createLogger } from "../../log/logger.js";
import type { CliCommand } from "../command.js";

export const command: CliCommand = {
  name: "migrate",
  summary: "apply database migrations (DATABASE_URL, else PGlite at PGLITE_DATA_DIR or .data/pglite)",
  help: [
    "usage: trace-dispatcher migrate",
    "",
    "Applies pending migrations and exits; a one-off before rolling out a new version (`serve`",
    "also migrates at start-up). Safe to repeat: applied migrations are skipped.",
    "",
    "environment: DATABASE_URL (Postgres), else PGlite in PGLITE_DATA_DIR (default .data/pglite)",
  ].join("\n"),
  run: async () => {
    const log = createLogger({ base: { component: "migrate" } });
    // Loaded only when migrating (the database drivers): --help stays light.
    const { openDatabase } = await import("../../db/index.js");
    const db = await openDatabase({ migrate: false });
    try {
      await db.migrate();
      log.info("migrations applied", { backend: db.kind });
      return 0;
    } finally {
      await db.close();
    }
  },
};
