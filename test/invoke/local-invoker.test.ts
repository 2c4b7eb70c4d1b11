import { describe, expect, it } from "vitest";
import { createLocalInvoker } from "../../src/invoke/local.js";

describe("local invoker", () => {
  it("hands the payload to the runner process on stdin with the Dispatcher URL", async () => {
    const exited = new Promise<string>((resolve) => {
      const invoker = createLocalInvoker({
        command: [process.execPath, "-e", "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{console.error(JSON.stringify({payload:JSON.parse(s),url:process.env.TRACE_DISPATCHER_URL,home:process.env.SECRET_HOME??null}))})"],
        dispatcherUrl: "http://127.0.0.1:1234",
        onExit: (_code, stderr) => resolve(stderr),
      });
      process.env.SECRET_HOME = "not-for-runners";
      void invoker.invoke(JSON.stringify({ task_id: "t", attempt: 2 })).then((outcome) => expect(outcome).toEqual({ kind: "sent" }));
    });
    expect(JSON.parse(await exited)).toEqual({ payload: { task_id: "t", attempt: 2 }, url: "http://127.0.0.1:1234", home: null });
    delete process.env.SECRET_HOME;
  });

  it("reports a runner that cannot start as retryable", async () => {
    const invoker = createLocalInvoker({ command: ["/nonexistent/runner"], dispatcherUrl: "http://x" });
    const outcome = await invoker.invoke("{}");
    expect(outcome.kind).toBe("retry");
  });
});
