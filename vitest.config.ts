import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "sdk/ts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites that start servers and databases run one file at a time per worker; two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
