// Case 100: blocking waits do not exist in JavaScript (DESIGN 2.8); toPromise(op, { signal }) after cancel() rejects with CanceledError and the status stays canceled.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AsyncStatus, CanceledError, HResult, toPromise } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";
import { asWinRT, foreign } from "../helpers/foreign.js";

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe.each(kinds)("$name", (kind) => {
  it("cancel() then toPromise(op, { signal }) rejects with CanceledError; status 2", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    op.cancel();
    const signal = new AbortController().signal;
    const reason = await rejection(toPromise(asWinRT(op), { signal }));
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(op.status).toBe(AsyncStatus.canceled);
    g.open();
    await rejection(op);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("toPromise(op, { signal }) pending, then cancel(): rejects with CanceledError and leaves no listener on the signal", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const signal = new AbortController().signal;
    const promise = rejection(toPromise(asWinRT(op), { signal }));
    op.cancel();
    const reason = await promise;
    expect(reason).toBeInstanceOf(CanceledError);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    g.open();
  });

  it("aborting the signal rejects at once with CanceledError (cause: the reason) and cancels the operation", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const controller = new AbortController();
    const promise = rejection(toPromise(asWinRT(op), { signal: controller.signal }));
    const why = new Error("stop");
    controller.abort(why);
    expect(op.status).toBe(AsyncStatus.canceled);
    const reason = await promise;
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).cause).toBe(why);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    g.open();
  });

  it("an already-aborted signal rejects with CanceledError and cancels the operation", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const reason = await rejection(toPromise(asWinRT(op), { signal: AbortSignal.abort() }));
    expect(reason).toBeInstanceOf(CanceledError);
    expect(op.status).toBe(AsyncStatus.canceled);
    g.open();
  });

  it("foreign object: cancel() then toPromise(op, { signal }) rejects with CanceledError; status 2", async () => {
    const f = foreign({ withProgress: kind.hasProgress });
    f.op.cancel();
    const reason = await rejection(toPromise(f.op, { signal: new AbortController().signal }));
    expect(reason).toBeInstanceOf(CanceledError);
    expect(f.op.status).toBe(AsyncStatus.canceled);
  });

  it("foreign object: aborting the signal rejects with CanceledError and calls its cancel()", async () => {
    const f = foreign({ withProgress: kind.hasProgress });
    const controller = new AbortController();
    const promise = rejection(toPromise(f.op, { signal: controller.signal }));
    controller.abort();
    expect(f.counts.cancel).toBe(1);
    expect(f.op.status).toBe(AsyncStatus.canceled);
    expect(await promise).toBeInstanceOf(CanceledError);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
