// Case 95: awaiting an errored operation rejects with the body's error itself: its code (E_INVALIDARG) and its own message survive.
import { describe, expect, it } from "vitest";
import { AsyncError, AsyncStatus, HResult, hresultOf, toPromise } from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate } from "../helpers/fixtures.js";
import { asWinRT, foreign } from "../helpers/foreign.js";

/** What the JS projection's `WinRTError` looks like: an Error with a numeric `number`. */
function winrtError(): Error & { number: number } {
  return Object.assign(new Error("test"), { number: -2147024809 });
}

describe.each(kinds)("$name", (kind) => {
  it("rejects await with the very error the body threw, code and message intact", async () => {
    const error = winrtError();
    const g = gate();
    const op = kind.run(async () => {
      await g.promise;
      throw error;
    });
    const awaited = op.then(
      () => "resolved",
      (reason: unknown) => reason,
    );
    g.open();
    const reason = await awaited;
    expect(reason).toBe(error);
    expect(hresultOf(reason)).toBe(HResult.E_INVALIDARG);
    expect((reason as Error).message).toBe("test");
    expect(op.status).toBe(AsyncStatus.error);
  });

  it("rejects toPromise with an AsyncError carrying the body's hresult and message", async () => {
    const error = new AsyncError("test", { hresult: HResult.E_INVALIDARG });
    const op = kind.run(() => {
      throw error;
    });
    const reason: unknown = await toPromise(asWinRT(op)).catch((caught: unknown) => caught);
    expect(reason).toBe(error);
    expect(reason).toBeInstanceOf(AsyncError);
    expect((reason as AsyncError).hresult).toBe(HResult.E_INVALIDARG);
    expect((reason as AsyncError).message).toBe("test");
  });

  it("rejects toPromise of a foreign errored object with the error getResults throws", async () => {
    const error = winrtError();
    const f = foreign({ withProgress: kind.hasProgress });
    const promise = toPromise(f.op);
    f.finish(AsyncStatus.error, error);
    const reason: unknown = await promise.catch((caught: unknown) => caught);
    expect(reason).toBe(error);
    expect(hresultOf(reason)).toBe(HResult.E_INVALIDARG);
    expect((reason as Error).message).toBe("test");
  });
});
