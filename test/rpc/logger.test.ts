import { describe, expect, it } from "vitest";
import { createLogger, redact } from "../../src/log/logger.js";

function capture(level?: "debug" | "info" | "warn" | "error") {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured logger", () => {
  it("writes one JSON object per call with ts, level, msg and the fields", () => {
    const { logger, lines, parsed } = capture();
    logger.info("task leased", { task_id: "t1", attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "task leased", task_id: "t1", attempt: 2 });
    expect(new Date(String(line?.["ts"])).toISOString()).toBe(line?.["ts"]);
  });

  it("drops lines below the configured level and defaults to info", () => {
    const { logger, parsed } = capture("warn");
    logger.info("quiet");
    logger.warn("loud");
    expect(parsed().map((l) => l["msg"])).toEqual(["loud"]);
    const byDefault = capture();
    byDefault.logger.debug("hidden");
    expect(byDefault.lines).toHaveLength(0);
  });

  it("says which levels it writes, children as their parent", () => {
    const { logger } = capture("warn");
    expect((["debug", "info", "warn", "error"] as const).map((level) => logger.enabled(level))).toEqual([false, false, true, true]);
    expect(logger.child({ component: "x" }).enabled("info")).toBe(false);
    expect(capture("debug").logger.enabled("debug")).toBe(true);
    expect(capture().logger.enabled("debug")).toBe(false);
  });

  it("redacts values under secret-looking keys at any depth", () => {
    const { logger, lines } = capture();
    logger.warn("refused", {
      authorization: "Bearer admin-secret-1",
      headers: { "x-trace-worker-token": "worker-secret-2", "X-Trace-Task-Capability": "eyJhbGciOi.jwt-3" },
      creds: [{ secret_access_key: "aws-secret-4", session_token: "aws-session-5", access_key_id: "AKIAEXAMPLE" }],
      clientSecret: "client-secret-6",
      password: "pw-7",
    });
    const text = lines.join("\n");
    for (const secret of ["admin-secret-1", "worker-secret-2", "jwt-3", "aws-secret-4", "aws-session-5", "client-secret-6", "pw-7"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("AKIAEXAMPLE");
    expect(text).toContain("[redacted]");
  });

  it("drops the query string of presigned URLs, also inside messages and errors", () => {
    const url = "https://bucket.s3.amazonaws.com/bundles/a.zip?X-Amz-Algorithm=AWS4&X-Amz-Signature=deadbeef";
    const { logger, lines } = capture();
    logger.error("download failed", { bundle_url: url, note: `GET ${url} answered 403`, error: new Error(`fetch ${url} failed`) });
    const text = lines.join("\n");
    expect(text).not.toContain("deadbeef");
    expect(text).not.toContain("X-Amz-Algorithm");
    expect(text).toContain("https://bucket.s3.amazonaws.com/bundles/a.zip?[redacted]");
    // An unsigned query is kept: it carries no credential.
    expect(redact({ u: "https://example.com/x?page=2" })).toEqual({ u: "https://example.com/x?page=2" });
  });

  it("serializes errors, bigints, dates and cycles without throwing", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    const out = redact({ error: new TypeError("boom"), big: 12n, at: new Date(0), cyclic }) as Record<string, unknown>;
    expect(out["error"]).toMatchObject({ name: "TypeError", message: "boom" });
    expect(out["big"]).toBe("12");
    expect(out["at"]).toBe("1970-01-01T00:00:00.000Z");
    expect(out["cyclic"]).toEqual({ name: "loop", self: "[cycle]" });
  });

  it("child loggers add fields, and caller fields cannot overwrite ts, level or msg", () => {
    const { logger, parsed } = capture();
    logger.child({ component: "leaser" }).info("tick", { level: "error", msg: "spoofed" });
    expect(parsed()[0]).toMatchObject({ component: "leaser", level: "info", msg: "tick" });
  });
});
