// delivery_id over the wire (CONTRACT §3/§4): a second delivery of a bound attempt gets
// failed_precondition/duplicate_delivery on every task-scoped path and writes nothing; a
// malformed delivery_id is invalid_argument. Worker claims bind nothing: the worker's first call does.
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { describeEachBackend } from "../support/databases.js";
import { leasedTask, snapshot, useApiServer, type ApiServer } from "./harness.js";

const PATHS = ["/v1/task/heartbeat", "/v1/task/events", "/v1/task/buffer-publish", "/v1/task/credentials", "/v1/task/complete"] as const;

function bodyFor(path: (typeof PATHS)[number], fence: Record<string, unknown>): Record<string, unknown> {
  switch (path) {
    case "/v1/task/events":
      return { ...fence, events: [{ dataset_uuid: randomUUID(), dataset_version: randomUUID(), cursor: "1" }] };
    case "/v1/task/buffer-publish":
      return { ...fence, batch_uri: "s3://out-bucket/tasks/out/b1", content_type: "x", batch_size_bytes: "1", dedupe_scope: "s" };
    case "/v1/task/complete":
      return { ...fence, status: "TASK_STATUS_FAILED", error_message: "bundle_download_failed: 403", retryable: true };
    default:
      return fence;
  }
}

describeEachBackend("task API deliveries", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  it("a claimed worker attempt is bound by its first call; another delivery is refused on every path and writes nothing", async () => {
    const leased = await leasedTask(api);
    const original = { ...leased.fence, delivery_id: randomUUID() };
    const bound = await api.task("/v1/task/heartbeat", leased.token, original);
    expect(bound.status).toBe(200);
    const before = await snapshot(db);
    for (const path of PATHS) {
      const reply = await api.task(path, leased.token, bodyFor(path, { ...leased.fence, delivery_id: randomUUID() }));
      expect({ path, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({
        path,
        status: 400,
        code: "failed_precondition",
        reason: "duplicate_delivery",
      });
    }
    expect(await snapshot(db)).toEqual(before);
    const metrics = await api.metrics.render();
    for (const procedure of ["Heartbeat", "EmitEvents", "PublishBuffer", "GetCredentials", "Complete"])
      expect(metrics).toContain(`trace_duplicate_deliveries_total{procedure="${procedure}"} 1`);
    const done = await api.task("/v1/task/complete", leased.token, { ...original, status: "TASK_STATUS_COMPLETED" });
    expect(done.json).toEqual({ accepted: true, duplicate: false });
  });

  it("refuses a delivery_id that is not a UUID before touching the attempt", async () => {
    const leased = await leasedTask(api);
    const before = await snapshot(db);
    for (const path of PATHS) {
      const reply = await api.task(path, leased.token, bodyFor(path, { ...leased.fence, delivery_id: "runner-1" }));
      expect({ path, code: reply.code, reason: reply.reason }).toEqual({ path, code: "invalid_argument", reason: "invalid_argument" });
    }
    expect(await snapshot(db)).toEqual(before);
    // Nothing was bound: a well-formed delivery still binds.
    expect((await api.task("/v1/task/heartbeat", leased.token, { ...leased.fence, delivery_id: randomUUID() })).status).toBe(200);
  });
});
