import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes SQL migrations from src/db/schema.ts into src/db/migrations,
// which openDatabase() applies at start (and `tsx src/cli/main.ts migrate`).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./src/db/migrations",
});
