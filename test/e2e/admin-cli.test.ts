// The admin CLI as an operator runs it: real processes against a real `start` instance (PGlite,
// embedded S3, local invoker), with NO environment but PATH and TRACE_DATA_DIR. Covers discovery
// from the data directory, human and --json output, and the exit codes scripts rely on
// (0 ok, 1 refused, 2 usage, 3 no Dispatcher, 4 not found, 5 watched task ended unsuccessfully).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../sdk/live-dispatcher.js";

const MAIN = join(REPO_ROOT, "src/cli/main.ts");
// Each CLI run is a fresh Node process loading TypeScript through tsx: seconds each on a busy box.
const CLI_TEST_TIMEOUT_MS = 300_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", MAIN, ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("admin CLI against `start`", () => {
  let dataDir: string;
  let start: ChildProcess;
  const startLines: string[] = [];
  const env = () => ({ TRACE_DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "trace-cli-"));
    start = spawn(process.execPath, ["--import", "tsx", MAIN, "start"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TRACE_DATA_DIR: dataDir, PORT: "0", HOME: process.env.HOME ?? "/tmp" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = createInterface({ input: start.stdout! });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start did not serve: ${startLines.join("\n")}`)), 150_000);
      lines.on("line", (line) => {
        startLines.push(line);
        if (line.startsWith("Serving;")) {
          clearTimeout(timer);
          resolve();
        }
      });
      start.once("exit", (code) => reject(new Error(`start exited ${String(code)}: ${startLines.join("\n")}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (start && start.exitCode === null) {
      const exited = new Promise((r) => start.once("exit", r));
      start.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("start prints the one command that pushes your own bundle, and that command works with no setup", async () => {
    const hint = startLines.find((l) => l.includes("bundles push"));
    expect(hint).toMatch(/npx tsx src\/cli\/main\.ts bundles push <dir> --runtime node --entrypoint index\.js/);

    const bundleDir = join(dataDir, "my-bundle");
    mkdirSync(bundleDir);
    writeFileSync(join(bundleDir, "index.js"), `// ${randomUUID()}\nprocess.stdout.write("{}");\n`);
    const pushed = await cli(["bundles", "push", bundleDir, "--runtime", "node", "--entrypoint", "index.js"], env());
    expect(pushed.stderr).toBe("");
    expect(pushed.code).toBe(0);
    const event = JSON.parse(pushed.stdout.trim()) as { event: string; sha256: string; created: boolean };
    expect(event).toMatchObject({ event: "bundle_pushed", created: true });

    const listed = await cli(["bundles", "list"], env());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(event.sha256);

    // A job on the pushed bundle, registered from a file.
    const jobFile = join(dataDir, "job.json");
    writeFileSync(jobFile, JSON.stringify({ dag_name: "mine", name: "hello", runtime: "RUNTIME_WORKER", operator: "hello", bundle_sha256: event.sha256, org_id: "org-1" }));
    const registered = await cli(["jobs", "register", "-f", jobFile], env());
    expect({ code: registered.code, out: registered.stdout.trim() }).toEqual({ code: 0, out: expect.stringMatching(/^created mine\/hello \([0-9a-f-]{36}\)$/) });
  }, CLI_TEST_TIMEOUT_MS);

  it("lists, shows, pauses and resumes jobs", async () => {
    const [list, shown] = await Promise.all([cli(["jobs", "list"], env()), cli(["jobs", "show", "demo/extract", "--json"], env())]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^JOB\s+RUNTIME\s+STATUS\s+BUNDLE\s+ORG\s+ID$/);
    expect(list.stdout).toMatch(/demo\/extract\s+lambda\s+active/);

    const job = JSON.parse(shown.stdout) as { job: { name: string }; task_counts: { completed: string } };
    expect(job).toMatchObject({ job: { name: "extract" }, task_counts: { completed: "1" } });

    expect((await cli(["jobs", "pause", "demo/extract"], env())).stdout.trim()).toBe("demo/extract is paused");
    expect((await cli(["jobs", "show", "demo/extract"], env())).stdout).toMatch(/status:\s+paused/);
    expect((await cli(["jobs", "resume", "demo/extract"], env())).stdout.trim()).toBe("demo/extract is active");
  }, CLI_TEST_TIMEOUT_MS);

  it("lists and shows tasks; refusals and missing tasks have their own exit codes", async () => {
    const listed = await cli(["tasks", "list", "--job", "demo/extract", "--json"], env());
    expect(listed.code).toBe(0);
    const tasks = (JSON.parse(listed.stdout) as { tasks: { task_id: string; state: string }[] }).tasks;
    expect(tasks.map((t) => t.state)).toEqual(["TASK_STATE_COMPLETED"]);
    const id = tasks[0]?.task_id ?? "";

    const [human, shown, watched] = await Promise.all([
      cli(["tasks", "list", "--state", "completed"], env()),
      cli(["tasks", "show", id], env()),
      cli(["tasks", "watch", id], env()),
    ]);
    expect(human.stdout).toContain(id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/state:\s+COMPLETED/);
    expect(shown.stdout).toMatch(/Attempts\n#\s+OUTCOME/);
    expect(shown.stdout).toMatch(/Emitted events/);

    expect(watched.code).toBe(0);

    const [cancel, retry, missing, outbox] = await Promise.all([
      cli(["tasks", "cancel", id], env()),
      cli(["tasks", "retry", id, "--reason", "again"], env()),
      cli(["tasks", "show", randomUUID()], env()),
      cli(["outbox", "list", "--json"], env()),
    ]);
    expect({ code: cancel.code, err: cancel.stderr }).toEqual({ code: 1, err: expect.stringContaining("FailedPrecondition (task_finished)") });
    expect({ code: retry.code, err: retry.stderr }).toEqual({ code: 1, err: expect.stringContaining("(not_retryable)") });
    expect(missing.code).toBe(4);
    expect(outbox.code).toBe(0);
    expect(JSON.parse(outbox.stdout)).toHaveProperty("rows");
  }, CLI_TEST_TIMEOUT_MS);

  it("exits 2 on usage errors and 3 when no Dispatcher can be found or reached", async () => {
    const [usage, badFlag, nowhere, unreachable, noToken] = await Promise.all([
      cli(["tasks", "frobnicate"], env()),
      cli(["jobs", "list", "--colour"], env()),
      cli(["jobs", "list"], { TRACE_DATA_DIR: join(dataDir, "nothing-here") }),
      cli(["jobs", "list", "--url", "http://127.0.0.1:9"], { TRACE_ADMIN_TOKEN: "t" }),
      cli(["jobs", "list", "--url", "http://127.0.0.1:9"], {}),
    ]);
    expect(usage.code).toBe(2);
    expect(badFlag.code).toBe(2);
    expect({ code: nowhere.code, err: nowhere.stderr }).toEqual({ code: 3, err: expect.stringContaining("npm start") });
    expect(unreachable.code).toBe(3);
    expect({ code: noToken.code, err: noToken.stderr }).toEqual({ code: 3, err: expect.stringContaining("TRACE_ADMIN_TOKEN") });
  }, CLI_TEST_TIMEOUT_MS);
});
