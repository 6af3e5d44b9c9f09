// The simple statics: as, is, wrap, wrapError.
import { describe, expect, it } from "vitest";
import { AsyncOperation } from "../../src/index.js";
import { toWinJS, WinJSPromise } from "../../src/winjs/index.js";
import { addLater, WorkQueue } from "../helpers/work-queue.js";

describe("WinJSPromise.as / is / wrap / wrapError", () => {
  it("as() returns a WinJSPromise as it is, and a completed promise for a plain value", () => {
    const queue = new WorkQueue();
    const pending = addLater(queue, 1, 2);
    expect(pending).toBeInstanceOf(WinJSPromise);
    expect(WinJSPromise.as(pending)).toBe(pending);
    const object = { a: 1 };
    const wrapped = WinJSPromise.as(object);
    expect(wrapped).not.toBe(object);
    expect(wrapped).toBeInstanceOf(WinJSPromise);
    let value: unknown;
    wrapped.then((v) => (value = v));
    expect(value).toBe(object);
    let nothing: unknown = "unset";
    WinJSPromise.as().then((v) => (nothing = v));
    expect(nothing).toBeUndefined();
  });

  it("as() follows any other thenable (a WinJSPromise with done and cancel), and views our operations through toWinJS", async () => {
    const thenable = {
      then(onComplete: (value: number) => void): void {
        onComplete(5);
      },
    };
    const followed = WinJSPromise.as(thenable);
    expect(followed).toBeInstanceOf(WinJSPromise);
    let value: unknown;
    followed.then((v) => (value = v));
    expect(value).toBe(5);
    const op = AsyncOperation.fromResult(8);
    const view = WinJSPromise.as(op);
    expect(view).toBe(toWinJS(op));
    await expect(view).resolves.toBe(8);
  });

  it("is() is WinJS's duck test: an object with a then method", () => {
    expect(WinJSPromise.is(WinJSPromise.wrap(12))).toBe(true);
    expect(WinJSPromise.is(12)).toBe(false);
    expect(WinJSPromise.is(null)).toBe(false);
    expect(WinJSPromise.is({ then: () => 1 })).toBe(true);
    expect(WinJSPromise.is({ then: 1 })).toBe(false);
    expect(WinJSPromise.is(Promise.resolve())).toBe(true);
    expect(WinJSPromise.is(AsyncOperation.fromResult(1))).toBe(true);
  });

  it("wrap() completes with the value; given a thenable, it follows it", () => {
    const counts = { complete: 0, error: 0, progress: 0 };
    WinJSPromise.wrap(1).then(
      (value) => {
        counts.complete++;
        expect(value).toBe(1);
      },
      () => counts.error++,
      () => counts.progress++,
    );
    expect(counts).toEqual({ complete: 1, error: 0, progress: 0 });
    let followed: unknown;
    WinJSPromise.wrap(WinJSPromise.wrap(2)).then((value) => (followed = value));
    expect(followed).toBe(2);
  });

  it("wrapError() gives a failed promise with that very value", () => {
    const counts = { complete: 0, progress: 0 };
    const errors: unknown[] = [];
    WinJSPromise.wrapError(1).then(
      () => counts.complete++,
      (error: unknown) => errors.push(error),
      () => counts.progress++,
    );
    expect(counts).toEqual({ complete: 0, progress: 0 });
    expect(errors).toEqual([1]);
  });

  it("every promise the machinery makes is a WinJSPromise", () => {
    const queue = new WorkQueue();
    const made = [
      WinJSPromise.wrap(1),
      WinJSPromise.wrapError(1),
      WinJSPromise.wrap(1).then(() => 2),
      addLater(queue, 1, 1).then(),
      WinJSPromise.join([]),
      WinJSPromise.any([]),
      WinJSPromise.cancel,
    ];
    for (const promise of made) expect(promise).toBeInstanceOf(WinJSPromise);
  });
});
