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

export function createCompletionBatcher(ctx: LifecycleContext, options: { maxBatch?: number } = {}): CompletionBatcher {
  const maxBatch = options.maxBatch ?? 256;
  let queue: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const results = await completeTasks(
          ctx,
          batch.map((w) => w.input),
        );
        batch.forEach((w, i) => w.resolve(results[i] as CompleteTaskResult));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    flushing = false;
  }

  return {
    complete: (input) =>
      new Promise<CompleteTaskResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Defer to the end of this tick so calls issued together share the first batch.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      }),
  };
}
