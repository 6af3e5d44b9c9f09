// done(): ends a chain and returns nothing; an error nobody handled (or a handler's throw) is rethrown later, the way
// this library reports a throwing handler, never into the caller; WinJS's "Canceled" error is dropped.
import { describe, expect, it } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { captureListenerErrors } from "../helpers/fixtures.js";
import { deferred, isWinJSCanceled, WorkQueue } from "../helpers/work-queue.js";

function addNow(x: number, y: number, fail = false): WinJSPromise<number> {
  return new WinJSPromise<number>((complete, error) => {
    if (fail) error("refused");
    else complete(x + y);
  });
}

describe("WinJSPromise done()", () => {
  it("returns nothing and runs the complete handler synchronously on a completed promise", () => {
    const seen: number[] = [];
    const returned: unknown = addNow(1, 2)
      .then((value) => value)
      .done((value) => seen.push(value));
    expect(returned).toBeUndefined();
    expect(seen).toEqual([3]);
  });

  it("an error handled before done() gives done() the recovered value", () => {
    const reported = captureListenerErrors();
    const seen: unknown[] = [];
    addNow(1, 2, true)
      .then(
        () => "unexpected",
        (error: unknown) => {
          seen.push(error);
        },
      )
      .done((value) => seen.push(value));
    expect(seen).toEqual(["refused", undefined]);
    expect(reported).toEqual([]);
  });

  it("an error handler of done() receives the error, also through a then() without one", () => {
    const reported = captureListenerErrors();
    const seen: unknown[] = [];
    addNow(1, 2, true)
      .then(() => "unexpected")
      .done(
        () => seen.push("complete"),
        (error: unknown) => seen.push(error),
      );
    addNow(1, 2, true).done(null, (error: unknown) => seen.push(error));
    expect(seen).toEqual(["refused", "refused"]);
    expect(reported).toEqual([]);
  });

  it("an unhandled error is reported (not thrown into done()), with its identity", () => {
    const reported = captureListenerErrors();
    const failure = new Error("nobody handles this");
    const failed = WinJSPromise.wrapError(failure);
    expect(() => failed.done()).not.toThrow();
    expect(() => failed.done(() => undefined)).not.toThrow();
    expect(reported).toEqual([failure, failure]);
    expect(reported[0]).toBe(failure);
  });

  it("on a pending promise, the error is reported when it arrives, without being thrown into error()", () => {
    const reported = captureListenerErrors();
    const queue = new WorkQueue();
    let handled = 0;
    const promise = new WinJSPromise<number>((_complete, error) => {
      queue.schedule(() => error(1));
    }).then(null, (e: unknown) => {
      handled++;
      throw e;
    });
    promise.done();
    expect(handled).toBe(0);
    expect(reported).toEqual([]);
    expect(() => queue.drain()).not.toThrow();
    expect(handled).toBe(1);
    expect(reported).toEqual([1]);
  });

  it("a throw from done()'s complete or error handler is reported", () => {
    const reported = captureListenerErrors();
    const fromComplete = new Error("complete handler");
    const fromError = new Error("error handler");
    WinJSPromise.wrap(1).done(() => {
      throw fromComplete;
    });
    const pending = deferred<number>();
    pending.promise.done(null, () => {
      throw fromError;
    });
    pending.fail("x");
    expect(reported).toEqual([fromComplete, fromError]);
  });

  it("drops WinJS's Canceled error: a canceled chain ending in done() reports nothing", () => {
    const reported = captureListenerErrors();
    const queue = new WorkQueue();
    let handled = 0;
    const promise = new WinJSPromise<number>((_complete, error) => {
      queue.schedule(() => error(1));
    }).then(null, (e: unknown) => {
      expect(isWinJSCanceled(e)).toBe(true);
      handled++;
      throw e;
    });
    promise.done();
    promise.cancel();
    queue.drain();
    expect(handled).toBe(1);
    expect(WinJSPromise.cancel.done()).toBeUndefined();
    expect(reported).toEqual([]);
  });

  it("done()'s error handler receives the Canceled error of a canceled source", () => {
    const reported = captureListenerErrors();
    const source = deferred<void>();
    const errors: unknown[] = [];
    source.promise
      .then(() => errors.push("unexpected"))
      .done(
        () => errors.push("unexpected"),
        (error: unknown) => errors.push(error),
      );
    source.promise.cancel();
    expect(source.cancels).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
    expect(reported).toEqual([]);
  });

  it("if a handler returns something with done(), that is called, so its error surfaces too", () => {
    const reported = captureListenerErrors();
    const inner = new Error("inner");
    WinJSPromise.wrap(1).done(() => WinJSPromise.wrapError(inner));
    let doneCalls = 0;
    WinJSPromise.wrapError("x").done(null, () => ({
      done: () => {
        doneCalls++;
      },
    }));
    expect(reported).toEqual([inner]);
    expect(doneCalls).toBe(1);
  });
});
