// Case 49 (DESIGN 1.3): toPromise(op, { signal }) rejects at once with a CanceledError (cause = the signal's reason) when the signal aborts, without waiting for the op, and calls op.cancel().
import { describe, expect, it, vi } from "vitest";
import { AsyncStatus, CanceledError, HResult, toPromise, type IAsyncOperation } from "../../src/index.js";
import { kinds, type AnyOp } from "../helpers/kinds.js";
import { gate, microtasks, settle } from "../helpers/fixtures.js";
import { foreignOperation, track, waitFor } from "../helpers/cancellation.js";
import { rejection as rejectionOf } from "../helpers/caught.js";

const asInfo = (op: AnyOp): IAsyncOperation<unknown> => op as unknown as IAsyncOperation<unknown>;

describe.each(kinds)("$name", (kind) => {
  it("rejects right after abort, before the body unwinds, and cancels the op", async () => {
    const g = gate();
    let unwound = false;
    const op = kind.run(async () => {
      try {
        await g.promise;
        return 123;
      } finally {
        unwound = true;
      }
    });
    const cancel = vi.spyOn(op, "cancel");
    const controller = new AbortController();
    const promise = toPromise(asInfo(op), { signal: controller.signal });
    const state = track(promise);

    await settle();
    expect(state.settled).toBe(false);

    const reason = new Error("consumer gave up");
    expect(() => controller.abort(reason)).not.toThrow();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(op.status).toBe(AsyncStatus.canceled);
    await microtasks();
    expect(state.rejected).toBe(true);
    expect(unwound).toBe(false);

    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect((error as CanceledError).cause).toBe(reason);

    g.open();
    await waitFor(() => unwound);
    expect(op.status).toBe(AsyncStatus.canceled);
  });

  it("uses the signal's default reason (an AbortError) as cause when aborted without one", async () => {
    const op = kind.run(() => gate().promise);
    const controller = new AbortController();
    const promise = toPromise(asInfo(op), { signal: controller.signal });
    controller.abort();
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(controller.signal.reason);
    expect((controller.signal.reason as DOMException).name).toBe("AbortError");
  });

  it("rejects at once and cancels the op for an already-aborted signal", async () => {
    const op = kind.run(() => gate().promise);
    const reason = new Error("already");
    const promise = toPromise(asInfo(op), { signal: AbortSignal.abort(reason) });
    expect(op.status).toBe(AsyncStatus.canceled);
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("resolves with the result when the op completes first; a later abort changes nothing", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 123;
    });
    const controller = new AbortController();
    const promise = toPromise(asInfo(op), { signal: controller.signal });
    g.open();
    expect(await promise).toBe(kind.expected(123));
    expect(() => controller.abort()).not.toThrow();
    expect(op.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(123));
  });
});

describe("a foreign operation whose cancel() does not end it", () => {
  it("rejects as canceled at once, without waiting for the op, and calls its cancel()", async () => {
    const op = foreignOperation();
    const controller = new AbortController();
    const promise = toPromise(op, { signal: controller.signal });
    const state = track(promise);
    await settle();
    expect(state.settled).toBe(false);

    const reason = new Error("consumer gave up");
    controller.abort(reason);
    await microtasks();
    expect(state.rejected).toBe(true);
    expect(op.cancelCalls).toBe(1);
    expect(op.status).toBe(AsyncStatus.started);
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);

    // The op ending later, however it ends, does not change the settled promise.
    op.finish(AsyncStatus.completed, 5);
    await settle();
    expect(await rejectionOf(promise)).toBe(error);
  });
});
