// Tasks: newest first, filtered by job and state, cursor-paginated, refreshed while on page one.
import { useState } from "preact/hooks";
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { admin } from "../api.js";
import { ProblemBox, StateBadge } from "../components.js";
import { filterRoute, shortId, stateName, time } from "../format.js";
import { usePoll } from "../poll.js";

const FILTER_STATES = [TaskState.QUEUED, TaskState.RUNNING, TaskState.COMPLETED, TaskState.FAILED, TaskState.CANCELED];
const PAGE_SIZE = 50;

function instant(local: string): string {
  if (local === "") return "";
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

export function TasksPage(props: { query: URLSearchParams; onUnauthenticated: () => void }) {
  const jobId = props.query.get("job") ?? "";
  const state = props.query.get("state") ?? "";
  // datetime-local values (the browser's local time), sent as RFC 3339 instants.
  const after = props.query.get("after") ?? "";
  const before = props.query.get("before") ?? "";
  const errors = props.query.get("errors") ?? "";
  const [pages, setPages] = useState<string[]>([""]);
  const pageToken = pages[pages.length - 1] ?? "";
  const key = `${jobId}|${state}|${after}|${before}|${errors}|${pageToken}`;
  const stateFilter = FILTER_STATES.find((s) => stateName(s) === state);
  const { data, problem } = usePoll(
    () =>
      admin.listTasks({
        jobId,
        states: stateFilter === undefined ? [] : [stateFilter],
        createdAfter: instant(after),
        createdBefore: instant(before),
        ...(errors === "" ? {} : { hasError: errors === "with" }),
        pageSize: PAGE_SIZE,
        pageToken,
      }),
    key,
    { live: pageToken === "" },
  );
  if (problem?.unauthenticated) props.onUnauthenticated();

  const setFilter = (event: Event) => {
    setPages([""]);
    location.hash = filterRoute(event, "tasks", ["job", "state", "after", "before", "errors"]);
  };

  return (
    <>
      <h1>Tasks</h1>
      <form class="filters" onSubmit={setFilter} aria-label="Filter tasks">
        <label>
          Job id <input name="job" defaultValue={jobId} placeholder="any" size={38} />
        </label>
        <label>
          State{" "}
          <select name="state" defaultValue={state}>
            <option value="">any</option>
            {FILTER_STATES.map((s) => (
              <option value={stateName(s)}>{stateName(s)}</option>
            ))}
          </select>
        </label>
        <label>
          Created after <input name="after" type="datetime-local" defaultValue={after} />
        </label>
        <label>
          Created before <input name="before" type="datetime-local" defaultValue={before} />
        </label>
        <label>
          Error{" "}
          <select name="errors" defaultValue={errors}>
            <option value="">any</option>
            <option value="with">has an error</option>
            <option value="without">no error</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {problem !== undefined && <ProblemBox problem={problem} />}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Tasks, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Attempt</th>
              <th scope="col">Created</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {data?.tasks.map((task) => (
              <tr>
                <td>
                  <a href={`#/tasks/${task.taskId}`} title={task.taskId}>{shortId(task.taskId)}</a>
                </td>
                <td>{task.job ? `${task.job.dagName}/${task.job.name}` : shortId(task.jobId)}</td>
                <td>
                  <StateBadge state={stateName(task.state)} />
                </td>
                <td>
                  {task.attempt}/{task.maxAttempts}
                </td>
                <td>{time(task.createdAt)}</td>
                <td class="error-cell">{task.lastError}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data !== undefined && data.tasks.length === 0 && <p>No tasks match.</p>}
      </div>
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={pages.length <= 1} onClick={() => setPages(pages.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!data?.nextPageToken} onClick={() => data && setPages([...pages, data.nextPageToken])}>
          Older
        </button>
      </nav>
    </>
  );
}
