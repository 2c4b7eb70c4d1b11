// The TypeScript SDK as one delivery (CONTRACT §3) against a REAL Dispatcher process: every call
// carries the context's delivery id; a second delivery of the same attempt gets
// DuplicateDeliveryError, a terminal refusal: runTask abandons without running the operator or
// reporting, and the first delivery's outcome stands.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DuplicateDeliveryError, TaskContext, isTerminalRefusal, runTask } from "../../sdk/ts/src/index.js";
import { startLiveDispatcher, type LiveDispatcher } from "./live-dispatcher.js";

let d: LiveDispatcher;
beforeAll(async () => {
  d = await startLiveDispatcher();
});
afterAll(async () => {
  await d?.stop();
});

it("a second delivery is refused DuplicateDeliveryError and stops quietly; the first completes", async () => {
  const { taskId } = await d.newTask();
  const payload = await d.claim(taskId);
  const original = new TaskContext(payload, { dispatcherUrl: d.url });
  const duplicate = new TaskContext(payload, { dispatcherUrl: d.url });
  expect(original.deliveryId).toMatch(/^[0-9a-f-]{36}$/);
  expect(duplicate.deliveryId).not.toBe(original.deliveryId);
  await original.heartbeat();

  const refused = await duplicate.heartbeat().then(
    () => null,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(DuplicateDeliveryError);
  expect(refused).toMatchObject({ reason: "duplicate_delivery" });
  expect(isTerminalRefusal(refused)).toBe(true);
  expect(duplicate.signal.aborted).toBe(true);
  await expect(duplicate.fail("bundle download failed", { retryable: true })).rejects.toBeInstanceOf(DuplicateDeliveryError);

  let ran = false;
  const outcome = await runTask(
    payload,
    async () => {
      ran = true;
      throw new Error("a duplicate must not get here");
    },
    { dispatcherUrl: d.url },
  );
  expect(outcome).toBe("abandoned");
  expect(ran).toBe(false);
  expect((await d.task(taskId)).state).toBe("TASK_STATE_RUNNING");

  expect(await original.complete({ outputs: [{ name: "rows", value: 1 }] })).toMatchObject({ accepted: true, duplicate: false });
  expect((await d.task(taskId)).state).toBe("TASK_STATE_COMPLETED");
});

it("acts as the delivery named in the payload (the platform runner's, for a bundle)", async () => {
  const { taskId } = await d.newTask();
  const deliveryId = randomUUID();
  const payload = { ...(await d.claim(taskId)), delivery_id: deliveryId };
  const runner = new TaskContext(payload, { dispatcherUrl: d.url });
  const bundle = new TaskContext(payload, { dispatcherUrl: d.url });
  expect([runner.deliveryId, bundle.deliveryId]).toEqual([deliveryId, deliveryId]);
  await runner.heartbeat();
  await bundle.heartbeat();
  expect(await bundle.complete()).toMatchObject({ accepted: true, duplicate: false });
});
