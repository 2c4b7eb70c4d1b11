// CONTRACT §4 over real HTTP against a server built with createApiServices: the check order with
// each code and reason, and token attacks refused by the server (the verifier itself is unit-tested
// in test/auth; here the point is that the wire answers what the contract says).
import { randomUUID } from "node:crypto";
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.js";
import { TASK_CAPABILITY_HEADER } from "../../src/auth/index.js";
import { SECURITY_EVENTS_METRIC } from "../../src/security/events.js";
import { describeEachBackend } from "../support/databases.js";
import { claim, createTask, ISSUER, leasedTask, mintFor, ORG_ID, READ_PREFIX, registerJob, snapshot, useApiServer, type ApiServer, type Leased } from "./harness.js";

const HEARTBEAT = "/v1/task/heartbeat";

describeEachBackend("task API auth and fencing", (backend) => {
  let db: Database;
  let api: ApiServer;
  useApiServer(backend, (d, a) => {
    db = d;
    api = a;
  });

  /** A full valid claim set for `leased`, as the minter would write it. */
  const claimsOf = (leased: Pick<Leased, "taskId" | "attempt">): Record<string, unknown> => {
    const iat = Math.floor(api.clock.now().getTime() / 1000);
    return {
      iss: ISSUER,
      aud: "trace.task",
      sub: `task:${leased.taskId}`,
      exp: iat + 1200,
      iat,
      jti: randomUUID(),
      org_id: ORG_ID,
      task_id: leased.taskId,
      attempt: leased.attempt,
      datasets: [],
      s3: { read_prefixes: [READ_PREFIX], write_prefixes: [] },
    };
  };
  /** Signs `payload` with the server's real signing key (so only the altered part can be wrong). */
  const signWithServerKey = (payload: Record<string, unknown>, header: { kid?: string | null } = {}) => {
    const protectedHeader: { alg: string; typ: string; kid?: string } = { alg: "ES256", typ: "JWT" };
    if (header.kid !== null) protectedHeader.kid = header.kid ?? api.keyring.signingKid;
    return new SignJWT(payload as JWTPayload).setProtectedHeader(protectedHeader).sign(api.keyring.signingKey);
  };

  const expectRefused = (reply: { status: number; code: string | undefined; reason: string | undefined }, status: number, code: string, reason: string) => {
    expect({ status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ status, code, reason });
  };

  it("answers a valid heartbeat (the baseline every refusal below differs from by one thing)", async () => {
    const leased = await leasedTask(api);
    const reply = await api.task(HEARTBEAT, leased.token, leased.fence);
    expect(reply.status).toBe(200);
    expect(reply.json["cancel_requested"]).toBe(false);
    expect(typeof reply.json["lease_expires_at"]).toBe("string");
  });

  it("checks in CONTRACT order: missing token, invalid token, claims, unknown task, fence", async () => {
    const leased = await leasedTask(api);
    const unknownTask = { task_id: randomUUID(), attempt: 9, lease_token: randomUUID() };

    // 1. No token: unauthenticated, even though the body is wrong in every other way too — even
    //    a body that does not parse: credentials are checked before the body is read.
    expectRefused(await api.post(HEARTBEAT, unknownTask), 401, "unauthenticated", "token_missing");
    expectRefused(await api.post(HEARTBEAT, '{"task_id": '), 401, "unauthenticated", "token_missing");
    expectRefused(await api.post(HEARTBEAT, { ...unknownTask, attempt: "one", extra: 1 }), 401, "unauthenticated", "token_missing");
    expectRefused(await api.post("/internal/task-claim", "not json"), 401, "unauthenticated", "token_missing");
    expectRefused(await api.post("/v1/admin/tasks", "not json"), 401, "unauthenticated", "token_missing");
    // With a valid token the same unparsable body is the caller's mistake: invalid_argument.
    expectRefused(await api.task(HEARTBEAT, leased.token, '{"task_id": '), 400, "invalid_argument", "malformed_request");
    expectRefused(await api.task(HEARTBEAT, "", unknownTask), 401, "unauthenticated", "token_missing");
    // 2. A token that does not verify: unauthenticated, before the body is looked at.
    const tampered = `${leased.token.slice(0, -4)}AAAA`;
    expectRefused(await api.task(HEARTBEAT, tampered, unknownTask), 401, "unauthenticated", "token_invalid");
    // 3. A valid token whose claims differ from the body: permission_denied, before any lookup.
    expectRefused(await api.task(HEARTBEAT, leased.token, unknownTask), 403, "permission_denied", "claims_mismatch");
    // 4a. A valid token for a task that does not exist: not_found.
    const ghost = { taskId: randomUUID(), attempt: 1 };
    const ghostToken = await mintFor(api, ghost.taskId, ghost.attempt);
    expectRefused(
      await api.task(HEARTBEAT, ghostToken, { task_id: ghost.taskId, attempt: 1, lease_token: randomUUID() }),
      404,
      "not_found",
      "not_found",
    );
    // 4b. The right task and attempt with another lease token: failed_precondition/lease_mismatch.
    expectRefused(
      await api.task(HEARTBEAT, leased.token, { ...leased.fence, lease_token: randomUUID() }),
      400,
      "failed_precondition",
      "lease_mismatch",
    );
    // 4c. An attempt that was never acquired (token minted for it): stale_attempt.
    const future = await mintFor(api, leased.taskId, 2);
    expectRefused(
      await api.task(HEARTBEAT, future, { task_id: leased.taskId, attempt: 2, lease_token: leased.leaseToken }),
      400,
      "failed_precondition",
      "stale_attempt",
    );
  });

  // The verifier keeps a verified token for the heartbeats that re-present it, and Complete takes
  // it out. A kept token is re-checked against exp only; a full verification also refuses an iat in
  // the future: with the clock set back before the token's iat, a heartbeat after Complete shows
  // which of the two it met.
  it("keeps a heartbeating token verified until its attempt's Complete, and not after", async () => {
    const kept = await leasedTask(api);
    expect((await api.task(HEARTBEAT, kept.token, kept.fence)).status).toBe(200);
    api.clock.advance(-3600);
    expect((await api.task(HEARTBEAT, kept.token, kept.fence)).status).toBe(200); // a hit
    api.clock.advance(3600);
    expect((await api.task("/v1/task/complete", kept.token, { ...kept.fence, status: "TASK_STATUS_COMPLETED" })).status).toBe(200);
    api.clock.advance(-3600);
    expectRefused(await api.task(HEARTBEAT, kept.token, kept.fence), 401, "unauthenticated", "token_not_yet_valid");
  });

  it("refuses every fenced call once the task finished (task_finished) or was canceled (canceled)", async () => {
    const done = await leasedTask(api);
    expect((await api.task("/v1/task/complete", done.token, { ...done.fence, status: "TASK_STATUS_COMPLETED" })).status).toBe(200);
    expectRefused(await api.task(HEARTBEAT, done.token, done.fence), 400, "failed_precondition", "task_finished");
    expectRefused(
      await api.task("/v1/task/events", done.token, { ...done.fence, events: [] }),
      400,
      "failed_precondition",
      "task_finished",
    );
    expectRefused(
      await api.task("/v1/task/buffer-publish", done.token, { ...done.fence, batch_uri: "s3://out-bucket/tasks/out/b1" }),
      400,
      "failed_precondition",
      "task_finished",
    );
    expectRefused(await api.task("/v1/task/credentials", done.token, done.fence), 400, "failed_precondition", "task_finished");

    const canceled = await leasedTask(api);
    const cancel = await api.admin("/v1/admin/tasks/cancel", { task_id: canceled.taskId, reason: "operator" });
    expect(cancel.status).toBe(200);
    const beat = await api.task(HEARTBEAT, canceled.token, canceled.fence);
    expect(beat.json["cancel_requested"]).toBe(true);
    expect((await api.task("/v1/task/complete", canceled.token, { ...canceled.fence, status: "TASK_STATUS_CANCELED" })).status).toBe(200);
    expectRefused(await api.task(HEARTBEAT, canceled.token, canceled.fence), 400, "failed_precondition", "canceled");
    expectRefused(await api.task("/v1/task/credentials", canceled.token, canceled.fence), 400, "failed_precondition", "canceled");
  });

  it("refuses forged and misused tokens with unauthenticated and the verifier's reason", async () => {
    const leased = await leasedTask(api);
    const claims = claimsOf(leased);
    const before = await snapshot(api.db);

    // alg none: an unsigned token naming the server's kid.
    const header = (h: object) => base64url.encode(JSON.stringify(h));
    const unsigned = `${header({ alg: "none", typ: "JWT", kid: api.keyring.signingKid })}.${header(claims)}.`;
    // HS256 "signed" with the ES256 public key (the classic algorithm-confusion attack).
    const publicJwk = api.keyring.publicJwks.keys[0];
    if (publicJwk === undefined) throw new Error("no public key");
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(publicJwk));
    const hsWithPublicKey = await new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: api.keyring.signingKid })
      .sign(publicKeyBytes);
    const { privateKey: otherKey, publicKey: otherPublic } = await generateKeyPair("ES256", { extractable: true });
    const pem = new TextEncoder().encode(await exportSPKI(otherPublic));
    const hsWithPem = await new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: "HS256", kid: api.keyring.signingKid }).sign(pem);
    // A well-formed ES256 token from a key the server does not know, under its own or the server's kid.
    const unknownKid = await new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: "ES256", kid: "attacker-key" }).sign(otherKey);
    const stolenKid = await new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: "ES256", kid: api.keyring.signingKid })
      .sign(otherKey);
    expect((await exportJWK(otherPublic)).kty).toBe("EC");

    const cases: [string, string, string][] = [
      ["alg none", unsigned, "algorithm_not_allowed"],
      ["HS256 with the ES256 public JWK", hsWithPublicKey, "algorithm_not_allowed"],
      ["HS256 with a PEM public key", hsWithPem, "algorithm_not_allowed"],
      ["unknown kid", unknownKid, "unknown_kid"],
      ["server kid, other key", stolenKid, "token_invalid"],
      ["missing kid", await signWithServerKey(claims, { kid: null }), "kid_missing"],
      ["wrong aud", await signWithServerKey({ ...claims, aud: "trace.query" }), "audience_mismatch"],
      ["wrong iss", await signWithServerKey({ ...claims, iss: "https://evil.test" }), "issuer_mismatch"],
      [
        "expired",
        await signWithServerKey({ ...claims, iat: Number(claims["iat"]) - 7200, exp: Number(claims["iat"]) - 3600 }),
        "token_expired",
      ],
      ["not a JWT", "not-a-jwt", "token_malformed"],
    ];
    for (const [name, token, reason] of cases) {
      const reply = await api.task(HEARTBEAT, token, leased.fence);
      expect({ name, status: reply.status, code: reply.code, reason: reply.reason }).toEqual({ name, status: 401, code: "unauthenticated", reason });
    }
    expect(await snapshot(api.db)).toEqual(before);
  });

  it("refuses a token with any required claim missing (claims_invalid)", async () => {
    const leased = await leasedTask(api);
    const claims = claimsOf(leased);
    for (const name of Object.keys(claims)) {
      const { [name]: _dropped, ...rest } = claims;
      const reply = await api.task(HEARTBEAT, await signWithServerKey(rest), leased.fence);
      expect({ name, status: reply.status, code: reply.code }).toEqual({ name, status: 401, code: "unauthenticated" });
      expect(reply.reason, name).toBe("claims_invalid");
    }
  });

  it("refuses another task's valid token and an older attempt's valid token", async () => {
    const mine = await leasedTask(api);
    const other = await leasedTask(api);
    // Another task's token with my fence: the claims name the other task.
    expectRefused(await api.task(HEARTBEAT, other.token, mine.fence), 403, "permission_denied", "claims_mismatch");
    // My token with the other task's fence.
    expectRefused(await api.task(HEARTBEAT, mine.token, other.fence), 403, "permission_denied", "claims_mismatch");
    // Body attempt differing from the claims.
    expectRefused(await api.task(HEARTBEAT, mine.token, { ...mine.fence, attempt: 2 }), 403, "permission_denied", "claims_mismatch");
    expectRefused(await api.task(HEARTBEAT, mine.token, { ...mine.fence, task_id: mine.taskId.toUpperCase() }), 403, "permission_denied", "claims_mismatch");

    // Attempt 1 fails (retryable), the retry is re-queued and claimed as attempt 2.
    const failed = await api.task("/v1/task/complete", mine.token, { ...mine.fence, status: "TASK_STATUS_FAILED", retryable: true, error_message: "boom" });
    expect(failed.json).toEqual({ accepted: true, duplicate: false });
    api.clock.advance(60); // past the retry backoff (30 s), well within the token's lifetime
    const { requeueDueRetries } = await import("../../src/lifecycle/index.js");
    expect(await requeueDueRetries(api.ctx, { limit: 10 })).toHaveLength(1);
    const second = await claim(api, mine.taskId);
    expect(second.attempt).toBe(2);

    // The old attempt's token, with its own (old) fence: valid token, stale attempt.
    expectRefused(await api.task(HEARTBEAT, mine.token, mine.fence), 400, "failed_precondition", "stale_attempt");
    // The old token with the new attempt's fence: claims name attempt 1.
    expectRefused(await api.task(HEARTBEAT, mine.token, second.fence), 403, "permission_denied", "claims_mismatch");
    // The new token with the old lease token: lease_mismatch.
    expectRefused(await api.task(HEARTBEAT, second.token, { ...second.fence, lease_token: mine.leaseToken }), 400, "failed_precondition", "lease_mismatch");
    expect((await api.task(HEARTBEAT, second.token, second.fence)).status).toBe(200);
  });

  it("keeps a task principal out of worker and admin endpoints", async () => {
    const leased = await leasedTask(api);
    const asTask = { [TASK_CAPABILITY_HEADER]: leased.token };
    expectRefused(await api.post("/internal/task-claim", { task_id: leased.taskId, worker_id: "w" }, asTask), 401, "unauthenticated", "token_missing");
    expectRefused(await api.get(`/internal/task-fetch?task_id=${leased.taskId}`, asTask), 401, "unauthenticated", "token_missing");
    expectRefused(await api.post("/v1/admin/tasks/cancel", { task_id: leased.taskId }, asTask), 401, "unauthenticated", "token_missing");
    // The capability token presented as a worker token or an admin bearer token is just a wrong secret.
    expectRefused(
      await api.post("/internal/task-claim", { task_id: leased.taskId, worker_id: "w" }, { "x-trace-worker-token": leased.token }),
      401,
      "unauthenticated",
      "token_invalid",
    );
    expectRefused(
      await api.post("/v1/admin/tasks/cancel", { task_id: leased.taskId }, { authorization: `Bearer ${leased.token}` }),
      401,
      "unauthenticated",
      "token_invalid",
    );
    // And the other way round: worker and admin secrets open no task endpoint.
    expectRefused(await api.post(HEARTBEAT, leased.fence, { "x-trace-worker-token": "worker-token-0123456789abcdef" }), 401, "unauthenticated", "token_missing");
    expectRefused(await api.task(HEARTBEAT, "admin-token-0123456789abcdef", leased.fence), 401, "unauthenticated", "token_malformed");
  });

  it("records every refused auth, lease mismatch and stale attempt as a log line and a counter, without secrets", async () => {
    const leased = await leasedTask(api);
    await api.post(HEARTBEAT, leased.fence);
    await api.task(HEARTBEAT, `${leased.token}x`, leased.fence);
    await api.task(HEARTBEAT, leased.token, { ...leased.fence, attempt: 5 });
    await api.task(HEARTBEAT, leased.token, { ...leased.fence, lease_token: randomUUID() });
    const future = await mintFor(api, leased.taskId, 3);
    await api.task(HEARTBEAT, future, { ...leased.fence, attempt: 3 });
    await api.post("/internal/task-claim", { task_id: leased.taskId, worker_id: "w" }, { "x-trace-worker-token": "wrong-worker-token-123456" });
    await api.post("/v1/admin/tasks/cancel", { task_id: leased.taskId }, { authorization: "Bearer wrong-admin-token-123456" });
    await api.post("/v1/admin/tasks/cancel", { task_id: leased.taskId }, { authorization: "Basic dXNlcjpwYXNz" });
    // Not security events: a normal, successful call and a task that finished.
    await api.task(HEARTBEAT, leased.token, leased.fence);

    const counter = api.metrics.counter(SECURITY_EVENTS_METRIC, "");
    expect(await counter.get({ kind: "task_auth_refused", reason: "token_missing" })).toBe(1);
    expect(await counter.get({ kind: "task_auth_refused", reason: "token_invalid" })).toBe(1);
    expect(await counter.get({ kind: "task_claims_mismatch", reason: "claims_mismatch" })).toBe(1);
    expect(await counter.get({ kind: "task_fence_refused", reason: "lease_mismatch" })).toBe(1);
    expect(await counter.get({ kind: "task_fence_refused", reason: "stale_attempt" })).toBe(1);
    expect(await counter.get({ kind: "worker_auth_refused", reason: "token_invalid" })).toBe(1);
    expect(await counter.get({ kind: "admin_auth_refused", reason: "token_invalid" })).toBe(2);
    expect(await api.metrics.render()).toContain(`${SECURITY_EVENTS_METRIC}{kind="task_fence_refused",reason="lease_mismatch"} 1`);

    const events = api.logLines.filter((line) => line["msg"] === "security event");
    expect(events).toHaveLength(8);
    const mismatch = events.find((e) => e["reason"] === "claims_mismatch");
    expect(mismatch).toMatchObject({
      level: "warn",
      event: "task_claims_mismatch",
      procedure: "trace.dispatcher.v1.TaskService/Heartbeat",
      task_id: leased.taskId,
      attempt: 1,
      requested_attempt: 5,
      remote_address: expect.stringMatching(/127\.0\.0\.1/),
    });
    // Nothing secret anywhere in the log: no token, no lease token, no worker or admin secret.
    const log = api.rawLog.join("\n");
    for (const secret of [leased.token, leased.leaseToken, future, "wrong-worker-token-123456", "wrong-admin-token-123456", "dXNlcjpwYXNz"]) {
      expect(log).not.toContain(secret);
    }
  });

  it("creates tasks only through the admin API (sanity of the fixtures)", async () => {
    const { jobId } = await registerJob(api);
    const taskId = await createTask(api, jobId);
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
