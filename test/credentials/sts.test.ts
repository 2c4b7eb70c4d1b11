// Scoped credentials against a REAL STS-compatible endpoint (moto server), with a recording proxy
// in front so the exact AssumeRole request (and its Policy parameter) can be asserted.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { loadKeyring } from "../../src/auth/keyring.js";
import { createKeyring } from "../../src/auth/keyring-admin.js";
import { mintTaskToken } from "../../src/auth/mint.js";
import { createTaskTokenVerifier } from "../../src/auth/verify.js";
import {
  boundedDurationSeconds,
  credentialsRequestFromClaims,
  CREDENTIALS_ERROR_CODES,
  CredentialsError,
  createStsCredentialsIssuer,
  taskSessionName,
  type StsCredentialsConfig,
  type TaskCredentialsIssuer,
} from "../../src/credentials/sts.js";
import { motoUnavailableReason, startMotoServer, type MotoServer } from "../support/moto.js";
import { startRecordingProxy, stsErrorXml, type RecordingProxy } from "./recording-proxy.js";

const TASK_ID = "0f8b6a52-3c1d-4e8f-9a7b-2c4d6e8f0a1b";
const ROLE_ARN = "arn:aws:iam::123456789012:role/trace-task";
const CALLER = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const GRANT = { readPrefixes: ["s3://data-bucket/datasets/x/"], writePrefixes: ["s3://out-bucket/tasks/t1/"] };
const EXPECTED_POLICY =
  '{"Version":"2012-10-17","Statement":[' +
  '{"Sid":"ReadObjects","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::data-bucket/datasets/x/*"]},' +
  '{"Sid":"WriteObjects","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::out-bucket/tasks/t1/*"]},' +
  '{"Sid":"ListBucket0","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::data-bucket"],' +
  '"Condition":{"StringLike":{"s3:prefix":["datasets/x/*"]}}},' +
  '{"Sid":"ListBucket1","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::out-bucket"],' +
  '"Condition":{"StringLike":{"s3:prefix":["tasks/t1/*"]}}}]}';

