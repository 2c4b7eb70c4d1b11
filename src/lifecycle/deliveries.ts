// Which delivery acts for an attempt (CONTRACT §3; README, Deliveries): the pure rules the
// fenced operations share. The binding itself happens inside each operation's fence statement
// (fenced.ts), so it costs no round trip of its own.
import type { Row } from "../db/index.js";
import { isUuid } from "./rows.js";
import type { FenceRefusal } from "./types.js";

/** What a delivery id looks like: a UUID (compared verbatim, so one shape only). */
export function isDeliveryId(value: string): boolean {
  return isUuid(value);
}

/** The caller's delivery id as a SQL parameter: null when it sent none (such a call binds nothing). */
export function deliveryParam(fence: { deliveryId?: string }): string | null {
  return fence.deliveryId ? fence.deliveryId : null;
}

/**
 * The delivery bound to `attempt`, from a fence row carrying task_delivery, attempt_delivery and
 * task_attempt: the attempt's record once it ended, else the task's while the attempt is the
 * task's current one (tasks.delivery_id is cleared at every acquisition).
 */
export function boundDelivery(row: Row, attempt: number): string | null {
  if (row.attempt_delivery !== null && row.attempt_delivery !== undefined) return String(row.attempt_delivery);
  if (Number(row.task_attempt) === attempt && row.task_delivery !== null && row.task_delivery !== undefined) return String(row.task_delivery);
  return null;
}

/** Another delivery is bound to this attempt: the caller is a duplicate and must stop. */
export function checkDelivery(row: Row, fence: { attempt: number; deliveryId?: string }): FenceRefusal | null {
  const bound = boundDelivery(row, fence.attempt);
  return bound !== null && bound !== deliveryParam(fence) ? "duplicate_delivery" : null;
}
