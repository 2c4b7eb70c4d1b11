// The transactional outbox: claimed with SKIP LOCKED, delivered at least once, retried with
// backoff, and parked as `failed` (never dropped) after too many tries.
import { sql } from "drizzle-orm";
import { bare, prepare, type PreparedStatement } from "../db/statements.js";
import { date, iso, outboxFromRow } from "./rows.js";
import { o, outbox, outboxSelection } from "./tables.js";
import { OUTBOX_KINDS, type LifecycleContext, type OutboxKind, type OutboxRow, type Refused } from "./types.js";

export const OUTBOX_RETRY = { baseSeconds: 1, maxSeconds: 300, maxTries: 20 } as const;

/**
 * Default claim visibility. Short, because a live drain renews its claims (renewOutboxClaims)
 * while it delivers: the window only bounds how long a dead drain's rows stay hidden.
 */
export const OUTBOX_CLAIM_VISIBILITY_SECONDS = 5;


export interface ClaimOutboxOptions {
  kinds: readonly OutboxKind[];
  limit: number;
  /** How long a claimed row stays invisible to other drains unless renewed (default 5 s). */
  visibilitySeconds?: number;
}

/**
 * A claimed row and its claim. `claimedUntil` is also the claim's fence: every claim (and renewal)
 * of a row writes a later instant, so a drain whose claim lapsed and was taken over can no longer
 * renew it, retry it or park it (those statements match on the value it holds).
 */
export interface ClaimedOutboxRow extends OutboxRow {
  claimedUntil: Date;
}

/**
 * Claims due pending rows. A claim pushes next_attempt_at (and claimed_until) past the visibility
 * window instead of changing status, so a drain that dies mid-delivery just lets the row
 * reappear: at-least-once.
 */
export async function claimOutbox(ctx: LifecycleContext, options: ClaimOutboxOptions): Promise<ClaimedOutboxRow[]> {
  const kinds = options.kinds.filter((k) => OUTBOX_KINDS.includes(k));
  if (kinds.length === 0 || options.limit <= 0) return [];
  const nowDate = ctx.clock.now();
  const until = iso(claimDeadline(nowDate, options.visibilitySeconds));
  const rows = await claimStatement(kinds).run(ctx.db, { now: iso(nowDate), limit: options.limit, until });
  return rows.map((r) => ({ ...outboxFromRow(r), claimedUntil: date(r.claimed_until) })).sort((a, b) => a.id - b.id);
}

type ClaimParams = { now: string; limit: number; until: string };
const claimStatements = new Map<string, PreparedStatement<ClaimParams>>();

/**
 * The claim statement for one set of kinds. Kinds are from a closed set (checked by the caller),
 * so inlining them keeps one prepared plan per set and lets the planner use outbox_pending_idx
 * (kind, next_attempt_at, id); each set is rendered once.
 */
function claimStatement(kinds: readonly OutboxKind[]): PreparedStatement<ClaimParams> {
  const key = kinds.join(",");
  let statement = claimStatements.get(key);
  if (!statement) {
    const kindList = sql.raw(kinds.map((k) => `'${k}'`).join(", "));
    statement = prepare<ClaimParams>(
      `outbox_claim_${key}`,
      (p) => sql`UPDATE ${outbox} ${o} SET ${bare(outbox.nextAttemptAt)} = ${p.until}, ${bare(outbox.claimedUntil)} = ${p.until},
         ${bare(outbox.updatedAt)} = ${p.now}
       FROM (
         SELECT ${outbox.id} AS id FROM ${outbox}
         WHERE ${outbox.status} = 'pending' AND ${outbox.kind} IN (${kindList}) AND ${outbox.nextAttemptAt} <= ${p.now}
         ORDER BY ${outbox.nextAttemptAt}, ${outbox.id}
         LIMIT ${p.limit}
         FOR UPDATE SKIP LOCKED
       ) c
       WHERE ${o.id} = c.id
       RETURNING ${outboxSelection(o)}, ${o.claimedUntil} AS claimed_until`,
    );
    claimStatements.set(key, statement);
  }
  return statement;
}

function claimDeadline(now: Date, visibilitySeconds = OUTBOX_CLAIM_VISIBILITY_SECONDS): Date {
  return new Date(now.getTime() + Math.max(1, visibilitySeconds) * 1000);
}

/** A claim as its holder knows it: the row and the claimed_until value it last wrote. */
export interface OutboxClaim {
  id: number;
  claimedUntil: Date;
}

const RENEW_CLAIMS = prepare<{ held: string; now: string; until: string }>(
  "outbox_renew_claims",
  (p) => sql`UPDATE ${outbox} ${o} SET ${bare(outbox.claimedUntil)} = ${p.until}, ${bare(outbox.nextAttemptAt)} = ${p.until},
       ${bare(outbox.updatedAt)} = ${p.now}
     FROM jsonb_to_recordset(${p.held}::jsonb) AS h(id bigint, claimed_until timestamptz)
     WHERE ${o.id} = h.id AND ${o.claimedUntil} = h.claimed_until AND ${o.status} = 'pending' AND ${o.claimedUntil} > ${p.now}
     RETURNING ${o.id} AS id, ${o.claimedUntil} AS claimed_until`,
);

