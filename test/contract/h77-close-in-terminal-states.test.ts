// Case 77: close() succeeds in completed, error and canceled (canceled right after cancel(), even while the body runs).
import { describe, expect, it } from "vitest";
import { AsyncStatus, IllegalMethodCallError } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { captureListenerErrors, captureUnobserved, gate, settle } from "../helpers/fixtures.js";

describe.each(kinds)("$name", (kind) => {
  it("after completed", () => {
    const op = kind.run(() => 1);
    expect(op.status).toBe(AsyncStatus.completed);
    expect(() => op.close()).not.toThrow();
    expect(() => op.status).toThrow(IllegalMethodCallError);
  });

  it("after error", () => {
    const op = kind.run(() => {
      throw new Error("failed");
    });
    expect(op.status).toBe(AsyncStatus.error);
    expect(op.errorCode).toBeInstanceOf(Error);
    expect(() => op.close()).not.toThrow();
    expect(() => op.status).toThrow(IllegalMethodCallError);
  });

  it("after an asynchronous error", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw new Error("failed");
    });
    const failed = op.then(
      () => "fulfilled",
      () => "rejected",
    );
    g.open();
    await expect(failed).resolves.toBe("rejected");
    expect(() => op.close()).not.toThrow();
  });

  it("right after cancel(), while the body still runs; the body ending later throws nothing anywhere", async () => {
    const unobserved = captureUnobserved();
    const listenerErrors = captureListenerErrors();
    const g = gate();
    let bodyEnded = false;
    const op = kind.run(async () => {
      try {
        await g.promise;
        return 1;
      } finally {
        bodyEnded = true;
      }
    });
    op.cancel();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(() => op.close()).not.toThrow();
    expect(bodyEnded).toBe(false);
    g.open();
    await settle();
    expect(bodyEnded).toBe(true);
    expect(() => op.status).toThrow(IllegalMethodCallError);
    expect(unobserved).toEqual([]);
    expect(listenerErrors).toEqual([]);
  });

  it("a body error arriving after cancel() and close() still reaches the unobserved-error report", async () => {
    const unobserved = captureUnobserved();
    const late = new Error("late");
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw late;
    });
    op.cancel();
    op.close();
    g.open();
    await settle();
    await settle();
    expect(unobserved).toHaveLength(1);
    expect(unobserved[0]!.error).toBe(late);
    expect(unobserved[0]!.operation).toBe(op);
  });

  it("after the canceled body unwound", async () => {
    const g = gate();
    const op = kind.run(async (ctx) => {
      await g.promise;
      ctx.throwIfCanceled();
    });
    op.cancel();
    g.open();
    await settle();
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(() => op.close()).not.toThrow();
  });
});
