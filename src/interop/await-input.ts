import { AsyncStatus } from "../status.js";
import { type SettleCallback, isOwnOperation } from "../core/async-core.js";
import { rejectionOutcome } from "../core/outcome.js";
import { ThenReadFailure, type ThenMethod, promiseThrough, readThen } from "../core/thenable.js";
import { isCanceledError } from "../errors.js";
import { isWinRTShaped, wrapperFailure } from "./to-promise.js";
import { onSettled } from "./on-settled.js";

/**
 * Internal to the package: how the coroutine driver awaits one yielded value. Calls `callback(outcome, value, token)`
 * once, asynchronously, with the outcome, the way `toPromise(x)` (or `await x` for a plain thenable) would: our
 * operations and foreign WinRT-shaped objects through `onSettled` (the status decides, DESIGN 4.7 #2), wrappers
 * through their `then` (a cancellation in any known shape arrives as a `CanceledError`), other thenables as
 * `Promise.resolve` follows them; `then` is read once (DESIGN 4.7 #3). Returns false, calling nothing, for a value
 * that is none of these. `read` is the `then` `wait` read already (or what reading it threw), when it did. Throws
 * what subscribing throws synchronously (a closed operation, a foreign `completed`
 * already taken, a throwing `then` getter or a revoked `Proxy`): the driver throws it at the `yield`.
 */
export function awaitInput(value: unknown, callback: SettleCallback, token: number, read?: unknown): boolean {
  if (read instanceof ThenReadFailure) throw read.error;
  if (read === undefined && (isOwnOperation(value) || isWinRTShaped(value))) {
    onSettled(value, callback, token);
    return true;
  }
  const then = read === undefined ? readThen(value) : (read as ThenMethod);
  if (then === undefined) return false;
  const onFulfilled = (result: unknown): void => {
    callback(AsyncStatus.completed, result, token);
  };
  const onRejected = hasCancel(value)
    ? // A projection's promise wrapper: its rejection may mean "canceled" in one of several shapes.
      (error: unknown): void => {
        const failure = wrapperFailure(value as { operation?: unknown }, error);
        callback(failure !== error || isCanceledError(failure) ? AsyncStatus.canceled : AsyncStatus.error, failure, token);
      }
    : (error: unknown): void => {
        callback(rejectionOutcome(error), error, token);
      };
  // A native promise through the `then` just read (its reactions need no extra promise); any other thenable
  // through a promise that calls that same function, never reading `then` again.
  if (isNativePromise(value)) then.call(value, onFulfilled, onRejected);
  else void promiseThrough(value, then).then(onFulfilled, onRejected);
  return true;
}

/** Whether a thenable also has `cancel()` (a wrapper); a throwing getter says no. */
function hasCancel(value: unknown): boolean {
  try {
    return typeof (value as { cancel?: unknown }).cancel === "function";
  } catch {
    return false;
  }
}

/** `value instanceof Promise`, never throwing (a `Proxy`'s `getPrototypeOf` trap may). */
function isNativePromise(value: unknown): value is Promise<unknown> {
  try {
    return value instanceof Promise;
  } catch {
    return false;
  }
}
