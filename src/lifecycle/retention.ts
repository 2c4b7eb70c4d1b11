// History retention: deletes finished tasks older than the retention period, with every row that
// references them, in bounded batches of one short transaction each. The live loop does not need
// it to stay fast (every hot statement runs on a partial index of live rows: src/db/README.md, and
// `npm run bench -- history`), but without it the database grows forever (Temporal's namespace
// retention, River's job cleaner). `serve`/`start` run it from the dispatcher's retention loop
// (TRACE_RETENTION_DAYS, README "Configuration").
//
// What is never deleted:
//   - a live task: QUEUED, RUNNING, or FAILED with a retry scheduled (next_retry_at set);
//   - a task with an outbox row that is not `done`: its events are still to be routed or its
//     buffer publish still to be queued (pending), or the row is dead and may be replayed (failed),
//     and both need the task's task_events / buffer_publishes rows;
//   - a task finished (updated_at) or created within the period.
// Done outbox rows are not touched here: the outbox's own pruning (1 day) removes them long before.
import { and, eq, inArray, is, isNull, lt, or, sql } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "../db/index.js";
import * as schema from "../db/schema.js";
import { outbox, tasks } from "../db/schema.js";
import type { LifecycleContext } from "./types.js";

/**
 * Tasks deleted per transaction: a bounded WAL burst and lock set (the rows locked are expired
 * tasks no transition touches; ~0.2 s per batch on the loaded 2-core bench machine).
 */
export const DEFAULT_RETENTION_BATCH = 500;

export interface DeleteExpiredHistoryOptions {
  /** Finished tasks created and last changed before this instant are deleted. */
  olderThan: Date;
  /** At most this many tasks (default 500). */
  limit?: number;
}

/**
 * The column of every table that references tasks by foreign key, read from the schema, so a
 * table added later is deleted from too (children before the task itself: the keys' order).
 * No table references these children, so one level is the whole tree.
 */
export const TASK_CHILDREN: readonly PgColumn[] = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .flatMap((table) => getTableConfig(table).foreignKeys.map((fk) => fk.reference()))
  .filter((ref) => ref.foreignTable === tasks)
  .flatMap((ref) => ref.columns);

/**
 * Deletes up to `limit` expired finished tasks and their rows in one transaction; returns how
 * many tasks. Safe beside other Dispatchers running it (SKIP LOCKED) and beside every live
 * transition (a task row locked by a transition is skipped; one locked here is gone for it).
 * Reads tasks_created_idx up to the cutoff, so it never reads the part of the history it keeps.
 */
export async function deleteExpiredHistory(ctx: LifecycleContext, options: DeleteExpiredHistoryOptions): Promise<number> {
  const qb = ctx.db.drizzle;
  const limit = options.limit ?? DEFAULT_RETENTION_BATCH;
  if (limit <= 0) return 0;
  return ctx.db.transaction(async (tx) => {
    const picked = qb
      .select({ taskId: tasks.taskId })
      .from(tasks)
      .where(
        and(
          lt(tasks.createdAt, options.olderThan),
          lt(tasks.updatedAt, options.olderThan),
          or(inArray(tasks.state, ["COMPLETED", "CANCELED"]), and(eq(tasks.state, "FAILED"), isNull(tasks.nextRetryAt))),
          // Pending and failed outbox rows are few and each on its partial index; NULL task ids
          // are excluded because one NULL would make NOT IN match nothing.
          sql`${tasks.taskId} NOT IN (
            SELECT ${outbox.taskId} FROM ${outbox} WHERE ${outbox.status} = 'pending' AND ${outbox.taskId} IS NOT NULL
            UNION ALL
            SELECT ${outbox.taskId} FROM ${outbox} WHERE ${outbox.status} = 'failed' AND ${outbox.taskId} IS NOT NULL)`,
        ),
      )
      // No ORDER BY: any expired tasks will do, and without a sort the scan stops at `limit` even
      // when millions are expired (the first pass after enabling retention on an old database).
      .limit(limit)
      .for("update", { skipLocked: true })
      .toSQL();
    const ids = (await tx.query<{ task_id: string }>(picked.sql, picked.params)).map((r) => r.task_id);
    if (ids.length === 0) return 0;
    for (const column of TASK_CHILDREN) await run(tx, qb.delete(column.table).where(inArray(column, ids)).toSQL());
    await run(tx, qb.delete(tasks).where(inArray(tasks.taskId, ids)).toSQL());
    return ids.length;
  });
}

function run(tx: Queryable, query: { sql: string; params: unknown[] }): Promise<unknown> {
  return tx.query(query.sql, query.params);
}