describe("taskSessionName", () => {
  it("derives a CloudTrail-friendly name from task id and attempt", () => {
    expect(taskSessionName(TASK_ID, 2)).toBe(`trace-task-${TASK_ID}-2`);
  });
  it("stays within STS's alphabet and 64 characters", () => {
    const name = taskSessionName(`${"x".repeat(80)}/ü`, 4_294_967_295);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe("boundedDurationSeconds", () => {
  const now = new Date("2026-01-15T12:00:00Z");
  it.each([
    [{}, {}, 3600],
    [{ defaultDurationSeconds: 1800 }, {}, 1800],
    [{}, { durationSeconds: 60 }, 900],
    [{}, { durationSeconds: 999_999 }, 3600],
    [{ maxDurationSeconds: 43_200 }, { durationSeconds: 999_999 }, 43_200],
    [{ maxDurationSeconds: 100_000 }, { durationSeconds: 999_999 }, 43_200],
    [{}, { durationSeconds: 2000, notAfter: new Date(now.getTime() + 1200_000) }, 1200],
    // STS cannot issue less than 900 s, even when the token expires sooner.
    [{}, { notAfter: new Date(now.getTime() + 60_000) }, 900],
    [{}, { durationSeconds: Number.NaN }, 900],
  ])("config %j, request %j -> %d s", (config, request, expected) => {
    expect(boundedDurationSeconds(config, request, now)).toBe(expected);
  });
});

const unavailable = motoUnavailableReason();
if (unavailable) console.warn(`skipping STS tests against moto: ${unavailable}`);

describe.skipIf(unavailable !== null)("createStsCredentialsIssuer against moto", () => {
  let moto: MotoServer;
  let proxy: RecordingProxy;
  let issuer: TaskCredentialsIssuer;
  const issuers: TaskCredentialsIssuer[] = [];
  const issuerFor = (overrides: Partial<StsCredentialsConfig> = {}) => {
    const created = createStsCredentialsIssuer({
      roleArn: ROLE_ARN,
      region: "us-east-1",
      endpoint: proxy.endpoint,
      credentials: CALLER,
      maxAttempts: 1,
      ...overrides,
    });
    issuers.push(created);
    return created;
  };

  beforeAll(async () => {
    moto = await startMotoServer();
    proxy = await startRecordingProxy(moto.endpoint);
    issuer = issuerFor();
  });

  afterAll(async () => {
    for (const i of issuers) i.close();
    await proxy?.close();
    await moto?.stop();
  });

  beforeEach(() => {
    proxy.requests.length = 0;
    proxy.canned = null;
  });

  it("sends AssumeRole with exactly the expected session policy and returns working credentials", async () => {
    const credentials = await issuer.issueTaskCredentials({ taskId: TASK_ID, attempt: 2, s3: GRANT, durationSeconds: 1800 });

    expect(proxy.requests).toHaveLength(1);
    const form = new URLSearchParams(proxy.requests[0]?.body);
    expect(form.get("Action")).toBe("AssumeRole");
    expect(form.get("Version")).toBe("2011-06-15");
    expect(form.get("RoleArn")).toBe(ROLE_ARN);
    expect(form.get("RoleSessionName")).toBe(`trace-task-${TASK_ID}-2`);
    expect(form.get("DurationSeconds")).toBe("1800");
    expect(form.get("Policy")).toBe(EXPECTED_POLICY);
    expect(form.has("ExternalId")).toBe(false);
    expect([...form.keys()].sort()).toEqual(["Action", "DurationSeconds", "Policy", "RoleArn", "RoleSessionName", "Version"]);

    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{12,}$/);
    expect(credentials.secretAccessKey.length).toBeGreaterThan(20);
    expect(credentials.sessionToken.length).toBeGreaterThan(20);
    expect(credentials.expiration).toBeInstanceOf(Date);
    expect(credentials.expiration.getTime()).toBeGreaterThan(Date.now());
    expect(credentials.sessionName).toBe(`trace-task-${TASK_ID}-2`);
    expect(credentials.durationSeconds).toBe(1800);

    // The credentials are real to moto: they identify the assumed-role session.
    const asTask = new STSClient({
      region: "us-east-1",
      endpoint: moto.endpoint,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
    });
    try {
      const identity = await asTask.send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(`arn:aws:sts::123456789012:assumed-role/trace-task/trace-task-${TASK_ID}-2`);
    } finally {
      asTask.destroy();
    }
  });

  it("serves a verified capability token's prefixes, and nothing else, end to end", async () => {
    const keyring = await loadKeyring({ jwksJson: JSON.stringify(await createKeyring()) });
    const { token } = await mintTaskToken(
      { keyring, issuer: "https://dispatcher.test" },
      {
        orgId: "org-1",
        taskId: TASK_ID,
        attempt: 3,
        datasets: [],
        // unsorted, with a duplicate: the token carries them canonical and sorted
        s3: {
          read_prefixes: ["s3://data-bucket/datasets/x/", "s3://data-bucket/datasets/x/"],
          write_prefixes: ["s3://out-bucket/tasks/t1/"],
        },
        jobTimeoutSeconds: 600,
        leaseSeconds: 120,
      },
    );
    const verified = await createTaskTokenVerifier({ issuer: "https://dispatcher.test", keys: keyring.verificationKeys }).verify(token);
    const request = credentialsRequestFromClaims(verified.claims);
    expect(request.notAfter?.getTime()).toBe(verified.claims.exp * 1000);
    const credentials = await issuer.issueTaskCredentials(request);
    const form = new URLSearchParams(proxy.requests[0]?.body);
    expect(form.get("Policy")).toBe(EXPECTED_POLICY);
    expect(form.get("RoleSessionName")).toBe(`trace-task-${TASK_ID}-3`);
    // token TTL is 900 s (600 + 300): the credentials are not asked to outlive it
    expect(form.get("DurationSeconds")).toBe("900");
    expect(credentials.sessionToken.length).toBeGreaterThan(0);
  });

  it("passes ExternalId when configured and bounds DurationSeconds", async () => {
    const withExternalId = issuerFor({ externalId: "trace-dispatcher", maxDurationSeconds: 7200 });
    await withExternalId.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3: GRANT, durationSeconds: 86_400 });
    await withExternalId.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3: GRANT, durationSeconds: 5 });
    const forms = proxy.requests.map((r) => new URLSearchParams(r.body));
    expect(forms.map((f) => f.get("ExternalId"))).toEqual(["trace-dispatcher", "trace-dispatcher"]);
    expect(forms.map((f) => f.get("DurationSeconds"))).toEqual(["7200", "900"]);
  });

  it.each([
    ["no prefixes", { readPrefixes: [], writePrefixes: [] }, "no_prefixes"],
    ["a bucket-wide prefix", { readPrefixes: ["s3://data-bucket/"], writePrefixes: [] }, "prefix_refused"],
    ["a traversal prefix", { readPrefixes: [], writePrefixes: ["s3://out-bucket/tasks/../"] }, "prefix_refused"],
    [
      "too many prefixes for STS",
      { readPrefixes: Array.from({ length: 60 }, (_, i) => `s3://data-bucket/datasets/d${i}/`), writePrefixes: [] },
      "policy_too_large",
    ],
  ])("refuses %s without calling STS", async (_label, s3, reason) => {
    const error = await issuer.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).reason).toBe(reason);
    expect(proxy.requests).toHaveLength(0);
  });

  it("maps no_prefixes and prefix_refused to permission_denied", () => {
    expect(CREDENTIALS_ERROR_CODES.no_prefixes).toBe("permission_denied");
    expect(CREDENTIALS_ERROR_CODES.prefix_refused).toBe("permission_denied");
  });

  it.each([
    [403, stsErrorXml("AccessDenied", "not authorized to perform sts:AssumeRole"), "sts_refused"],
    [400, stsErrorXml("MalformedPolicyDocument", "bad policy"), "sts_refused"],
    [400, stsErrorXml("PackedPolicyTooLarge", "packed policy too large"), "packed_policy_too_large"],
    [500, stsErrorXml("InternalFailure", "try again", "Receiver"), "sts_unavailable"],
    [503, stsErrorXml("ServiceUnavailable", "try again", "Receiver"), "sts_unavailable"],
    [400, stsErrorXml("Throttling", "Rate exceeded"), "sts_unavailable"],
  ])("classifies an STS %d %s", async (status, body, reason) => {
    proxy.canned = { status, contentType: "text/xml", body };
    const error = await issuer.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3: GRANT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).reason).toBe(reason);
  });

  it("reports an unreachable endpoint as sts_unavailable", async () => {
    const unreachable = issuerFor({ endpoint: "http://127.0.0.1:1" });
    await expect(unreachable.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3: GRANT })).rejects.toMatchObject({
      reason: "sts_unavailable",
    });
  });

  it("refuses an answer without complete credentials", async () => {
    proxy.canned = {
      status: 200,
      contentType: "text/xml",
      body:
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
        "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId></Credentials>" +
        "</AssumeRoleResult><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></AssumeRoleResponse>",
    };
    await expect(issuer.issueTaskCredentials({ taskId: TASK_ID, attempt: 1, s3: GRANT })).rejects.toMatchObject({
      reason: "sts_response_incomplete",
    });
  });
});
