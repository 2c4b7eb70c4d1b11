// The sample DAG's input data: a small Parquet dataset version of RAW, written with DuckDB into the
// embedded S3-compatible store under the version's storage prefix. The demo host writes it (with
// the store's own credentials) because the embedded default has no STS to mint the extract task
// write credentials from; a deployed extract would write it with ctx.credentials(). `extract` then
// publishes that version (datasets_published) and `transform` reads it through /v1/task/query.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { DuckDBInstance } from "@duckdb/node-api";
import { putObject } from "../objectstore/s3.js";
import type { CanonicalS3Prefix } from "../credentials/s3-prefix.js";

export const SAMPLE_ROWS = 1_000;

/** Writes `part-0.parquet` (id, sensor, reading, at) under `prefix`. Idempotent: same rows every time. */
export async function writeSampleParquet(client: S3Client, prefix: CanonicalS3Prefix): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "trace-demo-"));
  try {
    const file = join(dir, "part-0.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    try {
      await connection.run(
        `COPY (SELECT range AS id, 'sensor-' || (range % 5) AS sensor, round(20 + (range % 17) * 0.5, 2) AS reading,
                TIMESTAMP '2026-01-01' + INTERVAL (range) MINUTE AS at FROM range(${SAMPLE_ROWS}))
         TO '${file}' (FORMAT parquet)`,
      );
    } finally {
      connection.closeSync();
      db.closeSync();
    }
    await putObject(client, { bucket: prefix.bucket, key: `${prefix.keyPrefix}part-0.parquet` }, await readFile(file), "application/octet-stream");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
