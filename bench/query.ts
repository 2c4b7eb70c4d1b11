// Query Service benchmark (`npm run bench -- query`): a 1,000,000-row Parquet dataset written by
// DuckDB, served from the embedded S3-compatible store, queried through POST /v1/task/query (a
// real Query Service: ES256 token verified against a served JWKS, grant check, SQL gate, private
// staging directory, fresh hardened DuckDB per query) beside the same query run directly in DuckDB
// in this process (one long-lived connection over the same Parquet file, same thread count).
// Reported: median latency of each and their ratio for count(*), a filtered aggregate and a
// 1,000-row page; then queries/s of a small query at 1, 8 and 32 concurrent clients.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateSigningKey } from "../src/auth/keyring-admin.js";
import { loadKeyring, toPublicJwk } from "../src/auth/keyring.js";
import { mintTaskToken } from "../src/auth/mint.js";
import { createLogger } from "../src/log/logger.js";
import { startLocalS3 } from "../src/objectstore/local-s3.js";
import { createS3Client, putObject } from "../src/objectstore/s3.js";
import { startQueryService } from "../src/query/app.js";
import { loadQueryConfig } from "../src/query/config.js";
import { median } from "./stats.js";

const ROWS = 1_000_000;
const ITERATIONS = 15;
const CONCURRENCY = [1, 8, 32];
const THROUGHPUT_SECONDS = 4;
const TASK_ID = "0f8b6a52-3c1d-4e8f-9a7b-2c4d6e8f0a1b";
const DATASET = "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d";
const THREADS = 2;

const QUERIES: ReadonlyArray<readonly [string, string]> = [
  ["count(*)", "SELECT count(*) AS n FROM dataset"],
  ["filtered aggregate", "SELECT grp, count(*) AS n, sum(amount) AS total, avg(amount) AS mean FROM dataset WHERE id % 7 = 0 AND amount > 1000 GROUP BY grp ORDER BY grp"],
  ["1,000-row page", "SELECT * FROM dataset WHERE id >= 500000 ORDER BY id LIMIT 1000"],
];
const SMALL = "SELECT id, name, amount FROM dataset WHERE id = 4242";

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "bench-query-"));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    // The dataset: 1M rows, written by DuckDB, uploaded to the embedded store.
    const file = join(work, "data.parquet");
    const direct = await DuckDBInstance.create(":memory:");
    const conn = await direct.connect();
    let started = performance.now();
    await conn.run(
      `COPY (SELECT range AS id, range % 100 AS grp, (range * 0.37) % 5000 AS amount, 'row-' || range AS name, TIMESTAMP '2026-01-01' + INTERVAL (range) SECOND AS at
             FROM range(${ROWS})) TO '${file}' (FORMAT parquet)`,
    );
    const bytes = await readFile(file);
    say(`dataset: ${ROWS.toLocaleString("en")} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB Parquet (written in ${(performance.now() - started).toFixed(0)} ms)`);
    const credentials = { accessKeyId: "bench", secretAccessKey: "bench-secret" };
    const store = await startLocalS3({ credentials });
    const s3 = createS3Client({ region: "us-east-1", endpoint: store.url, credentials });
    await putObject(s3, { bucket: "bench-data", key: "datasets/big/v1/part-0.parquet" }, bytes, "application/octet-stream");

    // The Query Service, verifying ES256 tokens against a served JWKS.
    const keyring = await loadKeyring({ jwksJson: JSON.stringify({ keys: [await generateSigningKey({ kid: "bench" })] }) });
    const jwks = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: keyring.publicJwks.keys.map(toPublicJwk) })));
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const service = await startQueryService(
      loadQueryConfig({
        TRACE_QUERY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/internal/jwks/task`,
        TRACE_QUERY_PORT: "0",
        TRACE_QUERY_WORK_DIR: join(work, "service"),
        TRACE_QUERY_THREADS: String(THREADS),
        TRACE_QUERY_MEMORY_MIB: "512",
        TRACE_QUERY_TIMEOUT_MS: "60000",
        TRACE_QUERY_MAX_CONCURRENT: "4",
        TRACE_QUERY_MAX_QUEUED: "1000",
      }),
      { s3, logger: createLogger({ level: "warn" }) },
    );
    const { token } = await mintTaskToken(
      { keyring, issuer: "trace-dispatcher" },
      {
        orgId: "bench",
        taskId: TASK_ID,
        attempt: 1,
        datasets: [{ dataset_uuid: DATASET, dataset_version: "v1", storage_ref: "s3://bench-data/datasets/big/v1/" }],
        s3: { read_prefixes: ["s3://bench-data/datasets/"], write_prefixes: [] },
        jobTimeoutSeconds: 3600,
        leaseSeconds: 120,
      },
    );
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const url = new URL("/v1/task/query", service.url);
    const viaHttp = (sql: string) =>
      new Promise<{ rows: number }>((resolve, reject) => {
        const body = JSON.stringify({ task_id: TASK_ID, attempt: 1, dataset: DATASET, sql, limit: 1000 });
        const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "x-trace-task-capability": token } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
            resolve({ rows: (JSON.parse(text) as { row_count: number }).row_count });
          });
        });
        req.on("error", reject);
        req.end(body);
      });

    // The baseline: the same SQL on one long-lived DuckDB connection, same threads, same file.
    await conn.run(`SET threads=${THREADS}`);
    await conn.run(`CREATE VIEW dataset AS SELECT * FROM read_parquet('${file}')`);
    const viaDuckDb = async (sql: string) => ({ rows: (await conn.runAndReadAll(sql)).getRowsJson().length });

    say("");
    say(`latency, median of ${ITERATIONS} (after 2 warm-up runs each)`);
    say(`${"query".padEnd(20)} ${"HTTP ms".padStart(9)} ${"DuckDB ms".padStart(10)} ${"ratio".padStart(7)} ${"rows".padStart(6)}`);
    for (const [name, sql] of QUERIES) {
      const measure = async (fn: (sql: string) => Promise<{ rows: number }>) => {
        for (let i = 0; i < 2; i++) await fn(sql);
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < ITERATIONS; i++) {
          started = performance.now();
          rows = (await fn(sql)).rows;
          times.push(performance.now() - started);
        }
        return { ms: median(times), rows };
      };
      const h = await measure(viaHttp);
      const d = await measure(viaDuckDb);
      if (h.rows !== d.rows) throw new Error(`${name}: HTTP returned ${h.rows} rows, DuckDB ${d.rows}`);
      say(`${name.padEnd(20)} ${h.ms.toFixed(1).padStart(9)} ${d.ms.toFixed(1).padStart(10)} ${(h.ms / d.ms).toFixed(2).padStart(7)} ${String(h.rows).padStart(6)}`);
    }

    say("");
    say(`small query (${SMALL}) throughput, ${THROUGHPUT_SECONDS} s each`);
    say(`${"clients".padEnd(8)} ${"queries/s".padStart(10)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
    for (const clients of CONCURRENCY) {
      const latencies: number[] = [];
      const deadline = performance.now() + THROUGHPUT_SECONDS * 1000;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline) {
            const s = performance.now();
            await viaHttp(SMALL);
            latencies.push(performance.now() - s);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN;
      say(`${String(clients).padEnd(8)} ${(latencies.length / seconds).toFixed(1).padStart(10)} ${p(0.5).toFixed(1).padStart(8)} ${p(0.99).toFixed(1).padStart(8)}`);
    }

    agent.destroy();
    conn.closeSync();
    direct.closeSync();
    await service.stop();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
    await store.close();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
