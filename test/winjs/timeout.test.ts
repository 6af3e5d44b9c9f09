// WinJSPromise.timeout: a promise for a delay (setImmediate for 0 or none, setTimeout otherwise, cleared on cancel),
// and timeout(ms, promise), which returns that promise and cancels it if the time runs out first.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WinJSPromise } from "../../src/winjs/index.js";
import { deferred, isWinJSCanceled } from "../helpers/work-queue.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("WinJSPromise.timeout", () => {
  it("without milliseconds, completes on the next macrotask, in order with setImmediate, never synchronously", () => {
    const log: string[] = [];
    setImmediate(() => log.push("before"));
    WinJSPromise.timeout().then((value) => log.push(`timeout:${String(value)}`));
    setImmediate(() => log.push("after"));
    expect(log).toEqual([]);
    vi.runAllTimers();
    expect(log).toEqual(["before", "timeout:undefined", "after"]);
  });

  it("timeout(0) is the same as timeout()", () => {
    let completed = false;
    WinJSPromise.timeout(0).then(() => (completed = true));
    expect(completed).toBe(false);
    vi.runAllTimers();
    expect(completed).toBe(true);
  });

  it("with milliseconds, completes when that time has passed", () => {
    let completed = false;
    WinJSPromise.timeout(100).then(() => (completed = true));
    vi.advanceTimersByTime(99);
    expect(completed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(completed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("canceling it clears its timer (either kind) and errors it Canceled", () => {
    for (const milliseconds of [undefined, 25]) {
      const log: unknown[] = [];
      const timer = WinJSPromise.timeout(milliseconds);
      timer.then(
        () => log.push("complete"),
        (error: unknown) => log.push(isWinJSCanceled(error)),
      );
      expect(vi.getTimerCount()).toBe(1);
      timer.cancel();
      expect(vi.getTimerCount()).toBe(0);
      vi.runAllTimers();
      expect(log).toEqual([true]);
    }
  });

  it("canceling a then() of it clears the timer too (cancel travels up)", () => {
    const log: string[] = [];
    const chained = WinJSPromise.timeout(25).then(() => log.push("never"));
    WinJSPromise.timeout(35).then(() => log.push("other"));
    chained.cancel();
    expect(vi.getTimerCount()).toBe(1);
    vi.runAllTimers();
    expect(log).toEqual(["other"]);
  });

  it("with a promise, returns that promise and cancels it when the time is up", () => {
    const watched = deferred<number>();
    const returned = WinJSPromise.timeout(0, watched.promise);
    expect(returned).toBe(watched.promise);
    const errors: unknown[] = [];
    returned.then(null, (error: unknown) => errors.push(error));
    vi.runAllTimers();
    expect(watched.cancels).toBe(1);
    expect(errors).toHaveLength(1);
    expect(isWinJSCanceled(errors[0])).toBe(true);
  });

  it("with a promise that settles in time, clears the timer and leaves the promise's outcome alone", () => {
    const watched = deferred<number>();
    const values: number[] = [];
    WinJSPromise.timeout(1000, watched.promise).then((value) => values.push(value));
    expect(vi.getTimerCount()).toBe(1);
    watched.complete(1);
    expect(values).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
    expect(watched.cancels).toBe(0);
  });

  it("throws for bad milliseconds or a promise it cannot cancel", () => {
    expect(() => WinJSPromise.timeout("5" as never)).toThrow(TypeError);
    expect(() => WinJSPromise.timeout(-1)).toThrow(RangeError);
    expect(() => WinJSPromise.timeout(Number.NaN)).toThrow(RangeError);
    expect(() => WinJSPromise.timeout(5, Promise.resolve(1) as never)).toThrow(TypeError);
    expect(vi.getTimerCount()).toBe(0);
  });
});
