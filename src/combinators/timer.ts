// The one timer `withTimeout` and `delay` use: validated milliseconds, and delays beyond what `setTimeout`
// accepts (2^31 - 1 ms, about 24.8 days) re-armed in steps instead of firing at once.
import { describe } from "../describe.js";

/** The largest delay `setTimeout` honours; a larger one fires at once (with a warning in Node). */
const MAX_TIMER_DELAY = 0x7fffffff;

/** Throws `TypeError` for a non-number and `RangeError` for a negative, NaN or infinite one; returns it. */
export function readMilliseconds(milliseconds: unknown, caller: string): number {
  if (typeof milliseconds !== "number") {
    throw new TypeError(`${caller} expects a number of milliseconds, got ${describe(milliseconds)}`);
  }
  if (!Number.isFinite(milliseconds) || milliseconds < 0) {
    throw new RangeError(
      `${caller} expects a finite, non-negative number of milliseconds, got ${String(milliseconds)}`,
    );
  }
  return milliseconds;
}

/** A running timer; `clear()` stops it and may be called any number of times. */
export interface Timer {
  clear(): void;
}

/** Calls `callback` once after `milliseconds` (already validated). Nothing is left scheduled after it fires or is cleared. */
export function startTimer(milliseconds: number, callback: () => void): Timer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  let remaining = milliseconds;
  const arm = (): void => {
    const step = Math.min(remaining, MAX_TIMER_DELAY);
    remaining -= step;
    handle = setTimeout(fire, step);
  };
  const fire = (): void => {
    if (remaining > 0) {
      arm();
      return;
    }
    handle = undefined;
    callback();
  };
  arm();
  return {
    clear(): void {
      if (handle === undefined) return;
      clearTimeout(handle);
      handle = undefined;
    },
  };
}
