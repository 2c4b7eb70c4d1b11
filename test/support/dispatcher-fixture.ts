// A Dispatcher process for the multi-process tests: the real loops (acquire, drains, reaper,
// retry scheduler) against DATABASE_URL, with a simulated in-process runner standing in for the
// Lambda (invoke handler) and for queue-woken workers (wakeup_queue poller). The runner completes,
// fails or goes silent (lease times out) at random, like real runners do.
//   env: DATABASE_URL, FIXTURE_ID, FIXTURE_SEED
import { openDatabase } from "../../src/db/index.js";
import { startDispatcher } from "../../src/dispatcher/dispatcher.js";
import {
  claimTask,
  completeTask,
  deleteQueueMessage,
  failInvoke,
  heartbeat,
  loadInvocation,
  receiveWakeups,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { createLogger } from "../../src/log/logger.js";

const id = process.env.FIXTURE_ID ?? "fixture";
let seed = Number(process.env.FIXTURE_SEED ?? 1) >>> 0 || 1;
/** xorshift32: reproducible per process. */
function random(): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 2 ** 32;
}

const db = await openDatabase({ maxConnections: 8 });
const log = createLogger({ level: "warn", base: { fixture: id } });
const inFlight = new Set<Promise<void>>();

/** Plays one attempt: heartbeat once, then complete / fail / fall silent. */
function run(ctx: LifecycleContext, lease: { taskId: string; attempt: number; leaseToken: string }): void {
  const roll = random();
  const p = (async () => {
    await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
    const hb = await heartbeat(ctx, lease);
    if (!hb.ok) return;
    if (roll < 0.05) return; // silent: the lease times out and the reaper takes over
    if (roll < 0.15) {
      await completeTask(ctx, { ...lease, status: "FAILED", retryable: true, errorMessage: "simulated failure" });
      return;
    }
    const result = await completeTask(ctx, { ...lease, status: "COMPLETED", outputs: [{ name: "by", value: id }] });
    // At-least-once delivery: a runner may repeat its completion; it must be a duplicate.
    if (result.ok && roll > 0.95) {
      const again = await completeTask(ctx, { ...lease, status: "COMPLETED", outputs: [{ name: "by", value: id }] });
      if (!again.ok || !again.duplicate) throw new Error(`repeat completion not a duplicate: ${JSON.stringify(again)}`);
    }
  })().catch((err: unknown) => log.error("runner failed", { error: err instanceof Error ? err.message : String(err) }));
  inFlight.add(p);
  void p.finally(() => inFlight.delete(p));
}

const dispatcher = await startDispatcher({
  db,
  logger: log,
  random,
  options: {
    workerId: `lambda:${id}`,
    acquireBatch: 50,
    maxPendingInvokes: 100,
    acquireIntervalMs: 200,
    drainIntervalMs: 100,
    reapIntervalMs: 200,
    retryIntervalMs: 200,
    outboxVisibilitySeconds: 3,
    shutdownTimeoutMs: 5000,
  },
  handlers: {
    invoke: async (row) => {
      if (!row.taskId || row.attempt === null) return { fail: "invoke row without task" };
      const invocation = await loadInvocation(dispatcher.ctx, { taskId: row.taskId, attempt: row.attempt });
      if (!invocation) return "done"; // lease gone: nothing to invoke
      if (random() < 0.03) {
        await failInvoke(dispatcher.ctx, { taskId: row.taskId, attempt: row.attempt, error: "simulated definitive invoke error" });
        return "done";
      }
      if (random() < 0.03) return { retry: "simulated throttle" };
      run(dispatcher.ctx, { taskId: row.taskId, attempt: row.attempt, leaseToken: invocation.lease.leaseToken });
      return "done";
    },
  },
});

// Queue-woken workers: receive wake-ups, claim, run.
let stopping = false;
const workerLoop = (async () => {
  while (!stopping) {
    const messages = await receiveWakeups(dispatcher.ctx, { limit: 20, visibilitySeconds: 3 }).catch(() => []);
    for (const m of messages) {
      const claim = await claimTask(dispatcher.ctx, { taskId: m.taskId, workerId: `ecs:${id}` });
      if (claim.claimed) run(dispatcher.ctx, claim.lease);
      await deleteQueueMessage(dispatcher.ctx, "wakeup_queue", m.id);
    }
    if (messages.length === 0) await new Promise((r) => setTimeout(r, 50));
  }
})();

process.stdout.write(`ready ${id}\n`);
process.once("SIGTERM", () => {
  void (async () => {
    stopping = true;
    await workerLoop;
    await dispatcher.stop();
    await Promise.all([...inFlight]);
    await db.close();
    process.stdout.write(`stopped ${id}\n`);
    process.exit(0);
  })();
});
