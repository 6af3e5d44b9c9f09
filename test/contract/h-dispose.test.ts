// DESIGN 2.6 #16: [Symbol.dispose]() cancels if running then closes, never throws; [Symbol.asyncDispose]() cancels,
// waits until the body has unwound (its finally ran), then closes; on a terminal op it resolves at once.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, IllegalMethodCallError } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { gate, microtasks, recorder, settle } from "../helpers/fixtures.js";
import { terminalCases } from "../helpers/terminal-ops.js";

function isClosed(op: AnyOp): boolean {
  try {
    void op.status;
    return false;
  } catch (error) {
    if (error instanceof IllegalMethodCallError) return true;
    throw error;
  }
}

describe.each(kinds)("$name", (kind) => {
  describe("[Symbol.dispose]()", () => {
    it("cancels a running op (onCancel runs, signal aborts), then closes it", async () => {
      const g = gate();
      let signal!: AbortSignal;
      let onCancelCalls = 0;
      const op = kind.run((ctx) => {
        signal = ctx.signal;
        ctx.onCancel(() => onCancelCalls++);
        return g.promise;
      });
      const h = recorder();
      op.completed = h.handler;
      const awaited = op.then(
        () => "fulfilled",
        (error: unknown) => error,
      );

      expect(() => op[Symbol.dispose]()).not.toThrow();
      expect(onCancelCalls).toBe(1);
      expect(signal.aborted).toBe(true);
      expect(isClosed(op)).toBe(true);

      const outcome = await awaited;
      expect(outcome).toBeInstanceOf(CanceledError);
      await microtasks();
      expect(h.calls).toEqual([{ sender: op, status: AsyncStatus.canceled }]);
      g.open();
    });

    it.each(terminalCases)("closes a $label op without throwing, and does nothing on an already-closed op", (terminal) => {
      const { op } = terminal.make(kind);
      expect(() => op[Symbol.dispose]()).not.toThrow();
      expect(isClosed(op)).toBe(true);
      expect(() => op[Symbol.dispose]()).not.toThrow();
      op.cancel();
      expect(() => op[Symbol.dispose]()).not.toThrow();
    });

    it("runs through a `using` declaration at the end of the block", async () => {
      const g = gate();
      let signal!: AbortSignal;
      let escaped: AnyOp | undefined;
      {
        using op = kind.run((ctx) => {
          signal = ctx.signal;
          return g.promise;
        });
        escaped = op;
        expect(op.status).toBe(AsyncStatus.started);
      }
      expect(signal.aborted).toBe(true);
      expect(isClosed(escaped)).toBe(true);
      g.open();
      await settle();
    });
  });

  describe("[Symbol.asyncDispose]()", () => {
    it("cancels, waits for the body's finally (the body ignores cancellation), then closes", async () => {
      const g = gate();
      const log: string[] = [];
      const op = kind.run(async () => {
        try {
          await g.promise;
          return 1;
        } finally {
          log.push("finally");
        }
      });

      let disposed = false;
      const disposal = op[Symbol.asyncDispose]().then(() => {
        disposed = true;
        log.push("disposed");
      });
      expect(op.status).toBe(AsyncStatus.canceled);
      await settle();
      expect(disposed).toBe(false);
      expect(log).toEqual([]);
      expect(isClosed(op)).toBe(false);

      g.open();
      await disposal;
      expect(log).toEqual(["finally", "disposed"]);
      expect(isClosed(op)).toBe(true);
    });

    it("still waits for the body when the op was canceled (and closed) before", async () => {
      const g = gate();
      let bodyUnwound = false;
      const op = kind.run(async () => {
        try {
          await g.promise;
        } finally {
          bodyUnwound = true;
        }
      });
      op.cancel();
      op.close();
      let disposed = false;
      const disposal = op[Symbol.asyncDispose]().then(() => {
        disposed = true;
      });
      await settle();
      expect(disposed).toBe(false);
      g.open();
      await disposal;
      expect(bodyUnwound).toBe(true);
      expect(isClosed(op)).toBe(true);
    });

    it.each(terminalCases)("resolves at once (within microtasks) and closes a $label op", async (terminal) => {
      const { op } = terminal.make(kind);
      await microtasks();
      let disposed = false;
      const disposal = op[Symbol.asyncDispose]();
      void disposal.then(() => (disposed = true));
      await microtasks(3);
      expect(disposed).toBe(true);
      expect(isClosed(op)).toBe(true);
      await expect(op[Symbol.asyncDispose]()).resolves.toBeUndefined();
    });

    it("runs through an `await using` declaration", async () => {
      const g = gate();
      const log: string[] = [];
      let escaped: AnyOp | undefined;
      const scope = (async () => {
        await using op = kind.run(async () => {
          try {
            await g.promise;
          } finally {
            log.push("finally");
          }
        });
        escaped = op;
        log.push("block");
      })();
      await settle();
      expect(log).toEqual(["block"]);
      expect(escaped!.status).toBe(AsyncStatus.canceled);
      g.open();
      await scope;
      log.push("after-scope");
      expect(log).toEqual(["block", "finally", "after-scope"]);
      expect(isClosed(escaped!)).toBe(true);
    });
  });
});
