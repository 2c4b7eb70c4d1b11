// TRACE_RETENTION_DAYS: how long finished tasks are kept (README "Configuration"); 30 days unless
// set, 0 keeps them forever, anything else is refused at start-up.
import { expect, it } from "vitest";
import { ConfigError, DEFAULT_RETENTION_DAYS, loadConfig } from "../../src/app/config.js";

const base = { TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: "retention-config-secret-0123456789abcdef" };

it("keeps finished tasks 30 days unless TRACE_RETENTION_DAYS says otherwise", () => {
  expect(DEFAULT_RETENTION_DAYS).toBe(30);
  expect(loadConfig(base).retentionDays).toBe(30);
  expect(loadConfig({ ...base, TRACE_RETENTION_DAYS: "7" }).retentionDays).toBe(7);
  expect(loadConfig({ ...base, TRACE_RETENTION_DAYS: "0" }).retentionDays).toBe(0);
});

it("refuses a retention that is not a whole number of days", () => {
  for (const bad of ["-1", "1.5", "thirty", "36501"]) {
    expect(() => loadConfig({ ...base, TRACE_RETENTION_DAYS: bad })).toThrow(ConfigError);
  }
});
