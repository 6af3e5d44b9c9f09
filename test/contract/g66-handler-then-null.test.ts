// Case 66: assigning null after a real handler throws E_ILLEGAL_DELEGATE_ASSIGNMENT; the first handler still fires once.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalDelegateAssignmentError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, untilTerminal } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("while started", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const h = recorder();
    op.completed = h.handler;
    let caught: unknown;
    try {
      op.completed = null;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((caught as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
    expect(op.completed).toBe(h.handler);
    g.open();
    await untilTerminal(op);
    await microtasks();
    expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });

  it("after completion", async () => {
    const op = kind.run(() => 1);
    const h = recorder();
    op.completed = h.handler;
    expect(() => (op.completed = null)).toThrow(IllegalDelegateAssignmentError);
    await microtasks();
    expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
  });
});
