// A chaos worker process: a queue-woken trusted worker. It receives wake-ups from the Postgres
// wake-up queue, claims the named task over the worker API of one of the Dispatchers (failing over
// like a runner), plays the attempt (play.ts) and writes one Report per attempt on stdout. It rides
// out database restarts by retrying. Stops on SIGTERM.
//   env: DATABASE_URL, CHAOS_URLS, CHAOS_SEED, CHAOS_ID, CHAOS_WORKER_TOKEN
import { openDatabase } from "../../src/db/index.js";
import { createLifecycleContext, deleteQueueMessage, receiveWakeups } from "../../src/lifecycle/index.js";
import { call, playAttempt, type PlayContext } from "./play.js";
import { pick, seededRandom } from "./random.js";

const ctx: PlayContext = {
  urls: (process.env.CHAOS_URLS ?? "").split(",").filter(Boolean),
  random: seededRandom(Number(process.env.CHAOS_SEED ?? 1)),
  id: process.env.CHAOS_ID ?? "worker",
};
const token = process.env.CHAOS_WORKER_TOKEN ?? "";
const db = await openDatabase({ maxConnections: 2, migrate: false });
const lifecycle = createLifecycleContext(db);
let stopping = false;
process.once("SIGTERM", () => void (stopping = true));
const inFlight = new Set<Promise<void>>();

while (!stopping) {
  let messages: Awaited<ReturnType<typeof receiveWakeups>> = [];
  try {
    // At most 16 attempts at once: receive only what there is room for.
    const room = 16 - inFlight.size;
    messages = room > 0 ? await receiveWakeups(lifecycle, { limit: Math.min(10, room), visibilitySeconds: 30 }) : [];
  } catch {
    await new Promise((r) => setTimeout(r, 500)); // database restarting
    continue;
  }
  for (const m of messages) {
    const p = (async () => {
      let http5xx = 0;
      const claim = await call(ctx, pick(ctx.random, ctx.urls), "/internal/task-claim", { task_id: m.taskId, worker_id: ctx.id }, { "x-trace-worker-token": token }, () => void (http5xx += 1));
      if (claim.ok && claim.body.claimed) {
        const fence = { task_id: m.taskId, attempt: Number(claim.body.attempt), lease_token: String(claim.body.lease_token) };
        const report = await playAttempt(ctx, fence, String(claim.body.capability_token), 0);
        report.http5xx += http5xx;
        process.stdout.write(`${JSON.stringify(report)}\n`);
      }
      // Claimed or not (already running, finished, retry pending), the wake-up has been acted on;
      // a task held back (job at its cap, or paused) keeps it, to be redelivered and claimed later.
      const heldBack = claim.ok && ["CLAIM_REJECTION_CONCURRENCY_LIMIT", "CLAIM_REJECTION_JOB_PAUSED"].includes(String(claim.body.reason));
      if (claim.ok && !heldBack) await deleteQueueMessage(lifecycle, "wakeup_queue", m.id).catch(() => undefined);
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  if (messages.length === 0) await new Promise((r) => setTimeout(r, 100));
}
await Promise.all([...inFlight]);
await db.close();
