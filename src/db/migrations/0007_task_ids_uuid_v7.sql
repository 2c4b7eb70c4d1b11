-- New task ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version and variant bits,
-- then random bits. With random (v4) ids every new task, and every non-HOT update of one, wrote a
-- random leaf of tasks_pkey and of the indexes that lead with task_id (task_attempts_pkey,
-- task_outputs, buffer_publishes, …): on a long history those are pages no recent statement touched,
-- read into shared buffers and logged whole after each checkpoint (README, "History and retention";
-- `npm run bench -- history` prints WAL and full-page images per task). Time-ordered ids keep those
-- writes on the few pages at the right edge whatever the history's size.
-- `at` and `entropy` are parameters so a seeded history (bench/history-seed.ts) can build the same
-- shape of id for a past instant from deterministic bytes. Existing ids stay as they are.
CREATE OR REPLACE FUNCTION trace_uuid_v7(at timestamptz DEFAULT clock_timestamp(), entropy bytea DEFAULT uuid_send(gen_random_uuid()))
RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    -- version 0111 in the high nibble of byte 6 (bits 55..52), variant 10 in byte 8 (bits 71, 70)
    set_bit(set_bit(set_bit(set_bit(set_bit(set_bit(
      overlay(entropy PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
      55, 0), 54, 1), 53, 1), 52, 1), 71, 1), 70, 0),
    'hex')::uuid
$$;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "task_id" SET DEFAULT trace_uuid_v7();
