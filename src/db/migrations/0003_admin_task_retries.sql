CREATE TABLE "task_retries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"requested_by" text NOT NULL,
	"reason" text NOT NULL,
	"previous_state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "task_retries" ADD CONSTRAINT "task_retries_task_id_tasks_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("task_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_retries_task_idx" ON "task_retries" USING btree ("task_id","id");