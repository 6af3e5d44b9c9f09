// Case 22 (DESIGN 2.3 #6, 2.8): a handler assigned after the op failed runs once with (op, error) on a microtask after the assignment, never inside the setter.
import { describe, expect, it } from "vitest";
import { AsyncStatus } from "../../src/index.js";
import { kinds, type AnyOp, type Kind } from "../helpers/kinds.js";
import { captureUnobserved, gate, microtasks, recorder } from "../helpers/fixtures.js";

const ways: ReadonlyArray<{ label: string; failed(kind: Kind): Promise<{ op: AnyOp }> }> = [
  {
    label: "failed after suspending",
    async failed(kind) {
      const g = gate();
      const op = kind.run(async () => {
        await g.promise;
        throw new Error("Async");
      });
      g.open();
      // Wait with microtasks only, so nothing but the status is read before the handler is assigned.
      for (let i = 0; i < 100 && op.status !== AsyncStatus.error; i++) await Promise.resolve();
      return { op };
    },
  },
  {
    label: "failed synchronously",
    failed: (kind) =>
      Promise.resolve({
        op: kind.run(() => {
          throw new Error("Async");
        }),
      }),
  },
  { label: "made by fromError", failed: (kind) => Promise.resolve({ op: kind.fromError(new Error("Async")) }) },
];

describe.each(kinds)("$name", (kind) => {
  describe.each(ways)("$label", (way) => {
    it('logs ["after-set", handler(op, error)]', async () => {
      captureUnobserved();
      const { op } = await way.failed(kind);
      expect(op.status).toBe(AsyncStatus.error);
      const log: string[] = [];
      const rec = recorder(log, "handler");
      op.completed = rec.handler;
      log.push("after-set");
      expect(rec.calls).toHaveLength(0);
      await microtasks();
      expect(log).toEqual(["after-set", `handler:${AsyncStatus.error}`]);
      expect(rec.calls).toHaveLength(1);
      expect(rec.calls[0]!.sender).toBe(op);
      expect(rec.calls[0]!.status).toBe(AsyncStatus.error);
    });
  });
});
