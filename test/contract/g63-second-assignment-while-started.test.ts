// Case 63: completed may be assigned once; a second assignment while started throws and the first handler alone fires.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalDelegateAssignmentError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, untilTerminal } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("throws IllegalDelegateAssignmentError; h1 fires once with (op, completed); h2 never", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const h1 = recorder();
    const h2 = recorder();
    op.completed = h1.handler;
    let caught: unknown;
    try {
      op.completed = h2.handler;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((caught as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
    expect(op.completed).toBe(h1.handler);

    g.open();
    await untilTerminal(op);
    await microtasks();
    expect(h1.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
    expect(h1.calls[0]!.sender).toBe(op);
    expect(h2.calls).toEqual([]);
  });
});
