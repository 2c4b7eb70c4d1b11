// Loads the invocations of one drain step in one statement. The invoke outbox handler is called
// once per row, all rows of a claimed batch at once; each call asks for its own invocation, and the
// calls made in the same turn of the event loop share one loadInvocations statement instead of one
// round trip each (the statement is what an invoke costs the database; issue 12, "batched acquire
// with invoke sending").
import { loadInvocations, type Invocation, type LifecycleContext } from "../lifecycle/index.js";

export type InvocationLoader = (key: { taskId: string; attempt: number }) => Promise<Invocation | null>;

interface Waiting {
  key: { taskId: string; attempt: number };
  resolve: (invocation: Invocation | null) => void;
  reject: (error: unknown) => void;
}

/** Most attempts read by one statement; a larger turn is split. */
const MAX_KEYS_PER_STATEMENT = 500;

export function batchedInvocationLoader(ctx: LifecycleContext): InvocationLoader {
  let waiting: Waiting[] = [];

  function flush(): void {
    const batch = waiting;
    waiting = [];
    for (let start = 0; start < batch.length; start += MAX_KEYS_PER_STATEMENT) {
      const part = batch.slice(start, start + MAX_KEYS_PER_STATEMENT);
      loadInvocations(
        ctx,
        part.map((w) => w.key),
      ).then(
        (invocations) => part.forEach((w, i) => w.resolve(invocations[i] ?? null)),
        (error: unknown) => part.forEach((w) => w.reject(error)),
      );
    }
  }

  return (key) =>
    new Promise((resolve, reject) => {
      // The first call of a turn schedules the statement for when this turn's calls are all in.
      if (waiting.length === 0) queueMicrotask(flush);
      waiting.push({ key, resolve, reject });
    });
}
