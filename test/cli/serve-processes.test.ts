// `serve --processes 2` (src/cli/serve-processes.ts): two Dispatcher processes behind one port on
// one Postgres. The real CLI is started with the Lambda invoker pointed at the fake Lambda, whose
// "runner" completes every task over HTTP on a fresh connection (so node:cluster hands the
// completions to both processes). Afterwards: every task COMPLETED, exactly one attempt each, every
// completion accepted once and none a duplicate, both processes answered on the one port, and
// SIGTERM stops the set with exit code 0.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyring } from "../../src/auth/index.js";
import { openDatabase, type Database } from "../../src/db/index.js";
import { configureEventInvoke } from "../../src/invoke/lambda.js";
import { createLifecycleContext, createTask } from "../../src/lifecycle/index.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";
import { startFakeLambda, type FakeLambda } from "../support/fake-lambda.js";
import { makeJob } from "../support/lifecycle.js";

const REPO_ROOT = join(import.meta.dirname, "../..");
const TASKS = 60;
const FUNCTION_NAME = "trace-runner";
const AWS = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDSERVETEST", AWS_SECRET_ACCESS_KEY: "serve-test-secret" };
const serverUrl = postgresServerUrl();

interface Completion {
  status: number;
  body: string;
}

/** POSTs the completion of `event`'s attempt on a connection of its own. */
function completeOverFreshConnection(dispatcherUrl: string, event: Record<string, unknown>): Promise<Completion> {
  const body = JSON.stringify({ task_id: event.task_id, attempt: event.attempt, lease_token: event.lease_token, status: "TASK_STATUS_COMPLETED" });
  const url = new URL("/v1/task/complete", dispatcherUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-trace-task-capability": String(event.capability_token) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function cli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "src/cli/main.ts"), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function cliExit(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", join(REPO_ROOT, "src/cli/main.ts"), ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("serve --processes: usage", () => {
  it("refuses a bad count and a set of processes on the embedded PGlite", async () => {
    const zero = await cliExit(["serve", "--processes", "0"], { TRACE_DATA_DIR: "/nonexistent" });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--processes must be an integer in 1..256");
    const noPostgres = await cliExit(["serve", "--processes", "2"], { TRACE_TASK_JWKS: JSON.stringify(await createKeyring()) });
    expect(noPostgres.code).toBe(2);
    expect(noPostgres.stderr).toContain("--processes needs DATABASE_URL");
  }, 60_000);
});

describe.skipIf(!serverUrl)("serve --processes 2 on one port", () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let db: Database | undefined;
  let lambda: FakeLambda | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createFreshPostgresDatabase(serverUrl as string);
    db = await openDatabase({ url: database.url, maxConnections: 4 });
    lambda = await startFakeLambda();
    Object.assign(process.env, AWS);
  });
  afterAll(async () => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    await lambda?.close();
    await db?.close();
    await database?.drop();
  });

  it("exits 1 when a process of the set dies on its own (here: every one fails to start)", async () => {
    if (!database || !lambda) throw new Error("set-up failed");
    // No such runner function: each process refuses to start (its event-invoke config cannot be read).
    const failed = await cliExit(["serve", "--processes", "2"], {
      ...AWS,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: database.url,
      TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
      TRACE_INVOKER: "lambda",
      TRACE_LAMBDA_FUNCTION: "no-such-function",
      TRACE_LAMBDA_ENDPOINT: lambda.url,
      TRACE_CONSOLE: "off",
      LOG_LEVEL: "error",
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/serve: process \d+ exited \(code 1\); stopping the others/);
  }, 60_000);

  it("serves one batch of tasks exactly once from two processes sharing the port", async () => {
    if (!db || !database || !lambda) throw new Error("set-up failed");
    const ctx = createLifecycleContext(db);
    const job = await makeJob(ctx, { leaseTtlSeconds: 300, orgId: "serve-test" });

    let dispatcherUrl = "";
    const completions: Completion[] = [];
    lambda.addFunction(FUNCTION_NAME, async (event) => {
      completions.push(await completeOverFreshConnection(dispatcherUrl, event as Record<string, unknown>));
    });
    await configureEventInvoke({ functionName: FUNCTION_NAME, region: AWS.AWS_REGION, endpoint: lambda.url }, { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 });

    child = cli(["serve", "--processes", "2"], {
      ...AWS,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: database.url,
      TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
      TRACE_INVOKER: "lambda",
      TRACE_LAMBDA_FUNCTION: FUNCTION_NAME,
      TRACE_LAMBDA_ENDPOINT: lambda.url,
      TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS: "60",
      TRACE_BUNDLE_OBJECT_CHECK: "off",
      TRACE_CONSOLE: "off",
      LOG_LEVEL: "debug",
    });
    const logLines: string[] = [];
    let stderrTail = "";
    child.stderr?.on("data", (d: Buffer) => {
      const text = stderrTail + d.toString();
      const lines = text.split("\n");
      stderrTail = lines.pop() ?? "";
      logLines.push(...lines);
    });
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    const listening = await new Promise<{ url: string; processes: number; pids: number[] }>((resolve, reject) => {
      let out = "";
      child?.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n").find((l) => l.includes('"listening"'));
        if (line) resolve(JSON.parse(line) as { url: string; processes: number; pids: number[] });
      });
      void exited.then((code) => reject(new Error(`serve exited early (${code}): ${logLines.slice(-5).join("\n")}`)));
    });
    dispatcherUrl = listening.url;
    expect(listening.processes).toBe(2);
    expect(new Set(listening.pids).size).toBe(2);
    for (const pid of listening.pids) expect(alive(pid)).toBe(true);

    const taskIds: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const created = await createTask(ctx, { jobId: job.jobId });
      if (!created.ok) throw new Error(created.reason);
      taskIds.push(created.task.taskId);
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE job_id = $1 AND state = 'COMPLETED'`, [job.jobId]);
      if (Number(row?.n) === TASKS) break;
      if (Date.now() > deadline) {
        const problems = logLines.filter((l) => /"level":"(warn|error)"/.test(l)).slice(-5);
        throw new Error(`only ${row?.n} of ${TASKS} tasks completed; ${lambda.invokes.length} invokes; completions ${JSON.stringify(completions.slice(0, 2))}; ${problems.join("\n")}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await lambda.idle();

    // Exactly once: one attempt per task, each invoked once, each completion accepted and new.
    const attempts = await db.query<{ task_id: string; attempt: number }>(`SELECT task_id, attempt FROM task_attempts WHERE task_id = ANY($1::uuid[])`, [taskIds]);
    expect(attempts).toHaveLength(TASKS);
    expect(new Set(attempts.map((a) => a.task_id)).size).toBe(TASKS);
    expect(attempts.every((a) => a.attempt === 1)).toBe(true);
    expect(lambda.invokes).toHaveLength(TASKS);
    expect(completions).toHaveLength(TASKS);
    expect(completions.every((c) => c.status === 200 && c.body.includes('"accepted":true') && !c.body.includes('"duplicate":true'))).toBe(true);

    // Both processes answered completions on the one port.
    const servedBy = new Set(
      logLines
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { msg?: string; path?: string; pid?: number })
        .filter((e) => e.msg === "http request" && e.path === "/v1/task/complete")
        .map((e) => e.pid),
    );
    expect([...servedBy].sort()).toEqual([...listening.pids].sort());

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of listening.pids) expect(alive(pid)).toBe(false);
  }, 120_000);
});
