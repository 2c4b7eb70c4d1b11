// Helpers for lifecycle tests: a controllable clock and a registered job to create tasks for.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "../../src/db/index.js";
import { truncateAll, type TestBackend } from "./databases.js";
import {
  createLifecycleContext,
  registerBundle,
  registerJob,
  type Clock,
  type Job,
  type JobDefinition,
  type LifecycleContext,
} from "../../src/lifecycle/index.js";

export class ManualClock implements Clock {
  private ms: number;
  constructor(start = Date.parse("2026-01-01T00:00:00.000Z")) {
    this.ms = start;
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(seconds: number): void {
    this.ms += Math.round(seconds * 1000);
  }
}

export const BUNDLE_SHA = "a".repeat(64);

export function testContext(db: Database, clock: Clock = new ManualClock(), random: () => number = () => 0.5): LifecycleContext {
  return createLifecycleContext(db, { clock, random });
}

export async function makeJob(ctx: LifecycleContext, overrides: Partial<JobDefinition> = {}): Promise<Job> {
  await registerBundle(ctx, { sha256: BUNDLE_SHA, storageUri: `s3://bundles/${BUNDLE_SHA}.zip`, sizeBytes: 123, runtime: "node" });
  const result = await registerJob(ctx, {
    dagName: "monad",
    name: `job_${randomUUID().slice(0, 8)}`,
    runtime: "lambda",
    operator: "op",
    bundleSha256: BUNDLE_SHA,
    config: { k: "v" },
    ...overrides,
  });
  if (!result.ok) throw new Error(`registerJob: ${result.reason} ${result.message ?? ""}`);
  return result.job;
}

/**
 * The usual lifecycle suite set-up: one database per file, emptied before each test, with a fresh
 * manual clock and context; `use` receives them whenever they change.
 */
export function useLifecycle(backend: TestBackend, use: (db: Database, ctx: LifecycleContext, clock: ManualClock) => void): void {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await truncateAll(db);
    const clock = new ManualClock();
    use(db, testContext(db, clock), clock);
  });
}

/** useLifecycle's database, context and clock of the current test, as one object to read them from. */
export interface LifecycleSuite {
  readonly db: Database;
  readonly ctx: LifecycleContext;
  readonly clock: ManualClock;
}

/** useLifecycle for a suite that reads `suite.db`, `suite.ctx` and `suite.clock` instead of keeping its own copies. */
export function lifecycleSuite(backend: TestBackend): LifecycleSuite {
  const current: { db?: Database; ctx?: LifecycleContext; clock?: ManualClock } = {};
  useLifecycle(backend, (db, ctx, clock) => Object.assign(current, { db, ctx, clock }));
  const set = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up before each test`);
    return value;
  };
  return {
    get db() {
      return set(current.db, "db");
    },
    get ctx() {
      return set(current.ctx, "ctx");
    },
    get clock() {
      return set(current.clock, "clock");
    },
  };
}
