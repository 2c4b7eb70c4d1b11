// The outbox rows that exhausted their tries (dead): what failed, how often, and a replay.
import { useState } from "preact/hooks";
import { useAction } from "../action.js";
import { admin } from "../api.js";
import { ProblemBox } from "../components.js";
import { shortId, time } from "../format.js";
import { usePoll } from "../poll.js";

const STATUSES = ["failed", "pending"] as const;

export function OutboxPage(props: { onUnauthenticated: () => void }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("failed");
  const { data, problem, refresh } = usePoll(() => admin.listOutbox({ statuses: [status], pageSize: 100 }), status);
  const action = useAction(refresh);
  const [replayed, setReplayed] = useState<string | undefined>(undefined);
  if (problem?.unauthenticated) props.onUnauthenticated();
  const replay = async (id: bigint) => {
    if (await action.run(`Replay outbox row ${id}?`, () => admin.replayOutbox({ id }))) setReplayed(String(id));
  };
  return (
    <>
      <h1>Outbox</h1>
      <form class="filters" aria-label="Outbox rows" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{" "}
          <select name="status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as (typeof STATUSES)[number])}>
            {STATUSES.map((s) => (
              <option value={s}>{s === "failed" ? "failed (dead)" : "pending"}</option>
            ))}
          </select>
        </label>
      </form>
      {problem !== undefined && <ProblemBox problem={problem} />}
      {action.problem !== undefined && <ProblemBox problem={action.problem} />}
      {replayed !== undefined && <p role="status">Row {replayed} is pending again.</p>}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{status} outbox rows</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Kind</th>
              <th scope="col">Task</th>
              <th scope="col">Tries</th>
              <th scope="col">Last error</th>
              <th scope="col">Created</th>
              <th scope="col">Next try</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((row) => (
              <tr>
                <td>{String(row.id)}</td>
                <td>{row.kind}</td>
                <td>{row.taskId !== "" ? <a href={`#/tasks/${row.taskId}`}>{shortId(row.taskId)}</a> : "–"}</td>
                <td>{row.tries}</td>
                <td class="error-cell">{row.lastError}</td>
                <td>{time(row.createdAt)}</td>
                <td>{time(row.nextAttemptAt)}</td>
                <td>
                  {row.status === "failed" && (
                    <button type="button" onClick={() => void replay(row.id)} aria-label={`Replay row ${row.id}`}>
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data !== undefined && data.rows.length === 0 && <p>No {status} rows.</p>}
      </div>
    </>
  );
}
