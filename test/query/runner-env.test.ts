// The runner hands its TRACE_QUERY_URL (and nothing else of its TRACE_* configuration) to the
// entrypoint, so a bundle's ctx.query() reaches the Query Service the deployment configured.
import { describe, expect, it } from "vitest";
import { buildEntrypointEnv, DEFAULT_CHILD_PATH } from "../../src/runner/env.js";

describe("TRACE_QUERY_URL in the entrypoint's environment", () => {
  it("is copied from the runner's environment when set", () => {
    const env = buildEntrypointEnv([], { TRACE_QUERY_URL: "http://query.internal", TRACE_RUNNER_TIMEOUT_MS: "5" }, DEFAULT_CHILD_PATH, "http://dispatcher.internal");
    expect(env).toEqual({ PATH: DEFAULT_CHILD_PATH, TRACE_DISPATCHER_URL: "http://dispatcher.internal", TRACE_QUERY_URL: "http://query.internal" });
  });

  it("is absent when the runner has none", () => {
    expect(buildEntrypointEnv(["TRACE_QUERY_URL"], {}, DEFAULT_CHILD_PATH, "http://dispatcher.internal")).toEqual({
      PATH: DEFAULT_CHILD_PATH,
      TRACE_DISPATCHER_URL: "http://dispatcher.internal",
    });
  });
});
