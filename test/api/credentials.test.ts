// POST /v1/task/credentials over real HTTP against a real STS-compatible endpoint (moto), with a
// recording proxy in front so the exact AssumeRole request, and its session policy, can be
// asserted. The policy must come from the capability token's s3 claim and nothing else.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { startRecordingProxy, stsErrorXml, type RecordingProxy } from "../credentials/recording-proxy.js";
import { describeEachBackend, truncateAll } from "../support/databases.js";
import { motoUnavailableReason, startMotoServer, type MotoServer } from "../support/moto.js";
import { BUNDLE_SHA, leasedTask, startApiServer, type ApiServer } from "./harness.js";

const CREDENTIALS = "/v1/task/credentials";
// READ_PREFIX and WRITE_PREFIX of the harness, as STS must receive them.
const EXPECTED_POLICY =
  '{"Version":"2012-10-17","Statement":[' +
  '{"Sid":"ReadObjects","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::data-bucket/datasets/in/*"]},' +
  '{"Sid":"WriteObjects","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::out-bucket/tasks/out/*"]},' +
  '{"Sid":"ListBucket0","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::data-bucket"],' +
  '"Condition":{"StringLike":{"s3:prefix":["datasets/in/*"]}}},' +
  '{"Sid":"ListBucket1","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::out-bucket"],' +
  '"Condition":{"StringLike":{"s3:prefix":["tasks/out/*"]}}}]}';

const unavailable = motoUnavailableReason();
if (unavailable) console.warn(`skipping credentials API tests against moto: ${unavailable}`);

describe.skipIf(unavailable !== null)("task credentials against moto", () => {
  let moto: MotoServer;
  let proxy: RecordingProxy;
  beforeAll(async () => {
    moto = await startMotoServer();
    proxy = await startRecordingProxy(moto.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  describeEachBackend("credentials API", (backend) => {
    let db: Database;
    let api: ApiServer;
    beforeAll(async () => {
      db = await backend.open();
    });
    beforeEach(async () => {
      await truncateAll(db);
      api = await startApiServer(db, { stsEndpoint: proxy.endpoint });
      proxy.requests.length = 0;
      proxy.canned = null;
    });
    afterEach(async () => {
      await api.close();
    });

    const assumeRoleForms = () => proxy.requests.map((r) => new URLSearchParams(r.body)).filter((f) => f.get("Action") === "AssumeRole");

    it("calls AssumeRole with exactly the session policy of the token's prefixes and returns the credentials", async () => {
      const leased = await leasedTask(api);
      const reply = await api.task(CREDENTIALS, leased.token, leased.fence);
      expect(reply.status).toBe(200);
      expect(String(reply.json["access_key_id"])).toMatch(/^ASIA[A-Z0-9]{12,}$/);
      expect(String(reply.json["secret_access_key"]).length).toBeGreaterThan(20);
      expect(String(reply.json["session_token"]).length).toBeGreaterThan(20);
      expect(Date.parse(String(reply.json["expiration"]))).toBeGreaterThan(0);

      const forms = assumeRoleForms();
      expect(forms).toHaveLength(1);
      const form = forms[0] ?? new URLSearchParams();
      expect(form.get("Policy")).toBe(EXPECTED_POLICY);
      expect(form.get("RoleArn")).toBe("arn:aws:iam::123456789012:role/trace-task");
      expect(form.get("RoleSessionName")).toBe(`trace-task-${leased.taskId}-1`);
      // Bounded by the token's expiry: job timeout 900 s + 5 min grace.
      expect(form.get("DurationSeconds")).toBe("1200");
      // The secret never reaches the log.
      expect(api.rawLog.join("\n")).not.toContain(String(reply.json["secret_access_key"]));
    });

    it("takes the prefixes from the token, not from the job as it is now", async () => {
      const leased = await leasedTask(api, { name: "regranted" });
      // The operator widens the job's grants after the token was minted.
      const update = await api.admin("/v1/admin/jobs", {
        job: {
          dag_name: "monad",
          name: "regranted",
          runtime: "RUNTIME_WORKER",
          operator: "op",
          bundle_sha256: BUNDLE_SHA,
          org_id: "org-7",
          s3: { read_prefixes: ["s3://everything-bucket/all/"], write_prefixes: ["s3://everything-bucket/all/"] },
        },
      });
      expect(update.json).toMatchObject({ created: false, job: { s3: { read_prefixes: ["s3://everything-bucket/all/"] } } });
      expect((await api.task(CREDENTIALS, leased.token, leased.fence)).status).toBe(200);
      expect(assumeRoleForms().map((f) => f.get("Policy"))).toEqual([EXPECTED_POLICY]);
    });

    it("refuses a token without prefixes with permission_denied and never calls STS", async () => {
      const leased = await leasedTask(api, { s3: { read_prefixes: [], write_prefixes: [] } });
      const reply = await api.task(CREDENTIALS, leased.token, leased.fence);
      expect({ status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ status: 403, code: "permission_denied", reason: "no_prefixes" });
      expect(proxy.requests).toHaveLength(0);
    });

    it("checks the fence before calling STS", async () => {
      const leased = await leasedTask(api);
      const reply = await api.task(CREDENTIALS, leased.token, { ...leased.fence, lease_token: randomUUID() });
      expect({ code: reply.code, reason: reply.reason }).toEqual({ code: "failed_precondition", reason: "lease_mismatch" });
      const missing = await api.post(CREDENTIALS, leased.fence);
      expect(missing.reason).toBe("token_missing");
      expect(proxy.requests).toHaveLength(0);
    });

    it("answers STS refusals as internal and outages as unavailable, without quoting STS", async () => {
      const leased = await leasedTask(api);
      proxy.canned = { status: 403, contentType: "text/xml", body: stsErrorXml("AccessDenied", "User arn:aws:iam::123456789012:user/dispatcher is not authorized") };
      const refused = await api.task(CREDENTIALS, leased.token, leased.fence);
      expect({ status: refused.status, code: refused.code, reason: refused.reason }).toEqual({ status: 500, code: "internal", reason: "sts_refused" });
      expect(JSON.stringify(refused.json)).not.toContain("arn:aws:iam");

      proxy.canned = { status: 503, contentType: "text/xml", body: stsErrorXml("ServiceUnavailable", "try later", "Receiver") };
      const down = await api.task(CREDENTIALS, leased.token, leased.fence);
      expect({ status: down.status, code: down.code, reason: down.reason }).toEqual({ status: 503, code: "unavailable", reason: "sts_unavailable" });
    });
  });
});
