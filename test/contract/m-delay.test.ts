// delay (DESIGN 1.3): an AsyncAction that completes after the given time; canceling it (or aborting its signal)
// clears the timer at once, inside cancel(); nothing is left on the signal once it settles.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AsyncAction, AsyncStatus, CanceledError, delay } from "../../src/index.js";
import { rejection } from "../helpers/caught.js";

/** Fake setTimeout/clearTimeout only: promises and microtasks stay real. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe("delay", () => {
  it("is an AsyncAction that completes once the time has passed, not before", async () => {
    const action = delay(100);
    expect(action).toBeInstanceOf(AsyncAction);
    await vi.advanceTimersByTimeAsync(99);
    expect(action.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(1);
    expect(action.status).toBe(AsyncStatus.completed);
    await expect(action).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("delay(0) completes on a timer, never synchronously", async () => {
    const action = delay(0);
    expect(action.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(0);
    expect(action.status).toBe(AsyncStatus.completed);
  });

  it("canceling it clears its timer at once, inside cancel()", async () => {
    const action = delay(1_000);
    expect(vi.getTimerCount()).toBe(1);
    action.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(action.status).toBe(AsyncStatus.canceled);
    expect(await rejection(action)).toBeInstanceOf(CanceledError);
    await action[Symbol.asyncDispose]();
  });

  it("aborting options.signal cancels it, clears the timer and removes its one listener", async () => {
    const controller = new AbortController();
    const action = delay(1_000, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(action.status).toBe(AsyncStatus.canceled);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    const error = await rejection(action);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as CanceledError).cause).toBe(reason);
  });

  it("removes its listener from options.signal when it completes", async () => {
    const controller = new AbortController();
    const action = delay(10, { signal: controller.signal, description: "pause" });
    expect(action.description).toBe("pause");
    await vi.advanceTimersByTimeAsync(10);
    await action;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("an already-aborted signal: starts canceled and sets no timer", () => {
    const action = delay(1_000, { signal: AbortSignal.abort() });
    expect(action.status).toBe(AsyncStatus.canceled);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("honours times longer than setTimeout allows (2^31 - 1 ms)", async () => {
    const action = delay(2 ** 31 + 5);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(action.status).toBe(AsyncStatus.started);
    await vi.advanceTimersByTimeAsync(5);
    expect(action.status).toBe(AsyncStatus.completed);
  });
});

describe("delay bad input", () => {
  it("throws RangeError for a negative, NaN or infinite time, saying what was expected", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => delay(bad)).toThrow(RangeError);
      expect(() => delay(bad)).toThrow(/delay expects a finite, non-negative number of milliseconds/);
    }
  });

  it("throws TypeError for a time that is not a number, or malformed options; no timer is set", () => {
    expect(() => delay("5" as never)).toThrow(TypeError);
    expect(() => delay(5, "soon" as never)).toThrow(/delay options must be an object/);
    expect(() => delay(5, { signal: {} as never })).toThrow(/options.signal must be an AbortSignal/);
    expect(() => delay(5, { description: 1 as never })).toThrow(/options.description must be a string/);
    expect(vi.getTimerCount()).toBe(0);
  });
});
