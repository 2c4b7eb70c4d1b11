// ListOutbox: outbox rows by kind, status and task, oldest first, keyset-paged on id. Pending
// and failed rows by default: what is still owed, and what gave up.
import { outboxFromRow, isUuid } from "./rows.js";
import { OUTBOX_COLUMNS } from "./outbox.js";
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
  const rows = await ctx.db.query(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox
     WHERE status = ANY($1::text[]) AND id > $2 AND ($3::text IS NULL OR kind = $3) AND ($4::uuid IS NULL OR task_id = $4)
     ORDER BY id LIMIT $5`,
    [statuses, after, input.kind || null, input.taskId || null, pageSize + 1],
  );
  const page = rows.slice(0, pageSize).map(outboxFromRow);
  const last = page[page.length - 1];
  return { ok: true, rows: page, nextPageToken: rows.length > pageSize && last ? String(last.id) : "" };
}
