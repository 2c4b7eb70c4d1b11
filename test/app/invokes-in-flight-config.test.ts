// TRACE_MAX_INVOKES_IN_FLIGHT: how many of its leased invokes a process may have on their way
// before it leases more (README "Configuration"); unset leaves the dispatcher's default.
import { expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config.js";

const base = { TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: "invokes-config-secret-0123456789abcdef" };

it("passes TRACE_MAX_INVOKES_IN_FLIGHT to the dispatcher when set", () => {
  expect(loadConfig(base).maxInvokesInFlight).toBeUndefined();
  expect(loadConfig({ ...base, TRACE_MAX_INVOKES_IN_FLIGHT: "16" }).maxInvokesInFlight).toBe(16);
});

it("refuses a bound that is not a positive whole number", () => {
  for (const bad of ["0", "-4", "2.5", "many", "100001"]) {
    expect(() => loadConfig({ ...base, TRACE_MAX_INVOKES_IN_FLIGHT: bad })).toThrow(ConfigError);
  }
});
