// The bare floor of the e2e loop (issue "The whole loop at the speed Node allows"): what Node
// itself costs for lease → ES256 token → invoke → runner completes over HTTP, with none of the
// project's code on the path. bench/e2e.ts runs it in the same process, on the same database
// server, beside the project's loop and prints the ratio.
//
//   - claims of up to 100 tasks in one statement (FOR UPDATE SKIP LOCKED), as many as there are
//     free runner slots;
//   - per task a node:crypto ES256 JWT (KeyObject, raw r||s) and a JSON payload with the same
//     fields as the project's invocation, handed to an in-process runner (the "invoke");
//   - the runner POSTs the completion over a keep-alive node:http client to a bare node:http
//     server, which verifies the token with node:crypto, checks the fence claims and group-commits
//     every completion waiting at that moment in one fenced UPDATE … FROM unnest(…).
//
// No attempt history, outbox, security log or Connect: that is the project's work the ratio weighs.
import { generateKeyPairSync, randomUUID, sign as cryptoSign, verify as cryptoVerify } from "node:crypto";
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import postgres from "postgres";

export interface FloorResult {
  tasksPerSecond: number;
  /** This process's CPU as a share of one core during the run. */
  nodeCpu: number;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A runner's fenced call waiting for its commit, and where its answer goes. */
export interface FencedCall {
  taskId: string;
  leaseToken: string;
  reply: ServerResponse;
}

/**
 * The floors' group commit: a call arriving while a statement runs waits and goes with every
 * other call waiting in the next one (`run` answers each call of its batch).
 */
export function groupCommit<T>(run: (batch: T[]) => Promise<void>): (call: T) => void {
  let pending: T[] = [];
  let committing = false;
  const next = async (): Promise<void> => {
    if (committing || pending.length === 0) return;
    committing = true;
    const batch = pending;
    pending = [];
    await run(batch);
    committing = false;
    void next();
  };
  return (call) => {
    pending.push(call);
    void next();
  };
}

/** Runs the floor loop over the QUEUED backlog (n tasks) of the database at `url`. */
export async function floorThroughput(url: string, inFlight: number, n: number): Promise<FloorResult> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const header = b64({ alg: "ES256", kid: "floor", typ: "JWT" });
  const sql = postgres(url, { max: 8, onnotice: () => {} });

  // --- server: verify, then group-commit --------------------------------------------------------
  const commit = groupCommit<FencedCall>(async (batch) => {
    const done = await sql`
      UPDATE tasks SET state = 'COMPLETED', lease_token = NULL, lease_expires_at = NULL, updated_at = now()
      FROM unnest(${batch.map((c) => c.taskId)}::uuid[], ${batch.map((c) => c.leaseToken)}::uuid[]) AS c(task_id, lease_token)
      WHERE tasks.task_id = c.task_id AND tasks.lease_token = c.lease_token AND tasks.state = 'RUNNING'
      RETURNING tasks.task_id`;
    const accepted = new Set(done.map((r) => String(r.task_id)));
    for (const c of batch) c.reply.end(accepted.has(c.taskId) ? '{"accepted":true}' : '{"accepted":false}');
  });
  function refuse(res: ServerResponse, status: number): void {
    res.statusCode = status;
    res.end("{}");
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const token = req.headers["x-trace-task-capability"];
      const parts = typeof token === "string" ? token.split(".") : [];
      if (parts.length !== 3) return refuse(res, 401);
      const [h, p, s] = parts as [string, string, string];
      if (!cryptoVerify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) {
        return refuse(res, 401);
      }
      const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as { task_id: string; attempt: number; exp: number };
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { task_id: string; attempt: number; lease_token: string };
      if (claims.task_id !== body.task_id || claims.attempt !== body.attempt || claims.exp * 1000 < Date.now()) return refuse(res, 403);
      res.setHeader("content-type", "application/json");
      commit({ taskId: body.task_id, leaseToken: body.lease_token, reply: res });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  // --- runner: an in-process "Lambda" that completes over HTTP ----------------------------------
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight, maxFreeSockets: inFlight });
  let completed = 0;
  let running = 0;
  let wake: (() => void) | undefined;
  let finished: (() => void) | undefined;
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  function runTask(payloadJson: string): void {
    const payload = JSON.parse(payloadJson) as { task_id: string; attempt: number; lease_token: string; capability_token: string };
    const body = JSON.stringify({ task_id: payload.task_id, attempt: payload.attempt, lease_token: payload.lease_token, status: "TASK_STATUS_COMPLETED" });
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/v1/task/complete",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-trace-task-capability": payload.capability_token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          if (res.statusCode !== 200 || !Buffer.concat(chunks).toString().includes('"accepted":true')) throw new Error(`floor completion refused: ${res.statusCode}`);
          running--;
          if (++completed >= n) finished?.();
          wake?.();
        });
      },
    );
    req.end(body);
  }

  // --- the claim loop ---------------------------------------------------------------------------
  const startCpu = process.cpuUsage();
  const start = performance.now();
  let claimed = 0;
  while (claimed < n) {
    const free = Math.min(100, inFlight - running, n - claimed);
    if (free <= 0) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const leases = await sql`
      UPDATE tasks SET state = 'RUNNING', lease_token = gen_random_uuid(), lease_expires_at = now() + interval '10 minutes',
             worker_id = 'floor', started_at = now(), updated_at = now()
      WHERE task_id IN (SELECT task_id FROM tasks WHERE state = 'QUEUED' ORDER BY queued_at LIMIT ${free} FOR UPDATE SKIP LOCKED)
      RETURNING task_id, attempt, lease_token, lease_expires_at, inputs`;
    if (leases.length === 0) throw new Error("floor: the backlog ran dry");
    claimed += leases.length;
    const iat = Math.floor(Date.now() / 1000);
    for (const lease of leases) {
      const taskId = String(lease.task_id);
      const claims = b64({
        iss: "https://dispatcher.bench", aud: "trace.task", sub: `task:${taskId}`, exp: iat + 1200, iat, jti: randomUUID(),
        org_id: "bench", task_id: taskId, attempt: lease.attempt, datasets: [], s3: { read_prefixes: [], write_prefixes: [] },
      });
      const signature = cryptoSign("sha256", Buffer.from(`${header}.${claims}`), { key: privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url");
      running++;
      // The same fields as the project's TaskInvocation; the bundle URL is a presigned-URL-sized string.
      runTask(
        JSON.stringify({
          task_id: taskId,
          attempt: lease.attempt,
          lease_token: String(lease.lease_token),
          lease_expires_at: (lease.lease_expires_at as Date).toISOString(),
          capability_token: `${header}.${claims}.${signature}`,
          bundle_url: `https://bench-bundles.s3.us-east-1.amazonaws.com/bundles/${"e".repeat(64)}.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDBENCH%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261201T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=${"0".repeat(64)}`,
          bundle_sha256: "e".repeat(64),
          job: { dag_name: "bench", name: "e2e" },
          operator: "noop",
          config: { dataset_uuid: "6f1c2c3e-8d1a-4f57-9a43-3a4d1b2c0001" },
          inputs: lease.inputs,
        }),
      );
    }
  }
  await allDone;
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(startCpu);
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sql.end();
  return { tasksPerSecond: n / seconds, nodeCpu: (cpu.user + cpu.system) / 1e6 / seconds };
}
