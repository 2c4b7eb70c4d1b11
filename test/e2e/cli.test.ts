// The operator commands against the fakes: `lambda configure|check` against the fake Lambda's
// event-invoke-config API, and `bundle push` uploading to moto and registering through the real
// admin API of a running Dispatcher, whose runner then executes the pushed bundle.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBundle } from "../../src/lifecycle/index.js";
import { runBundleCommand } from "../../src/cli/commands/bundle.js";
import { runLambdaCommand, type CommandIo } from "../../src/cli/commands/lambda.js";
import { buildBundle } from "../../src/bundle/index.js";
import { sha256Hex } from "../../src/bundle/hash.js";
import { craftZip, fileEntry, manifestJson } from "../runner/harness.js";
import {
  ADMIN_TOKEN,
  BUNDLE_BUCKET,
  BUNDLE_PREFIX,
  e2eUnavailableReason,
  eventsOf,
  EXAMPLES,
  REGION,
  REPO_ROOT,
  startEnvironment,
  startSharedServices,
  type E2eEnvironment,
  type SharedServices,
} from "./harness.js";

const unavailable = e2eUnavailableReason();
if (unavailable) console.warn(`e2e suite skipped locally: ${unavailable}`);

interface Captured {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function run(command: (args: readonly string[], io: CommandIo) => Promise<number>, args: string[], env: Record<string, string>): Promise<Captured> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await command(args, { env, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

/** The real CLI entry, as an operator runs it. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(REPO_ROOT, "src/cli/main.ts"), ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const AWS = { AWS_REGION: REGION, AWS_ACCESS_KEY_ID: "AKIDE2ETESTS", AWS_SECRET_ACCESS_KEY: "e2e-secret" };

describe.skipIf(unavailable !== null)("operator CLI", () => {
  let shared: SharedServices;
  let env: E2eEnvironment;
  beforeAll(async () => {
    shared = await startSharedServices();
    env = await startEnvironment(shared);
  });
  afterAll(async () => {
    await env?.stop();
    await shared?.stop();
  });

  describe("lambda configure / check", () => {
    const lambdaEnv = () => ({ ...AWS, TRACE_LAMBDA_FUNCTION: "runner-to-configure", TRACE_LAMBDA_ENDPOINT: shared.lambda.url, TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "90" });

    it("check refuses an unconfigured runner; configure sets MaximumRetryAttempts=0 and the event age; check then passes", async () => {
      shared.lambda.addFunction("runner-to-configure", async () => undefined);
      const before = await run(runLambdaCommand, ["check"], lambdaEnv());
      expect(before.code).toBe(1);
      expect(before.stderr.join("\n")).toMatch(/runner-to-configure.*ResourceNotFoundException/);

      const configured = await run(runLambdaCommand, ["configure"], lambdaEnv());
      expect(configured).toMatchObject({ code: 0, stderr: [] });
      expect(JSON.parse(configured.stdout[0] ?? "{}")).toEqual({
        event: "lambda_configured",
        function: "runner-to-configure",
        maximum_retry_attempts: 0,
        maximum_event_age_seconds: 90,
      });
      expect(shared.lambda.eventInvokeConfig("runner-to-configure")).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 90 });

      // Through the real CLI entry point (the command is registered).
      const checked = await cli(["lambda", "check"], lambdaEnv());
      expect(checked.code).toBe(0);
      expect(JSON.parse(checked.stdout.trim())).toMatchObject({ event: "lambda_checked", function: "runner-to-configure" });
      // A stricter requirement than what is configured fails the check.
      const stricter = await run(runLambdaCommand, ["check"], { ...lambdaEnv(), TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "60" });
      expect(stricter.code).toBe(1);
      expect(stricter.stderr.join("\n")).toMatch(/MaximumEventAgeInSeconds=90/);
    });

    it("configure fails for a missing function and needs TRACE_LAMBDA_FUNCTION", async () => {
      const missing = await run(runLambdaCommand, ["configure"], { ...lambdaEnv(), TRACE_LAMBDA_FUNCTION: "no-such-function" });
      expect(missing.code).toBe(1);
      expect(missing.stderr.join("\n")).toMatch(/ResourceNotFoundException/);
      const { TRACE_LAMBDA_FUNCTION: _unset, ...withoutFunction } = lambdaEnv();
      expect((await run(runLambdaCommand, ["configure"], withoutFunction)).code).toBe(2);
      expect((await run(runLambdaCommand, ["frobnicate"], lambdaEnv())).code).toBe(2);
    });
  });

  describe("bundle push", () => {
    const pushEnv = () => ({
      ...AWS,
      TRACE_BUNDLE_BUCKET: BUNDLE_BUCKET,
      TRACE_BUNDLE_PREFIX: BUNDLE_PREFIX,
      TRACE_S3_ENDPOINT: shared.moto.endpoint,
      TRACE_DISPATCHER_URL: env.app.url,
      TRACE_ADMIN_TOKEN: ADMIN_TOKEN,
    });

    it("builds, uploads content-addressed and registers a directory; the pushed bundle runs", async () => {
      const pushed = await run(runBundleCommand, ["push", join(EXAMPLES, "python"), "--runtime", "python", "--entrypoint=main.py"], pushEnv());
      expect(pushed.stderr).toEqual([]);
      expect(pushed.code).toBe(0);
      const line = JSON.parse(pushed.stdout[0] ?? "{}") as { sha256: string; storage_uri: string; size_bytes: number; runtime: string; created: boolean };
      expect(line).toMatchObject({ event: "bundle_pushed", runtime: "python", created: true, storage_uri: `s3://${BUNDLE_BUCKET}/${BUNDLE_PREFIX}/${line.sha256}.zip` });

      // The object is the bundle the builder makes from that directory, byte for byte.
      const expected = await buildBundle(join(EXAMPLES, "python"), { runtime: "python", entrypoint: "main.py" });
      expect(line.sha256).toBe(expected.sha256);
      const object = await shared.s3.send(new GetObjectCommand({ Bucket: BUNDLE_BUCKET, Key: `${BUNDLE_PREFIX}/${line.sha256}.zip` }));
      expect(sha256Hex(await object.Body?.transformToByteArray() ?? new Uint8Array())).toBe(line.sha256);
      expect(await getBundle(env.app.ctx, line.sha256)).toMatchObject({ storageUri: line.storage_uri, sizeBytes: line.size_bytes, runtime: "python" });

      // Pushing again is a no-op.
      const again = await run(runBundleCommand, ["push", join(EXAMPLES, "python"), "--runtime", "python", "--entrypoint", "main.py"], pushEnv());
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout[0] ?? "{}")).toMatchObject({ sha256: line.sha256, created: false });

      const dataset = "0d0d0d0d-0000-4000-8000-000000000001";
      const job = await env.addJob({ name: "pushed", bundleSha256: line.sha256, config: { dataset_uuid: dataset, dataset_version: dataset, cursor: "11" } });
      const task = await env.createTask(job.jobId);
      expect((await env.settled(task.taskId)).task.state).toBe("COMPLETED");
      expect(await eventsOf(env.app, task.taskId)).toEqual([`${dataset}@11#1`]);
    });

    it("pushes a ready zip through the real CLI entry", async () => {
      const built = await buildBundle({ "main.mjs": `console.log("{}")` }, { runtime: "node", entrypoint: "main.mjs" });
      const file = join(mkdtempSync(join(tmpdir(), "trace-e2e-push-")), "bundle.zip");
      writeFileSync(file, built.zip);
      const pushed = await cli(["bundle", "push", file], pushEnv());
      expect(pushed.stderr).not.toContain("bundle push:");
      expect(pushed.code).toBe(0);
      expect(JSON.parse(pushed.stdout.trim())).toMatchObject({ sha256: built.sha256, runtime: "node", created: true });
      expect(await getBundle(env.app.ctx, built.sha256)).not.toBeNull();
    });

    it("refuses a hostile zip before uploading, and reports a refused registration", async () => {
      const code = `console.log("{}")`;
      const hostile = craftZip([
        { name: "bundle_manifest.json", data: manifestJson({ files: [fileEntry("main.mjs", code)] }) },
        { name: "main.mjs", data: code },
        { name: "../escape.mjs", data: code },
      ]);
      const file = join(mkdtempSync(join(tmpdir(), "trace-e2e-push-")), "hostile.zip");
      writeFileSync(file, hostile);
      const refused = await run(runBundleCommand, ["push", file], pushEnv());
      expect(refused.code).toBe(1);
      expect(refused.stderr.join("\n")).toMatch(/refused \(entry_unsafe_path\)/);
      await expect(shared.s3.send(new GetObjectCommand({ Bucket: BUNDLE_BUCKET, Key: `${BUNDLE_PREFIX}/${sha256Hex(hostile)}.zip` }))).rejects.toThrow();
      expect(await getBundle(env.app.ctx, sha256Hex(hostile))).toBeNull();

      const wrongToken = await run(runBundleCommand, ["push", join(EXAMPLES, "node"), "--runtime", "node", "--entrypoint", "main.mjs"], {
        ...pushEnv(),
        TRACE_ADMIN_TOKEN: "not-the-admin-token-0123456789",
      });
      expect(wrongToken.code).toBe(1);
      expect(wrongToken.stderr.join("\n")).toMatch(/registration was refused: Unauthenticated/);
      expect(wrongToken.stderr.join("\n")).not.toContain("not-the-admin-token");

      expect((await run(runBundleCommand, ["push", join(EXAMPLES, "node")], pushEnv())).code).toBe(2);
      expect((await run(runBundleCommand, ["push", file, "--runtime", "node"], pushEnv())).code).toBe(2);
    });
  });
});
