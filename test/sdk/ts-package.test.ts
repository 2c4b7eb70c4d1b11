// The TypeScript SDK as an operator author gets it (issue 15 §2-3): both packages are packed
// (sdk/ts/scripts/build.mjs --pack), installed from the tarballs alone into an empty npm project,
// and the README's operator plus a driver (test/sdk/ts-package/driver.ts) are compiled there with
// tsc (strict, NodeNext, library declarations checked) and run against a live Dispatcher. Nothing
// here imports the SDK's sources: a file missing from a package fails the install, the compile,
// the reference check or the run.
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startLiveDispatcher, type Json, type LiveDispatcher } from "./live-dispatcher.js";

const run = promisify(execFile);
const FIXTURE = join(REPO_ROOT, "test/sdk/ts-package");
const CONTRACT_VERSION = readFileSync(join(REPO_ROOT, "proto/VERSION"), "utf8").trim();

let work: string;
let project: string;
let d: LiveDispatcher;

/** The first ```ts block of sdk/ts/README.md: the operator the docs tell people to write. */
function readmeOperator(): string {
  const readme = readFileSync(join(REPO_ROOT, "sdk/ts/README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error("sdk/ts/README.md has no ```ts block");
  return block;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "trace-ts-package-"));
  const packed = await run(process.execPath, [join(REPO_ROOT, "sdk/ts/scripts/build.mjs"), "--pack", join(work, "packs")], { cwd: REPO_ROOT });
  const tarballs = JSON.parse(packed.stdout) as { proto: string; sdk: string };

  project = join(work, "operator-project");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "operator-project", private: true, type: "module" }));
  cpSync(join(FIXTURE, "tsconfig.json"), join(project, "tsconfig.json"));
  cpSync(join(FIXTURE, "driver.ts"), join(project, "src/driver.ts"));
  writeFileSync(join(project, "src/operator.ts"), readmeOperator());
  // Only the tarballs, their registry dependencies and the author's own @types/node.
  const typesNode = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@types/node"];
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", tarballs.proto, tarballs.sdk, `@types/node@${typesNode}`], { cwd: project });
  await run(process.execPath, [join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", join(project, "tsconfig.json")], { cwd: project }).catch((err: { stdout?: string }) => {
    throw new Error(`the operator project does not compile against the installed packages:\n${err.stdout ?? String(err)}`);
  });
  d = await startLiveDispatcher();
}, 180_000);

afterAll(async () => {
  await d?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface NodeRun {
  code: number | null;
  lines: Json[];
  stderr: string;
}

/** Runs a compiled file of the operator project with `stdin`; `onLine` sees each stdout JSON line as it arrives. */
function runProject(args: string[], stdin: Json, onLine: (line: Json) => void = () => undefined): Promise<NodeRun> {
  const child = spawn(process.execPath, args, { cwd: project, env: { ...process.env, TRACE_DISPATCHER_URL: d.url }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: Json[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    const parsed = JSON.parse(line) as Json;
    lines.push(parsed);
    onLine(parsed);
  });
  child.stdin.end(JSON.stringify(stdin));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, lines, stderr })));
}

async function drive(scenario: string, payload: Json, onLine?: (line: Json) => void): Promise<Json> {
  const result = await runProject(["dist/driver.js", scenario], payload, onLine);
  if (result.code !== 0) throw new Error(`driver ${scenario} exited ${String(result.code)}: ${result.stderr}`);
  return result.lines.at(-1)!;
}

const getTask = (taskId: string) => d.admin("/trace.dispatcher.v1.AdminService/GetTask", { task_id: taskId });

/**
 * Problems with an installed package directory: an `exports` target that is not there, a relative
 * import in its JavaScript or declarations that leaves the package or names a missing file, or a
 * file naming this repository's absolute path.
 */
function packageProblems(dir: string): string[] {
  const problems: string[] = [];
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    for (const file of typeof target === "string" ? [target] : Object.values(target)) {
      const concrete = file.includes("*") ? undefined : join(dir, file);
      if (concrete && !existsSync(concrete)) problems.push(`exports ${subpath} → ${file}: missing`);
      if (file.includes("*") && readdirSync(join(dir, dirname(file))).length === 0) problems.push(`exports ${subpath} → ${file}: nothing matches`);
    }
  }
  const files = (root: string): string[] => readdirSync(root).flatMap((name) => (statSync(join(root, name)).isDirectory() ? files(join(root, name)) : [join(root, name)]));
  for (const file of files(dir).filter((f) => /\.(js|d\.ts)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    if (text.includes(REPO_ROOT)) problems.push(`${relative(dir, file)} names the repository's path`);
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = resolve(dirname(file), match[1]!);
      const candidates = file.endsWith(".d.ts") ? [target.replace(/\.js$/, ".d.ts")] : [target];
      if (relative(dir, target).startsWith("..")) problems.push(`${relative(dir, file)} imports ${match[1]!}: outside the package`);
      else if (!candidates.some((c) => existsSync(c))) problems.push(`${relative(dir, file)} imports ${match[1]!}: missing`);
    }
  }
  return problems;
}

