// ListOutbox: outbox rows by kind, status and task, oldest first, keyset-paged on id. Pending
// and failed rows by default: what is still owed, and what gave up.
import { sql } from "drizzle-orm";
import { prepare } from "../db/statements.js";
import { outboxFromRow, isUuid } from "./rows.js";
import { outbox, outboxSelection } from "./tables.js";
import { pageSizeOf } from "./page-token.js";
import { OUTBOX_KINDS, type LifecycleContext, type OutboxKind, type OutboxRow, type OutboxStatus, type Refused } from "./types.js";

const STATUSES: readonly OutboxStatus[] = ["pending", "done", "failed"];

export interface ListOutboxInput {
  kind?: string;
  statuses?: readonly string[];
  taskId?: string;
  pageSize?: number;
  pageToken?: string;
}

export type ListOutboxResult = { ok: true; rows: OutboxRow[]; nextPageToken: string } | Refused<"invalid_argument">;

const LIST_OUTBOX = prepare<{ statuses: string[]; after: number; kind: string | null; taskId: string | null; limit: number }>(
  "list_outbox",
  (p) => sql`SELECT ${outboxSelection(outbox)} FROM ${outbox}
     WHERE ${outbox.status} = ANY(${p.statuses}::text[]) AND ${outbox.id} > ${p.after}
       AND (${p.kind}::text IS NULL OR ${outbox.kind} = ${p.kind}) AND (${p.taskId}::uuid IS NULL OR ${outbox.taskId} = ${p.taskId})
     ORDER BY ${outbox.id} LIMIT ${p.limit}`,
);

export async function listOutbox(ctx: LifecycleContext, input: ListOutboxInput = {}): Promise<ListOutboxResult> {
  const pageSize = pageSizeOf(input.pageSize);
  if (pageSize === null) return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  if (input.kind && !OUTBOX_KINDS.includes(input.kind as OutboxKind))
    return { ok: false, reason: "invalid_argument", message: `kind must be one of ${OUTBOX_KINDS.join(", ")}` };
  const statuses = input.statuses && input.statuses.length > 0 ? input.statuses : ["pending", "failed"];
  if (statuses.some((s) => !STATUSES.includes(s as OutboxStatus)))
    return { ok: false, reason: "invalid_argument", message: `statuses must be among ${STATUSES.join(", ")}` };
  if (input.taskId && !isUuid(input.taskId)) return { ok: false, reason: "invalid_argument", message: "task_id must be a UUID" };
  let after = 0;
  if (input.pageToken) {
    after = Number(input.pageToken);
    if (!Number.isSafeInteger(after) || after < 0) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
  }
  const rows = await LIST_OUTBOX.run(ctx.db, {
    statuses: [...statuses],
    after,
    kind: input.kind || null,
    taskId: input.taskId || null,
    limit: pageSize + 1,
  });
  const page = rows.slice(0, pageSize).map(outboxFromRow);
  const last = page[page.length - 1];
  return { ok: true, rows: page, nextPageToken: rows.length > pageSize && last ? String(last.id) : "" };
}
