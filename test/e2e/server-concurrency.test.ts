// Found by the e2e benchmark: with more than 10 calls in flight, every call's Connect signal is
// linked to the server's shutdown signal, and Node printed "MaxListenersExceededWarning: Possible
// EventTarget memory leak" into production logs. Many concurrent calls are normal load.
import { create } from "@bufbuild/protobuf";
import { expect, it } from "vitest";
import { HeartbeatResponseSchema, TaskService } from "../../gen/ts/trace/dispatcher/v1/task_pb.js";
import { bindService } from "../../src/server/http.js";
import { startServer } from "../rpc/harness.js";

it("holds 32 calls in flight at once without a listener-leak warning", async () => {
  const IN_FLIGHT = 32;
  const warnings: string[] = [];
  const onWarning = (warning: Error) => void warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", onWarning);
  // Every call waits until all of them are inside the handler: provably concurrent, no timing.
  let arrived = 0;
  let releaseAll: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
  const srv = await startServer({
    services: [
      bindService(TaskService, {
        heartbeat: async () => {
          if (++arrived === IN_FLIGHT) releaseAll();
          await allArrived;
          return create(HeartbeatResponseSchema, {});
        },
      }),
    ],
  });
  try {
    const statuses = await Promise.all(
      Array.from({ length: IN_FLIGHT }, () =>
        fetch(`${srv.url}/v1/task/heartbeat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ task_id: "t", attempt: 1, lease_token: "l" }),
        }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: IN_FLIGHT }, () => 200));
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
  } finally {
    process.off("warning", onWarning);
    await srv.close();
  }
});
