// Case 64: on a terminal op, the first assignment is accepted (its handler runs once) and a second one throws.
import { describe, expect, it } from "vitest";
import { HResult, IllegalDelegateAssignmentError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { microtasks, recorder } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

describe.each(kinds)("$name", (kind) => {
  describe.each(terminalCases)("$label", (terminal) => {
    it("h1 runs once with (op, status); assigning h2 throws IllegalDelegateAssignmentError", async () => {
      const { op } = terminal.make(kind);
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
      await microtasks();
      expect(h1.calls).toEqual([{ sender: op, status: terminal.status }]);
      expect(h2.calls).toEqual([]);
    });

    it("still throws after h1 has run", async () => {
      const { op } = terminal.make(kind);
      const h1 = recorder();
      op.completed = h1.handler;
      await microtasks();
      expect(h1.calls).toHaveLength(1);
      expect(() => (op.completed = recorder().handler)).toThrow(IllegalDelegateAssignmentError);
      expect(() => (op.completed = null)).toThrow(IllegalDelegateAssignmentError);
      await microtasks();
      expect(h1.calls).toHaveLength(1);
    });
  });
});
