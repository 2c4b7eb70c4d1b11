ALTER TABLE "jobs" ADD COLUMN "paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "task_attempts" ADD COLUMN "error_category" text;--> statement-breakpoint
ALTER TABLE "task_attempts" ADD COLUMN "retryable" boolean;--> statement-breakpoint
ALTER TABLE "task_attempts" ADD COLUMN "delivery_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "delivery_id" text;