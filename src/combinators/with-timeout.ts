import { AsyncOperation } from "../operations/async-operation.js";
import { TimeoutError } from "../errors.js";
import {
  type AsyncInput,
  type CombinatorOptions,
  type ResultOf,
  abandon,
  cancelInput,
  classifyAll,
  subscribeAll,
} from "./inputs.js";
import { readRunOptions } from "../options.js";
import { decideOutcome } from "../core/body-context.js";
import { AsyncStatus } from "../status.js";
import { type Timer, readMilliseconds, startTimer } from "./timer.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";

/** Options of `withTimeout`: `signal` and `description`, forwarded to the returned operation's `run`. */
export type WithTimeoutOptions = CombinatorOptions;

/**
 * Gives `input` at most `milliseconds` to finish. Returns an `AsyncOperation` of the input's result type
 * (`AsyncOperation<void>` for an action) that ends as the input ends (`completed` with its result, `error` with
 * its error, `canceled` if it was canceled) when that happens in time. Otherwise it ends in `error` with a
 * `TimeoutError` (`hresult` `ERROR_TIMEOUT`; not a cancellation) and the input is canceled (its `cancel()` is
 * called, when it has one). The input may be an operation of this library (nothing is consumed, so any number
 * of `withTimeout` calls may watch one operation), a foreign WinRT-shaped object (its `completed` is assigned,
 * as `toPromise` does) or a plain promise-like (which cannot be canceled).
 *
 * Canceling the returned operation cancels the input and clears the timer. The timer is cleared as soon as the
 * returned operation settles, so it never keeps the process alive afterwards; a late outcome of the input is
 * absorbed (never an unhandled rejection). Delays longer than `setTimeout` allows are honoured.
 *
 * `options.signal` cancels the returned operation (and so the input; an already-aborted signal gives an
 * operation that starts `canceled` and cancels the input at once); `options.description` labels it.
 *
 * Throws synchronously, before touching the input: `TypeError` for an input that is neither an async operation
 * nor a promise-like, a `milliseconds` that is not a number, or malformed options; `RangeError` for a negative,
 * NaN or infinite `milliseconds`.
 */
export function withTimeout<T extends AsyncInput>(
  input: T,
  milliseconds: number,
  options?: WithTimeoutOptions,
): AsyncOperation<ResultOf<T>>;
export function withTimeout(input: unknown, milliseconds: number, options?: WithTimeoutOptions): AsyncOperation<unknown> {
  const inputs = classifyAll([input], "withTimeout", false);
  const ms = readMilliseconds(milliseconds, "withTimeout");
  const runOptions = readRunOptions(options, "withTimeout");
  let bodyRan = false;
  const op = AsyncOperation.run<unknown>(
    (ctx) =>
      // The outcome is decided through `decideOutcome`; the body's own promise only says the body is over.
      new Promise<unknown>((resolve) => {
        bodyRan = true;
        let timer: Timer | undefined;
        let registration: Disposable | undefined;
        let settled = false;
        let giveUp: ((lateTaken: boolean) => void) | undefined;
        /** True the first time only: gives up on the input, clears the timer and the cancel callback. */
        const end = (lateTaken: boolean): boolean => {
          if (settled) return false;
          settled = true;
          giveUp?.(lateTaken);
          timer?.clear();
          registration?.[disposeSymbol]();
          timer = registration = giveUp = undefined;
          return true;
        };
        // The returned operation was canceled (it already is `canceled`): cancel the input, let the body end.
        // Nobody sees what the input still delivers then: a failure of it goes to the unobserved-error report.
        registration = ctx.onCancel(() => {
          if (!end(false)) return;
          cancelInput(input);
          resolve(undefined);
        });
        giveUp = subscribeAll(inputs, (outcome, value) => {
          if (end(true)) {
            decideOutcome(ctx, outcome, value);
            resolve(undefined);
          }
          return true;
        });
        timer = startTimer(ms, () => {
          if (!end(true)) return;
          // Decided before the input is canceled: its cancel() re-entering cannot change the outcome.
          decideOutcome(ctx, AsyncStatus.error, new TimeoutError(`The operation did not finish within ${ms} ms.`));
          cancelInput(input);
          resolve(undefined);
        });
      }),
    runOptions,
  );
  // An already-aborted signal: the body never ran, the returned operation is canceled, and so is the input.
  if (!bodyRan) abandon(inputs, true);
  return op;
}
