// Cases 103-106 for withTimeout (DESIGN 1.3, 2.8 "100, 103-106"): ends as the input ends when it does so in
// time; otherwise ends in error with a TimeoutError and cancels the input. The timer never outlives settlement.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AsyncOperation,
  AsyncStatus,
  CanceledError,
  HResult,
  TimeoutError,
  isCanceledError,
  withTimeout,
} from "../../src/index.js";
import { kinds } from "../helpers/kinds.js";
import { gate, microtasks, recorder, gatedOp as pending, watchUnhandledRejections } from "../helpers/fixtures.js";
import { foreign } from "../helpers/foreign.js";
import { rejection } from "../helpers/caught.js";

/** Fake setTimeout/clearTimeout only: promises and microtasks stay real. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  // Fire what is left (e.g. the unobserved-error flush) so nothing is lost when the real timers come back.
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe.each(kinds)("withTimeout over $name", (kind) => {
  it("case 103: an operation that completed synchronously wins even with 0 ms; its result stays readable", async () => {
    const op = kind.run(() => 7);
    const timed = withTimeout(op, 0);
    await vi.advanceTimersByTimeAsync(0);
    await expect(timed).resolves.toBe(kind.expected(7));
    expect(timed.status).toBe(AsyncStatus.completed);
    expect(op.getResults()).toBe(kind.expected(7));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("case 104 (decision): when time runs out it ends in error with TimeoutError and cancels the input", async () => {
    const { op } = pending(kind, 1);
    const timed = withTimeout(op, 100);
    const outcome = rejection(timed);
    await vi.advanceTimersByTimeAsync(99);
    expect(timed.status).toBe(AsyncStatus.started);
    expect(op.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).hresult).toBe(HResult.ERROR_TIMEOUT);
    expect(isCanceledError(error)).toBe(false);
    expect(timed.status).toBe(AsyncStatus.error);
    expect(timed.errorCode).toBe(error);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends as the input ends when it completes in time, and clears its timer", async () => {
    const { op, gate: g } = pending(kind, 5);
    const timed = withTimeout(op, 1_000);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    g.open();
    await expect(timed).resolves.toBe(kind.expected(5));
    expect(vi.getTimerCount()).toBe(0);
    expect(op.status).toBe(AsyncStatus.completed);
  });

  it("case 105: an input that fails in time makes it fail with the same error", async () => {
    const { op, gate: g } = pending(kind, 1);
    const timed = withTimeout(op, 1_000);
    const error = new Error("failed in time");
    await vi.advanceTimersByTimeAsync(100);
    g.fail(error);
    expect(await rejection(timed)).toBe(error);
    expect(timed.status).toBe(AsyncStatus.error);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("case 105: an input canceled in time (or whose body raised the cancel error) makes it canceled", async () => {
    const a = pending(kind, 1);
    const timedA = withTimeout(a.op, 1_000);
    a.op.cancel();
    expect(await rejection(timedA)).toBeInstanceOf(CanceledError);
    expect(timedA.status).toBe(AsyncStatus.canceled);

    const b = kind.run(async () => {
      await Promise.resolve();
      throw new CanceledError();
    });
    const timedB = withTimeout(b, 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(await rejection(timedB)).toBeInstanceOf(CanceledError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("case 106 (decision): one operation may be watched any number of times; its completed slot stays free", async () => {
    const { op, gate: g } = pending(kind, 3);
    const first = withTimeout(op, 1_000);
    const second = withTimeout(op, 2_000);
    const record = recorder();
    op.completed = record.handler;
    g.open();
    await expect(first).resolves.toBe(kind.expected(3));
    await expect(second).resolves.toBe(kind.expected(3));
    await expect(withTimeout(op, 0)).resolves.toBe(kind.expected(3));
    await microtasks();
    expect(record.calls).toEqual([{ sender: op, status: AsyncStatus.completed }]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("canceling the returned operation cancels the input and clears the timer at once", async () => {
    const { op } = pending(kind, 1);
    const timed = withTimeout(op, 1_000);
    expect(vi.getTimerCount()).toBe(1);
    timed.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(timed.status).toBe(AsyncStatus.canceled);
    expect(op.status).toBe(AsyncStatus.canceled);
    expect(await rejection(timed)).toBeInstanceOf(CanceledError);
    await timed[Symbol.asyncDispose]();
  });
});

describe("withTimeout: inputs of every shape", () => {
  it("a foreign input that runs out of time gets cancel() once and its completed assigned once", async () => {
    const f = foreign();
    const timed = withTimeout(f.op, 10);
    expect(f.counts.completed).toBe(1);
    const outcome = rejection(timed);
    await vi.advanceTimersByTimeAsync(10);
    expect(await outcome).toBeInstanceOf(TimeoutError);
    expect(f.counts.cancel).toBe(1);
    expect(f.op.status).toBe(AsyncStatus.canceled);
  });

  it("a foreign input that completes in time gives its result", async () => {
    const f = foreign();
    const timed = withTimeout(f.op, 10);
    f.finish(AsyncStatus.completed, 8);
    await expect(timed).resolves.toBe(8);
    expect(f.counts.cancel).toBe(0);
  });

  it("a plain promise times out too (it cannot be canceled); its late rejection is absorbed", async () => {
    const unhandled = watchUnhandledRejections();
    const g = gate();
    const late = g.promise.then(() => {
      throw new Error("late");
    });
    const timed = withTimeout(late, 10);
    const outcome = rejection(timed);
    await vi.advanceTimersByTimeAsync(10);
    expect(await outcome).toBeInstanceOf(TimeoutError);
    g.open();
    await microtasks();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it("honours times longer than setTimeout allows (2^31 - 1 ms) instead of firing at once", async () => {
    const never = new Promise<number>(() => undefined);
    const long = 2 ** 31 + 1_000;
    const timed = withTimeout(never, long);
    const outcome = rejection(timed);
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(timed.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timed.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBeInstanceOf(TimeoutError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("returns an AsyncOperation", () => {
    const timed = withTimeout(Promise.resolve(1), 5);
    expect(timed).toBeInstanceOf(AsyncOperation);
    timed.cancel();
  });
});

describe("withTimeout bad input", () => {
  it("throws RangeError for a negative, NaN or infinite time, saying what was expected", () => {
    const op = AsyncOperation.fromResult(1);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => withTimeout(op, bad)).toThrow(RangeError);
      expect(() => withTimeout(op, bad)).toThrow(/finite, non-negative number of milliseconds/);
    }
  });

  it("throws TypeError for a time that is not a number, or an input that is neither an operation nor a promise-like", () => {
    expect(() => withTimeout(AsyncOperation.fromResult(1), "10" as never)).toThrow(TypeError);
    expect(() => withTimeout(AsyncOperation.fromResult(1), "10" as never)).toThrow(/number of milliseconds/);
    expect(() => withTimeout(42 as never, 10)).toThrow(/async operation.*promise-like/);
  });

  it("throws before touching the input or setting a timer", () => {
    const f = foreign();
    expect(() => withTimeout(f.op, -5)).toThrow(RangeError);
    expect(f.counts.completed).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
