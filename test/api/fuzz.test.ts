// Property-based fuzzing of the whole API (issue 10 §2), with valid credentials so requests get
// past authentication into decoding, validation, the handlers and the database. Every RPC path
// comes from the route table (Connect paths, contract paths, Connect GET), each with JSON and
// binary bodies generated from the request descriptors. For every request:
//   - the answer is never a 5xx, and every refusal carries an ErrorDetail reason;
//   - a refused request changes no row (checksums of every table before and after);
// and the server stays ready (/readyz) throughout.
// Seeded and time-bounded: FUZZ_SEED, FUZZ_RUNS and FUZZ_SECONDS widen it (default ~45 s of runs).
import { randomUUID } from "node:crypto";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { base64Encode } from "@bufbuild/protobuf/wire";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { createTask as createTaskRow } from "../../src/lifecycle/index.js";
import { WORKER_TOKEN_HEADER } from "../../src/rpc/auth.js";
import type { RpcRoute } from "../../src/rpc/routes.js";
import { TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { testBackends } from "../support/databases.js";
import { motoUnavailableReason, startMotoServer, type MotoServer } from "../support/moto.js";
import { binaryMessageArbitrary, jsonMessageArbitrary, textArbitrary } from "../support/request-arbitraries.js";
import { reasonOf, type ConnectErrorBody } from "../rpc/harness.js";
import { ADMIN_TOKEN, BUNDLE_SHA, claim, registerJob, startApiServer, WORKER_TOKEN, type ApiServer, type Leased } from "./harness.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);

/** One way to call an RPC over HTTP. */
interface Endpoint {
  route: RpcRoute;
  kind: "post" | "contract-get" | "connect-get";
  path: string;
}

/** Every path and method the route table serves. */
function endpointsOf(routes: readonly RpcRoute[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const route of routes) {
    out.push({ route, kind: "post", path: route.connectPath });
    if (route.method.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS) out.push({ route, kind: "connect-get", path: route.connectPath });
    if (route.contract !== undefined) out.push({ route, kind: route.contract.httpMethod === "GET" ? "contract-get" : "post", path: route.contract.path });
  }
  return out;
}

/** The request a case sends, before credentials and the fence are applied. */
interface Case {
  endpoint: Endpoint;
  encoding: "json" | "proto";
  json: Record<string, unknown>;
  binary: Uint8Array;
  /** Put the live lease's fence into a TaskService body (else the claims check refuses it early). */
  fenced: boolean;
}

/** One statement: an md5 of every row of every table, so any write shows. */
async function checksumQuery(db: Database): Promise<string> {
  const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const columns = tables.map((t) => String(t.table_name)).map((t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t}" x) AS "${t}"`);
  return `SELECT ${columns.join(", ")}`;
}

// /v1/task/credentials needs an STS: moto when installed (CI). Without it that one RPC answers
// 503 unavailable/sts_unavailable, the correct answer for a missing upstream, which is then allowed.
const motoMissing = motoUnavailableReason();
if (motoMissing) console.warn(`fuzz: no STS fake (${motoMissing}); GetCredentials may answer 503 sts_unavailable`);

const backends = testBackends();
const backend = backends[backends.length - 1]; // real Postgres when available: its text rules are the ones that matter

describe(`API fuzz [${backend?.name}]`, () => {
  let db: Database;
  let api: ApiServer;
  let moto: MotoServer | undefined;
  let checksums: string;
  let lease: Leased;
  let workerJobId: string;
  const knownIds: string[] = [];

  /** A RUNNING worker task whose fence fenced cases use; renewed whenever a case ended it. */
  async function ensureLease(): Promise<void> {
    const [row] = await db.query(`SELECT state, lease_token FROM tasks WHERE task_id = $1`, [lease.taskId]);
    if (row?.state === "RUNNING" && row.lease_token === lease.leaseToken) return;
    for (let tries = 0; tries < 3; tries++) {
      const created = await createTaskRow(api.ctx, { jobId: workerJobId });
      if (created.ok) {
        try {
          lease = await claim(api, created.task.taskId, "fuzz-worker");
          knownIds.push(lease.taskId, lease.leaseToken);
          return;
        } catch {
          // the job was paused, capped or rewritten by a fuzzed RegisterJob: use a fresh one
        }
      }
      workerJobId = (await registerJob(api, { name: `fuzz_${randomUUID().slice(0, 8)}` })).jobId;
      knownIds.push(workerJobId);
    }
    throw new Error("could not lease a task for the fuzz cases");
  }

  beforeAll(async () => {
    if (backend === undefined) throw new Error("no test backend");
    db = await backend.open();
    moto = motoMissing === null ? await startMotoServer() : undefined;
    api = await startApiServer(db, moto === undefined ? {} : { stsEndpoint: moto.endpoint });
    checksums = await checksumQuery(db);
    const job = await registerJob(api, { name: "fuzz_worker" });
    workerJobId = job.jobId;
    const lambda = await registerJob(api, { name: "fuzz_lambda", runtime: "RUNTIME_LAMBDA" });
    knownIds.push(job.jobId, lambda.jobId, BUNDLE_SHA, "monad", "fuzz_worker", "op", "s3://out-bucket/tasks/out/x", "TASK_STATUS_COMPLETED");
    lease = await claim(api, await createTaskOver(api, job.jobId), "fuzz-worker");
    knownIds.push(lease.taskId, lease.leaseToken);
  });
  afterAll(async () => {
    await api?.close();
    await moto?.stop();
  });

  async function send(c: Case): Promise<{ status: number; text: string; contentType: string }> {
    const { endpoint } = c;
    const service = endpoint.route.service.typeName;
    const headers: Record<string, string> = {};
    if (service.endsWith("AdminService")) headers["authorization"] = `Bearer ${ADMIN_TOKEN}`;
    else if (service.endsWith("WorkerService")) headers[WORKER_TOKEN_HEADER] = WORKER_TOKEN;
    else headers[TASK_CAPABILITY_HEADER] = lease.token;
    const json = c.fenced && service.endsWith("TaskService") ? { ...c.json, ...lease.fence } : c.json;
    let url = `${api.url}${endpoint.path}`;
    let init: RequestInit = { method: "GET", headers };
    if (endpoint.kind === "contract-get") {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(json)) {
        for (const item of Array.isArray(value) ? value : [value]) query.append(key, typeof item === "string" ? item : JSON.stringify(item));
      }
      url += `?${query}`;
    } else if (endpoint.kind === "connect-get") {
      const message = c.encoding === "json" ? encodeURIComponent(JSON.stringify(json)) : encodeURIComponent(base64Encode(c.binary, "url"));
      url += `?connect=v1&encoding=${c.encoding}${c.encoding === "proto" ? "&base64=1" : ""}&message=${message}`;
    } else {
      const body = c.encoding === "json" ? JSON.stringify(json) : Buffer.from(c.binary);
      init = { method: "POST", headers: { ...headers, "content-type": `application/${c.encoding}` }, body };
    }
    const response = await fetch(url, init);
    return { status: response.status, text: await response.text(), contentType: response.headers.get("content-type") ?? "" };
  }

  it(
    "never answers 5xx, refuses with a reason and without writing, and stays ready",
    async () => {
      const endpoints = endpointsOf(api.server.routes.routes);
      const text = textArbitrary(() => knownIds);
      const caseArbitrary: fc.Arbitrary<Case> = fc.constantFrom(...endpoints).chain((endpoint) =>
        fc.record({
          endpoint: fc.constant(endpoint),
          encoding: fc.constantFrom<"json" | "proto">("json", "proto"),
          json: jsonMessageArbitrary(endpoint.route.method.input, text),
          binary: binaryMessageArbitrary(endpoint.route.method.input, text),
          fenced: fc.boolean(),
        }),
      );
      const statuses = new Map<number, number>();
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(caseArbitrary, async (c) => {
          await ensureLease();
          const [before] = await db.query(checksums);
          const reply = await send(c);
          cases++;
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const where = `${c.endpoint.kind} ${c.endpoint.path} (${c.encoding})`;
          const missingSts = moto === undefined && reply.status === 503 && reply.text.includes('"sts_unavailable"');
          if (!missingSts) expect(reply.status, `${where}: ${reply.text.slice(0, 300)}`).toBeLessThan(500);
          if (reply.status === 200) return;
          const error = JSON.parse(reply.text) as ConnectErrorBody;
          expect(reasonOf(error), `${where}: ${reply.text.slice(0, 300)}`).toBeTruthy();
          const [after] = await db.query(checksums);
          expect(after, `${where} was refused (${reasonOf(error)}) but changed rows`).toEqual(before);
          if (cases % 200 === 0) expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
        }),
        { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false, endOnFailure: true },
      );
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
      console.log(`fuzz: ${cases} requests over ${endpoints.length} endpoints, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(cases).toBeGreaterThan(endpoints.length);
    },
    (SECONDS + 60) * 1000,
  );
});

async function createTaskOver(api: ApiServer, jobId: string): Promise<string> {
  const reply = await api.admin("/v1/admin/tasks", { job_id: jobId });
  if (reply.status !== 200) throw new Error(`create task: ${JSON.stringify(reply.json)}`);
  return (reply.json["task"] as { task_id: string }).task_id;
}
