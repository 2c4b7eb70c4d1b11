// The stop request of a long-running command (`serve`, `start`): the first SIGINT or SIGTERM.
// Listen from the very start, so Ctrl-C at any point (even while `start` runs its sample DAG)
// shuts down gracefully instead of killing the process with its runs. Later signals are ignored:
// `npm start` forwards the terminal's Ctrl-C a second time, and the shutdown is bounded anyway.
export interface ShutdownRequest {
  /** Resolves with the signal's name. */
  readonly requested: Promise<NodeJS.Signals>;
  isRequested(): boolean;
}

export function listenForShutdown(): ShutdownRequest {
  let received: NodeJS.Signals | undefined;
  const requested = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      received ??= signal;
      resolve(received);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
  return { requested, isRequested: () => received !== undefined };
}
