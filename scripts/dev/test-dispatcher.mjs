#!/usr/bin/env node
// Starts a real Dispatcher process for live tests in any language (pytest, cargo test, vitest):
//   node scripts/dev/test-dispatcher.mjs
// prints ONE JSON line on stdout once the Dispatcher accepts requests:
//   {"url":…, "admin_token":…, "worker_token":…, "database":"postgres"|"pglite", "credentials":true|false}
// and keeps it running until its stdin closes (the test process ended or closed the pipe) or it
// gets SIGTERM/SIGINT; then it stops the Dispatcher, moto, and drops the database it created.
//
// Database: a fresh database on the TEST_DATABASE_URL server (required when CI is set), else an
// embedded PGlite in a temp dir. Tokens: random admin/worker tokens and an HS256 task-token secret
// (TRACE_TASK_TOKEN_MODE=local-hs256), unless the caller passes an ES256 set in TRACE_TASK_JWKS. Credentials: a moto server (.venv-aws, MOTO_SERVER_BIN)
// stands in for STS; required when CI is set, otherwise /v1/task/credentials answers unavailable.
// The caller's TRACE_*, AWS_* and LOG_LEVEL variables pass through (e.g. TRACE_S3_ENDPOINT and
// AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for a bundle store); TRACE_INVOKER defaults to local.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ROLE_ARN = "arn:aws:iam::123456789012:role/trace-task";
const STARTUP_TIMEOUT_MS = 90_000;

const cleanups = [];
const log = (msg) => process.stderr.write(`[test-dispatcher] ${msg}\n`);
const token = () => randomBytes(24).toString("base64url");

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill("SIGTERM");
  });
}

async function freshDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (process.env.CI) throw new Error("TEST_DATABASE_URL must be set when CI is set (live SDK tests run on real Postgres)");
    const dir = mkdtempSync(join(tmpdir(), "trace-sdk-pglite-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { kind: "pglite", env: { PGLITE_DATA_DIR: dir } };
  }
  const name = `trace_sdk_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await a.end();
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { kind: "postgres", env: { DATABASE_URL: url.toString() } };
}

async function startMoto() {
  const bin = process.env.MOTO_SERVER_BIN ?? join(ROOT, ".venv-aws", "bin", "moto_server");
  if (!existsSync(bin)) {
    if (process.env.CI) throw new Error(`moto_server not found at ${bin} (scripts/ci/install-aws-fakes.sh); required when CI is set`);
    log(`moto_server not found at ${bin}: credentials() tests will be skipped`);
    return null;
  }
  const port = await freePort();
  const child = spawn(bin, ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1" } });
  let output = "";
  child.stderr.on("data", (c) => (output = (output + c.toString()).slice(-2000)));
  cleanups.push(() => stopChild(child));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      await response.arrayBuffer();
      if (response.ok) return endpoint;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not start: ${output.trim() || "(no output)"}`);
}

async function startServe(env) {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "serve"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  cleanups.push(() => stopChild(child));
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error("serve did not print its listening line in time")), STARTUP_TIMEOUT_MS);
    let buffered = "";
    child.stdout.on("data", (chunk) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const parsed = JSON.parse(line);
          if (parsed.event === "listening") {
            clearTimeout(timer);
            resolveUrl(parsed.url);
          }
        } catch {
          // not our line
        }
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (code ${code}, signal ${signal})`));
    });
  });
}

let stopping;
function shutdown(code) {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(code);
  })();
  return stopping;
}

process.once("SIGTERM", () => void shutdown(0));
process.once("SIGINT", () => void shutdown(0));

try {
  const database = await freshDatabase();
  const moto = await startMoto();
  const adminToken = token();
  const workerToken = token();
  const passthrough = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(TRACE_|AWS_|LOG_LEVEL$|PATH$|HOME$)/.test(name)));
  const env = {
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    LOG_LEVEL: "warn",
    ...passthrough,
    PORT: "0",
    HOST: "127.0.0.1",
    ...database.env,
    // A caller that needs public keys (the Query Service's live tests) passes its own ES256 set.
    ...(process.env.TRACE_TASK_JWKS ? {} : { TRACE_TASK_TOKEN_MODE: "local-hs256", TRACE_TASK_HS256_SECRET: randomBytes(32).toString("base64url") }),
    TRACE_ADMIN_TOKENS: adminToken,
    // The SDK suites register placeholder bundles they never upload (their code runs in-process).
    TRACE_BUNDLE_OBJECT_CHECK: "off",
    TRACE_WORKER_TOKENS: workerToken,
    ...(moto ? { TRACE_CREDENTIALS_ROLE_ARN: ROLE_ARN, TRACE_STS_ENDPOINT: moto } : {}),
  };
  const url = await startServe(env);
  process.stdout.write(`${JSON.stringify({ url, admin_token: adminToken, worker_token: workerToken, database: database.kind, credentials: moto !== null })}\n`);
  // Stop when the parent goes away: its end of our stdin closes.
  process.stdin.on("data", () => {});
  process.stdin.once("end", () => void shutdown(0));
  process.stdin.once("close", () => void shutdown(0));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  await shutdown(1);
}
