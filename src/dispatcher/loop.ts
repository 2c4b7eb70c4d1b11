// A background loop that runs a step again at once while there is more work, otherwise sleeps
// until woken (LISTEN/NOTIFY or a local signal) or until its polling interval passes.

export class Waker {
  private pending = false;
  private release: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    const release = this.release;
    this.release = null;
    release?.();
  }

  /** Resolves on wake() (including one that came before the call) or after ms. */
  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.release = null;
        resolve();
      }, ms);
      this.release = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }
}

export interface LoopOptions {
  name: string;
  /** Does one unit of work; resolves true when it should run again immediately (more work waiting). */
  step: () => Promise<boolean>;
  /** Polling fallback: the longest sleep between steps. */
  intervalMs: number;
  waker: Waker;
  onError: (name: string, err: unknown) => void;
}

export interface RunningLoop {
  readonly name: string;
  /** Stops after the current step; resolves when the loop has exited. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

export function startLoop(options: LoopOptions): RunningLoop {
  let stopping = false;
  const done = (async () => {
    while (!stopping) {
      let more = false;
      try {
        more = await options.step();
      } catch (err) {
        options.onError(options.name, err);
        // Back off a little so a broken database does not turn into a busy loop.
        await options.waker.sleep(Math.min(options.intervalMs, 1000));
        continue;
      }
      if (stopping) break;
      if (!more) await options.waker.sleep(options.intervalMs);
    }
  })();
  return {
    name: options.name,
    done,
    stop: async () => {
      stopping = true;
      options.waker.wake();
      await done;
    },
  };
}
