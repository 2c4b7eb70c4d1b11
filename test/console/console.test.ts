// The operator console in a real browser (Debian's chromium driven by playwright-core) against a
// real Dispatcher app on real PostgreSQL: sign in, find why a task failed, cancel a running task
// and watch it end, replay a dead outbox row, a refused token, and a task whose error text is
// markup that must stay text under the console's Content-Security-Policy. The run also writes the
// README's screenshots (docs/console/*.png).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDispatcherApp, type DispatcherApp } from "../../src/app/app.js";
import { loadConfig } from "../../src/app/config.js";
import { createKeyring } from "../../src/auth/index.js";
import { CONSOLE_CSP } from "../../src/console/site.js";
import { createLifecycleContext, createTask, registerBundle, registerJob } from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";
import { createS3Client } from "../../src/objectstore/s3.js";
import { createFreshPostgresDatabase, postgresServerUrl } from "../support/databases.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = join(import.meta.dirname, "../..");
const SCREENSHOTS = join(ROOT, "docs/console");
const ADMIN_TOKEN = "console-admin-token-0123456789";
const WORKER_TOKEN = "console-worker-token-0123456789";
const XSS_ERROR = `ValueError: row 7 <script>window.__xss = 1</script> "><img src=x onerror="window.__xss = 2">`;

const DATASET = "5d1c0000-0000-4000-8000-0000000000aa";
const VERSION = "5d1c0000-0000-4000-8000-0000000000bb";

const serverUrl = postgresServerUrl();
const runnable = serverUrl !== null && (existsSync(CHROMIUM) || process.env.CI !== undefined);

