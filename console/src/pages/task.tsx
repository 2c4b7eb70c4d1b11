// One task: what it was given, every attempt with its outcome and error, and the actions.
import { toJson } from "@bufbuild/protobuf";
import { ValueSchema } from "@bufbuild/protobuf/wkt";
import { useState } from "preact/hooks";
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { useAction } from "../action.js";
import { admin } from "../api.js";
import { JsonBlock, ProblemBox, Section, StateBadge } from "../components.js";
import { duration, formatMs, shortId, stateName, time } from "../format.js";
import { usePoll } from "../poll.js";

export function TaskPage(props: { taskId: string; onUnauthenticated: () => void }) {
  // The task and its job's config (the rest of the invocation payload), read together.
  const { data, problem, refresh } = usePoll(async () => {
    const view = await admin.getTask({ taskId: props.taskId });
    const job = view.task ? (await admin.getJob({ jobId: view.task.jobId })).job : undefined;
    return { ...view, jobConfig: job?.config ?? {} };
  }, props.taskId);
  const action = useAction(refresh);
  const [reason, setReason] = useState("");
  const [retryReason, setRetryReason] = useState("");
  if (problem?.unauthenticated) props.onUnauthenticated();
  const task = data?.task;
  // What an operator may still stop: anything not finished, or a failure waiting for its retry.
  const cancellable =
    task !== undefined && (task.state === TaskState.QUEUED || task.state === TaskState.RUNNING || (task.state === TaskState.FAILED && task.nextRetryAt !== undefined));

  const cancel = async (event: Event) => {
    event.preventDefault();
    await action.run(`Cancel task ${props.taskId}?`, () => admin.cancelTask({ taskId: props.taskId, reason: reason.trim() }));
  };

  // A finished task an operator may run again: dead (no retry pending) or canceled.
  const retryable =
    task !== undefined && ((task.state === TaskState.FAILED && task.nextRetryAt === undefined) || task.state === TaskState.CANCELED);

  const retry = async (event: Event) => {
    event.preventDefault();
    await action.run(`Retry task ${props.taskId} as a new attempt?`, () =>
      admin.retryTask({ taskId: props.taskId, requestedBy: "console", reason: retryReason.trim() }),
    );
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
              {task.attempt > task.maxAttempts
                ? `${task.attempt} (operator retry past the job's ${task.maxAttempts})`
                : `${task.attempt} of ${task.maxAttempts}`}
            </dd>
            <dt>Created</dt>
            <dd>{time(task.createdAt)}</dd>
            {task.cancelReason !== "" && (
              <>
                <dt>Cancel reason</dt>
                <dd>{task.cancelReason}</dd>
              </>
            )}
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
              {data?.attempts.map((attempt, i) => (
                <li class={`outcome-${attempt.outcome || "running"}`}>
                  {i > 0 && (
                    <div class="wait">waited {duration(data.attempts[i - 1]?.endedAt, attempt.startedAt)} before this attempt</div>
                  )}
                  <div class="timeline-head">
                    <strong>Attempt {attempt.attempt}</strong> <span class="outcome">{attempt.outcome || "running"}</span>
                    {attempt.errorCategory !== "" && <span class="category"> · {attempt.errorCategory}</span>}
                    {attempt.retryable !== undefined && <span class="category"> · {attempt.retryable ? "retryable" : "not retryable"}</span>}
                  </div>
                  <div>
                    {time(attempt.startedAt)} → {time(attempt.endedAt)} ({attempt.endedAt ? formatMs(Number(attempt.durationMs)) : duration(attempt.startedAt, attempt.endedAt)}) on{" "}
                    <code>{attempt.workerId}</code>
                  </div>
                  {attempt.error !== "" && <pre class="error-message">{attempt.error}</pre>}
                </li>
              ))}
            </ol>
          </Section>
          {(data?.retries.length ?? 0) > 0 && (
            <Section title="Operator retries">
              <ul>
                {data?.retries.map((r) => (
                  <li>
                    attempt {r.attempt} from {r.previousState} by {r.requestedBy || "unknown"} at {time(r.createdAt)}
                    {r.reason !== "" && `: ${r.reason}`}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Payload">
            <JsonBlock value={{ config: data?.jobConfig ?? {}, params: task.params ?? {}, inputs: task.inputs.map((i) => ({ dataset_uuid: i.datasetUuid, dataset_version: i.datasetVersion, cursor: String(i.cursor ?? "") })) }} />
          </Section>
          {(data?.outputs.length ?? 0) > 0 && (
            <Section title="Outputs">
              <JsonBlock value={Object.fromEntries(data?.outputs.map((o) => [`${o.name} (attempt ${o.attempt})`, o.value === undefined ? null : toJson(ValueSchema, o.value)]) ?? [])} />
            </Section>
          )}
          {(data?.events.length ?? 0) > 0 && (
            <Section title="Emitted events">
              <ul>
                {data?.events.map((e) => (
                  <li>
                    <code>{e.event?.datasetUuid}</code> version <code>{e.event?.datasetVersion}</code>{" "}
                    {e.event?.partitionKey ? `partition ${e.event.partitionKey}` : `cursor ${String(e.event?.cursor ?? "")}`}
                    {e.routedTaskIds.length > 0 && " → "}
                    {e.routedTaskIds.map((id) => (
                      <>
                        <a href={`#/tasks/${id}`}>{shortId(id)}</a>{" "}
                      </>
                    ))}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {(data?.bufferPublishes.length ?? 0) > 0 && (
            <Section title="Buffer publishes">
              <ul>
                {data?.bufferPublishes.map((b) => (
                  <li>
                    <code>{b.batchUri}</code> ({b.contentType}, {String(b.batchSizeBytes)} bytes, attempt {b.attempt})
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Actions">
            {action.problem !== undefined && <ProblemBox problem={action.problem} />}
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
            {retryable && (
              <form class="action" onSubmit={retry} aria-label="Retry this task">
                <label>
                  Retry reason <input name="retry-reason" value={retryReason} onInput={(e) => setRetryReason((e.currentTarget as HTMLInputElement).value)} />
                </label>
                <button type="submit">Retry task</button>
              </form>
            )}
          </Section>
        </>
      )}
    </>
  );
}
