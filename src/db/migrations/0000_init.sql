CREATE TABLE "buffer_publishes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"batch_uri" text NOT NULL,
	"content_type" text NOT NULL,
	"batch_size_bytes" bigint NOT NULL,
	"dedupe_scope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buffer_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"buffer_publish_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"visible_at" timestamp with time zone DEFAULT now() NOT NULL,
	"receives" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundles" (
	"sha256" text PRIMARY KEY NOT NULL,
	"storage_uri" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"runtime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundles_sha256_hex" CHECK ("bundles"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "bundles_runtime" CHECK ("bundles"."runtime" IN ('node', 'python', 'rust'))
);
--> statement-breakpoint
CREATE TABLE "dataset_versions_published" (
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"dataset_uuid" uuid NOT NULL,
	"dataset_version" uuid NOT NULL,
	"make_current" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dataset_versions_published_task_id_attempt_dataset_uuid_dataset_version_pk" PRIMARY KEY("task_id","attempt","dataset_uuid","dataset_version")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"dataset_uuid" uuid PRIMARY KEY NOT NULL,
	"current_version" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_inputs" (
	"job_id" uuid NOT NULL,
	"dataset_uuid" uuid NOT NULL,
	"all_versions" boolean DEFAULT false NOT NULL,
	CONSTRAINT "job_inputs_job_id_dataset_uuid_pk" PRIMARY KEY("job_id","dataset_uuid")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"job_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dag_name" text NOT NULL,
	"name" text NOT NULL,
	"runtime" text NOT NULL,
	"operator" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"bundle_sha256" text NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"timeout_seconds" integer DEFAULT 900 NOT NULL,
	"lease_ttl_seconds" integer DEFAULT 120 NOT NULL,
	"max_concurrency" integer DEFAULT 0 NOT NULL,
	"retry_base_seconds" integer DEFAULT 30 NOT NULL,
	"retry_max_seconds" integer DEFAULT 600 NOT NULL,
	"org_id" text DEFAULT '' NOT NULL,
	"dataset_grants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"s3_grants" jsonb DEFAULT '{"read_prefixes":[],"write_prefixes":[]}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_runtime" CHECK ("jobs"."runtime" IN ('lambda', 'worker')),
	CONSTRAINT "jobs_max_attempts" CHECK ("jobs"."max_attempts" >= 1),
	CONSTRAINT "jobs_lease_ttl" CHECK ("jobs"."lease_ttl_seconds" >= 1),
	CONSTRAINT "jobs_timeout" CHECK ("jobs"."timeout_seconds" >= 1),
	CONSTRAINT "jobs_max_concurrency" CHECK ("jobs"."max_concurrency" >= 0)
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"task_id" uuid,
	"attempt" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"tries" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_kind" CHECK ("outbox"."kind" IN ('invoke', 'wakeup', 'route_event', 'buffer_publish')),
	CONSTRAINT "outbox_status" CHECK ("outbox"."status" IN ('pending', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "task_attempts" (
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"lease_token" uuid NOT NULL,
	"worker_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"outcome" text,
	"error" text,
	"completion_fingerprint" text,
	CONSTRAINT "task_attempts_task_id_attempt_pk" PRIMARY KEY("task_id","attempt"),
	CONSTRAINT "task_attempts_outcome" CHECK ("task_attempts"."outcome" IS NULL OR "task_attempts"."outcome" IN ('completed', 'failed', 'canceled', 'timed_out', 'invoke_failed'))
);
--> statement-breakpoint
CREATE TABLE "task_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"producer_task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"dataset_uuid" uuid NOT NULL,
	"dataset_version" uuid NOT NULL,
	"event_key" text NOT NULL,
	"cursor" text,
	"partition_key" text,
	"range_start" text,
	"range_end" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_outputs" (
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"name" text NOT NULL,
	"value" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_outputs_task_id_attempt_name_pk" PRIMARY KEY("task_id","attempt","name")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"task_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"runtime" text NOT NULL,
	"state" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"max_attempts" integer NOT NULL,
	"dedupe_key" text,
	"inputs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lease_token" uuid,
	"lease_expires_at" timestamp with time zone,
	"worker_id" text,
	"started_at" timestamp with time zone,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"cancel_reason" text,
	"next_retry_at" timestamp with time zone,
	"last_error" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_state" CHECK ("tasks"."state" IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED')),
	CONSTRAINT "tasks_runtime" CHECK ("tasks"."runtime" IN ('lambda', 'worker')),
	CONSTRAINT "tasks_lease_only_running" CHECK (("tasks"."state" = 'RUNNING') = ("tasks"."lease_token" IS NOT NULL AND "tasks"."lease_expires_at" IS NOT NULL)),
	CONSTRAINT "tasks_retry_only_failed" CHECK ("tasks"."next_retry_at" IS NULL OR "tasks"."state" = 'FAILED')
);
--> statement-breakpoint
CREATE TABLE "wakeup_queue" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"visible_at" timestamp with time zone DEFAULT now() NOT NULL,
	"receives" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buffer_publishes" ADD CONSTRAINT "buffer_publishes_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions_published" ADD CONSTRAINT "dataset_versions_published_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_inputs" ADD CONSTRAINT "job_inputs_job_id_jobs_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("job_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_attempts" ADD CONSTRAINT "task_attempts_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_events" ADD CONSTRAINT "task_events_producer_task_id_tasks_task_id_fk" FOREIGN KEY ("producer_task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_outputs" ADD CONSTRAINT "task_outputs_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_job_id_jobs_job_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("job_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buffer_publishes_key" ON "buffer_publishes" USING btree ("task_id","attempt","batch_uri");--> statement-breakpoint
CREATE UNIQUE INDEX "buffer_queue_outbox_key" ON "buffer_queue" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "buffer_queue_visible_idx" ON "buffer_queue" USING btree ("visible_at","id");--> statement-breakpoint
CREATE INDEX "job_inputs_dataset_idx" ON "job_inputs" USING btree ("dataset_uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dag_name_name_key" ON "jobs" USING btree ("dag_name","name");--> statement-breakpoint
CREATE INDEX "jobs_capped_idx" ON "jobs" USING btree ("job_id") WHERE "jobs"."max_concurrency" > 0;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("kind","next_attempt_at","id") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_failed_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'failed';--> statement-breakpoint
CREATE UNIQUE INDEX "task_events_dedupe_key" ON "task_events" USING btree ("producer_task_id","dataset_uuid","dataset_version","event_key");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_job_dedupe_key" ON "tasks" USING btree ("job_id","dedupe_key") WHERE "tasks"."dedupe_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_queued_lambda_idx" ON "tasks" USING btree ("queued_at","task_id") WHERE "tasks"."state" = 'QUEUED' AND "tasks"."runtime" = 'lambda';--> statement-breakpoint
CREATE INDEX "tasks_running_lease_idx" ON "tasks" USING btree ("lease_expires_at") WHERE "tasks"."state" = 'RUNNING';--> statement-breakpoint
CREATE INDEX "tasks_running_job_idx" ON "tasks" USING btree ("job_id") WHERE "tasks"."state" = 'RUNNING';--> statement-breakpoint
CREATE INDEX "tasks_retry_due_idx" ON "tasks" USING btree ("next_retry_at") WHERE "tasks"."state" = 'FAILED' AND "tasks"."next_retry_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tasks_created_idx" ON "tasks" USING btree ("created_at" DESC NULLS LAST,"task_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tasks_job_created_idx" ON "tasks" USING btree ("job_id","created_at" DESC NULLS LAST,"task_id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "wakeup_queue_outbox_key" ON "wakeup_queue" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "wakeup_queue_visible_idx" ON "wakeup_queue" USING btree ("visible_at","id");