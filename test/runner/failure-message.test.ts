// A failure report must always be deliverable: the Dispatcher refuses error_message text Postgres
// cannot store (unstorable_value), so the runner's message never carries a NUL or a lone surrogate,
// even when its detail quotes an entrypoint's output or the length cap cuts a surrogate pair.
import { describe, expect, it } from "vitest";
import { textProblem } from "../../src/contract/storable-text.js";
import { failureMessage, MAX_ERROR_MESSAGE_CHARS } from "../../src/runner/failure.js";

describe("failureMessage", () => {
  it("replaces NUL characters", () => {
    expect(failureMessage("entrypoint_crashed", "exit 1: a\u0000b")).toBe("entrypoint_crashed: exit 1: a\uFFFDb");
  });

  it("never ends in half a surrogate pair when the cap cuts one", () => {
    const prefix = "entrypoint_crashed: ";
    // An emoji (two UTF-16 units) straddling the cut at MAX_ERROR_MESSAGE_CHARS - 1.
    const detail = "x".repeat(MAX_ERROR_MESSAGE_CHARS - 2 - prefix.length) + "\u{1F600}".repeat(4);
    const message = failureMessage("entrypoint_crashed", detail);
    expect(message.length).toBe(MAX_ERROR_MESSAGE_CHARS);
    expect(textProblem(message)).toBeUndefined();
  });
});
