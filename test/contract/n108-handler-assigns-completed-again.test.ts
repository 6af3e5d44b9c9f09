// Case 108: assigning completed inside the completed handler throws IllegalDelegateAssignmentError there; the outcome is unaffected.
import { describe, expect, it } from "vitest";
import { AsyncStatus, HResult, IllegalDelegateAssignmentError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  it.each(terminalCases)("on a $label op", async (terminal) => {
    const reported = captureListenerErrors();
    const { op } = terminal.make(kind);
    const inner = recorder();
    let caught: unknown;
    let outerCalls = 0;
    op.completed = () => {
      outerCalls++;
      try {
        op.completed = inner.handler;
      } catch (error) {
        caught = error;
      }
    };
    await microtasks();
    await settle();
    expect(outerCalls).toBe(1);
    expect(caught).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect((caught as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
    expect(inner.calls).toEqual([]);
    expect(op.status).toBe(terminal.status);
    expect(reported).toEqual([]);
  });

  it("an uncaught throw of that assignment is reported and changes nothing", async () => {
    const reported = captureListenerErrors();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 2;
    });
    op.completed = () => {
      op.completed = null;
    };
    g.open();
    await expect(op.then((value) => value)).resolves.toBe(kind.expected(2));
    await settle();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(IllegalDelegateAssignmentError);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(2));
  });
});
