// ListJobs: jobs ordered by (dag_name, name), filtered by DAG, name and org, keyset-paged.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { runSql } from "../db/statements.js";
import { j, jobInputs, jobs, jobSelection } from "./tables.js";

const ji = alias(jobInputs, "ji");
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
  const where: SQL[] = [];
  if (input.dagName) where.push(eq(j.dagName, input.dagName));
  if (input.name) where.push(eq(j.name, input.name));
  if (input.orgId) where.push(eq(j.orgId, input.orgId));
  if (input.pageToken) {
    const key = decodePageToken(input.pageToken, [isText, isText]);
    if (!key) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
    where.push(sql`(${j.dagName}, ${j.name}) > (${String(key[0])}::text, ${String(key[1])}::text)`);
  }
  // Inputs come along as one JSON array per job: one statement per page.
  const rows = await runSql(
    ctx.db,
    sql`SELECT ${jobSelection(j)}, COALESCE((SELECT jsonb_agg(jsonb_build_object('dataset_uuid', ${ji.datasetUuid}, 'all_versions', ${ji.allVersions})
         ORDER BY ${ji.datasetUuid}) FROM ${jobInputs} ${ji} WHERE ${ji.jobId} = ${j.jobId}), '[]'::jsonb) AS input_edges
     FROM ${jobs} ${j} ${where.length ? sql`WHERE ${and(...where)}` : sql``}
     ORDER BY ${j.dagName}, ${j.name} LIMIT ${pageSize + 1}`,
  );
  const page = rows.slice(0, pageSize).map((r: Row) =>
    jobFromRow(
      r,
      (r.input_edges as { dataset_uuid: string; all_versions: boolean }[]).map((i) => ({ datasetUuid: i.dataset_uuid, allVersions: i.all_versions })),
    ),
  );
  const last = page[page.length - 1];
  return { ok: true, jobs: page, nextPageToken: rows.length > pageSize && last ? encodePageToken([last.dagName, last.name]) : "" };
}
