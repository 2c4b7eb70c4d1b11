// The Query Service's behaviour besides the attack suite: answers, the row-limit clamp, the byte
// cap, CONTRACT §4 steps 1-3 against the remote JWKS (with rotation and the bounded refetch), the
// audit record and counter, and the runtime hardening on its own (as if the gate had let a
// statement through).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHardened } from "../../src/query/engine.js";
import { clampRowLimit } from "../../src/query/limits.js";
import { loadQueryConfig, QueryConfigError } from "../../src/query/config.js";
import { DATASET, newKeyring, parquetBytes, reasonOf, startQueryFixture, TASK_ID, type QueryFixture } from "./fixture.js";

let fx: QueryFixture;
let token: string;

beforeAll(async () => {
  fx = await startQueryFixture({ TRACE_QUERY_MAX_RESPONSE_BYTES: "2048" });
  token = await fx.token();
}, 60_000);
afterAll(async () => fx?.close());

describe("answers", () => {
  it("returns columns with DuckDB types, JSON-safe rows (BIGINT as strings) and counts", async () => {
    const reply = await fx.query({ sql: "SELECT id, grp, amount, name FROM dataset WHERE id < 3 ORDER BY id" }, token);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(reply.json["columns"]).toEqual([
      { name: "id", type: "BIGINT" },
      { name: "grp", type: "BIGINT" },
      { name: "amount", type: "DOUBLE" },
      { name: "name", type: "VARCHAR" },
    ]);
    expect(reply.json["rows"]).toEqual([
      ["0", "0", 0, "row-0"],
      ["1", "1", 1.5, "row-1"],
      ["2", "2", 3, "row-2"],
    ]);
    expect(reply.json["truncated"]).toBe(false);
    expect(reply.json["row_count"]).toBe(3);
    expect(Number(reply.json["byte_count"])).toBeGreaterThan(0);
    expect(reply.json["dataset_version"]).toBe("v3");
  });

  it("WITH ... SELECT and an aggregate with a filter", async () => {
    const reply = await fx.query({ sql: "WITH g AS (SELECT grp, sum(amount) AS s FROM dataset WHERE grp < 2 GROUP BY grp) SELECT * FROM g ORDER BY grp" }, token);
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(reply.json["rows"]).toEqual([
      ["0", 675],
      ["1", 690],
    ]);
  });

  it("clamps the limit and says truncated when rows were cut", async () => {
    const reply = await fx.query({ sql: "SELECT id FROM dataset ORDER BY id", limit: 5 }, token);
    expect(reply.json["row_count"]).toBe(5);
    expect(reply.json["truncated"]).toBe(true);
    expect(clampRowLimit(0)).toBe(1_000);
    expect(clampRowLimit(50_000)).toBe(10_000);
    expect(clampRowLimit(1)).toBe(1);
  });

  it("the default limit is 1,000 and larger results are truncated at the byte cap", async () => {
    // 100 rows of ~25 bytes exceed the fixture's 2,048-byte cap.
    const reply = await fx.query({ sql: "SELECT name, name AS a, name AS b FROM dataset ORDER BY id" }, token);
    expect(reply.status).toBe(200);
    expect(reply.json["truncated"]).toBe(true);
    expect(Number(reply.json["byte_count"])).toBeLessThanOrEqual(2048);
    expect(reply.json["row_count"]).toBeLessThan(100);
  });

  it("a single row larger than the byte cap is resource_exhausted", async () => {
    const reply = await fx.query({ sql: "SELECT repeat('x', 5000) AS big" }, token);
    expect(reply.status).toBe(429);
    expect(reasonOf(reply.json)).toBe("response_too_large");
  });
});