describe("the packed packages", () => {
  const installed = (name: string) => join(project, "node_modules/@trace", name);

  it("hold every file their exports and imports name, and nothing outside them", () => {
    expect(packageProblems(installed("dispatcher-sdk"))).toEqual([]);
    expect(packageProblems(installed("dispatcher-proto"))).toEqual([]);
  });

  it("the reference check notices a file left out of a package", () => {
    const copy = join(work, "sdk-missing-a-file");
    cpSync(installed("dispatcher-sdk"), copy, { recursive: true });
    const chunk = readdirSync(join(copy, "dist/chunks"))[0]!;
    rmSync(join(copy, "dist/chunks", chunk));
    rmSync(join(copy, "dist/lambda.d.ts"));
    const problems = packageProblems(copy);
    expect(problems).toContain("exports ./lambda → ./dist/lambda.d.ts: missing");
    expect(problems.some((p) => p.endsWith(`imports ./chunks/${chunk}: missing`))).toBe(true);
  });

  it("are versioned by the contract and depend on registry versions only", () => {
    const sdk = JSON.parse(readFileSync(join(installed("dispatcher-sdk"), "package.json"), "utf8")) as { dependencies: Record<string, string>; engines: Json };
    const proto = JSON.parse(readFileSync(join(installed("dispatcher-proto"), "package.json"), "utf8")) as { version: string };
    expect(proto.version).toBe(CONTRACT_VERSION);
    expect(sdk.dependencies["@trace/dispatcher-proto"]).toBe(CONTRACT_VERSION);
    expect(Object.values(sdk.dependencies).filter((spec) => !/^\d+\.\d+\.\d+$/.test(spec))).toEqual([]);
    expect(sdk.engines).toEqual({ node: ">=24" });
  });
});

describe("an operator built from the installed packages, against a live Dispatcher", () => {
  it("heartbeats, emits events, completes, and a repeated completion is a duplicate", async () => {
    const { taskId } = await d.newTask();
    const reply = await drive("lifecycle", await d.claim(taskId));
    expect(reply).toMatchObject({
      contractVersion: CONTRACT_VERSION,
      sharedClasses: true,
      contract: [
        "trace.dispatcher.v1.TaskService",
        "trace.dispatcher.v1.AdminService",
        "trace.dispatcher.v1.WorkerService",
        "trace.dispatcher.v1.QueryService",
        "trace.dispatcher.v1.ErrorDetail",
        "trace.dispatcher.v1.http",
      ],
      completedIs: "COMPLETED",
      inputs: 0,
      cancelRequested: false,
      emitted: 1,
      first: { accepted: true, duplicate: false },
      repeat: { accepted: true, duplicate: true },
    });
    expect(reply.leaseAheadMs).toBeGreaterThan(0);
    const task = await getTask(taskId);
    expect((task.task as Json).state).toBe("TASK_STATE_COMPLETED");
    expect(task.events).toHaveLength(2);
  });

  it("gets task-scoped STS credentials", async (test) => {
    if (!d.credentials) test.skip("moto_server not installed (scripts/ci/install-aws-fakes.sh)");
    const { taskId } = await d.newTask();
    const reply = await drive("credentials", await d.claim(taskId));
    expect(reply).toMatchObject({ keyId: true, secret: true, session: true });
    expect(reply.expiresAheadMs).toBeGreaterThan(0);
  });

  it("the Lambda entry point aborts ctx.signal on a cancel and completes CANCELED", async () => {
    const { taskId } = await d.newTask();
    const reply = await drive("cancel", await d.claim(taskId), (line) => {
      if (line.running) void d.cancel(taskId);
    });
    expect(reply).toEqual({ outcome: "canceled" });
    expect((await d.task(taskId)).state).toBe("TASK_STATE_CANCELED");
  });

  it("refuses a superseded attempt as StaleAttemptError, and runTask abandons it", async () => {
    const { taskId } = await d.newTask();
    const first = await d.claim(taskId);
    expect(await drive("fail", first)).toEqual({ accepted: true });
    const second = await d.claim(taskId, 30_000);
    expect(second.attempt).toBe(2);
    expect(await drive("stale", first)).toEqual({ stale: true, taskError: true, reason: "stale_attempt", aborted: true, runTask: "abandoned" });
    expect(await drive("lifecycle", second)).toMatchObject({ first: { accepted: true, duplicate: false } });
  });

  it("the README's operator runs as a Lambda handler", async () => {
    const { taskId } = await d.newTask();
    expect(await drive("handler", await d.claim(taskId))).toEqual({ outcome: "completed" });
    const task = await getTask(taskId);
    expect((task.task as Json).state).toBe("TASK_STATE_COMPLETED");
    expect(task.outputs).toEqual([expect.objectContaining({ name: "attempt", value: 1 })]);
  });

  it("the README's operator runs in bundle mode: stdin → operator → one result object on stdout", async () => {
    const { taskId, config } = await d.newTask();
    // As the platform runner hands it over: with the runner's delivery id.
    const payload = { ...(await d.claim(taskId)), delivery_id: randomUUID() };
    const result = await runProject(["dist/operator.js"], payload);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      {
        events: [{ dataset_uuid: config.dataset_uuid, dataset_version: config.dataset_version, cursor: "2" }],
        outputs: [{ name: "attempt", value: 1 }],
        datasets_published: [],
      },
    ]);
    // Its emitEvents call went to the Dispatcher as the runner's delivery.
    expect((await getTask(taskId)).events).toHaveLength(1);
  });

  it("the README's operator fails without retry on a bad config, in bundle mode", async () => {
    const { taskId } = await d.newTask({ config: { unrelated: true } });
    const result = await runProject(["dist/operator.js"], await d.claim(taskId));
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([{ failure: { category: "NonRetryableError", message: "config needs dataset_uuid and dataset_version", retryable: false } }]);
  });
});
