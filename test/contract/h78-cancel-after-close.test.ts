// Case 78: cancel() after close() is silently ignored: no error, no second notification, no cancel callback.
import { describe, expect, it } from "vitest";
import { kinds } from "../helpers/kinds.js";
import { microtasks, recorder } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  it.each(terminalCases)("on a closed $label op", async (terminal) => {
    const { op } = terminal.make(kind);
    const h = recorder();
    op.completed = h.handler;
    await microtasks();
    op.close();
    expect(() => op.cancel()).not.toThrow();
    expect(() => op.cancel()).not.toThrow();
    await microtasks();
    expect(h.calls).toEqual([{ sender: op, status: terminal.status }]);
  });

  it("does not run onCancel callbacks of a completed, closed op", async () => {
    let canceledCalls = 0;
    const op = kind.run((ctx) => {
      ctx.onCancel(() => canceledCalls++);
      return 1;
    });
    op.close();
    op.cancel();
    await microtasks();
    expect(canceledCalls).toBe(0);
  });
});
