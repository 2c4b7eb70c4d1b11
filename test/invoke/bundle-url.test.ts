// The bundle URL lifetime rule (src/invoke/bundle-url.ts): a URL outlives the latest moment a
// delivery may still download it (max event age + download allowance), never the presign cap,
// and a configuration where that cannot hold is refused at start-up.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config.js";
import { BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS, bundleUrlLifetime, bundleUrlNotAfter, BundleUrlLifetimeError } from "../../src/invoke/bundle-url.js";

const now = new Date("2026-01-01T00:00:00.000Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("bundle URL lifetime", () => {
  it("covers the max event age plus the download allowance even when the lease is shorter", () => {
    const lifetime = bundleUrlLifetime(120, 3600);
    expect(lifetime).toEqual({ minSeconds: 120 + BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS, maxSeconds: 3600 });
    // The job: a 6 s lease. Its URL used to expire with the lease.
    expect(bundleUrlNotAfter(now, at(6), lifetime)).toEqual(at(180));
  });

  it("follows a longer lease, up to the presign cap", () => {
    const lifetime = bundleUrlLifetime(120, 3600);
    expect(bundleUrlNotAfter(now, at(900), lifetime)).toEqual(at(900));
    expect(bundleUrlNotAfter(now, at(86_400), lifetime)).toEqual(at(3600));
  });

  it("refuses a max event age the presign cap cannot cover", () => {
    expect(() => bundleUrlLifetime(3600, 3600)).toThrow(BundleUrlLifetimeError);
    expect(() => bundleUrlLifetime(21_600, 30 * 24 * 3600)).not.toThrow();
    expect(bundleUrlLifetime(21_600, 30 * 24 * 3600).maxSeconds).toBe(7 * 24 * 3600);
  });

  it("is checked when the configuration is loaded", () => {
    expect(() => loadConfig({ TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "3600" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "3600" })).toThrow(/TRACE_BUNDLE_URL_MAX_SECONDS/);
    expect(() => loadConfig({ TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "600", TRACE_BUNDLE_URL_MAX_SECONDS: "600" })).toThrow(ConfigError);
    const config = loadConfig({ TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "3600", TRACE_BUNDLE_URL_MAX_SECONDS: "7200", TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: "x".repeat(40) });
    expect(config.bundles.urlLifetime).toEqual({ minSeconds: 3660, maxSeconds: 7200 });
  });
});