/**
 * Extends claims that are still held and not yet lapsed to now + visibility (one statement).
 * Returns the renewed claims with their new deadline; a claim missing from the answer was lost
 * (lapsed, taken over by another drain, or the row left `pending`) and must not be delivered.
 */
export async function renewOutboxClaims(
  ctx: LifecycleContext,
  claims: readonly OutboxClaim[],
  visibilitySeconds?: number,
): Promise<OutboxClaim[]> {
  if (claims.length === 0) return [];
  const nowDate = ctx.clock.now();
  const held = JSON.stringify(claims.map((c) => ({ id: c.id, claimed_until: iso(c.claimedUntil) })));
  const rows = await RENEW_CLAIMS.run(ctx.db, { held, now: iso(nowDate), until: iso(claimDeadline(nowDate, visibilitySeconds)) });
  return rows.map((r) => ({ id: Number(r.id), claimedUntil: date(r.claimed_until) }));
}

const MARK_DONE = prepare<{ ids: string; now: string }>(
  "outbox_mark_done",
  (p) => sql`UPDATE ${outbox} SET ${bare(outbox.status)} = 'done', ${bare(outbox.claimedUntil)} = NULL, ${bare(outbox.updatedAt)} = ${p.now}
     WHERE ${outbox.id} IN (SELECT jsonb_array_elements_text(${p.ids}::jsonb)::bigint) AND ${outbox.status} = 'pending'`,
);

/** Marks delivered rows done (one statement for the batch). */
export async function markOutboxDone(ctx: LifecycleContext, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await MARK_DONE.run(ctx.db, { ids: JSON.stringify(ids), now: iso(ctx.clock.now()) });
}

export type MarkRetryResult = { status: "pending" | "failed"; tries: number; nextAttemptAt: Date | null } | null;

const LOCK_FOR_RETRY = prepare<{ id: number; claimedUntil: string | null }>(
  "outbox_lock_for_retry",
  (p) => sql`SELECT ${outbox.tries} AS tries FROM ${outbox}
     WHERE ${outbox.id} = ${p.id} AND ${outbox.status} = 'pending' AND (${p.claimedUntil}::timestamptz IS NULL OR ${outbox.claimedUntil} = ${p.claimedUntil})
     FOR UPDATE`,
);
const PARK_AFTER_TRIES = prepare<{ id: number; tries: number; error: string; now: string }>(
  "outbox_park_after_tries",
  (p) => sql`UPDATE ${outbox} SET ${bare(outbox.status)} = 'failed', ${bare(outbox.tries)} = ${p.tries}, ${bare(outbox.lastError)} = ${p.error},
     ${bare(outbox.claimedUntil)} = NULL, ${bare(outbox.updatedAt)} = ${p.now} WHERE ${outbox.id} = ${p.id}`,
);
const RETRY_LATER = prepare<{ id: number; tries: number; error: string; next: string; now: string }>(
  "outbox_retry_later",
  (p) => sql`UPDATE ${outbox} SET ${bare(outbox.tries)} = ${p.tries}, ${bare(outbox.lastError)} = ${p.error},
     ${bare(outbox.nextAttemptAt)} = ${p.next}, ${bare(outbox.claimedUntil)} = NULL, ${bare(outbox.updatedAt)} = ${p.now}
     WHERE ${outbox.id} = ${p.id}`,
);

/**
 * Records a failed delivery: back to pending after min(max, base * 2^(tries-1)) * uniform(0.5, 1.5),
 * or `failed` once tries reaches 20. The caller alerts (log + counter) on `failed`. With `claim`,
 * only while that claim is still the row's: a drain whose claim lapsed and was taken over must not
 * make the row visible again under its new holder (null: nothing changed).
 */
export async function markOutboxRetry(ctx: LifecycleContext, id: number, error: string, claim?: OutboxClaim): Promise<MarkRetryResult> {
  const nowDate = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await LOCK_FOR_RETRY.run(tx, { id, claimedUntil: claim ? iso(claim.claimedUntil) : null });
    if (!row) return null;
    const tries = Number(row.tries) + 1;
    if (tries >= OUTBOX_RETRY.maxTries) {
      await PARK_AFTER_TRIES.run(tx, { id, tries, error, now: iso(nowDate) });
      return { status: "failed", tries, nextAttemptAt: null };
    }
    const exponential = Math.min(OUTBOX_RETRY.maxSeconds, OUTBOX_RETRY.baseSeconds * 2 ** (tries - 1));
    const next = new Date(nowDate.getTime() + Math.round(exponential * 1000 * (0.5 + ctx.random())));
    await RETRY_LATER.run(tx, { id, tries, error, next: iso(next), now: iso(nowDate) });
    return { status: "pending", tries, nextAttemptAt: next };
  });
}

