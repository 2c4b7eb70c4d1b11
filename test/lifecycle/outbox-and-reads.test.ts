// Outbox delivery bookkeeping (claim visibility, retry backoff, parking as failed, replay) and the
// admin reads (getTask, listTasks paging), on every backend.
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import {
  claimOutbox,
  createTask,
  listFailedOutbox,
  listTasks,
  markOutboxDone,
  markOutboxFailed,
  markOutboxRetry,
  OUTBOX_RETRY,
  renewOutboxClaims,
  replayOutbox,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";
import { describeEachBackend } from "../support/databases.js";
import { makeJob, ManualClock, useLifecycle } from "../support/lifecycle.js";

describeEachBackend("outbox and reads", (backend) => {
  let db: Database;
  let clock: ManualClock;
  let ctx: LifecycleContext;
  useLifecycle(backend, (d, c, k) => {
    db = d;
    ctx = c;
    clock = k;
  });

  async function wakeups(n: number) {
    const job = await makeJob(ctx, { runtime: "worker" });
    for (let i = 0; i < n; i++) await createTask(ctx, { jobId: job.jobId });
  }

  describe("outbox", () => {
    it("hides claimed rows for the visibility window, then redelivers (at least once)", async () => {
      await wakeups(3);
      const first = await claimOutbox(ctx, { kinds: ["wakeup"], limit: 2, visibilitySeconds: 30 });
      expect(first.map((r) => r.id)).toEqual([1, 2]);
      expect((await claimOutbox(ctx, { kinds: ["wakeup"], limit: 10, visibilitySeconds: 30 })).map((r) => r.id)).toEqual([3]);
      expect(await claimOutbox(ctx, { kinds: ["invoke"], limit: 10 })).toEqual([]);
      await markOutboxDone(ctx, [1]);
      clock.advance(31);
      expect((await claimOutbox(ctx, { kinds: ["wakeup"], limit: 10 })).map((r) => r.id)).toEqual([2, 3]);
    });

    it("renews only claims still held: a lapsed claim taken over cannot renew, retry or park the row", async () => {
      await wakeups(1);
      const [mine] = await claimOutbox(ctx, { kinds: ["wakeup"], limit: 1, visibilitySeconds: 5 });
      if (!mine) throw new Error("no row");
      expect(mine.claimedUntil).toEqual(new Date(clock.now().getTime() + 5000));
      clock.advance(3);
      const [renewed] = await renewOutboxClaims(ctx, [mine], 5);
      expect(renewed).toEqual({ id: mine.id, claimedUntil: new Date(clock.now().getTime() + 5000) });
      clock.advance(4); // inside the renewed window: still hidden
      expect(await claimOutbox(ctx, { kinds: ["wakeup"], limit: 1 })).toEqual([]);
      clock.advance(2); // lapsed (this drain was paused): another drain takes the row over
      const [theirs] = await claimOutbox(ctx, { kinds: ["wakeup"], limit: 1, visibilitySeconds: 5 });
      expect(theirs?.id).toBe(mine.id);
      const stale = renewed as { id: number; claimedUntil: Date };
      expect(await renewOutboxClaims(ctx, [stale], 5)).toEqual([]);
      expect(await markOutboxRetry(ctx, mine.id, "late", stale)).toBeNull();
      expect(await markOutboxFailed(ctx, mine.id, "late", stale)).toBe(false);
      // The new holder's claim is intact and still renewable.
      expect(await claimOutbox(ctx, { kinds: ["wakeup"], limit: 1 })).toEqual([]);
      expect(await renewOutboxClaims(ctx, [theirs as { id: number; claimedUntil: Date }], 5)).toHaveLength(1);
      expect(await markOutboxRetry(ctx, mine.id, "queue down", theirs)).toMatchObject({ status: "pending", tries: 1 });
    });

    it("retries with backoff (base 1 s, doubling) and parks the row as failed after 20 tries", async () => {
      await wakeups(1);
      const [row] = await claimOutbox(ctx, { kinds: ["wakeup"], limit: 1 });
      if (!row) throw new Error("no row");
      const r1 = await markOutboxRetry(ctx, row.id, "queue down");
      expect(r1).toEqual({ status: "pending", tries: 1, nextAttemptAt: new Date(clock.now().getTime() + 1000) });
      const r2 = await markOutboxRetry(ctx, row.id, "queue down");
      expect(r2?.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 2000));
      let last = r2;
      for (let i = 3; i <= OUTBOX_RETRY.maxTries; i++) last = await markOutboxRetry(ctx, row.id, `down ${i}`);
      expect(last).toEqual({ status: "failed", tries: 20, nextAttemptAt: null });
      clock.advance(10_000);
      expect(await claimOutbox(ctx, { kinds: ["wakeup"], limit: 10 })).toEqual([]);
      const failed = await listFailedOutbox(ctx, {});
      expect(failed).toMatchObject({ ok: true, rows: [{ id: row.id, status: "failed", tries: 20, lastError: "down 20" }] });
      const replayed = await replayOutbox(ctx, row.id);
      expect(replayed).toMatchObject({ ok: true, row: { status: "pending", tries: 0 } });
      expect(await replayOutbox(ctx, row.id)).toEqual({ ok: false, reason: "not_failed" });
      expect(await replayOutbox(ctx, 12345)).toEqual({ ok: false, reason: "not_found" });
      expect((await claimOutbox(ctx, { kinds: ["wakeup"], limit: 10 })).map((r) => r.id)).toEqual([row.id]);
    });

    it("lists failed rows oldest first with paging", async () => {
      await wakeups(3);
      for (const id of [1, 2, 3]) await markOutboxFailed(ctx, id, "definitive");
      const page1 = await listFailedOutbox(ctx, { pageSize: 2 });
      if (!page1.ok) throw new Error("list");
      expect(page1.rows.map((r) => r.id)).toEqual([1, 2]);
      const page2 = await listFailedOutbox(ctx, { pageSize: 2, pageToken: page1.nextPageToken });
      expect(page2).toMatchObject({ ok: true, nextPageToken: "" });
      expect(page2.ok && page2.rows.map((r) => r.id)).toEqual([3]);
      expect(await listFailedOutbox(ctx, { pageSize: 501 })).toMatchObject({ ok: false, reason: "invalid_argument" });
    });
  });

  describe("listTasks", () => {
    it("pages newest first with job and state filters", async () => {
      const a = await makeJob(ctx);
      const b = await makeJob(ctx, { runtime: "worker" });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        clock.advance(1);
        const t = await createTask(ctx, { jobId: i % 2 ? b.jobId : a.jobId });
        if (t.ok) ids.push(t.task.taskId);
      }
      const seen: string[] = [];
      let token = "";
      do {
        const page = await listTasks(ctx, { pageSize: 2, pageToken: token });
        if (!page.ok) throw new Error(page.reason);
        seen.push(...page.tasks.map((t) => t.taskId));
        token = page.nextPageToken;
      } while (token);
      expect(seen).toEqual([...ids].reverse());
      const onlyB = await listTasks(ctx, { jobId: b.jobId });
      expect(onlyB.ok && onlyB.tasks.map((t) => t.taskId)).toEqual([ids[3], ids[1]]);
      const running = await listTasks(ctx, { states: ["RUNNING"] });
      expect(running.ok && running.tasks).toEqual([]);
      expect(await listTasks(ctx, { pageToken: "garbage" })).toMatchObject({ ok: false, reason: "invalid_argument" });
    });
  });
});
