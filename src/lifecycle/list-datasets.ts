// ListDatasets: every dataset the Dispatcher knows of (made current, published to, or named by a
// job's inputs), keyset-paged on its uuid, each with its current version, its most recent
// publications and the jobs that consume it. Three statements for a page, whatever its size.
import { decodePageToken, encodePageToken, isText, pageSizeOf } from "./page-token.js";
import type { LifecycleContext, Refused } from "./types.js";

/** Publications shown per dataset. */
export const RECENT_VERSIONS = 10;

export interface DatasetView {
  datasetUuid: string;
  currentVersion: string | null;
  currentSince: Date | null;
  versions: { datasetVersion: string; taskId: string; attempt: number; makeCurrent: boolean; createdAt: Date }[];
  consumers: { jobId: string; dagName: string; name: string; allVersions: boolean }[];
}

export type ListDatasetsResult = { ok: true; datasets: DatasetView[]; nextPageToken: string } | Refused<"invalid_argument">;

export async function listDatasets(ctx: LifecycleContext, input: { pageSize?: number; pageToken?: string } = {}): Promise<ListDatasetsResult> {
  const pageSize = pageSizeOf(input.pageSize);
  if (pageSize === null) return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  let after = "00000000-0000-0000-0000-000000000000";
  let inclusive = true;
  if (input.pageToken) {
    const key = decodePageToken(input.pageToken, [isText]);
    if (!key || !/^[0-9a-f-]{36}$/.test(String(key[0]))) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    after = String(key[0]);
    inclusive = false;
  }
  const known = await ctx.db.query<{ dataset_uuid: string; current_version: string | null; updated_at: Date | null }>(
    `SELECT k.dataset_uuid::text AS dataset_uuid, d.current_version::text AS current_version, d.updated_at
     FROM (SELECT dataset_uuid FROM datasets UNION SELECT dataset_uuid FROM dataset_versions_published
           UNION SELECT dataset_uuid FROM job_inputs) k
     LEFT JOIN datasets d ON d.dataset_uuid = k.dataset_uuid
     WHERE ${inclusive ? "k.dataset_uuid >= $1::uuid" : "k.dataset_uuid > $1::uuid"}
     ORDER BY k.dataset_uuid LIMIT $2`,
    [after, pageSize + 1],
  );
  const page = known.slice(0, pageSize);
  const uuids = page.map((r) => r.dataset_uuid);
  const [versions, consumers] = await Promise.all([
    ctx.db.query<{ dataset_uuid: string; dataset_version: string; task_id: string; attempt: number; make_current: boolean; created_at: Date }>(
      `SELECT dataset_uuid::text AS dataset_uuid, dataset_version::text AS dataset_version, task_id::text AS task_id, attempt, make_current, created_at
       FROM (SELECT p.*, row_number() OVER (PARTITION BY dataset_uuid ORDER BY created_at DESC, dataset_version) AS n
             FROM dataset_versions_published p WHERE dataset_uuid = ANY($1::uuid[])) recent
       WHERE n <= $2 ORDER BY dataset_uuid, created_at DESC, dataset_version`,
      [uuids, RECENT_VERSIONS],
    ),
    ctx.db.query<{ dataset_uuid: string; job_id: string; dag_name: string; name: string; all_versions: boolean }>(
      `SELECT i.dataset_uuid::text AS dataset_uuid, j.job_id::text AS job_id, j.dag_name, j.name, i.all_versions
       FROM job_inputs i JOIN jobs j ON j.job_id = i.job_id WHERE i.dataset_uuid = ANY($1::uuid[])
       ORDER BY j.dag_name, j.name`,
      [uuids],
    ),
  ]);
  const datasets = page.map(
    (r): DatasetView => ({
      datasetUuid: r.dataset_uuid,
      currentVersion: r.current_version,
      currentSince: r.updated_at === null ? null : new Date(r.updated_at),
      versions: versions
        .filter((v) => v.dataset_uuid === r.dataset_uuid)
        .map((v) => ({ datasetVersion: v.dataset_version, taskId: v.task_id, attempt: Number(v.attempt), makeCurrent: v.make_current, createdAt: new Date(v.created_at) })),
      consumers: consumers
        .filter((c) => c.dataset_uuid === r.dataset_uuid)
        .map((c) => ({ jobId: c.job_id, dagName: c.dag_name, name: c.name, allVersions: c.all_versions })),
    }),
  );
  const last = datasets[datasets.length - 1];
  return { ok: true, datasets, nextPageToken: known.length > pageSize && last ? encodePageToken([last.datasetUuid]) : "" };
}