const MARK_FAILED = prepare<{ id: number; error: string; now: string; claimedUntil: string | null }>(
  "outbox_mark_failed",
  (p) => sql`UPDATE ${outbox} SET ${bare(outbox.status)} = 'failed', ${bare(outbox.tries)} = ${outbox.tries} + 1,
     ${bare(outbox.lastError)} = ${p.error}, ${bare(outbox.claimedUntil)} = NULL, ${bare(outbox.updatedAt)} = ${p.now}
     WHERE ${outbox.id} = ${p.id} AND ${outbox.status} = 'pending'
       AND (${p.claimedUntil}::timestamptz IS NULL OR ${outbox.claimedUntil} = ${p.claimedUntil})
     RETURNING ${outbox.id} AS id`,
);

/**
 * Parks a row as failed at once (a handler's definitive `{ fail }`). With `claim`, only while that
 * claim is still the row's (as for markOutboxRetry: a drain that lost its claim changes nothing).
 */
export async function markOutboxFailed(ctx: LifecycleContext, id: number, error: string, claim?: OutboxClaim): Promise<boolean> {
  const rows = await MARK_FAILED.run(ctx.db, { id, error, now: iso(ctx.clock.now()), claimedUntil: claim ? iso(claim.claimedUntil) : null });
  return rows.length > 0;
}

export type ReplayOutboxResult = { ok: true; row: OutboxRow } | Refused<"not_found" | "not_failed">;

const REPLAY = prepare<{ id: number; now: string }>(
  "outbox_replay",
  (p) => sql`UPDATE ${outbox} SET ${bare(outbox.status)} = 'pending', ${bare(outbox.tries)} = 0, ${bare(outbox.nextAttemptAt)} = ${p.now},
     ${bare(outbox.claimedUntil)} = NULL, ${bare(outbox.updatedAt)} = ${p.now}
     WHERE ${outbox.id} = ${p.id} AND ${outbox.status} = 'failed' RETURNING ${outboxSelection(outbox)}`,
);
const OUTBOX_STATUS = prepare<{ id: number }>(
  "outbox_status",
  (p) => sql`SELECT ${outbox.status} AS status FROM ${outbox} WHERE ${outbox.id} = ${p.id}`,
);

/** Puts a failed row back to pending with tries reset, due now. */
export async function replayOutbox(ctx: LifecycleContext, id: number): Promise<ReplayOutboxResult> {
  const now = iso(ctx.clock.now());
  const [row] = await REPLAY.run(ctx.db, { id, now });
  if (row) return { ok: true, row: outboxFromRow(row) };
  const [exists] = await OUTBOX_STATUS.run(ctx.db, { id });
  return exists ? { ok: false, reason: "not_failed" } : { ok: false, reason: "not_found" };
}

export type ListFailedOutboxResult = { ok: true; rows: OutboxRow[]; nextPageToken: string } | Refused<"invalid_argument">;

const LIST_FAILED = prepare<{ after: number; limit: number }>(
  "outbox_list_failed",
  (p) => sql`SELECT ${outboxSelection(outbox)} FROM ${outbox}
     WHERE ${outbox.status} = 'failed' AND ${outbox.id} > ${p.after} ORDER BY ${outbox.id} LIMIT ${p.limit}`,
);

/** Failed rows, oldest first, keyset-paged on id. */
export async function listFailedOutbox(
  ctx: LifecycleContext,
  input: { pageSize?: number; pageToken?: string } = {},
): Promise<ListFailedOutboxResult> {
  const pageSize = input.pageSize === undefined || input.pageSize === 0 ? 50 : input.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500)
    return { ok: false, reason: "invalid_argument", message: "page_size must be 1 to 500" };
  let after = 0;
  if (input.pageToken) {
    after = Number(input.pageToken);
    if (!Number.isSafeInteger(after) || after < 0) return { ok: false, reason: "invalid_argument", message: "malformed page_token" };
  }
  const rows = await LIST_FAILED.run(ctx.db, { after, limit: pageSize + 1 });
  const page = rows.slice(0, pageSize).map(outboxFromRow);
  const last = page[page.length - 1];
  return { ok: true, rows: page, nextPageToken: rows.length > pageSize && last ? String(last.id) : "" };
}

const PRUNE = prepare<{ olderThan: string; limit: number }>(
  "outbox_prune",
  (p) => sql`DELETE FROM ${outbox} WHERE ${outbox.id} IN (
       SELECT ${outbox.id} FROM ${outbox} WHERE ${outbox.status} = 'done' AND ${outbox.updatedAt} < ${p.olderThan}
       LIMIT ${p.limit} FOR UPDATE SKIP LOCKED
     ) RETURNING ${outbox.id} AS id`,
);

/** Deletes done rows older than the cutoff; returns how many. Run periodically by the drain. */
export async function pruneOutbox(ctx: LifecycleContext, olderThan: Date, limit = 10_000): Promise<number> {
  const rows = await PRUNE.run(ctx.db, { olderThan: iso(olderThan), limit });
  return rows.length;
}
