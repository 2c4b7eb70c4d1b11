// How a chaos runner or worker plays one attempt against the Dispatchers' task API over HTTP:
// heartbeat, then complete / fail / abandon as the seeded dice say, sometimes sending the
// completion twice or to another Dispatcher instance than the heartbeat. Every call fails over to
// the next instance when one is dead or frozen (SIGKILL, SIGSTOP, database restart), as a runner
// behind a load balancer would. Each attempt ends in one Report line for the audit.
import { pick } from "./random.js";

export interface Fence {
  task_id: string;
  attempt: number;
  lease_token: string;
  /** The delivery's own id (runners generate one per delivery), copied into every task call. */
  delivery_id?: string;
}

export interface Report {
  task_id: string;
  attempt: number;
  /** 0: the original delivery; 1+: a duplicate or late copy of the same event (lambda only). */
  delivery: number;
  action: "abandon" | "complete" | "fail" | "refused";
  /** Per completion sent: accepted | duplicate | <refusal reason> | error. */
  results: string[];
  /** 5xx answers seen (the API should answer 4xx or succeed; a dead database is `unavailable`). */
  http5xx: number;
}

export interface PlayContext {
  urls: readonly string[];
  random: () => number;
  id: string;
}

// Generous: on a loaded 2-core CI machine a healthy instance can take a second or two to answer;
// a frozen one is abandoned after this long and the call moves on to the next.
const CALL_TIMEOUT_MS = 5000;
const debug = process.env.CHAOS_DEBUG === "1";
const FAILOVER_ROUNDS = 15;

type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; reason: string; status: number };

/** POSTs to `first`, failing over to the other instances on network errors, timeouts and 5xx. */
export async function call(ctx: PlayContext, first: string, path: string, body: object, headers: Record<string, string>, on5xx: () => void): Promise<Answer> {
  const order = [first, ...ctx.urls.filter((u) => u !== first)];
  for (let round = 0; round < FAILOVER_ROUNDS; round++) {
    for (const url of order) {
      try {
        const res = await fetch(url + path, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        if (res.status >= 500) {
          on5xx();
          continue;
        }
        if (res.ok) return { ok: true, body: json };
        const details = json.details as { debug?: { reason?: string } }[] | undefined;
        return { ok: false, status: res.status, reason: details?.[0]?.debug?.reason ?? String(json.code ?? res.status) };
      } catch (err) {
        // dead, frozen or restarting: try the next instance
        if (debug) process.stderr.write(`[${ctx.id}] ${path} via ${url}: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    await new Promise((r) => setTimeout(r, 200 * (round + 1)));
  }
  return { ok: false, status: 0, reason: "unreachable" };
}

/** Plays one leased attempt; `capability` is the task token from the invocation or claim. */
export async function playAttempt(ctx: PlayContext, fence: Fence, capability: string, delivery: number): Promise<Report> {
  const report: Report = { task_id: fence.task_id, attempt: fence.attempt, delivery, action: "refused", results: [], http5xx: 0 };
  const on5xx = () => void (report.http5xx += 1);
  const headers = { "x-trace-task-capability": capability };
  const roll = ctx.random();
  await new Promise((r) => setTimeout(r, Math.floor(ctx.random() * 30)));
  const home = pick(ctx.random, ctx.urls);
  const beat = await call(ctx, home, "/v1/task/heartbeat", fence, headers, on5xx);
  if (!beat.ok) {
    report.results.push(beat.reason);
    return report;
  }
  if (roll < 0.04) {
    report.action = "abandon"; // the lease expires; the reaper times the attempt out
    return report;
  }
  const failing = roll < 0.12;
  report.action = failing ? "fail" : "complete";
  const completion = failing
    ? { ...fence, status: "TASK_STATUS_FAILED", retryable: true, error_message: "chaos: simulated failure" }
    : { ...fence, status: "TASK_STATUS_COMPLETED", outputs: [{ name: "by", value: ctx.id }] };
  // Completions go to another instance than the heartbeat 30% of the time, and twice 6% of the time.
  const sends = ctx.random() < 0.06 ? 2 : 1;
  for (let i = 0; i < sends; i++) {
    const target = ctx.random() < 0.3 || i > 0 ? pick(ctx.random, ctx.urls.filter((u) => u !== home).concat(ctx.urls.length === 1 ? [home] : [])) : home;
    const answer = await call(ctx, target, "/v1/task/complete", completion, headers, on5xx);
    report.results.push(answer.ok ? (answer.body.duplicate ? "duplicate" : "accepted") : answer.reason);
  }
  return report;
}
