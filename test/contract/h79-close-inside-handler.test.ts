// Case 79: close() from inside the completed handler succeeds; a later status read throws IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { HResult, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, gate, microtasks } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  it.each(terminalCases)("assigned after the op ended $label", async (terminal) => {
    const reported = captureListenerErrors();
    const { op } = terminal.make(kind);
    let closeError: unknown = "not called";
    op.completed = () => {
      try {
        op.close();
        closeError = undefined;
      } catch (error) {
        closeError = error;
      }
    };
    await microtasks();
    expect(closeError).toBeUndefined();
    expect(reported).toEqual([]);
    let caught: unknown;
    try {
      void op.status;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalMethodCallError);
    expect((caught as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
  });

  it("assigned while started", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    let closed = false;
    op.completed = () => {
      op.close();
      closed = true;
    };
    g.open();
    await op;
    await microtasks();
    expect(closed).toBe(true);
    expect(() => op.status).toThrow(IllegalMethodCallError);
  });
});
