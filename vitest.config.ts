import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The SDK's contract import (tsconfig.json "paths"): gen/ts inside this repository.
    alias: [{ find: /^@trace\/dispatcher-proto\/v1\/(.*)\.js$/, replacement: fileURLToPath(new URL("./gen/ts/trace/dispatcher/v1/$1.ts", import.meta.url)) }],
  },
  test: {
    include: ["test/**/*.test.ts", "sdk/ts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites that start servers and databases run one file at a time per worker; two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
