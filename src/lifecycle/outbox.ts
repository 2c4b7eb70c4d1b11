// The transactional outbox: claimed with SKIP LOCKED, delivered at least once, retried with
// backoff, and parked as `failed` (never dropped) after too many tries.
import { date, iso, outboxFromRow } from "./rows.js";
import { OUTBOX_KINDS, type LifecycleContext, type OutboxKind, type OutboxRow, type Refused } from "./types.js";

export const OUTBOX_RETRY = { baseSeconds: 1, maxSeconds: 300, maxTries: 20 } as const;

/**
 * Default claim visibility. Short, because a live drain renews its claims (renewOutboxClaims)
 * while it delivers: the window only bounds how long a dead drain's rows stay hidden.
 */
export const OUTBOX_CLAIM_VISIBILITY_SECONDS = 5;

export const OUTBOX_COLUMNS = `id, kind, payload, task_id, attempt, status, tries, last_error, next_attempt_at, created_at`;

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
  // Kinds are from a closed set (checked above), so inlining them keeps one prepared plan per set
  // and lets the planner use outbox_pending_idx (kind, next_attempt_at, id).
  const kindList = kinds.map((k) => `'${k}'`).join(", ");
  const rows = await ctx.db.query(
    `UPDATE outbox o SET next_attempt_at = $3, claimed_until = $3, updated_at = $1
     FROM (
       SELECT id FROM outbox
       WHERE status = 'pending' AND kind IN (${kindList}) AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     ) c
     WHERE o.id = c.id
     RETURNING ${OUTBOX_COLUMNS.split(", ").map((c) => `o.${c}`).join(", ")}, o.claimed_until`,
    [iso(nowDate), options.limit, until],
  );
  return rows.map((r) => ({ ...outboxFromRow(r), claimedUntil: date(r.claimed_until) })).sort((a, b) => a.id - b.id);
}

function claimDeadline(now: Date, visibilitySeconds = OUTBOX_CLAIM_VISIBILITY_SECONDS): Date {
  return new Date(now.getTime() + Math.max(1, visibilitySeconds) * 1000);
}

/** A claim as its holder knows it: the row and the claimed_until value it last wrote. */
export interface OutboxClaim {
  id: number;
  claimedUntil: Date;
}

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
  const rows = await ctx.db.query(
    `UPDATE outbox o SET claimed_until = $3, next_attempt_at = $3, updated_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS h(id bigint, claimed_until timestamptz)
     WHERE o.id = h.id AND o.claimed_until = h.claimed_until AND o.status = 'pending' AND o.claimed_until > $2
     RETURNING o.id, o.claimed_until`,
    [held, iso(nowDate), iso(claimDeadline(nowDate, visibilitySeconds))],
  );
  return rows.map((r) => ({ id: Number(r.id), claimedUntil: date(r.claimed_until) }));
}

/** Marks delivered rows done (one statement for the batch). */
export async function markOutboxDone(ctx: LifecycleContext, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.query(
    `UPDATE outbox SET status = 'done', claimed_until = NULL, updated_at = $2
     WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) AND status = 'pending'`,
    [JSON.stringify(ids), iso(ctx.clock.now())],
  );
}

export type MarkRetryResult = { status: "pending" | "failed"; tries: number; nextAttemptAt: Date | null } | null;

/**
 * Records a failed delivery: back to pending after min(max, base * 2^(tries-1)) * uniform(0.5, 1.5),
 * or `failed` once tries reaches 20. The caller alerts (log + counter) on `failed`. With `claim`,
 * only while that claim is still the row's: a drain whose claim lapsed and was taken over must not
 * make the row visible again under its new holder (null: nothing changed).
 */
