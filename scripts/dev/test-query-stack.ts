// Starts a real Dispatcher AND a real Query Service for live tests in any language:
//   node --import tsx scripts/dev/test-query-stack.ts
// prints ONE JSON line once both accept requests: test-dispatcher.mjs's line plus
//   "query_url", and "dataset": {dataset_uuid, dataset_version, storage_ref, read_prefix, rows}
// and keeps running until its stdin closes (or SIGTERM/SIGINT). The Dispatcher signs with a fresh
// ES256 key; the Query Service verifies against its GET /internal/jwks/task, exactly as deployed.
// The dataset is a 100-row Parquet file (id, grp, amount, name) written by DuckDB into an
// embedded S3-compatible store the Query Service reads with its own credentials.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { createLogger } from "../../src/log/logger.js";
import { startLocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client, putObject } from "../../src/objectstore/s3.js";
import { startQueryService } from "../../src/query/app.js";
import { loadQueryConfig } from "../../src/query/config.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const SAMPLE = {
  dataset_uuid: "5a4e0c1d-7b2f-4c3e-9d8a-1f2e3d4c5b6a",
  dataset_version: "5a4e0c1d-7b2f-4c3e-9d8a-1f2e3d4c0001",
  storage_ref: "s3://query-data/datasets/sample/v1/",
  read_prefix: "s3://query-data/datasets/sample/",
  rows: 100,
};

const work = await mkdtemp(join(tmpdir(), "trace-query-stack-"));
const credentials = { accessKeyId: "query-stack", secretAccessKey: randomBytes(24).toString("base64url") };
const store = await startLocalS3({ credentials });
const s3 = createS3Client({ region: "us-east-1", endpoint: store.url, credentials });
const file = join(work, "sample.parquet");
const db = await DuckDBInstance.create(":memory:");
const connection = await db.connect();
await connection.run(
  `COPY (SELECT range AS id, range % 10 AS grp, (range * 1.5)::DOUBLE AS amount, 'row-' || range AS name FROM range(${SAMPLE.rows})) TO '${file}' (FORMAT parquet)`,
);
connection.closeSync();
db.closeSync();
await putObject(s3, { bucket: "query-data", key: "datasets/sample/v1/part-0.parquet" }, await readFile(file), "application/octet-stream");

const key = await generateSigningKey({ kid: `query-stack-${randomBytes(4).toString("hex")}` });
const dispatcher = spawn(process.execPath, [join(ROOT, "scripts/dev/test-dispatcher.mjs")], {
  cwd: ROOT,
  env: { ...process.env, TRACE_TASK_JWKS: JSON.stringify({ keys: [key] }) },
  stdio: ["pipe", "pipe", "inherit"],
});
const first = await new Promise<string>((resolveLine, reject) => {
  createInterface({ input: dispatcher.stdout! }).once("line", resolveLine);
  dispatcher.once("exit", (code) => reject(new Error(`test-dispatcher exited (${String(code)}) before it was ready`)));
});
const info = JSON.parse(first) as Record<string, unknown>;
const query = await startQueryService(
  loadQueryConfig({
    TRACE_DISPATCHER_URL: String(info["url"]),
    TRACE_QUERY_PORT: "0",
    TRACE_QUERY_WORK_DIR: join(work, "query"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  }),
  { s3, logger: createLogger({ level: "warn" }) },
);
process.stdout.write(`${JSON.stringify({ ...info, query_url: query.url, dataset: SAMPLE })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await query.stop().catch(() => undefined);
  const exited = new Promise((done) => dispatcher.once("exit", done));
  dispatcher.stdin?.end();
  await exited;
  await store.close();
  await rm(work, { recursive: true, force: true });
  process.exit(0);
};
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
process.stdin.on("data", () => {});
process.stdin.once("end", () => void stop());
process.stdin.once("close", () => void stop());