describe.skipIf(!runnable)("the operator console in Chromium", () => {
  let app: DispatcherApp;
  let drop: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const tasks: Record<"failed" | "running" | "xss" | "done", string> = { failed: "", running: "", xss: "", done: "" };

  async function call(path: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const reply = await fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const json = (await reply.json()) as Record<string, unknown>;
    if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A trusted worker's side of the contract: claim the task, then report through the task API. */
  async function claim(taskId: string): Promise<{ fence: Record<string, unknown>; token: string }> {
    const claimed = await call("/internal/task-claim", { task_id: taskId, worker_id: "console-test-worker" }, { "x-trace-worker-token": WORKER_TOKEN });
    if (claimed.claimed !== true) throw new Error(`claim refused: ${JSON.stringify(claimed)}`);
    return { fence: { task_id: taskId, attempt: claimed.attempt, lease_token: claimed.lease_token }, token: String(claimed.capability_token) };
  }
  async function complete(taskId: string, result: Record<string, unknown>): Promise<void> {
    const { fence, token } = await claim(taskId);
    await call("/v1/task/complete", { ...fence, ...result }, { "x-trace-task-capability": token });
  }

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, "scripts/build-console.mjs")], { stdio: "ignore" });
    const database = await createFreshPostgresDatabase(serverUrl ?? "");
    drop = database.drop;
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: database.url,
      TRACE_TASK_JWKS: JSON.stringify(await createKeyring()),
      TRACE_ADMIN_TOKENS: ADMIN_TOKEN,
      TRACE_WORKER_TOKENS: WORKER_TOKEN,
      LOG_LEVEL: "error",
    });
    app = await startDispatcherApp(config, {
      logger: createLogger({ level: "error", write: () => {} }),
      // Presigning is offline; no test here downloads a bundle.
      bundleStore: createS3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDCONSOLE", secretAccessKey: "console" } }),
    });
    const ctx = createLifecycleContext(app.db);
    const sha = "c".repeat(64);
    await registerBundle(ctx, { sha256: sha, storageUri: `s3://trace-bundles/bundles/${sha}.zip`, sizeBytes: 1, runtime: "python" });
    const job = await registerJob(ctx, {
      dagName: "pipeline",
      name: "transform",
      runtime: "worker",
      operator: "transform",
      bundleSha256: sha,
      orgId: "org-console",
      maxAttempts: 1,
      config: { note: XSS_ERROR },
    });
    if (!job.ok) throw new Error(job.reason);
    const newTask = async () => {
      const created = await createTask(ctx, { jobId: job.job.jobId });
      if (!created.ok) throw new Error(created.reason);
      return created.task.taskId;
    };
    tasks.done = await newTask();
    await complete(tasks.done, { status: "TASK_STATUS_COMPLETED", datasets_published: [{ dataset_uuid: DATASET, dataset_version: VERSION, make_current: true }] });
    tasks.failed = await newTask();
    await complete(tasks.failed, { status: "TASK_STATUS_FAILED", error_message: "KeyError: 'customer_id' in transform.py line 42", retryable: false });
    tasks.xss = await newTask();
    await complete(tasks.xss, { status: "TASK_STATUS_FAILED", error_message: XSS_ERROR, retryable: false });
    tasks.running = await newTask();
    // A dead outbox row (every try spent), as the drain leaves one after 20 failures.
    await app.db.query(
      `INSERT INTO outbox (kind, payload, task_id, attempt, status, tries, last_error) VALUES ('wakeup', '{}', $1, 1, 'failed', 20, 'queue unreachable: connect ECONNREFUSED')`,
      [tasks.failed],
    );

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("dialog", (dialog) => void dialog.accept());
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await drop?.();
  });

  it("is served with a strict CSP, immutable hashed assets and no inline script", async () => {
    const index = await fetch(`${app.url}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-security-policy")).toBe(CONSOLE_CSP);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = /assets\/(app-[^"]+\.js)/.exec(html)?.[1];
    const script = await fetch(`${app.url}/console/assets/${asset ?? "missing"}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${app.url}/console/../package.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/console`, { redirect: "manual" })).headers.get("location")).toBe("/console/");
  });

  it("says clearly when the admin token is refused", async () => {
    await page.goto(`${app.url}/console/`);
    await page.screenshot({ path: join(SCREENSHOTS, "login.png") });
    await page.getByLabel("Admin token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("That admin token was refused");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it("signs in to an overview of tasks by job, recent failures and the outbox", async () => {
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    const byJob = page.getByRole("region", { name: "Tasks by job" });
    await expect.poll(() => byJob.textContent()).toContain("pipeline/transform");
    // completed 1, failed 2, running/queued 1 (the fourth task is still queued)
    expect((await byJob.locator("tbody td").allTextContents()).slice(1)).toEqual(["1", "0", "1", "2", "0"]);
    expect(await page.getByRole("region", { name: "Recent failures" }).textContent()).toContain("KeyError: 'customer_id'");
    expect(await page.getByRole("region", { name: "Outbox" }).textContent()).toContain("1 dead");
    expect(await page.getByRole("region", { name: "Throughput" }).textContent()).toContain("1 completed, 2 failed");
    await page.screenshot({ path: join(SCREENSHOTS, "overview.png") });
  });

  it("lists the tasks with their states and errors", async () => {
    await page.getByRole("link", { name: "Tasks", exact: true }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(4);
    const failedRow = page.locator("tbody tr", { has: page.locator(`a[title="${tasks.failed}"]`) });
    expect(await failedRow.textContent()).toContain("FAILED");
    expect(await failedRow.textContent()).toContain("KeyError: 'customer_id'");
    // The token is kept for this tab only, never in the URL or a cookie.
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    expect(await page.context().cookies()).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "tasks.png") });
  });

  it("filters by state", async () => {
    await page.getByLabel("State").selectOption("COMPLETED");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(await page.locator("tbody").textContent()).toContain("COMPLETED");
    expect(page.url()).toContain("state=COMPLETED");
  });

  it("filters by error and by creation time", async () => {
    await page.goto(`${app.url}/console/#/tasks?errors=with`);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    expect(await page.locator("tbody").textContent()).not.toContain("COMPLETED");
    await page.goto(`${app.url}/console/#/tasks?after=2999-01-01T00:00`);
    await expect.poll(() => page.getByText("No tasks match.").count()).toBe(1);
  });

  it("opens a failed task and shows why it failed, per attempt", async () => {
    await page.goto(`${app.url}/console/#/tasks/${tasks.failed}`);
    const why = page.getByRole("region", { name: "Why it failed" });
    await expect.poll(() => why.textContent()).toContain("KeyError: 'customer_id' in transform.py line 42");
    const attempts = page.getByRole("region", { name: "Attempts" });
    expect(await attempts.textContent()).toContain("Attempt 1");
    expect(await attempts.textContent()).toContain("failed");
    // A finished task offers no cancel.
    expect(await page.getByRole("button", { name: "Cancel task" }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, "task-failed.png"), fullPage: true });
  });

  it("shows markup in an error as text, and the CSP blocks an injected inline script", async () => {
    await page.goto(`${app.url}/console/#/tasks/${tasks.xss}`);
    const why = page.getByRole("region", { name: "Why it failed" });
    await expect.poll(() => why.textContent()).toContain("<script>window.__xss = 1</script>");
    // The job's config (part of the payload shown) holds the same markup: text too.
    await expect.poll(() => page.getByRole("region", { name: "Payload" }).textContent()).toContain("onerror=");
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const violations = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true })),
    );
    await page.addScriptTag({ content: "window.__inline = 1" }).catch(() => undefined);
    expect(await violations).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
  });

  it("works on a narrow screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/console/#/tasks/${tasks.failed}`);
    await expect.poll(() => page.getByRole("region", { name: "Why it failed" }).textContent()).toContain("KeyError");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, "task-narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("cancels a running task with a reason and shows it CANCELED once the worker stops", async () => {
    const { fence, token } = await claim(tasks.running);
    await page.goto(`${app.url}/console/#/tasks/${tasks.running}`);
    await expect.poll(() => page.locator(".facts").textContent()).toContain("RUNNING");
    await page.getByLabel("Reason").fill("wrong input window");
    await page.getByRole("button", { name: "Cancel task" }).click();
    await expect.poll(() => page.locator(".facts").textContent()).toContain("cancel requested");
    // The worker sees the request on its next heartbeat and stops.
    const heartbeat = await call("/v1/task/heartbeat", fence, { "x-trace-task-capability": token });
    expect(heartbeat.cancel_requested).toBe(true);
    await call("/v1/task/complete", { ...fence, status: "TASK_STATUS_CANCELED" }, { "x-trace-task-capability": token });
    await expect.poll(() => page.locator(".facts").textContent(), { timeout: 15_000 }).toContain("CANCELED");
  });

  it("retries a dead task as a new attempt and shows it complete", async () => {
    await page.goto(`${app.url}/console/#/tasks/${tasks.failed}`);
    await page.getByLabel("Retry reason").fill("fixed the customer_id mapping");
    await page.getByRole("button", { name: "Retry task" }).click();
    await expect.poll(() => page.locator(".facts").textContent()).toContain("QUEUED");
    expect(await page.getByRole("region", { name: "Operator retries" }).textContent()).toContain("fixed the customer_id mapping");
    await complete(tasks.failed, { status: "TASK_STATUS_COMPLETED" });
    await expect.poll(() => page.locator(".facts").textContent(), { timeout: 15_000 }).toContain("COMPLETED");
    expect(await page.locator(".facts").textContent()).toContain("Attempt2 (operator retry past the job's 1)");
    const attempts = await page.getByRole("region", { name: "Attempts" }).textContent();
    expect(attempts).toContain("Attempt 1");
    expect(attempts).toContain("Attempt 2");
    expect(attempts).toMatch(/waited .+ before this attempt/);
  });

  it("pauses and resumes a job", async () => {
    await page.goto(`${app.url}/console/#/jobs`);
    await page.getByRole("link", { name: "pipeline/transform" }).click();
    await expect.poll(() => page.locator(".facts").textContent()).toContain("active");
    await page.screenshot({ path: join(SCREENSHOTS, "job.png") });
    await page.getByRole("button", { name: "Pause job" }).click();
    await expect.poll(() => page.locator(".facts").textContent()).toContain("paused");
    const [paused] = await app.db.query<{ paused: boolean }>(`SELECT paused FROM jobs WHERE dag_name = 'pipeline'`);
    expect(paused?.paused).toBe(true);
    await page.getByRole("button", { name: "Resume job" }).click();
    await expect.poll(() => page.locator(".facts").textContent()).toContain("active");
  });

  it("shows datasets with their current version and the task that published it", async () => {
    await page.goto(`${app.url}/console/#/datasets`);
    const dataset = page.getByRole("region", { name: `Dataset ${DATASET}` });
    await expect.poll(() => dataset.textContent()).toContain(`Current version${VERSION}`);
    await dataset.getByRole("link", { name: tasks.done.slice(0, 8) }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain(tasks.done);
  });

  it("replays a dead outbox row", async () => {
    await page.goto(`${app.url}/console/#/outbox`);
    await expect.poll(() => page.locator("tbody").textContent()).toContain("queue unreachable");
    await page.screenshot({ path: join(SCREENSHOTS, "outbox.png") });
    await page.locator("tbody button", { hasText: "Replay" }).first().click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/pending again/);
    const rows = await app.db.query<{ status: string }>(`SELECT status FROM outbox WHERE kind = 'wakeup' AND last_error LIKE 'queue unreachable%'`);
    expect(rows.map((r) => r.status)).not.toContain("failed");
  });

});