export async function markOutboxRetry(ctx: LifecycleContext, id: number, error: string, claim?: OutboxClaim): Promise<MarkRetryResult> {
  const nowDate = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query(
      `SELECT tries FROM outbox WHERE id = $1 AND status = 'pending' AND ($2::timestamptz IS NULL OR claimed_until = $2) FOR UPDATE`,
      [id, claim ? iso(claim.claimedUntil) : null],
    );
    if (!row) return null;
    const tries = Number(row.tries) + 1;
    if (tries >= OUTBOX_RETRY.maxTries) {
      await tx.query(
        `UPDATE outbox SET status = 'failed', tries = $2, last_error = $3, claimed_until = NULL, updated_at = $4 WHERE id = $1`,
        [id, tries, error, iso(nowDate)],
      );
      return { status: "failed", tries, nextAttemptAt: null };
    }
    const exponential = Math.min(OUTBOX_RETRY.maxSeconds, OUTBOX_RETRY.baseSeconds * 2 ** (tries - 1));
    const next = new Date(nowDate.getTime() + Math.round(exponential * 1000 * (0.5 + ctx.random())));
    await tx.query(
      `UPDATE outbox SET tries = $2, last_error = $3, next_attempt_at = $4, claimed_until = NULL, updated_at = $5 WHERE id = $1`,
      [id, tries, error, iso(next), iso(nowDate)],
    );
    return { status: "pending", tries, nextAttemptAt: next };
  });
}

/**
 * Parks a row as failed at once (a handler's definitive `{ fail }`). With `claim`, only while that
 * claim is still the row's (as for markOutboxRetry: a drain that lost its claim changes nothing).
 */
export async function markOutboxFailed(ctx: LifecycleContext, id: number, error: string, claim?: OutboxClaim): Promise<boolean> {
  const rows = await ctx.db.query(
    `UPDATE outbox SET status = 'failed', tries = tries + 1, last_error = $2, claimed_until = NULL, updated_at = $3
     WHERE id = $1 AND status = 'pending' AND ($4::timestamptz IS NULL OR claimed_until = $4) RETURNING id`,
    [id, error, iso(ctx.clock.now()), claim ? iso(claim.claimedUntil) : null],
  );
  return rows.length > 0;
}

export type ReplayOutboxResult = { ok: true; row: OutboxRow } | Refused<"not_found" | "not_failed">;

/** Puts a failed row back to pending with tries reset, due now. */
export async function replayOutbox(ctx: LifecycleContext, id: number): Promise<ReplayOutboxResult> {
  const now = iso(ctx.clock.now());
  const [row] = await ctx.db.query(
    `UPDATE outbox SET status = 'pending', tries = 0, next_attempt_at = $2, claimed_until = NULL, updated_at = $2
     WHERE id = $1 AND status = 'failed' RETURNING ${OUTBOX_COLUMNS}`,
    [id, now],
  );
  if (row) return { ok: true, row: outboxFromRow(row) };
  const [exists] = await ctx.db.query(`SELECT status FROM outbox WHERE id = $1`, [id]);
  return exists ? { ok: false, reason: "not_failed" } : { ok: false, reason: "not_found" };
}

export type ListFailedOutboxResult = { ok: true; rows: OutboxRow[]; nextPageToken: string } | Refused<"invalid_argument">;

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
  const rows = await ctx.db.query(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE status = 'failed' AND id > $1 ORDER BY id LIMIT $2`,
    [after, pageSize + 1],
  );
  const page = rows.slice(0, pageSize).map(outboxFromRow);
  const last = page[page.length - 1];
  return { ok: true, rows: page, nextPageToken: rows.length > pageSize && last ? String(last.id) : "" };
}

/** Deletes done rows older than the cutoff; returns how many. Run periodically by the drain. */
export async function pruneOutbox(ctx: LifecycleContext, olderThan: Date, limit = 10_000): Promise<number> {
  const rows = await ctx.db.query(
    `DELETE FROM outbox WHERE id IN (
       SELECT id FROM outbox WHERE status = 'done' AND updated_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
     ) RETURNING id`,
    [iso(olderThan), limit],
  );
  return rows.length;
}
