// toWinJS: the status decides (DESIGN 4.7 #2), read once. A foreign operation in `error` is an error to the view
// whatever its failure is (a cancellation error, or an ERROR_CANCELLED errorCode, included), not WinJS's "Canceled";
// only `canceled` is "Canceled". The view reads a foreign object's `status` once: a getter that changes its answer
// later does not change the outcome, and a running object is not asked again when its completion tells its status.
import { describe, expect, it } from "vitest";
import { AsyncOperation, AsyncStatus, CanceledError, HResult, isCanceledError } from "../../src/index.js";
import { toWinJS, type WinJSPromise } from "../../src/winjs/index.js";
import { foreign } from "../helpers/foreign.js";

/** How a view settles (it settles a microtask after the operation does). */
function settled(view: WinJSPromise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  return new Promise((resolve) => {
    view.then(
      (value) => resolve({ ok: true, value }),
      (error: unknown) => resolve({ ok: false, value: error }),
    );
  });
}

/** A foreign object whose `status` getter counts its reads and answers from `answers` (the last one repeats). */
function countingForeign(answers: readonly AsyncStatus[], result: unknown, error?: unknown) {
  let reads = 0;
  const object = {
    get status(): AsyncStatus {
      return answers[Math.min(reads++, answers.length - 1)]!;
    },
    get errorCode(): unknown {
      return error ?? null;
    },
    completed: null as unknown,
    getResults(): unknown {
      if (error !== undefined) throw error;
      return result;
    },
    cancel(): void {},
    close(): void {},
  };
  return { op: object, reads: () => reads };
}

describe("toWinJS: the status decides, read once", () => {
  it("a foreign operation in error whose failure is a CanceledError errors the view with it, not Canceled", async () => {
    const failure = new CanceledError();
    const source = foreign({ status: AsyncStatus.error, error: failure });
    const outcome = await settled(toWinJS(source.op));
    expect(outcome.ok).toBe(false);
    expect(outcome.value).toBe(failure);
  });

  it("an error whose errorCode is ERROR_CANCELLED (getResults returning nothing) is an error too", async () => {
    const code = { number: HResult.ERROR_CANCELLED };
    const { op } = countingForeign([AsyncStatus.error], undefined, code);
    const outcome = await settled(toWinJS(op as never));
    expect(outcome).toEqual({ ok: false, value: code });
  });

  it("a running foreign operation that ends in error with a cancellation error errors the view with it", async () => {
    const source = foreign();
    const view = toWinJS(source.op);
    const failure = new CanceledError();
    source.finish(AsyncStatus.error, failure);
    const outcome = await settled(view);
    expect(outcome.value).toBe(failure);
  });

  it("canceled is WinJS's Canceled error, its cause the CanceledError", async () => {
    const source = foreign({ status: AsyncStatus.canceled });
    const outcome = await settled(toWinJS(source.op));
    const error = outcome.value as Error;
    expect([outcome.ok, error.name, error.message]).toEqual([false, "Canceled", "Canceled"]);
    expect(error.cause).toBeInstanceOf(CanceledError);
    const own = AsyncOperation.canceled();
    const ownOutcome = await settled(toWinJS(own));
    expect((ownOutcome.value as Error).name).toBe("Canceled");
    expect(isCanceledError(ownOutcome.value)).toBe(true);
  });

  it("reads a terminal foreign object's status once; a later different answer changes nothing", async () => {
    const { op, reads } = countingForeign([AsyncStatus.completed, AsyncStatus.error], 42);
    const view = toWinJS(op as never);
    expect(toWinJS(op as never)).toBe(view);
    const outcome = await settled(view);
    expect(outcome).toEqual({ ok: true, value: 42 });
    expect(reads()).toBe(1);
  });

  it("reads a running foreign object's status once: its completion tells the rest", async () => {
    const { op, reads } = countingForeign([AsyncStatus.started, AsyncStatus.error], 7);
    const view = toWinJS(op as never);
    (op.completed as (info: unknown, status: AsyncStatus) => void)(op, AsyncStatus.completed);
    const outcome = await settled(view);
    expect(outcome).toEqual({ ok: true, value: 7 });
    expect(reads()).toBe(1);
  });
});
