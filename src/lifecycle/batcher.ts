// Grouped commits for completions: concurrent completeTask calls (e.g. many runners reporting at
// once through the API) are coalesced into one completeTasks transaction.
//
// The wait adapts to load. With nothing committing, a call goes out at the end of its tick (calls
// issued together share that batch), so a lone completion pays no added latency. While a commit is
// in flight, a new call waits for it to finish and joins the next batch, but never longer than
// maxWaitMs: then it starts a commit of its own beside the running one (up to maxInFlight). Under
// moderate load (8 runners) completions therefore share commits instead of each paying its own
// WAL flush, and under heavy load batches grow to what one commit takes to write.
import { completeTasks, type CompleteTaskInput, type CompleteTaskResult } from "./fenced.js";
import type { LifecycleContext } from "./types.js";

export interface CompletionBatcher {
  complete(input: CompleteTaskInput): Promise<CompleteTaskResult>;
}

interface Waiting {
  input: CompleteTaskInput;
  resolve: (r: CompleteTaskResult) => void;
  reject: (e: unknown) => void;
}

export interface CompletionBatcherOptions {
  /** Most completions in one transaction (default 256). */
  maxBatch?: number;
  /** Batches committing at once on different connections (default 4); row locks are taken in
   * task_id order, so concurrent batches never deadlock. */
  maxInFlight?: number;
  /** Longest a completion waits for a running commit before starting its own (default 1 ms). */
  maxWaitMs?: number;
}

export function createCompletionBatcher(ctx: LifecycleContext, options: CompletionBatcherOptions = {}): CompletionBatcher {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 1;
  let queue: Waiting[] = [];
  let inFlight = 0;
  let immediate: NodeJS.Immediate | undefined;
  let timer: NodeJS.Timeout | undefined;

  function cancelScheduled(): void {
    if (immediate !== undefined) clearImmediate(immediate);
    if (timer !== undefined) clearTimeout(timer);
    immediate = undefined;
    timer = undefined;
  }

  function pump(): void {
    cancelScheduled();
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      completeTasks(
        ctx,
        batch.map((w) => w.input),
      )
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i] as CompleteTaskResult)),
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
      // Defer to the end of this tick so calls issued together share a batch.
      if (immediate === undefined) immediate = setImmediate(pump);
      return;
    }
    timer ??= setTimeout(pump, maxWaitMs);
  }

  return {
    complete: (input) =>
      new Promise<CompleteTaskResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      }),
  };
}
