// An operator action: asks for confirmation, calls the admin API, keeps the refusal to show (or
// clears it on success), then reloads the page's data either way.
import { useCallback, useState } from "preact/hooks";
import { problemOf, type Problem } from "./api.js";

export interface Action {
  /** The last refusal, until an action succeeds. */
  readonly problem: Problem | undefined;
  /** Runs `call` once the operator confirmed `question`; true when it succeeded. */
  readonly run: (question: string, call: () => Promise<unknown>) => Promise<boolean>;
}

export function useAction(refresh: () => void): Action {
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const run = useCallback(
    async (question: string, call: () => Promise<unknown>) => {
      if (!confirm(question)) return false;
      let ok = true;
      try {
        await call();
        setProblem(undefined);
      } catch (error) {
        setProblem(problemOf(error));
        ok = false;
      }
      refresh();
      return ok;
    },
    [refresh],
  );
  return { problem, run };
}
