// The Lambda invoker against a fake that speaks the real Lambda REST API, through the real SDK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureEventInvoke, createLambdaInvoker, verifyEventInvoke, type LambdaTarget } from "../../src/invoke/lambda.js";
import { startFakeLambda, type FakeLambda } from "../support/fake-lambda.js";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
let lambda: FakeLambda;
let target: LambdaTarget;

beforeAll(async () => {
  lambda = await startFakeLambda();
  target = { functionName: "trace-runner", region: "us-east-1", endpoint: lambda.url, credentials };
});
afterAll(async () => lambda.close());

describe("lambda invoker", () => {
  it("sends an Event invoke with the payload untouched", async () => {
    const seen: unknown[] = [];
    lambda.addFunction("trace-runner", async (event) => void seen.push(event));
    const payload = JSON.stringify({ task_id: "t-1", attempt: 1, config: { "ключ": [1, [2]] } });
    const outcome = await createLambdaInvoker(target).invoke(payload);
    expect(outcome).toEqual({ kind: "sent" });
    const captured = lambda.invokes.at(-1);
    expect(captured?.invocationType).toBe("Event");
    expect(captured?.functionName).toBe("trace-runner");
    expect(captured?.body).toBe(payload);
    await lambda.idle();
    expect(seen).toEqual([JSON.parse(payload)]);
  });

  it("reports a throttle as retryable, without the SDK retrying on its own", async () => {
    lambda.addFunction("trace-runner", async () => undefined);
    const before = lambda.invokes.length;
    lambda.throttleNext(1);
    const outcome = await createLambdaInvoker(target).invoke("{}");
    expect(outcome).toEqual({ kind: "retry", error: "TooManyRequestsException (HTTP 429)" });
    expect(lambda.invokes.length - before).toBe(1);
  });

  it("reports a missing function as a definitive failure", async () => {
    const outcome = await createLambdaInvoker({ ...target, functionName: "no-such-runner" }).invoke("{}");
    expect(outcome).toEqual({ kind: "fail", error: "ResourceNotFoundException (HTTP 404)" });
  });

  it("reports an unreachable endpoint as retryable", async () => {
    const outcome = await createLambdaInvoker({ ...target, endpoint: "http://127.0.0.1:9" }).invoke("{}");
    expect(outcome.kind).toBe("retry");
  });

  it("configures and verifies the event-invoke config", async () => {
    lambda.addFunction("trace-runner", async () => undefined);
    const policy = { maximumRetryAttempts: 0 as const, maximumEventAgeInSeconds: 300 };
    await expect(verifyEventInvoke(target, policy)).rejects.toThrow();
    await configureEventInvoke(target, policy);
    expect(lambda.eventInvokeConfig("trace-runner")).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 300 });
    await expect(verifyEventInvoke(target, policy)).resolves.toBeUndefined();
    await expect(verifyEventInvoke(target, { ...policy, maximumEventAgeInSeconds: 60 })).rejects.toThrow(/MaximumEventAgeInSeconds=300/);
  });
});
