// A real Query Service for tests: the embedded S3-compatible store holding Parquet written by
// DuckDB, a JWKS served over HTTP (mutable, for rotation), ES256 tokens minted by the project's
// keyring, and the service started exactly as `query-service` starts it (remote JWKS verifier).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateSigningKey } from "../../src/auth/keyring-admin.js";
import { loadKeyring, toPublicJwk, type TaskTokenKeyring } from "../../src/auth/keyring.js";
import { mintTaskToken, type MintTaskTokenInput } from "../../src/auth/mint.js";
import { createLogger } from "../../src/log/logger.js";
import { startLocalS3, type LocalS3 } from "../../src/objectstore/local-s3.js";
import { createS3Client, putObject } from "../../src/objectstore/s3.js";
import { reasonOf as decodeReason, type ConnectErrorBody } from "../rpc/harness.js";
import { startQueryService, type QueryServiceApp } from "../../src/query/app.js";
import { loadQueryConfig } from "../../src/query/config.js";

export const ISSUER = "trace-dispatcher";
export const TASK_ID = "0f8b6a52-3c1d-4e8f-9a7b-2c4d6e8f0a1b";
export const DATASET = "7d3c1b2a-9e8f-4a6b-8c5d-1e2f3a4b5c6d";
export const OTHER_DATASET = "11111111-2222-4333-8444-555555555555";
export const NO_REF_DATASET = "22222222-3333-4444-8555-666666666666";
export const DOTDOT_DATASET = "33333333-4444-4555-8666-777777777777";
export const OUTSIDE_DATASET = "44444444-5555-4666-8777-888888888888";
export const DATA_PREFIX = "s3://data-bucket/datasets/x/v3/";
export const OTHER_PREFIX = "s3://data-bucket/datasets/other/v1/";
const CREDENTIALS = { accessKeyId: "AKIDQUERYTEST", secretAccessKey: "query-test-secret" };

export const GRANTS: MintTaskTokenInput = {
  orgId: "org-42",
  taskId: TASK_ID,
  attempt: 2,
  datasets: [
    { dataset_uuid: DATASET, dataset_version: "v3", storage_ref: DATA_PREFIX },
    { dataset_uuid: NO_REF_DATASET, dataset_version: "v1" },
    { dataset_uuid: DOTDOT_DATASET, dataset_version: "v1", storage_ref: "s3://data-bucket/datasets/x/../other/v1/" },
    { dataset_uuid: OUTSIDE_DATASET, dataset_version: "v1", storage_ref: OTHER_PREFIX },
  ],
  s3: { read_prefixes: ["s3://data-bucket/datasets/x/"], write_prefixes: [] },
  jobTimeoutSeconds: 900,
  leaseSeconds: 120,
};

export interface QueryFixture {
  url: string;
  app: QueryServiceApp;
  keyring: TaskTokenKeyring;
  jwksFetches: () => number;
  /** Every log line the service wrote (debug and up). */
  logLines: string[];
  /** Replaces the served JWKS (rotation). */
  serveKeys(keyring: TaskTokenKeyring): void;
  token(input?: Partial<MintTaskTokenInput>, keyring?: TaskTokenKeyring): Promise<string>;
  query(body: Record<string, unknown>, token: string | null): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function newKeyring(kid: string): Promise<TaskTokenKeyring> {
  return loadKeyring({ jwksJson: JSON.stringify({ keys: [await generateSigningKey({ kid })] }) });
}

/** Writes `rows` rows (id, grp, amount, name) as one Parquet file with DuckDB and returns its bytes. */
export async function parquetBytes(rows: number, dir: string): Promise<Buffer> {
  const file = join(dir, `gen-${rows}.parquet`);
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(
    `COPY (SELECT range AS id, range % 10 AS grp, (range * 1.5)::DOUBLE AS amount, 'row-' || range AS name FROM range(${rows})) TO '${file}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  return readFile(file);
}

export async function startQueryFixture(env: Record<string, string> = {}): Promise<QueryFixture> {
  const work = await mkdtemp(join(tmpdir(), "query-test-"));
  const s3Server: LocalS3 = await startLocalS3({ credentials: CREDENTIALS });
  const s3 = createS3Client({ region: "us-east-1", endpoint: s3Server.url, credentials: CREDENTIALS });
  await putObject(s3, { bucket: "data-bucket", key: "datasets/x/v3/part-0.parquet" }, await parquetBytes(100, work), "application/octet-stream");
  await putObject(s3, { bucket: "data-bucket", key: "datasets/other/v1/part-0.parquet" }, await parquetBytes(7, work), "application/octet-stream");

  let keyring = await newKeyring("key-1");
  let fetches = 0;
  const jwksServer = http.createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: keyring.publicJwks.keys.map(toPublicJwk) }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/internal/jwks/task`;

  const config = loadQueryConfig({
    TRACE_QUERY_JWKS_URL: jwksUrl,
    TRACE_QUERY_PORT: "0",
    TRACE_QUERY_WORK_DIR: join(work, "service"),
    TRACE_QUERY_JWKS_COOLDOWN_MS: "0",
    ...env,
  });
  const logLines: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });
  const app = await startQueryService(config, { logger, s3 });
  const fixture: QueryFixture = {
    url: app.url,
    app,
    get keyring() {
      return keyring;
    },
    jwksFetches: () => fetches,
    logLines,
    serveKeys(next) {
      keyring = next;
    },
    async token(input = {}, signer = keyring) {
      return (await mintTaskToken({ keyring: signer, issuer: ISSUER }, { ...GRANTS, ...input })).token;
    },
    async query(body, token) {
      const response = await fetch(`${app.url}/v1/task/query`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token !== null ? { "x-trace-task-capability": token } : {}) },
        body: JSON.stringify({ task_id: TASK_ID, attempt: 2, dataset: DATASET, ...body }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await app.stop();
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
      await s3Server.close();
      await rm(work, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** The ErrorDetail reason of a Connect JSON error body. */
export function reasonOf(json: Record<string, unknown>): string | undefined {
  return decodeReason(json as unknown as ConnectErrorBody);
}
