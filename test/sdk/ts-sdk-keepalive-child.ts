// Child process for "runTask keeps the process alive" (test/sdk/ts-sdk.test.ts): an operator whose
// only pending work is waiting for ctx.signal. Prints runTask's outcome.
import { runTask } from "../../sdk/ts/src/index.js";

const payload = JSON.parse(process.env.CHILD_PAYLOAD ?? "null") as Parameters<typeof runTask>[0];
const outcome = await runTask(
  payload,
  (ctx) => new Promise<void>((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason), { once: true })),
  { dispatcherUrl: process.env.CHILD_DISPATCHER_URL, heartbeatIntervalMs: 300 },
);
process.stdout.write(`${outcome}\n`);