describe("authentication and the fence (CONTRACT §4 steps 1-3)", () => {
  it("no token: unauthenticated", async () => {
    const reply = await fx.query({ sql: "SELECT 1" }, null);
    expect(reply.status).toBe(401);
    expect(reasonOf(reply.json)).toBe("token_missing");
  });

  it("a token signed by a key the JWKS does not list: unauthenticated", async () => {
    const stranger = await newKeyring("stranger");
    const reply = await fx.query({ sql: "SELECT 1" }, await fx.token({}, stranger));
    expect(reply.status).toBe(401);
    expect(reasonOf(reply.json)).toBe("unknown_kid");
  });

  it("a token for another attempt or task: permission_denied", async () => {
    const otherAttempt = await fx.query({ attempt: 3, sql: "SELECT 1" }, token);
    expect(otherAttempt.status).toBe(403);
    expect(reasonOf(otherAttempt.json)).toBe("claims_mismatch");
    const otherTask = await fx.query({ task_id: "9f8b6a52-3c1d-4e8f-9a7b-2c4d6e8f0a1b", sql: "SELECT 1" }, token);
    expect(otherTask.status).toBe(403);
  });

  it("rotation: a new key is picked up with one refetch, and unknown kids refetch at most once per cooldown", async () => {
    const rotated = await newKeyring("key-2");
    fx.serveKeys(rotated);
    const before = fx.jwksFetches();
    const reply = await fx.query({ sql: "SELECT count(*) FROM dataset" }, await fx.token({}, rotated));
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    expect(fx.jwksFetches()).toBe(before + 1);
    const stranger = await newKeyring("never-served");
    const strangerToken = await fx.token({}, stranger);
    const fetched = fx.jwksFetches();
    for (let i = 0; i < 3; i++) await fx.query({ sql: "SELECT 1" }, strangerToken);
    // Cooldown 0 in this fixture: one refetch per unknown-kid token, never more.
    expect(fx.jwksFetches() - fetched).toBeLessThanOrEqual(3);
  });
});

describe("bounded refetch with the default cooldown", () => {
  it("a burst of unknown-kid tokens costs at most one JWKS fetch", async () => {
    const other = await startQueryFixture({ TRACE_QUERY_JWKS_COOLDOWN_MS: "30000" });
    try {
      const good = await other.token();
      expect((await other.query({ sql: "SELECT 1" }, good)).status).toBe(200);
      const fetched = other.jwksFetches();
      const stranger = await other.token({}, await newKeyring("never-served"));
      const replies = await Promise.all(Array.from({ length: 10 }, () => other.query({ sql: "SELECT 1" }, stranger)));
      expect(replies.every((r) => r.status === 401)).toBe(true);
      expect(other.jwksFetches() - fetched).toBeLessThanOrEqual(1);
    } finally {
      await other.close();
    }
  }, 60_000);
});

describe("audit", () => {
  it("counts every query by outcome; the SQL text appears nowhere in the metrics", async () => {
    const current = await fx.token(); // the rotation test above changed the signing key
    expect((await fx.query({ sql: "SELECT 'secret-marker-123' FROM dataset LIMIT 1" }, current)).status).toBe(200);
    expect((await fx.query({ sql: "SELECT * FROM read_csv('/etc/passwd-marker-456')" }, current)).status).toBe(400);
    const metrics = await (await fetch(`${fx.url}/metrics`)).text();
    expect(metrics).toMatch(/trace_query_requests_total\{outcome="ok",reason=""\} \d+/);
    expect(metrics).toMatch(/trace_query_requests_total\{outcome="refused",reason="keyword_not_allowed"\} \d+/);
    expect(metrics).not.toContain("secret-marker-123");
  });

  it("writes one structured audit line per query, without the SQL text", async () => {
    const before = fx.logLines.length;
    await fx.query({ sql: "SELECT 'audit-marker-789' AS m, count(*) FROM dataset" }, await fx.token());
    const lines = fx.logLines.slice(before);
    expect(lines.join("\n")).not.toContain("audit-marker-789");
    const audits = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l["component"] === "query-audit");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ org_id: "org-42", task_id: TASK_ID, attempt: 2, dataset: DATASET, dataset_version: "v3", outcome: "ok", rows: 1 });
    expect(typeof audits[0]?.["duration_ms"]).toBe("number");
  });
});

