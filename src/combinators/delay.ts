import { AsyncAction } from "../operations/async-action.js";
import type { CombinatorOptions } from "./inputs.js";
import { readRunOptions } from "../options.js";
import { readMilliseconds, startTimer } from "./timer.js";

/** Options of `delay`: `signal` and `description`, forwarded to the action's `run`. */
export type DelayOptions = CombinatorOptions;

/**
 * An `AsyncAction` that completes after `milliseconds` (on a timer, never synchronously, even for 0).
 * Canceling it, or aborting `options.signal`, ends it `canceled` and clears its timer at once, inside
 * `cancel()`; an already-aborted signal gives an action that starts `canceled` and sets no timer. Nothing is
 * left behind once it settles: no timer, no listener on the signal. Delays longer than `setTimeout` allows
 * are honoured.
 *
 * Throws synchronously: `TypeError` for a `milliseconds` that is not a number or for malformed options;
 * `RangeError` for a negative, NaN or infinite `milliseconds`.
 */
export function delay(milliseconds: number, options?: DelayOptions): AsyncAction {
  const ms = readMilliseconds(milliseconds, "delay");
  const runOptions = readRunOptions(options, "delay");
  return AsyncAction.run(
    (ctx) =>
      new Promise<void>((resolve) => {
        const timer = startTimer(ms, resolve);
        ctx.onCancel(() => {
          timer.clear();
          resolve();
        });
      }),
    runOptions,
  );
}
