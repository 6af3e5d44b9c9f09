// Case 8: the completed handler runs exactly once, whatever is done to the op after it ended (cancel, reads, reassignment).
import { describe, expect, it } from "vitest";
import { AsyncStatus, IllegalDelegateAssignmentError, HResult } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { caught } from "../helpers/caught.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";

interface Ending {
  label: string;
  status: AsyncStatus;
  /** Starts an op whose body waits on the gate; `end` makes it terminal. */
  start(kind: Kind): { op: AnyOp; end(): Promise<void> };
}

const endings: readonly Ending[] = [
  {
    label: "completion",
    status: AsyncStatus.completed,
    start(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        return 123;
      });
      return { op, end: async () => { g.open(); await op; } };
    },
  },
  {
    label: "failure",
    status: AsyncStatus.error,
    start(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw new Error("failed");
      });
      return { op, end: async () => { g.open(); await op.then(undefined, () => undefined); } };
    },
  },
  {
    label: "cancellation",
    status: AsyncStatus.canceled,
    start(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        return 123;
      });
      return { op, end: async () => { op.cancel(); g.open(); await settle(); } };
    },
  },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(endings)("ended by $label", (ending) => {
    it("calls the handler once, even after cancel, status reads and a second assignment", async () => {
      const { op, end } = ending.start(kind);
      const rec = recorder();
      op.completed = rec.handler;
      await end();
      await microtasks();
      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.status).toBe(ending.status);

      op.cancel();
      op.cancel();
      expect(op.status).toBe(ending.status);
      const error = caught(() => {
        op.completed = recorder().handler;
      });
      expect(error).toBeInstanceOf(IllegalDelegateAssignmentError);
      expect((error as IllegalDelegateAssignmentError).hresult).toBe(HResult.E_ILLEGAL_DELEGATE_ASSIGNMENT);
      await settle();
      await microtasks();
      expect(rec.calls).toHaveLength(1);
    });

    it("calls a handler assigned after the end once", async () => {
      const { op, end } = ending.start(kind);
      await end();
      const rec = recorder();
      op.completed = rec.handler;
      op.cancel();
      await settle();
      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.status).toBe(ending.status);
    });
  });
});
