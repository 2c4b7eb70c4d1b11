// One task: what it was given, every attempt with its outcome and error, and the actions.
import { useState } from "preact/hooks";
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { admin, problemOf, type Problem } from "../api.js";
import { JsonBlock, ProblemBox, Section, StateBadge } from "../components.js";
import { duration, stateName, time } from "../format.js";
import { usePoll } from "../poll.js";

export function TaskPage(props: { taskId: string; onUnauthenticated: () => void }) {
  const { data, problem, refresh } = usePoll(() => admin.getTask({ taskId: props.taskId }), props.taskId);
  const [actionProblem, setActionProblem] = useState<Problem | undefined>(undefined);
  const [reason, setReason] = useState("");
  if (problem?.unauthenticated) props.onUnauthenticated();
  const task = data?.task;
  // What an operator may still stop: anything not finished, or a failure waiting for its retry.
  const cancellable =
    task !== undefined && (task.state === TaskState.QUEUED || task.state === TaskState.RUNNING || (task.state === TaskState.FAILED && task.nextRetryAt !== undefined));

  const cancel = async (event: Event) => {
    event.preventDefault();
    if (!confirm(`Cancel task ${props.taskId}?`)) return;
    try {
      await admin.cancelTask({ taskId: props.taskId, reason: reason.trim() });
      setActionProblem(undefined);
    } catch (error) {
      setActionProblem(problemOf(error));
    }
    refresh();
  };

  return (
    <>
      <p>
        <a href="#/tasks">← Tasks</a>
      </p>
      <h1>
        Task <code>{props.taskId}</code>
      </h1>
      {problem !== undefined && <ProblemBox problem={problem} />}
      {task !== undefined && (
        <>
          <dl class="facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={stateName(task.state)} />
              {task.cancelRequested && task.state === TaskState.RUNNING && " (cancel requested)"}
            </dd>
            <dt>Job</dt>
            <dd>{task.job ? `${task.job.dagName}/${task.job.name}` : task.jobId}</dd>
            <dt>Attempt</dt>
            <dd>
              {task.attempt} of {task.maxAttempts}
            </dd>
            <dt>Created</dt>
            <dd>{time(task.createdAt)}</dd>
            {task.nextRetryAt !== undefined && (
              <>
                <dt>Next retry</dt>
                <dd>{time(task.nextRetryAt)}</dd>
              </>
            )}
            {task.leaseExpiresAt !== undefined && (
              <>
                <dt>Lease expires</dt>
                <dd>{time(task.leaseExpiresAt)}</dd>
              </>
            )}
          </dl>
          {task.lastError !== "" && (
            <Section title="Why it failed">
              <pre class="error-message">{task.lastError}</pre>
            </Section>
          )}
          <Section title="Attempts">
            <ol class="timeline">
              {data?.attempts.map((attempt) => (
                <li class={`outcome-${attempt.outcome || "running"}`}>
                  <div class="timeline-head">
                    <strong>Attempt {attempt.attempt}</strong> <span class="outcome">{attempt.outcome || "running"}</span>
                  </div>
                  <div>
                    {time(attempt.startedAt)} → {time(attempt.endedAt)} ({duration(attempt.startedAt, attempt.endedAt)}) on{" "}
                    <code>{attempt.workerId}</code>
                  </div>
                  {attempt.error !== "" && <pre class="error-message">{attempt.error}</pre>}
                </li>
              ))}
            </ol>
          </Section>
          <Section title="Inputs">
            <JsonBlock value={task.inputs.map((i) => ({ dataset_uuid: i.datasetUuid, dataset_version: i.datasetVersion, cursor: String(i.cursor ?? "") }))} />
          </Section>
          <Section title="Actions">
            {actionProblem !== undefined && <ProblemBox problem={actionProblem} />}
            {cancellable && !task.cancelRequested && (
              <form class="action" onSubmit={cancel} aria-label="Cancel this task">
                <label>
                  Reason <input name="reason" value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
                </label>
                <button type="submit" class="danger">
                  Cancel task
                </button>
              </form>
            )}
          </Section>
        </>
      )}
    </>
  );
}
