// ListDatasets: every dataset the Dispatcher knows of (made current, published to, or named by a
// job's inputs), keyset-paged on its uuid, each with its current version, its most recent
// publications and the jobs that consume it. Three statements for a page, whatever its size.
import { sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { prepare, selection } from "../db/statements.js";
import { datasets, datasetVersionsPublished, j, jobInputs, jobs } from "./tables.js";

const d = alias(datasets, "d");
const i = alias(jobInputs, "i");
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

// Every dataset anything knows of (a current version, a publication, a consuming job), by uuid.
function knownStatement(name: string, inclusive: boolean) {
  return prepare<{ after: string; limit: number }>(
    name,
    (p) => sql`SELECT k.dataset_uuid::text AS dataset_uuid, ${d.currentVersion}::text AS current_version, ${d.updatedAt} AS updated_at
     FROM (SELECT ${datasets.datasetUuid} AS dataset_uuid FROM ${datasets}
           UNION SELECT ${datasetVersionsPublished.datasetUuid} FROM ${datasetVersionsPublished}
           UNION SELECT ${jobInputs.datasetUuid} FROM ${jobInputs}) k
     LEFT JOIN ${datasets} ${d} ON ${d.datasetUuid} = k.dataset_uuid
     WHERE k.dataset_uuid ${sql.raw(inclusive ? ">=" : ">")} ${p.after}::uuid
     ORDER BY k.dataset_uuid LIMIT ${p.limit}`,
  );
}
const KNOWN_FROM = knownStatement("list_datasets", true);
const KNOWN_AFTER = knownStatement("list_datasets_after", false);

const RECENT = prepare<{ uuids: string[]; recent: number }>(
  "list_datasets_recent_versions",
  (p) => sql`SELECT dataset_uuid::text AS dataset_uuid, dataset_version::text AS dataset_version, task_id::text AS task_id, attempt, make_current, created_at
       FROM (SELECT ${selection({
         dataset_uuid: datasetVersionsPublished.datasetUuid,
         dataset_version: datasetVersionsPublished.datasetVersion,
         task_id: datasetVersionsPublished.taskId,
         attempt: datasetVersionsPublished.attempt,
         make_current: datasetVersionsPublished.makeCurrent,
         created_at: datasetVersionsPublished.createdAt,
       })}, row_number() OVER (PARTITION BY ${datasetVersionsPublished.datasetUuid}
               ORDER BY ${datasetVersionsPublished.createdAt} DESC, ${datasetVersionsPublished.datasetVersion}) AS n
             FROM ${datasetVersionsPublished} WHERE ${datasetVersionsPublished.datasetUuid} = ANY(${p.uuids}::uuid[])) recent
       WHERE n <= ${p.recent} ORDER BY dataset_uuid, created_at DESC, dataset_version`,
);

const CONSUMERS = prepare<{ uuids: string[] }>(
  "list_datasets_consumers",
  (p) => sql`SELECT ${i.datasetUuid}::text AS dataset_uuid, ${j.jobId}::text AS job_id, ${j.dagName} AS dag_name, ${j.name} AS name,
         ${i.allVersions} AS all_versions
       FROM ${jobInputs} ${i} JOIN ${jobs} ${j} ON ${j.jobId} = ${i.jobId} WHERE ${i.datasetUuid} = ANY(${p.uuids}::uuid[])
       ORDER BY ${j.dagName}, ${j.name}`,
);

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
  const known = await (inclusive ? KNOWN_FROM : KNOWN_AFTER).run<{ dataset_uuid: string; current_version: string | null; updated_at: Date | null }>(
    ctx.db,
    { after, limit: pageSize + 1 },
  );
  const page = known.slice(0, pageSize);
  const uuids = page.map((r) => r.dataset_uuid);
  const [versions, consumers] = await Promise.all([
    RECENT.run<{ dataset_uuid: string; dataset_version: string; task_id: string; attempt: number; make_current: boolean; created_at: Date }>(
      ctx.db,
      { uuids, recent: RECENT_VERSIONS },
    ),
    CONSUMERS.run<{ dataset_uuid: string; job_id: string; dag_name: string; name: string; all_versions: boolean }>(ctx.db, { uuids }),
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
