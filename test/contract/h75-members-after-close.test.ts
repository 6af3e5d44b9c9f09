// Case 75 (DESIGN 2.6 #15): after close(), every member but cancel/close/dispose throws IllegalMethodCallError.
import { describe, expect, it } from "vitest";
import { HResult, IllegalMethodCallError } from "../../src/index.js";
import { asProgress, kinds, type AnyOp } from "../helpers/kinds.js";
import { terminalCases } from "../helpers/terminal-ops.js";

const members: ReadonlyArray<[string, (op: AnyOp) => unknown]> = [
  ["read id", (op) => op.id],
  ["read status", (op) => op.status],
  ["read errorCode", (op) => op.errorCode],
  ["read description", (op) => op.description],
  ["call getResults()", (op) => op.getResults()],
  ["get completed", (op) => op.completed],
  ["set completed to a handler", (op) => (op.completed = () => {})],
  ["set completed to null", (op) => (op.completed = null)],
  ["call then()", (op) => op.then()],
  ["call catch()", (op) => op.catch()],
  ["call finally()", (op) => op.finally()],
];

const progressMembers: ReadonlyArray<[string, (op: AnyOp) => unknown]> = [
  ["get progress", (op) => asProgress(op).progress],
  ["set progress to a handler", (op) => (asProgress(op).progress = () => {})],
  ["set progress to null", (op) => (asProgress(op).progress = null)],
  ["call onProgress()", (op) => asProgress(op).onProgress(() => {})],
];

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(kinds)("$name", (kind) => {
  const applicable = kind.hasProgress ? [...members, ...progressMembers] : members;

  describe.each(terminalCases)("closed after $label", (terminal) => {
    it.each(applicable)("%s throws IllegalMethodCallError (E_ILLEGAL_METHOD_CALL)", (_name, member) => {
      const { op } = terminal.make(kind);
      op.close();
      const caught = thrownBy(() => member(op));
      expect(caught).toBeInstanceOf(IllegalMethodCallError);
      expect((caught as IllegalMethodCallError).hresult).toBe(HResult.E_ILLEGAL_METHOD_CALL);
    });

    it("cancel(), close(), [Symbol.dispose]() and [Symbol.asyncDispose]() do not throw", async () => {
      const { op } = terminal.make(kind);
      op.close();
      expect(() => op.cancel()).not.toThrow();
      expect(() => op.close()).not.toThrow();
      expect(() => op[Symbol.dispose]()).not.toThrow();
      let asyncDisposal: Promise<void> | undefined;
      expect(() => (asyncDisposal = op[Symbol.asyncDispose]())).not.toThrow();
      await expect(asyncDisposal).resolves.toBeUndefined();
    });
  });
});
