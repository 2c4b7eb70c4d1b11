// Drizzle schema of the Dispatcher's state database: the single source of truth (CONTRACT §2).
// Every hot query has a partial index matching its WHERE clause; see docs in
// src/db/README.md and the EXPLAIN test in test/lifecycle/indexes.test.ts.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const bundles = pgTable(
  "bundles",
  {
    sha256: text("sha256").primaryKey(),
    storageUri: text("storage_uri").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    runtime: text("runtime").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("bundles_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("bundles_runtime", sql`${t.runtime} IN ('node', 'python', 'rust')`),
  ],
);

export const jobs = pgTable(
  "jobs",
  {
    jobId: uuid("job_id").primaryKey().defaultRandom(),
    dagName: text("dag_name").notNull(),
    name: text("name").notNull(),
    runtime: text("runtime").notNull(),
    operator: text("operator").notNull(),
    config: jsonb("config").notNull().default({}),
    bundleSha256: text("bundle_sha256").notNull(),
    maxAttempts: integer("max_attempts").notNull().default(3),
    timeoutSeconds: integer("timeout_seconds").notNull().default(900),
    leaseTtlSeconds: integer("lease_ttl_seconds").notNull().default(120),
    // 0 = unlimited.
    maxConcurrency: integer("max_concurrency").notNull().default(0),
    // A paused job acquires (and lets workers claim) nothing; its tasks stay QUEUED.
    paused: boolean("paused").notNull().default(false),
    retryBaseSeconds: integer("retry_base_seconds").notNull().default(30),
    retryMaxSeconds: integer("retry_max_seconds").notNull().default(600),
    orgId: text("org_id").notNull().default(""),
    // [{dataset_uuid, dataset_version, storage_ref?}] carried in the capability token.
    datasetGrants: jsonb("dataset_grants").notNull().default([]),
    // {read_prefixes: [], write_prefixes: []} carried in the capability token.
    s3Grants: jsonb("s3_grants").notNull().default({ read_prefixes: [], write_prefixes: [] }),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("jobs_dag_name_name_key").on(t.dagName, t.name),
    // The acquire query looks up capped jobs only; most jobs are uncapped.
    index("jobs_capped_idx").on(t.jobId).where(sql`${t.maxConcurrency} > 0`),
    check("jobs_runtime", sql`${t.runtime} IN ('lambda', 'worker')`),
    check("jobs_max_attempts", sql`${t.maxAttempts} >= 1`),
    check("jobs_lease_ttl", sql`${t.leaseTtlSeconds} >= 1`),
    check("jobs_timeout", sql`${t.timeoutSeconds} >= 1`),
    check("jobs_max_concurrency", sql`${t.maxConcurrency} >= 0`),
  ],
);

export const jobInputs = pgTable(
  "job_inputs",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.jobId, { onDelete: "cascade" }),
    datasetUuid: uuid("dataset_uuid").notNull(),
    allVersions: boolean("all_versions").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.datasetUuid] }),
    // Routing looks up consumers by dataset.
    index("job_inputs_dataset_idx").on(t.datasetUuid),
  ],
);

export const datasets = pgTable("datasets", {
  datasetUuid: uuid("dataset_uuid").primaryKey(),
  currentVersion: uuid("current_version").notNull(),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});

