import { describe, expect, it } from "vitest";
import { createLocalInvoker } from "../../src/invoke/local.js";
import { createLogger } from "../../src/log/logger.js";

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

  it("streams each run's stderr into the Dispatcher's log, tagged with task_id and attempt", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ level: "debug", write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    const script = [
      `console.error(JSON.stringify({ time: "t", component: "runner", level: "warn", msg: "entrypoint finished", stderr_tail: "Traceback\\nValueError: bad" }));`,
      `process.stderr.write("plain operator line aws_secret_access_key=abcdSECRET\\npartial");`,
      `setTimeout(() => process.stderr.write(" line end\\n"), 20);`,
    ].join("\n");
    const exited = new Promise<void>((resolve) => {
      const invoker = createLocalInvoker({ command: [process.execPath, "-e", script], dispatcherUrl: "http://x", log, onExit: () => resolve() });
      void invoker.invoke(JSON.stringify({ task_id: "t-1", attempt: 3 }));
    });
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([
      expect.objectContaining({ level: "warn", msg: "entrypoint finished", task_id: "t-1", attempt: 3, stderr_tail: "Traceback\nValueError: bad" }),
      expect.objectContaining({ level: "info", msg: "runner output", task_id: "t-1", attempt: 3, line: "plain operator line aws_secret_access_key=[redacted]" }),
      expect.objectContaining({ level: "info", msg: "runner output", task_id: "t-1", attempt: 3, line: "partial line end" }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("abcdSECRET");
  });

  it("reports a runner that cannot start as retryable", async () => {
    const invoker = createLocalInvoker({ command: ["/nonexistent/runner"], dispatcherUrl: "http://x" });
    const outcome = await invoker.invoke("{}");
    expect(outcome.kind).toBe("retry");
  });
});