describe("runtime hardening without the gate", () => {
  it("file readers, settings and extensions are refused by the engine itself", async () => {
    const dir = await mkdtemp(join(tmpdir(), "query-hardening-"));
    try {
      await writeFile(join(dir, "0.parquet"), await parquetBytes(5, dir));
      await rm(join(dir, "gen-5.parquet"));
      const db = await openHardened(`${dir}/`, `${dir}/*.parquet`, { memoryMiB: 64, threads: 1 });
      try {
        expect((await db.connection.runAndReadAll("SELECT count(*) FROM dataset")).getRowsJson()).toEqual([["5"]]);
        await expect(db.connection.run("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled/);
        await expect(db.connection.run("SET enable_external_access=true")).rejects.toThrow(/lock|configuration/i);
        await expect(db.connection.run("SET memory_limit='10GB'")).rejects.toThrow(/lock|configuration/i);
        await expect(db.connection.run("LOAD httpfs")).rejects.toThrow();
        await expect(db.connection.run("ATTACH '/tmp/query-hardening.db' AS x")).rejects.toThrow();
      } finally {
        db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("configuration", () => {
  it("production settings: JWKS from TRACE_DISPATCHER_URL, S3 endpoint unset (AWS), limits validated", () => {
    const config = loadQueryConfig({ TRACE_DISPATCHER_URL: "https://dispatcher.internal:8443", TRACE_QUERY_MEMORY_MIB: "1024", TRACE_QUERY_THREADS: "4" });
    expect(config.jwksUrl).toBe("https://dispatcher.internal:8443/internal/jwks/task");
    expect(config.s3Endpoint).toBeUndefined();
    expect(config.limits.memoryMiB).toBe(1024);
    expect(() => loadQueryConfig({})).toThrow(QueryConfigError);
    expect(() => loadQueryConfig({ TRACE_QUERY_JWKS_URL: "file:///etc/jwks" })).toThrow(QueryConfigError);
    expect(() => loadQueryConfig({ TRACE_QUERY_JWKS_URL: "http://x/", TRACE_QUERY_THREADS: "0" })).toThrow(QueryConfigError);
  });

  it("storage that cannot be reached answers unavailable, not an internal error", async () => {
    const unreachable = await startQueryFixture({ TRACE_QUERY_S3_ENDPOINT: "http://127.0.0.1:9" });
    try {
      // The fixture's S3 client override wins; point a fresh service at a dead endpoint instead.
      const { startQueryService } = await import("../../src/query/app.js");
      const { createS3Client } = await import("../../src/objectstore/s3.js");
      const { silentLogger } = await import("../../src/log/logger.js");
      const app = await startQueryService(
        loadQueryConfig({ TRACE_QUERY_JWKS_URL: `${unreachable.url}/nowhere`, TRACE_QUERY_PORT: "0", TRACE_QUERY_WORK_DIR: join(tmpdir(), `q-dead-${process.pid}`) }),
        {
          logger: silentLogger,
          s3: createS3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "a", secretAccessKey: "b" } }),
          verifier: (await import("../../src/auth/verify.js")).createTaskTokenVerifier({ issuer: "trace-dispatcher", keys: unreachable.keyring.verificationKeys }),
        },
      );
      try {
        const response = await fetch(`${app.url}/v1/task/query`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-trace-task-capability": await unreachable.token() },
          body: JSON.stringify({ task_id: TASK_ID, attempt: 2, dataset: DATASET, sql: "SELECT 1" }),
        });
        expect(response.status).toBe(503);
        expect(reasonOf((await response.json()) as Record<string, unknown>)).toBe("storage_unavailable");
      } finally {
        await app.stop();
      }
    } finally {
      await unreachable.close();
    }
  }, 60_000);
});

describe("authentication comes before the body", () => {
  it("a request without a token is unauthenticated even when its body does not parse", async () => {
    const response = await fetch(`${fx.url}/v1/task/query`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(response.status).toBe(401);
    expect(reasonOf((await response.json()) as Record<string, unknown>)).toBe("token_missing");
  });
});
