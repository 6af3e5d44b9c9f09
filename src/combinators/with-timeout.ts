import { AsyncOperation } from "../operations/async-operation.js";
import { TimeoutError } from "../errors.js";
import { type AsyncInput, type ResultOf, cancelInput, classify, subscribe } from "./inputs.js";
import { type Timer, readMilliseconds, startTimer } from "./timer.js";
import { disposeSymbol } from "../symbols.js";
import type { Disposable } from "../types.js";

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
 * Throws synchronously, before touching the input: `TypeError` for an input that is neither an async operation
 * nor a promise-like, or a `milliseconds` that is not a number; `RangeError` for a negative, NaN or infinite one.
 */
export function withTimeout<T extends AsyncInput>(input: T, milliseconds: number): AsyncOperation<ResultOf<T>>;
export function withTimeout(input: unknown, milliseconds: number): AsyncOperation<unknown> {
  const kind = classify(input, "withTimeout", -1);
  const ms = readMilliseconds(milliseconds, "withTimeout");
  return AsyncOperation.run<unknown>(
    (ctx) =>
      new Promise<unknown>((resolve, reject) => {
        let timer: Timer | undefined;
        let registration: Disposable | undefined;
        let settled = false;
        /** True the first time only: clears the timer and the cancel callback. */
        const end = (): boolean => {
          if (settled) return false;
          settled = true;
          timer?.clear();
          registration?.[disposeSymbol]();
          timer = registration = undefined;
          return true;
        };
        // The returned operation was canceled (it already is `canceled`): cancel the input, let the body end.
        registration = ctx.onCancel(() => {
          if (!end()) return;
          cancelInput(input);
          resolve(undefined);
        });
        subscribe(
          input,
          kind,
          (ok, value) => {
            if (!end()) return;
            if (ok) resolve(value);
            else reject(value);
          },
          0,
        );
        timer = startTimer(ms, () => {
          if (!end()) return;
          reject(new TimeoutError(`The operation did not finish within ${ms} ms.`));
          cancelInput(input);
        });
      }),
  );
}
