// Live updates by polling with backoff, not server-sent events: every read the console needs is
// already a unary admin RPC, a poll works through any proxy or load balancer in front of several
// Dispatcher replicas without holding a connection per open tab, and an idle tab costs nothing
// (no poll while the page is hidden). Errors back off (2 s doubling to 30 s) so a struggling
// Dispatcher is not hammered by its own console.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { problemOf, type Problem } from "./api.js";

const BASE_MS = 2_000;
const MAX_MS = 30_000;

export interface Polled<T> {
  readonly data: T | undefined;
  readonly problem: Problem | undefined;
  /** Reloads now (after an action), keeping the schedule. */
  readonly refresh: () => void;
}

export function usePoll<T>(load: () => Promise<T>, key: string, options: { live?: boolean } = {}): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const live = options.live ?? true;

  useEffect(() => setData(undefined), [key]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = BASE_MS;
    const run = async () => {
      if (stopped) return;
      if (!document.hidden) {
        try {
          const value = await loadRef.current();
          if (stopped) return;
          setData(value);
          setProblem(undefined);
          delay = BASE_MS;
        } catch (error) {
          if (stopped) return;
          setProblem(problemOf(error));
          delay = Math.min(delay * 2, MAX_MS);
        }
      }
      if (live && !stopped) timer = setTimeout(run, delay);
    };
    void run();
    const onVisible = () => {
      if (!document.hidden && timer !== undefined) {
        clearTimeout(timer);
        void run();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key, tick, live]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { data, problem, refresh };
}
