import { randomUUID } from "node:crypto";
import type { Database } from "../db/index.js";
import { systemClock, type LifecycleContext } from "./types.js";

/** Builds a context with production defaults; tests override clock/random/newToken. */
export function createLifecycleContext(
  db: Database,
  overrides: Partial<Omit<LifecycleContext, "db">> = {},
): LifecycleContext {
  return {
    db,
    clock: overrides.clock ?? systemClock,
    random: overrides.random ?? Math.random,
    newToken: overrides.newToken ?? randomUUID,
    ...(overrides.onOutboxWritten ? { onOutboxWritten: overrides.onOutboxWritten } : {}),
  };
}
