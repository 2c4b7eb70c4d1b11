// Sample operator (runtime: node). Reads the TaskInvocation JSON on stdin and prints one result
// object on stdout: a cursor event for config.dataset_uuid / config.dataset_version at
// config.cursor, or one past the highest input cursor (1 when there is none). With
// config.publish, it also publishes that dataset version (datasets_published, made current): in the
// sample DAG its Parquet objects are already in the store, and the next job queries them.
import { readFileSync } from "node:fs";

const invocation = JSON.parse(readFileSync(0, "utf8"));
const config = invocation.config ?? {};
if (typeof config.dataset_uuid !== "string" || typeof config.dataset_version !== "string") {
  process.stderr.write("config needs dataset_uuid and dataset_version\n");
  process.exit(2);
}
const inputCursors = (invocation.inputs ?? []).filter((event) => event.cursor !== undefined).map((event) => BigInt(event.cursor));
const highest = inputCursors.reduce((max, cursor) => (cursor > max ? cursor : max), 0n);
const cursor = config.cursor !== undefined ? BigInt(config.cursor) : highest + 1n;

process.stdout.write(
  JSON.stringify({
    events: [{ dataset_uuid: config.dataset_uuid, dataset_version: config.dataset_version, cursor: cursor.toString() }],
    outputs: [
      { name: "runtime", value: "node" },
      { name: "operator", value: invocation.operator ?? "" },
    ],
    ...(config.publish === true
      ? { datasets_published: [{ dataset_uuid: config.dataset_uuid, dataset_version: config.dataset_version, make_current: true }] }
      : {}),
  }),
);
