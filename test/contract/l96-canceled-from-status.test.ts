// Case 96: awaiting (await, toPromise, whenAll, whenAny) a canceled operation decides cancellation from `status`, not from getResults()/errorCode (which say E_ILLEGAL_METHOD_CALL).
import { describe, expect, it } from "vitest";
import {
  AsyncStatus,
  CanceledError,
  HResult,
  IllegalMethodCallError,
  isCanceledError,
  toPromise,
  whenAll,
  whenAny,
} from "../../src/index.js";
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
  it("foreign object already canceled: toPromise rejects with CanceledError, without calling getResults", async () => {
    const f = foreign({ withProgress: kind.hasProgress, status: AsyncStatus.canceled });
    // The object's own view of itself: status canceled, getResults and errorCode say E_ILLEGAL_METHOD_CALL.
    expect(() => f.op.getResults()).toThrow(IllegalMethodCallError);
    expect(f.op.errorCode).toBeInstanceOf(IllegalMethodCallError);
    f.counts.getResults = 0;

    const reason = await rejection(toPromise(f.op));
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(isCanceledError(reason)).toBe(true);
    expect(f.counts.getResults).toBe(0);
  });

  it("foreign object that ends canceled later: toPromise rejects with CanceledError", async () => {
    const f = foreign({ withProgress: kind.hasProgress });
    const promise = toPromise(f.op);
    f.finish(AsyncStatus.canceled);
    const reason = await rejection(promise);
    expect(reason).toBeInstanceOf(CanceledError);
    expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    expect(f.counts.getResults).toBe(0);
  });

  it("foreign canceled object given to whenAll and whenAny: both reject as cancellation, without calling getResults", async () => {
    const forAll = foreign({ withProgress: kind.hasProgress, status: AsyncStatus.canceled });
    const forAny = foreign({ withProgress: kind.hasProgress });
    const all = whenAll([forAll.op]);
    const any = whenAny([forAny.op]);
    forAny.finish(AsyncStatus.canceled);
    for (const reason of [await rejection(all), await rejection(any)]) {
      expect(reason).toBeInstanceOf(CanceledError);
      expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    }
    expect(all.status).toBe(AsyncStatus.canceled);
    expect(any.status).toBe(AsyncStatus.canceled);
    expect(forAll.counts.getResults).toBe(0);
    expect(forAny.counts.getResults).toBe(0);
  });

  it("our canceled operation: await and toPromise reject with CanceledError while getResults throws IllegalMethodCallError", async () => {
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      return 1;
    });
    const awaited = rejection(op);
    const converted = rejection(toPromise(asWinRT(op)));
    op.cancel();
    g.open();
    for (const reason of [await awaited, await converted, await rejection(op)]) {
      expect(reason).toBeInstanceOf(CanceledError);
      expect((reason as CanceledError).hresult).toBe(HResult.ERROR_CANCELLED);
    }
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(() => op.getResults()).toThrow(IllegalMethodCallError);
    expect(op.errorCode).toBeNull();
  });
});
