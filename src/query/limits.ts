// The bounds of one query (CONTRACT §8) and the clamp of the requested row limit.
import type { EngineLimits } from "./engine.js";

export const DEFAULT_ROW_LIMIT = 1_000;
export const MAX_ROW_LIMIT = 10_000;

/** 0 (unset) means the default; anything above the maximum is clamped to it. */
export function clampRowLimit(requested: number): number {
  if (!Number.isFinite(requested) || requested <= 0) return DEFAULT_ROW_LIMIT;
  return Math.min(MAX_ROW_LIMIT, Math.floor(requested));
}

export const DEFAULT_ENGINE_LIMITS: EngineLimits = {
  memoryMiB: 256,
  threads: 2,
  timeoutMs: 10_000,
  maxResponseBytes: 4 * 1024 * 1024,
};

/** Queries running at once; more wait in line, and past the line they are refused. */
export interface ConcurrencyLimits {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencyLimits = { maxConcurrent: 4, maxQueued: 64 };

/** A counting semaphore with a bounded queue: acquire() resolves a release function or null (full). */
export function createSlots(limits: ConcurrencyLimits) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async acquire(): Promise<(() => void) | null> {
      if (running < limits.maxConcurrent) {
        running++;
        return release;
      }
      if (waiting.length >= limits.maxQueued) return null;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return release;
    },
  };
}