export const tasks = pgTable(
  "tasks",
  {
    // UUIDv7 (time first, then random; migration 0007): a new task's key lands at the right edge of
    // tasks_pkey and of every index that leads with task_id, so however long the history grows,
    // inserts and updates touch the same few pages instead of a random leaf of a history-sized index.
    taskId: uuid("task_id").primaryKey().default(sql`trace_uuid_v7()`),
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.jobId),
    // Copied from the job at creation: how this task is executed for its whole life.
    runtime: text("runtime").notNull(),
    state: text("state").notNull(),
    attempt: integer("attempt").notNull().default(1),
    maxAttempts: integer("max_attempts").notNull(),
    dedupeKey: text("dedupe_key"),
    inputs: jsonb("inputs").notNull().default([]),
    leaseToken: uuid("lease_token"),
    leaseExpiresAt: tstz("lease_expires_at"),
    workerId: text("worker_id"),
    startedAt: tstz("started_at"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    cancelReason: text("cancel_reason"),
    nextRetryAt: tstz("next_retry_at"),
    lastError: text("last_error"),
    // Per-task parameters (JSON), part of the invocation payload beside the job's config.
    params: jsonb("params").notNull().default({}),
    // The runner delivery bound to the current attempt by its first fenced call (CONTRACT §3:
    // one delivery, and only one, may act for an attempt); cleared at every acquisition.
    deliveryId: text("delivery_id"),
    // When the task last became QUEUED; the acquire order.
    queuedAt: tstz("queued_at").notNull().defaultNow(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tasks_job_dedupe_key").on(t.jobId, t.dedupeKey).where(sql`${t.dedupeKey} IS NOT NULL`),
    // acquire (lambda runtime; worker tasks are claimed by task id)
    index("tasks_queued_lambda_idx")
      .on(t.queuedAt, t.taskId)
      .where(sql`${t.state} = 'QUEUED' AND ${t.runtime} = 'lambda'`),
    // reap
    index("tasks_running_lease_idx").on(t.leaseExpiresAt).where(sql`${t.state} = 'RUNNING'`),
    // per-job concurrency count
    index("tasks_running_job_idx").on(t.jobId).where(sql`${t.state} = 'RUNNING'`),
    // retry scheduler
    index("tasks_retry_due_idx")
      .on(t.nextRetryAt)
      .where(sql`${t.state} = 'FAILED' AND ${t.nextRetryAt} IS NOT NULL`),
    // admin listing, newest first, optionally per job
    index("tasks_created_idx").on(t.createdAt.desc(), t.taskId.desc()),
    index("tasks_job_created_idx").on(t.jobId, t.createdAt.desc(), t.taskId.desc()),
    check("tasks_state", sql`${t.state} IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED')`),
    check("tasks_runtime", sql`${t.runtime} IN ('lambda', 'worker')`),
    // A lease exists only while RUNNING (CONTRACT §2).
    check(
      "tasks_lease_only_running",
      sql`(${t.state} = 'RUNNING') = (${t.leaseToken} IS NOT NULL AND ${t.leaseExpiresAt} IS NOT NULL)`,
    ),
    check("tasks_retry_only_failed", sql`${t.nextRetryAt} IS NULL OR ${t.state} = 'FAILED'`),
  ],
);

export const taskAttempts = pgTable(
  "task_attempts",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.taskId),
    attempt: integer("attempt").notNull(),
    leaseToken: uuid("lease_token").notNull(),
    workerId: text("worker_id").notNull(),
    startedAt: tstz("started_at").notNull(),
    endedAt: tstz("ended_at"),
    outcome: text("outcome"),
    error: text("error"),
    // The failure's category (`entrypoint_crashed`, `timed_out`, an SDK's exception type, …) and
    // whether the reporter said it may be retried: data from the runner/SDK, never parsed from text.
    errorCategory: text("error_category"),
    retryable: boolean("retryable"),
    // The runner delivery that acted for this attempt (see tasks.delivery_id).
    deliveryId: text("delivery_id"),
    // SHA-256 of the canonical completion request, set only by a runner's completion; a repeat
    // with the same fingerprint is a duplicate.
    completionFingerprint: text("completion_fingerprint"),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.attempt] }),
    // Attempts finished per minute (the admin throughput view).
    index("task_attempts_ended_idx").on(t.endedAt).where(sql`${t.endedAt} IS NOT NULL`),
    check(
      "task_attempts_outcome",
      sql`${t.outcome} IS NULL OR ${t.outcome} IN ('completed', 'failed', 'canceled', 'timed_out', 'invoke_failed', 'released')`,
    ),
  ],
);

