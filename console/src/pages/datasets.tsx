// Datasets: each known dataset's current version, its recent publications (linked to the tasks
// that published them) and the jobs that consume it.
import { admin } from "../api.js";
import { ProblemBox } from "../components.js";
import { shortId, time } from "../format.js";
import { usePoll } from "../poll.js";

export function DatasetsPage(props: { onUnauthenticated: () => void }) {
  const { data, problem } = usePoll(() => admin.listDatasets({ pageSize: 100 }), "datasets");
  if (problem?.unauthenticated) props.onUnauthenticated();
  return (
    <>
      <h1>Datasets</h1>
      {problem !== undefined && <ProblemBox problem={problem} />}
      {data?.datasets.map((dataset) => (
        <section class="dataset" aria-label={`Dataset ${dataset.datasetUuid}`}>
          <h2>
            <code>{dataset.datasetUuid}</code>
          </h2>
          <dl class="facts">
            <dt>Current version</dt>
            <dd>{dataset.currentVersion !== "" ? <code>{dataset.currentVersion}</code> : "none yet"}</dd>
            <dt>Consumed by</dt>
            <dd>
              {dataset.consumers.length === 0
                ? "no job"
                : dataset.consumers.map((c) => (
                    <>
                      <a href={`#/jobs/${c.jobId}`}>{c.job ? `${c.job.dagName}/${c.job.name}` : c.jobId}</a>
                      {c.allVersions ? " (all versions) " : " "}
                    </>
                  ))}
            </dd>
          </dl>
          {dataset.versions.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Recent versions of {dataset.datasetUuid}</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Published by</th>
                    <th scope="col">Made current</th>
                    <th scope="col">At</th>
                  </tr>
                </thead>
                <tbody>
                  {dataset.versions.map((v) => (
                    <tr>
                      <td>
                        <code>{v.datasetVersion}</code>
                      </td>
                      <td>
                        <a href={`#/tasks/${v.taskId}`}>{shortId(v.taskId)}</a> (attempt {v.attempt})
                      </td>
                      <td>{v.makeCurrent ? "yes" : "no"}</td>
                      <td>{time(v.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {data !== undefined && data.datasets.length === 0 && <p>No datasets yet.</p>}
    </>
  );
}
