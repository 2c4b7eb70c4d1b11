// What the invoker (and the worker claim) needs to build a TaskInvocation payload at send time.
import { sql } from "drizzle-orm";
import type { Row } from "../db/index.js";
import { prepare } from "../db/statements.js";
import { bundleFromRow, invocationTaskFromRow, isUuid, jobFromRow } from "./rows.js";
import { b, bundles, bundleSelection, invocationTaskSelection, j, jobs, jobSelection, runningByKey, t, tasks } from "./tables.js";
import type { Bundle, InvocationTask, Job, LifecycleContext } from "./types.js";

export interface Invocation {
  /** Only the task columns a payload needs: each one more is bytes to aggregate, send and parse per task. */
  task: InvocationTask;
  /** The job as the payload needs it. `job.inputs` is not loaded (always empty): no payload field uses it. */
  job: Job;
  /** null if the job names a bundle that was never registered (a definitive invoke error). */
  bundle: Bundle | null;
  lease: { attempt: number; leaseToken: string; leaseExpiresAt: Date; workerId: string };
}

// Bundle columns share names with job columns (runtime, created_at): they are selected under a
// prefix and handed to their row mapper without it.
const BUNDLE_PREFIX = "bundle__";
const BUNDLE_KEYS = ["sha256", "storage_uri", "size_bytes", "runtime", "created_at"];

function unprefixed(row: Row, prefix: string, keys: readonly string[]): Row {
  const out: Row = {};
  for (const k of keys) out[k] = row[`${prefix}${k}`];
  return out;
}

// One round trip for one attempt or many (the invoke drain loads a whole claimed batch at once).
// Each key is looked up by primary key in a LATERAL subquery that LIMIT keeps from being flattened
// into a join: as a join, the planner either read every RUNNING task's entry of the partial index
// (statistics taken while few ran) or, without it, scanned a small tasks table per batch. Each job
// and bundle comes once per batch, not once per task: the tasks and the jobs arrive as two JSON
// arrays, which V8's JSON.parse reads faster than the driver maps ~45 typed columns per task.
const LOAD_INVOCATIONS = prepare<{ keys: string }>(
  "load_invocations",
  (p) => sql`WITH tk AS (
    SELECT task.* FROM jsonb_to_recordset(${p.keys}::jsonb) AS k(task_id uuid, attempt int)
    CROSS JOIN LATERAL (
      SELECT ${invocationTaskSelection(t)} FROM ${tasks} ${t}
      WHERE ${t.taskId} = k.task_id AND ${t.attempt} = k.attempt AND ${runningByKey(t)}
      LIMIT 1
    ) task
  )
  SELECT (SELECT json_agg(tk) FROM tk) AS tasks,
    (SELECT json_agg(jb) FROM (
      SELECT ${jobSelection(j)}, ${bundleSelection(b, BUNDLE_PREFIX)}
      FROM ${jobs} ${j} LEFT JOIN ${bundles} ${b} ON ${b.sha256} = ${j.bundleSha256}
      WHERE ${j.jobId} IN (SELECT job_id FROM tk)
    ) jb) AS jobs`,
);

type LeasedTask = InvocationTask & { leaseToken: string; leaseExpiresAt: Date };

const isLeased = (task: InvocationTask): task is LeasedTask => Boolean(task.leaseToken) && task.leaseExpiresAt !== null;

function invocationOf(task: LeasedTask, job: Job, bundle: Bundle | null): Invocation {
  return {
    task,
    job,
    bundle,
    lease: { attempt: task.attempt, leaseToken: task.leaseToken, leaseExpiresAt: task.leaseExpiresAt, workerId: task.workerId ?? "" },
  };
}

/**
 * Loads task, job, bundle and the live lease of (task_id, attempt) in one statement, or null when
 * that attempt no longer holds a lease (completed, reaped, canceled, superseded): the invoke is
 * then moot. The outbox row stores only {task_id, attempt}; the lease token is read here, never
 * persisted in the outbox.
 */
export async function loadInvocation(ctx: LifecycleContext, input: { taskId: string; attempt: number }): Promise<Invocation | null> {
  const [invocation] = await loadInvocations(ctx, [input]);
  return invocation ?? null;
}

/** loadInvocation for many attempts in one statement; results in the order of `inputs`. */
export async function loadInvocations(ctx: LifecycleContext, inputs: readonly { taskId: string; attempt: number }[]): Promise<(Invocation | null)[]> {
  // Keys that cannot name an attempt match nothing (as in loadInvocation) and must not fail the batch.
  const keys = inputs
    .filter((i) => isUuid(i.taskId) && Number.isInteger(i.attempt) && i.attempt > 0 && i.attempt <= 2_147_483_647)
    .map((i) => ({ task_id: i.taskId, attempt: i.attempt }));
  if (keys.length === 0) return inputs.map(() => null);
  const [row] = await LOAD_INVOCATIONS.run(ctx.db, { keys: JSON.stringify(keys) });
  const jobsById = new Map<string, { job: Job; bundle: Bundle | null }>();
  for (const jobRow of jsonRows(row?.jobs)) {
    const bundle = jobRow[`${BUNDLE_PREFIX}sha256`] == null ? null : bundleFromRow(unprefixed(jobRow, BUNDLE_PREFIX, BUNDLE_KEYS));
    jobsById.set(String(jobRow.job_id), { job: jobFromRow(jobRow, []), bundle });
  }
  const found = new Map<string, Invocation>();
  for (const taskRow of jsonRows(row?.tasks)) {
    const task = invocationTaskFromRow(taskRow);
    const owner = jobsById.get(task.jobId);
    if (!owner || !isLeased(task)) continue;
    found.set(`${task.taskId}/${task.attempt}`, invocationOf(task, owner.job, owner.bundle));
  }
  return inputs.map((i) => found.get(`${i.taskId}/${i.attempt}`) ?? null);
}

/** A json_agg column: the rows, or none when it aggregated nothing (SQL NULL). */
function jsonRows(value: unknown): Row[] {
  // postgres.js and PGlite parse json columns; a driver that hands back the text is read here too.
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as Row[]) : [];
}
