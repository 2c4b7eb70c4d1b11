// Overview: tasks by state per job, the latest failures with their messages, and the outbox's
// backlog and dead rows: what an operator checks first.
import { TaskState } from "../../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { admin } from "../api.js";
import { ThroughputChart } from "../chart.js";
import { ProblemBox, Section } from "../components.js";
import { shortId, time } from "../format.js";
import { usePoll } from "../poll.js";

const JOBS_SHOWN = 50;
const OUTBOX_PAGE = 500;

async function loadOverview() {
  const [jobs, failures, pending, dead, throughput] = await Promise.all([
    admin.listJobs({ pageSize: JOBS_SHOWN }),
    admin.listTasks({ states: [TaskState.FAILED], hasError: true, pageSize: 10 }),
    admin.listOutbox({ statuses: ["pending"], pageSize: OUTBOX_PAGE }),
    admin.listOutbox({ statuses: ["failed"], pageSize: OUTBOX_PAGE }),
    admin.getThroughput({ minutes: 30 }),
  ]);
  const counts = await Promise.all(jobs.jobs.map((job) => admin.getJob({ jobId: job.jobId })));
  return { counts, throughput: throughput.buckets, failures: failures.tasks, pending: pending.rows.length, dead: dead.rows.length, more: pending.nextPageToken !== "" };
}

export function OverviewPage(props: { onUnauthenticated: () => void }) {
  const { data, problem } = usePoll(loadOverview, "overview");
  if (problem?.unauthenticated) props.onUnauthenticated();
  return (
    <>
      <h1>Overview</h1>
      {problem !== undefined && <ProblemBox problem={problem} />}
      {data !== undefined && (
        <>
          <Section title="Throughput">
            <ThroughputChart buckets={data.throughput} />
          </Section>
          <Section title="Outbox">
            <p>
              <a href="#/outbox">{data.pending}{data.more ? "+" : ""} pending</a>,{" "}
              <a href="#/outbox" class={data.dead > 0 ? "error-cell" : ""}>{data.dead} dead</a>
            </p>
          </Section>
          <Section title="Tasks by job">
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Job</th>
                    <th scope="col">Queued</th>
                    <th scope="col">Running</th>
                    <th scope="col">Completed</th>
                    <th scope="col">Failed</th>
                    <th scope="col">Canceled</th>
                  </tr>
                </thead>
                <tbody>
                  {data.counts.map(({ job, taskCounts }) => (
                    <tr>
                      <td>
                        <a href={`#/jobs/${job?.jobId ?? ""}`}>{job ? `${job.dagName}/${job.name}` : ""}</a>
                        {job?.paused && " (paused)"}
                      </td>
                      {(["queued", "running", "completed", "failed", "canceled"] as const).map((state) => (
                        <td>
                          <a href={`#/tasks?job=${job?.jobId ?? ""}&state=${state.toUpperCase()}`}>{String(taskCounts?.[state] ?? 0n)}</a>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section title="Recent failures">
            <ul>
              {data.failures.map((task) => (
                <li>
                  <a href={`#/tasks/${task.taskId}`}>{shortId(task.taskId)}</a> {task.job ? `${task.job.dagName}/${task.job.name}` : ""} at{" "}
                  {time(task.updatedAt)}: <span class="error-cell">{task.lastError}</span>
                </li>
              ))}
            </ul>
            {data.failures.length === 0 && <p>No failed tasks.</p>}
          </Section>
        </>
      )}
    </>
  );
}
