// ListJobs: jobs ordered by (dag_name, name), filtered by DAG, name and org, keyset-paged.
import type { Row } from "../db/index.js";
import { decodePageToken, encodePageToken, isText, pageSizeOf } from "./page-token.js";
import { jobFromRow } from "./rows.js";
import type { Job, LifecycleContext, Refused } from "./types.js";

export interface ListJobsInput {
  dagName?: string;
  name?: string;
  orgId?: string;
  pageSize?: number;
  pageToken?: string;
}

export type ListJobsResult = { ok: true; jobs: Job[]; nextPageToken: string } | Refused<"invalid_argument">;

export async function listJobs(ctx: LifecycleContext, input: ListJobsInput = {}): Promise<ListJobsResult> {
  const pageSize = pageSizeOf(input.pageSize);
  if (pageSize === null) return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(clause(params.length));
  };
  if (input.dagName) add((n) => `j.dag_name = $${n}`, input.dagName);
  if (input.name) add((n) => `j.name = $${n}`, input.name);
  if (input.orgId) add((n) => `j.org_id = $${n}`, input.orgId);
  if (input.pageToken) {
    const key = decodePageToken(input.pageToken, [isText, isText]);
    if (!key) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    params.push(key[0], key[1]);
    where.push(`(j.dag_name, j.name) > ($${params.length - 1}, $${params.length})`);
  }
  params.push(pageSize + 1);
  // Inputs come along as one JSON array per job: one statement per page.
  const rows = await ctx.db.query(
    `SELECT j.*, COALESCE((SELECT jsonb_agg(jsonb_build_object('dataset_uuid', ji.dataset_uuid, 'all_versions', ji.all_versions)
         ORDER BY ji.dataset_uuid) FROM job_inputs ji WHERE ji.job_id = j.job_id), '[]'::jsonb) AS input_edges
     FROM jobs j ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY j.dag_name, j.name LIMIT $${params.length}`,
    params,
  );
  const jobs = rows.slice(0, pageSize).map((r: Row) =>
    jobFromRow(
      r,
      (r.input_edges as { dataset_uuid: string; all_versions: boolean }[]).map((i) => ({ datasetUuid: i.dataset_uuid, allVersions: i.all_versions })),
    ),
  );
  const last = jobs[jobs.length - 1];
  return { ok: true, jobs, nextPageToken: rows.length > pageSize && last ? encodePageToken([last.dagName, last.name]) : "" };
}
