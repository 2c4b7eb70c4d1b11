// Example operator (TypeScript): emits one cursor event for the dataset named in its config, at
// config.cursor or one past the highest input cursor. Built by examples/operators/build.mjs into
// one .mjs that is both a bundle entrypoint (run by the platform runner) and a Lambda handler
// (`main.handler`: the SDK heartbeats and completes).
import { NonRetryableError, TaskContext, lambdaHandler, runBundleIfMain, type Operator } from "../../../sdk/ts/src/index.js";

export const operator: Operator = async (ctx) => {
  const { dataset_uuid: dataset, dataset_version: version, cursor } = ctx.config;
  if (typeof dataset !== "string" || typeof version !== "string") throw new NonRetryableError("config needs dataset_uuid and dataset_version");
  const highest = ctx.inputs.reduce((max, event) => (event.cursor !== undefined && event.cursor > max ? event.cursor : max), 0n);
  const next = typeof cursor === "string" || typeof cursor === "number" ? BigInt(cursor) : highest + 1n;
  return {
    events: [TaskContext.cursorEvent(dataset, version, next)],
    outputs: [
      { name: "runtime", value: "node" },
      { name: "operator", value: ctx.operator },
    ],
  };
};

export const handler = lambdaHandler(operator);

// Run as a script (bundle mode): stdin → operator → stdout. Imported by Lambda: just the handler.
await runBundleIfMain(import.meta.url, operator);
