// The claims one drain step holds on its outbox rows. Claims are short (a few seconds) and renewed
// here while the step delivers, so a live drain keeps its rows however slow a delivery is, and a
// dead drain's rows reappear within one visibility window. Renewal is fenced on the claim value
// (renewOutboxClaims), so once another drain has taken a lapsed row over, this one cannot get it back.
import { renewOutboxClaims, type ClaimedOutboxRow, type LifecycleContext, type OutboxClaim } from "../lifecycle/index.js";

export interface HeldClaimsOptions {
  visibilitySeconds: number;
  /** Called when a renewal statement fails (the claims are kept until they lapse). */
  onError: (err: unknown) => void;
}

export class HeldClaims {
  private readonly claims = new Map<number, Date>();
  private readonly timer: NodeJS.Timeout;
  private renewing: Promise<void> | null = null;
  /** A delivery starts only with at least this much of its claim left. */
  private readonly marginMs: number;

  constructor(
    private readonly ctx: LifecycleContext,
    rows: readonly ClaimedOutboxRow[],
    private readonly options: HeldClaimsOptions,
  ) {
    for (const r of rows) this.claims.set(r.id, r.claimedUntil);
    const windowMs = options.visibilitySeconds * 1000;
    this.marginMs = Math.min(1000, windowMs / 3);
    // Three renewals per window: one slow or failed renewal still leaves the claim alive.
    this.timer = setInterval(() => void this.renew(), Math.max(100, windowMs / 3));
    this.timer.unref();
  }

  /** The claim to fence this row's bookkeeping on, while it is still ours and not about to lapse. */
  held(id: number): OutboxClaim | undefined {
    const until = this.claims.get(id);
    if (!until || until.getTime() - this.ctx.clock.now().getTime() < this.marginMs) return undefined;
    return { id, claimedUntil: until };
  }

  /**
   * The row's delivery is over: stop renewing it and return its claim as last written (after any
   * renewal in flight, which may have moved it) to fence the row's bookkeeping on. Undefined: lost.
   */
  async settle(id: number): Promise<OutboxClaim | undefined> {
    if (this.renewing) await this.renewing;
    const until = this.claims.get(id);
    this.claims.delete(id);
    return until ? { id, claimedUntil: until } : undefined;
  }

  /** Stops renewing; waits for a renewal in flight so no statement outlives the step. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }

  private renew(): Promise<void> {
    if (this.renewing || this.claims.size === 0) return this.renewing ?? Promise.resolve();
    const current = [...this.claims].map(([id, claimedUntil]) => ({ id, claimedUntil }));
    this.renewing = renewOutboxClaims(this.ctx, current, this.options.visibilitySeconds)
      .then((renewed) => {
        const byId = new Map(renewed.map((c) => [c.id, c.claimedUntil]));
        for (const c of current) {
          if (!this.claims.has(c.id)) continue; // released meanwhile
          const next = byId.get(c.id);
          if (next) this.claims.set(c.id, next);
          else this.claims.delete(c.id); // lost: lapsed or taken over
        }
      })
      .catch(this.options.onError)
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }
}
