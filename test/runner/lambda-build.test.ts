// `npm run build:runner` produces a self-contained Lambda zip: unpacked alone (no node_modules),
// its handler runs a real invocation end to end against the TaskService.

import { create, toJsonString } from "@bufbuild/protobuf";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { expect, it } from "vitest";
import { TaskInvocationSchema } from "../../gen/ts/trace/dispatcher/v1/payload_pb.js";
import { CompleteResponseSchema, TaskStatus } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { buildBundle } from "../../src/bundle/build.js";
import { buildRunnerLambda } from "../../src/runner/build-lambda.js";
import { invocationFor, useFakeServers, type BundleServer, type FakeDispatcher } from "./harness.js";

let dispatcher: FakeDispatcher;
let bundles: BundleServer;
useFakeServers((d, b) => {
  dispatcher = d;
  bundles = b;
  dispatcher.onComplete = () => create(CompleteResponseSchema, { accepted: true });
});

it("builds a Lambda zip whose index.handler runs an invocation on its own", async () => {
  const built = await buildRunnerLambda();
  const files = unzipSync(new Uint8Array(readFileSync(built.zipFile)));
  expect(Object.keys(files)).toEqual(["index.mjs"]);
  const functionDir = mkdtempSync(join(tmpdir(), "runner-lambda-fn-"));
  writeFileSync(join(functionDir, "index.mjs"), files["index.mjs"] ?? new Uint8Array());

  const bundle = await buildBundle({ "main.mjs": `console.log(JSON.stringify({ outputs: [{ name: "via", value: "lambda zip" }] }));` }, { runtime: "node", entrypoint: "main.mjs" });
  const event = toJsonString(TaskInvocationSchema, invocationFor(bundles.serve(bundle.zip), bundle.sha256), { useProtoFieldName: true });
  const script = `import { readFileSync } from "node:fs";
const { handler } = await import(${JSON.stringify(join(functionDir, "index.mjs"))});
const result = await handler(JSON.parse(readFileSync(0, "utf8")), { getRemainingTimeInMillis: () => 60000 });
process.stdout.write(JSON.stringify(result));`;
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: functionDir, env: { PATH: "/usr/bin:/bin", TRACE_DISPATCHER_URL: dispatcher.url, TRACE_RUNNER_WORK_ROOT: functionDir } },
      (error, out) => (error ? reject(error) : resolve(out)),
    );
    child.stdin?.end(event);
  });

  expect(JSON.parse(stdout)).toEqual({ kind: "reported", status: "completed", duplicate: false });
  expect(dispatcher.completions[0]?.request.status).toBe(TaskStatus.COMPLETED);
  expect(dispatcher.completions[0]?.request.outputs[0]?.value?.kind.value).toBe("lambda zip");
});
