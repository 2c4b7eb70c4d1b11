// Grouped commits for completions: concurrent completeTask calls (e.g. many runners reporting at
// once through the API) are coalesced into one completeTasks transaction. A call arriving while a
// batch is committing waits for that commit and goes into the next batch, so a lone call pays no
// added latency and busy periods pay one commit per batch instead of one per completion.
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
}

export function createCompletionBatcher(ctx: LifecycleContext, options: CompletionBatcherOptions = {}): CompletionBatcher {
  const maxBatch = options.maxBatch ?? 256;
  const maxInFlight = options.maxInFlight ?? 4;
  let queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  function pump(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
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
          pump();
        });
    }
  }

  return {
    complete: (input) =>
      new Promise<CompleteTaskResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Defer to the end of this tick so calls issued together share a batch.
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true;
          setImmediate(pump);
        }
      }),
  };
}
