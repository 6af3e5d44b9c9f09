// DESIGN 4.4: done(onComplete, onError, onProgress) on our operations. Returns nothing; onComplete gets the result,
// onError the failure or, for a cancellation, a CanceledError; delivery on a microtask, never inside the call.
// Without onError a failure is reported like a throwing handler's error (reportError / uncaughtException), and
// a cancellation is dropped. A throwing callback, or a rejected promise it returns, is reported the same way.
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, IllegalMethodCallError } from "../../src/index.js";
import { kinds, asProgress, type AnyOp } from "../helpers/kinds.js";
import { captureListenerErrors, captureUnobserved, gate, settle } from "../helpers/fixtures.js";

type Done = (
  onComplete?: ((value: unknown) => unknown) | null,
  onError?: ((reason: unknown) => unknown) | null,
  onProgress?: ((progress: number) => void) | null,
) => void;

function done(op: AnyOp): Done {
  return ((op as unknown as { done: Done }).done).bind(op);
}

describe.each(kinds)("$name", (kind) => {
  it("returns undefined and calls onComplete with the result on a microtask, never inside the call", async () => {
    const log: unknown[] = [];
    const op = kind.fromResult(4);
    expect(done(op)((value) => log.push(["complete", value]))).toBeUndefined();
    log.push("after done");
    await settle();
    expect(log).toEqual(["after done", ["complete", kind.expected(4)]]);
  });

  it("calls onError with the failure value itself", async () => {
    const boom = { not: "an Error" };
    const seen: unknown[] = [];
    const op = kind.fromError(boom);
    done(op)(undefined, (error) => seen.push(error));
    await settle();
    expect(seen).toEqual([boom]);
  });

  it("calls onError with a CanceledError for a canceled operation, after cancel() returned", async () => {
    const seen: unknown[] = [];
    const g = gate();
    const op = kind.run(async () => g.promise);
    done(op)(() => seen.push("complete"), (error) => seen.push(error));
    op.cancel();
    seen.push("cancel returned");
    await settle();
    expect(seen[0]).toBe("cancel returned");
    expect(seen[1]).toBeInstanceOf(CanceledError);
    expect(seen).toHaveLength(2);
  });

  it("without onError reports a failure as a handler error, and counts as observing it", async () => {
    const reported = captureListenerErrors();
    const unobserved = captureUnobserved();
    const boom = new Error("boom");
    const op = kind.run(async () => {
      throw boom;
    });
    done(op)(() => undefined);
    await settle();
    await settle();
    expect(reported).toEqual([boom]);
    expect(unobserved).toEqual([]);
  });

  it("without onError drops a cancellation: nothing reported", async () => {
    const reported = captureListenerErrors();
    const unobserved = captureUnobserved();
    const op = kind.run(async () => new Promise(() => undefined));
    done(op)();
    op.cancel();
    await settle();
    await settle();
    expect(reported).toEqual([]);
    expect(unobserved).toEqual([]);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("reports what onComplete or onError throws, and a rejection of what they return (not a cancellation)", async () => {
    const reported = captureListenerErrors();
    const a = new Error("thrown by onComplete");
    const b = new Error("thrown by onError");
    const c = new Error("rejection returned by onComplete");
    done(kind.fromResult(1))(() => {
      throw a;
    });
    done(kind.fromError(new Error("x")))(undefined, () => {
      throw b;
    });
    done(kind.fromResult(1))(() => Promise.reject(c));
    done(kind.fromResult(1))(() => Promise.reject(new CanceledError()));
    await settle();
    await settle();
    expect(reported).toEqual([a, b, c]);
  });

  it("throws TypeError synchronously for a callback that is neither a function nor null/undefined", () => {
    const op = kind.fromResult(1);
    expect(() => done(op)(1 as never)).toThrow(TypeError);
    expect(() => done(op)(undefined, "x" as never)).toThrow(TypeError);
    expect(() => done(op)(null, null, {} as never)).toThrow(TypeError);
  });

  it("throws IllegalMethodCallError after close()", () => {
    const op = kind.fromResult(1);
    op.close();
    expect(() => done(op)()).toThrow(IllegalMethodCallError);
  });

  it("never uses up completed", async () => {
    const op = kind.fromResult(1);
    done(op)();
    const statuses: number[] = [];
    op.completed = (_op, status) => statuses.push(status);
    await settle();
    expect(statuses).toEqual([AsyncStatus.completed]);
  });

  if (kind.hasProgress) {
    it("delivers progress to the third argument while running", async () => {
      const seen: number[] = [];
      let report!: (value: number) => void;
      const g = gate();
      const op = kind.run(async (ctx) => {
        report = (value) => ctx.report(value);
        await g.promise;
      });
      done(op)(undefined, undefined, (value) => seen.push(value));
      report(1);
      report(2);
      g.open();
      await op;
      report(3);
      expect(seen).toEqual([1, 2]);
      expect(asProgress(op).progress).toBeNull();
    });
  }
});