// Operator retries (AdminService.RetryTask): who re-queued a FAILED/CANCELED task, why, and which
// attempt that created. The attempt rows themselves are written at acquisition.
export const taskRetries = pgTable(
  "task_retries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.taskId),
    // The attempt number the retry queued.
    attempt: integer("attempt").notNull(),
    requestedBy: text("requested_by").notNull(),
    reason: text("reason").notNull(),
    previousState: text("previous_state").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("task_retries_task_idx").on(t.taskId, t.id)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").notNull(),
    // Identifiers only; NEVER tokens or secrets (the invoker re-reads the lease at send time).
    payload: jsonb("payload").notNull().default({}),
    taskId: uuid("task_id"),
    attempt: integer("attempt"),
    status: text("status").notNull().default("pending"),
    tries: integer("tries").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    claimedUntil: tstz("claimed_until"),
    lastError: text("last_error"),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // drain: pending rows due now, per kind
    index("outbox_pending_idx").on(t.kind, t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    // admin: failed rows oldest first
    index("outbox_failed_idx").on(t.id).where(sql`${t.status} = 'failed'`),
    // prune: done rows past the outbox retention, found without scanning the day of done rows
    // that are younger (pruneOutbox, run by the dispatcher's prune loop)
    index("outbox_done_idx").on(t.updatedAt).where(sql`${t.status} = 'done'`),
    check("outbox_kind", sql`${t.kind} IN ('invoke', 'wakeup', 'route_event', 'buffer_publish')`),
    check("outbox_status", sql`${t.status} IN ('pending', 'done', 'failed')`),
  ],
);

export const taskEvents = pgTable(
  "task_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    producerTaskId: uuid("producer_task_id")
      .notNull()
      .references(() => tasks.taskId),
    attempt: integer("attempt").notNull(),
    datasetUuid: uuid("dataset_uuid").notNull(),
    datasetVersion: uuid("dataset_version").notNull(),
    // Cursor events: the cursor as decimal text; partition events: "{start}-{end}".
    eventKey: text("event_key").notNull(),
    cursor: text("cursor"),
    partitionKey: text("partition_key"),
    rangeStart: text("range_start"),
    rangeEnd: text("range_end"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("task_events_dedupe_key").on(t.producerTaskId, t.datasetUuid, t.datasetVersion, t.eventKey),
  ],
);

export const taskOutputs = pgTable(
  "task_outputs",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.taskId),
    attempt: integer("attempt").notNull(),
    name: text("name").notNull(),
    value: jsonb("value"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.attempt, t.name] })],
);

export const datasetVersionsPublished = pgTable(
  "dataset_versions_published",
  {
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.taskId),
    attempt: integer("attempt").notNull(),
    datasetUuid: uuid("dataset_uuid").notNull(),
    datasetVersion: uuid("dataset_version").notNull(),
    makeCurrent: boolean("make_current").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.attempt, t.datasetUuid, t.datasetVersion] })],
);

export const bufferPublishes = pgTable(
  "buffer_publishes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => tasks.taskId),
    attempt: integer("attempt").notNull(),
    batchUri: text("batch_uri").notNull(),
    contentType: text("content_type").notNull(),
    batchSizeBytes: bigint("batch_size_bytes", { mode: "number" }).notNull(),
    dedupeScope: text("dedupe_scope").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("buffer_publishes_key").on(t.taskId, t.attempt, t.batchUri)],
);

// Postgres-backed queues fed by the outbox drain: wake-ups for queue-woken worker runtimes and
// buffer pointers for the buffer consumer. Idempotent on the outbox row that produced them.
export const wakeupQueue = pgTable(
  "wakeup_queue",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    outboxId: bigint("outbox_id", { mode: "number" }).notNull(),
    taskId: uuid("task_id").notNull(),
    attempt: integer("attempt").notNull(),
    visibleAt: tstz("visible_at").notNull().defaultNow(),
    receives: integer("receives").notNull().default(0),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("wakeup_queue_outbox_key").on(t.outboxId), index("wakeup_queue_visible_idx").on(t.visibleAt, t.id)],
);

export const bufferQueue = pgTable(
  "buffer_queue",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    outboxId: bigint("outbox_id", { mode: "number" }).notNull(),
    bufferPublishId: bigint("buffer_publish_id", { mode: "number" }).notNull(),
    payload: jsonb("payload").notNull(),
    visibleAt: tstz("visible_at").notNull().defaultNow(),
    receives: integer("receives").notNull().default(0),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("buffer_queue_outbox_key").on(t.outboxId), index("buffer_queue_visible_idx").on(t.visibleAt, t.id)],
);
