// Grouped commits for the fenced hot paths: concurrent calls (e.g. many runners completing or
// heartbeating at once through the API) are coalesced into one set-based statement or transaction
// (completeTasks, heartbeats), each call still getting exactly the answer it would get alone.
//
// The wait adapts to load. With nothing committing, a call goes out in a microtask (the calls made
// by the same synchronous code share that batch), so a lone call pays no added latency, and the
// commit is on its way before the event loop reads the next request: the database works while
// Node parses the calls that will form the next batch, instead of the two taking turns (a start
// deferred to setImmediate gathered every request of an I/O phase first: 8 runners then moved in
// lock-step, batches of ~8 and one core idle half the time). While a commit is in
// flight, a new call waits for it to finish and joins the next batch, but never longer than
// maxWaitMs: then it starts a commit of its own beside the running one (up to maxInFlight). Under
// moderate load (8 runners) calls therefore share commits instead of each paying its own WAL
// flush, and under heavy load batches grow to what one commit takes to write.
import { completeTasks, heartbeats, type CompleteTaskInput, type CompleteTaskResult, type Fence, type HeartbeatResult } from "./fenced.js";
import type { LifecycleContext } from "./types.js";

export interface BatcherOptions {
  /** Most calls in one batch (default 256). */
  maxBatch?: number;
  /** Batches committing at once on different connections (default 4). */
  maxInFlight?: number;
  /** Longest a call waits for a running commit before starting its own (default 1 ms). */
  maxWaitMs?: number;
}

/** Runs `runBatch` over the calls waiting at that moment; `runBatch` answers each input by position. */
export function createBatcher<I, R>(runBatch: (inputs: readonly I[]) => Promise<R[]>, options: BatcherOptions = {}): (input: I) => Promise<R> {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 1;
  interface Waiting {
    input: I;
    resolve: (r: R) => void;
    reject: (e: unknown) => void;
  }
  let queue: Waiting[] = [];
  let inFlight = 0;
  let startQueued = false;
  let timer: NodeJS.Timeout | undefined;

  function startSoon(): void {
    startQueued = false;
    pump();
  }

  function pump(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      runBatch(batch.map((w) => w.input))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i] as R)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          inFlight--;
          // Whoever waited for this commit goes now, as one batch.
          if (queue.length > 0) pump();
        });
    }
  }

  function schedule(): void {
    if (inFlight >= maxInFlight) return; // the next commit to finish takes the queue
    if (inFlight === 0 || queue.length >= maxBatch) {
      if (!startQueued) {
        startQueued = true;
        queueMicrotask(startSoon);
      }
      return;
    }
    timer ??= setTimeout(pump, maxWaitMs);
  }

  return (input) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}

export interface CompletionBatcher {
  complete(input: CompleteTaskInput): Promise<CompleteTaskResult>;
}

/** completeTask through grouped commits (row locks are taken in task_id order, so concurrent batches never deadlock). */
export function createCompletionBatcher(ctx: LifecycleContext, options: BatcherOptions = {}): CompletionBatcher {
  return { complete: createBatcher((inputs: readonly CompleteTaskInput[]) => completeTasks(ctx, inputs), options) };
}

export interface HeartbeatBatcher {
  heartbeat(fence: Fence): Promise<HeartbeatResult>;
}

/** heartbeat through grouped statements: the heartbeats waiting at a moment renew their leases in one UPDATE. */
export function createHeartbeatBatcher(ctx: LifecycleContext, options: BatcherOptions = {}): HeartbeatBatcher {
  return { heartbeat: createBatcher((fences: readonly Fence[]) => heartbeats(ctx, fences), options) };
}
