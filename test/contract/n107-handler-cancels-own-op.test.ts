// Case 107: cancel() called inside the completed handler does nothing: no error, status unchanged, no second call.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, microtasks, settle } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  it.each(terminalCases)("on a $label op", async (terminal) => {
    const reported = captureListenerErrors();
    const { op } = terminal.make(kind);
    const calls: number[] = [];
    let cancelError: unknown = "not called";
    op.completed = (_sender, status) => {
      calls.push(status);
      try {
        op.cancel();
        cancelError = undefined;
      } catch (error) {
        cancelError = error;
      }
    };
    await microtasks();
    await settle();
    expect(cancelError).toBeUndefined();
    expect(op.status).toBe(terminal.status);
    expect(calls).toEqual([terminal.status]);
    expect(reported).toEqual([]);
  });

  it("completed by a body: status stays completed and the result stays readable", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 8;
    });
    const calls: number[] = [];
    op.completed = (_sender, status) => {
      calls.push(status);
      op.cancel();
    };
    g.open();
    await op;
    await settle();
    expect(calls).toEqual([AsyncStatus.completed]);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(8));
  });
});
