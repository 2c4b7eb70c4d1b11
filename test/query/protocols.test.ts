// The Query Service shares the Dispatcher's front door: QueryService answers in Connect, gRPC and
// gRPC-Web too (buf curl), and a refused token keeps its code and ErrorDetail reason in each.
import { afterAll, beforeAll, expect, it } from "vitest";
import { bufCurl, refusalOf, VARIANTS } from "../support/buf-curl.js";
import { DATASET, startQueryFixture, TASK_ID, type QueryFixture } from "./fixture.js";

let fx: QueryFixture;
let token: string;

beforeAll(async () => {
  fx = await startQueryFixture();
  token = await fx.token();
}, 60_000);
afterAll(async () => fx?.close());

it.each(VARIANTS)("QueryService answers and refuses in $name", async (variant) => {
  const request = { task_id: TASK_ID, attempt: 2, dataset: DATASET, sql: "SELECT count(*) AS n FROM dataset WHERE id < 3" };
  const answer = await bufCurl(fx.url, variant, "QueryService/Query", request, { "x-trace-task-capability": token });
  expect(answer.ok, JSON.stringify(answer.json)).toBe(true);
  expect(answer.json["rows"]).toEqual([["3"]]);
  const refused = await bufCurl(fx.url, variant, "QueryService/Query", request, {});
  expect(refusalOf(refused)).toEqual({ code: "unauthenticated", reasons: ["token_missing"] });
});
