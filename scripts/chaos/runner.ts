// A chaos runner process: the stand-in for the Lambda runtime. The orchestrator's fake Lambda
// writes one line per delivered event on stdin ({"delivery": n, "event": <TaskInvocation JSON>});
// this process plays each attempt against the Dispatchers (play.ts) and writes one Report per
// line on stdout.
// At most CHAOS_RUNNER_CONCURRENCY attempts play at once (a Lambda concurrency limit); the rest wait.
//   env: CHAOS_URLS (comma list of Dispatcher base URLs), CHAOS_SEED, CHAOS_ID, CHAOS_RUNNER_CONCURRENCY (16)
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { playAttempt, type Fence } from "./play.js";
import { seededRandom } from "./random.js";

const ctx = {
  urls: (process.env.CHAOS_URLS ?? "").split(",").filter(Boolean),
  random: seededRandom(Number(process.env.CHAOS_SEED ?? 1)),
  id: process.env.CHAOS_ID ?? "runner",
};
const inFlight = new Set<Promise<void>>();
const limit = Number(process.env.CHAOS_RUNNER_CONCURRENCY ?? 16);
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { delivery, event } = JSON.parse(line) as { delivery: number; event: Record<string, unknown> };
  // Each delivered line is one delivery, as each Lambda invocation is: like the platform runner, it
  // generates its own delivery id (the Dispatcher leaves the event's empty; README, Deliveries).
  const delivery_id = typeof event.delivery_id === "string" && event.delivery_id ? event.delivery_id : randomUUID();
  const fence: Fence = { task_id: String(event.task_id), attempt: Number(event.attempt), lease_token: String(event.lease_token), delivery_id };
  const p = slot(() => playAttempt(ctx, fence, String(event.capability_token), delivery)).then((report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  });
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p));
}
await Promise.all([...inFlight]);
