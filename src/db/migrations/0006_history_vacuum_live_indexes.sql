-- Keep the live partial indexes of tasks and outbox small however long the history grows
-- (README, "History and retention"; measured by `npm run bench -- history`).
-- vacuum_index_cleanup = on: with the default (auto), VACUUM skips index cleanup when fewer than 2 %
-- of the table's pages hold dead rows, which on a large history is always the case, so the dead
-- entries of tasks_queued_lambda_idx, tasks_running_*_idx and outbox_pending_idx (every acquire,
-- heartbeat and claim reads them) were never removed.
-- autovacuum_*_scale_factor: vacuum after 1 % of the table is dead (analyze after 2 %) instead of
-- 20 % (10 %) of it, so a long history does not postpone vacuuming the live rows' churn.
ALTER TABLE "tasks" SET (vacuum_index_cleanup = on, autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);--> statement-breakpoint
ALTER TABLE "outbox" SET (vacuum_index_cleanup = on, autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
