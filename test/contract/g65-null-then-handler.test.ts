// Case 65 [decision: CW/WRL]: assigning null uses up the one assignment; a later real handler throws and nothing is called.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalDelegateAssignmentError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, recorder, settle, untilTerminal } from "../helpers/fixtures.js";

function assignmentError(assign: () => void): unknown {
  try {
    assign();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(kinds)("$name", (kind) => {
  it("while started: null, then a handler, throws E_ILLEGAL_DELEGATE_ASSIGNMENT; the handler never runs", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const h = recorder();
    op.completed = null;
    const caught = assignmentError(() => (op.completed = h.handler));
    expect(caught).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((caught as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
    expect(op.completed).toBeNull();
    g.open();
    await untilTerminal(op);
    await settle();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(h.calls).toEqual([]);
  });

  it("after completion: null, then a handler, throws; the handler never runs", async () => {
    const op = kind.run(() => 1);
    const h = recorder();
    op.completed = null;
    const caught = assignmentError(() => (op.completed = h.handler));
    expect(caught).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((caught as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
    await settle();
    expect(h.calls).toEqual([]);
  });

  it("null twice: the second null throws too", () => {
    const op = kind.run(() => 1);
    op.completed = null;
    expect(() => (op.completed = null)).toThrow(IllegalDelegateAssignmentError);
  });
});
