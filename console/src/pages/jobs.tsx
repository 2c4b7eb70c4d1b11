// Jobs: filtered by dag, name and org; each job's configuration, bundle, limits, task counts by
// state, and pause/resume.
import { Runtime } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { useAction } from "../action.js";
import { admin } from "../api.js";
import { JsonBlock, ProblemBox, Section } from "../components.js";
import { filterRoute } from "../format.js";
import { usePoll } from "../poll.js";

export function JobsPage(props: { query: URLSearchParams; onUnauthenticated: () => void }) {
  const dagName = props.query.get("dag") ?? "";
  const name = props.query.get("name") ?? "";
  const orgId = props.query.get("org") ?? "";
  const { data, problem } = usePoll(() => admin.listJobs({ dagName, name, orgId, pageSize: 100 }), `${dagName}|${name}|${orgId}`);
  if (problem?.unauthenticated) props.onUnauthenticated();
  const setFilter = (event: Event) => {
    location.hash = filterRoute(event, "jobs", ["dag", "name", "org"]);
  };
  return (
    <>
      <h1>Jobs</h1>
      <form class="filters" onSubmit={setFilter} aria-label="Filter jobs">
        <label>
          DAG <input name="dag" defaultValue={dagName} placeholder="any" />
        </label>
        <label>
          Name <input name="name" defaultValue={name} placeholder="any" />
        </label>
        <label>
          Org <input name="org" defaultValue={orgId} placeholder="any" />
        </label>
        <button type="submit">Filter</button>
      </form>
      {problem !== undefined && <ProblemBox problem={problem} />}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Jobs</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Runtime</th>
              <th scope="col">Operator</th>
              <th scope="col">Org</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data?.jobs.map((job) => (
              <tr>
                <td>
                  <a href={`#/jobs/${job.jobId}`}>{`${job.dagName}/${job.name}`}</a>
                </td>
                <td>{Runtime[job.runtime]?.toLowerCase()}</td>
                <td>{job.operator}</td>
                <td>{job.orgId}</td>
                <td>{job.paused ? "paused" : "active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data !== undefined && data.jobs.length === 0 && <p>No jobs match.</p>}
      </div>
    </>
  );
}

export function JobPage(props: { jobId: string; onUnauthenticated: () => void }) {
  const { data, problem, refresh } = usePoll(() => admin.getJob({ jobId: props.jobId }), props.jobId);
  const action = useAction(refresh);
  if (problem?.unauthenticated) props.onUnauthenticated();
  const job = data?.job;
  const counts = data?.taskCounts;
  const toggle = async () => {
    if (job === undefined) return;
    const verb = job.paused ? "Resume" : "Pause";
    await action.run(`${verb} job ${job.dagName}/${job.name}?`, () =>
      job.paused ? admin.resumeJob({ jobId: job.jobId }) : admin.pauseJob({ jobId: job.jobId }),
    );
  };
  return (
    <>
      <p>
        <a href="#/jobs">← Jobs</a>
      </p>
      {problem !== undefined && <ProblemBox problem={problem} />}
      {job !== undefined && (
        <>
          <h1>
            Job {job.dagName}/{job.name}
          </h1>
          <dl class="facts">
            <dt>Status</dt>
            <dd>{job.paused ? "paused: acquires nothing" : "active"}</dd>
            <dt>Runtime</dt>
            <dd>{Runtime[job.runtime]?.toLowerCase()}</dd>
            <dt>Operator</dt>
            <dd>{job.operator}</dd>
            <dt>Bundle</dt>
            <dd>
              <code>{job.bundleSha256}</code>
            </dd>
            <dt>Limits</dt>
            <dd>
              {job.maxAttempts} attempts, timeout {job.timeoutSeconds} s, lease {job.leaseTtlSeconds} s, concurrency{" "}
              {job.maxConcurrency === 0 ? "unlimited" : job.maxConcurrency}, retry {job.retryBaseSeconds}–{job.retryMaxSeconds} s
            </dd>
            <dt>Org</dt>
            <dd>{job.orgId}</dd>
          </dl>
          {action.problem !== undefined && <ProblemBox problem={action.problem} />}
          <div class="action">
            <button type="button" onClick={() => void toggle()}>
              {job.paused ? "Resume job" : "Pause job"}
            </button>
          </div>
          {counts !== undefined && (
            <Section title="Tasks by state">
              <ul class="counts">
                {(["queued", "running", "completed", "failed", "canceled"] as const).map((state) => (
                  <li>
                    <a href={`#/tasks?job=${job.jobId}&state=${state.toUpperCase()}`}>
                      {state}: {String(counts[state])}
                    </a>
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Configuration">
            <JsonBlock value={{ config: job.config ?? {}, inputs: job.inputs.map((i) => i.datasetUuid), s3: job.s3 }} />
          </Section>
        </>
      )}
    </>
  );
}
