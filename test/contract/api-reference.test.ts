// docs/openapi.json is generated from the proto (scripts/generate-api-reference.ts); this pins
// that it lists exactly the contract routes the server serves, so a stale reference fails here
// as well as in the contract gate's freshness check.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { QueryService } from "../../gen/ts/trace/dispatcher/v1/query_pb.js";
import { TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { WorkerService } from "../../gen/ts/trace/dispatcher/v1/worker_pb.js";
import { contractRouteOf } from "../../src/rpc/routes.js";

const ROOT = join(import.meta.dirname, "../..");

it("docs/openapi.json documents every contract route, and nothing else", () => {
  const doc = JSON.parse(readFileSync(join(ROOT, "docs/openapi.json"), "utf8")) as { paths: Record<string, Record<string, { operationId: string }>> };
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([verb, op]) => `${verb.toUpperCase()} ${path} ${op.operationId}`));
  const served = [AdminService, QueryService, TaskService, WorkerService].flatMap((service) =>
    service.methods.flatMap((method) => {
      const route = contractRouteOf(method);
      return route ? [`${route.httpMethod} ${route.path} ${service.name}.${method.name}`] : [];
    }),
  );
  expect(documented.sort()).toEqual(served.sort());
  expect(readFileSync(join(ROOT, "docs/api.md"), "utf8")).toContain("### RetryTask");
});
