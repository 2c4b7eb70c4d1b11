// What happened to one invoke, in the terms the outbox needs.
//   sent:  the runner was handed the event; the task is now the runner's to complete.
//   retry: the attempt never started (throttled, transient); the outbox tries again later and
//          the attempt is not spent.
//   fail:  a definitive error (function missing, payload too large, access denied); the
//          attempt fails with this error.
export type InvokeOutcome =
  | { kind: "sent" }
  | { kind: "retry"; error: string }
  | { kind: "fail"; error: string };

export interface Invoker {
  /** Hands one serialized TaskInvocation (protobuf JSON, proto field names) to a runner. */
  invoke(payloadJson: string): Promise<InvokeOutcome>;
  close?(): Promise<void>;
}
